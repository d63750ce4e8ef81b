package io.github.metarec4j.internal.util;

import java.nio.charset.StandardCharsets;

/**
 * The 32-bit FNV-1a hash of a string's UTF-8 bytes, as an unsigned number in
 * {@code [0, 2^32)}: offset basis {@code 2166136261}, prime {@code 16777619}, and for each
 * byte {@code hash = (hash XOR byte) * prime mod 2^32}. Stable across runs, machines and
 * languages. The protocol's key of non-numeric ids ({@code eval.IdKey.STABLE_HASH}) and the
 * tie-break of {@code MetaRecommender.recommend} both use it.
 *
 * <p>Stateless; thread-safe.
 */
public final class StableHash {

    private static final long OFFSET_BASIS = 2166136261L;
    private static final long PRIME = 16777619L;
    private static final long LOW_32_BITS = 0xFFFFFFFFL;

    private StableHash() {
    }

    /** FNV-1a of {@code text}'s UTF-8 bytes, in {@code [0, 2^32)}. */
    public static long fnv1a32(String text) {
        Checks.notNull(text, "text");
        long hash = OFFSET_BASIS;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash = ((hash ^ (b & 0xFF)) * PRIME) & LOW_32_BITS;
        }
        return hash;
    }
}
