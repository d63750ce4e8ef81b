package io.github.metarec4j.internal.util;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * The integrity check of the library's small binary formats ({@code UserModel} bytes, training
 * checkpoints): a CRC-32 of the content, appended as four big-endian bytes. It catches every
 * single-byte change and every truncation; it is not a signature (whoever can write the bytes
 * can recompute it), so readers also check the values they read.
 *
 * <p>Stateless; thread-safe.
 */
public final class Crc32Trailer {

    /** Bytes of the trailer. */
    public static final int LENGTH = 4;

    private Crc32Trailer() {
    }

    /** {@code content} followed by its CRC-32. */
    public static byte[] append(byte[] content) {
        byte[] out = Arrays.copyOf(content, content.length + LENGTH);
        ByteBuffer.wrap(out, content.length, LENGTH).putInt(crc(content, content.length));
        return out;
    }

    /** Whether {@code bytes} end in the CRC-32 of what comes before (false if too short to hold one). */
    public static boolean matches(byte[] bytes) {
        int n = bytes.length - LENGTH;
        return n >= 0 && crc(bytes, n) == ByteBuffer.wrap(bytes, n, LENGTH).getInt();
    }

    private static int crc(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }
}
