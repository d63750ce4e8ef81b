package io.github.metarec4j;

import io.github.metarec4j.internal.util.Checks;
import io.github.metarec4j.internal.util.Crc32Trailer;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The framing that {@link UserModel} and {@link MetaRecommender.UserSession} bytes share: a
 * magic number and a format before the fields, a CRC-32 after them, and readers of arrays and
 * ids that check every count and value. Messages name the type and say how to make good
 * bytes again ({@code remedy}).
 *
 * <p>Stateless; thread-safe.
 */
final class ValueBytes {

    /** The magic number and the format, before the fields. */
    static final int HEADER = 8;

    private ValueBytes() {
    }

    /**
     * Checks the header and the checksum of {@code bytes}, and returns their format.
     *
     * @param formats the formats this version reads, in words ("formats 2 and 3", "format 1")
     * @throws IllegalArgumentException if the bytes are too few, of another type or format, or damaged
     */
    static int checkFrame(byte[] bytes, int magic, String type, Set<Integer> readable, String formats, String remedy) {
        Checks.notNull(bytes, "bytes");
        int least = HEADER + Crc32Trailer.LENGTH;
        Checks.argument(bytes.length >= least, "these " + bytes.length + " bytes are too few to be a " + type
                + " (at least " + least + "); pass what " + type + ".toBytes() produced");
        ByteBuffer header = ByteBuffer.wrap(bytes);
        Checks.argument(header.getInt() == magic, "these bytes are not a " + type + " (wrong magic number); "
                + "pass what " + type + ".toBytes() produced");
        int format = header.getInt();
        Checks.argument(readable.contains(format), type + " format " + format + " is not supported; this "
                + "version reads " + formats + " (with a checksum): " + remedy);
        Checks.argument(Crc32Trailer.matches(bytes), "this " + type + "'s checksum does not match its " + bytes.length
                + " bytes: they were damaged or truncated in storage or transit; " + remedy);
        return format;
    }

    static void writeIds(DataOutputStream out, Set<String> ids) throws IOException {
        out.writeInt(ids.size());
        for (String id : ids) {
            out.writeUTF(id);
        }
    }

    static Set<String> readIds(DataInputStream in, String type, String what, String remedy) throws IOException {
        int n = in.readInt();
        Checks.argument(n >= 0 && n <= in.available() / 2, "a " + type + "'s count of " + what + " is damaged: "
                + n + "; " + remedy);
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < n; i++) {
            ids.add(in.readUTF());
        }
        return ids;
    }

    static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    static float[] readFloats(DataInputStream in, String type, String what, String remedy) throws IOException {
        int n = in.readInt();
        Checks.argument(n >= 0 && n <= in.available() / 4, "a " + type + " array length is damaged: " + n
                + "; " + remedy);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readFloat();
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("this " + type + "'s " + what + " " + i + " is " + values[i]
                        + ", not a finite number; " + remedy);
            }
        }
        return values;
    }
}
