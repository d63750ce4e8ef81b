package io.github.metarec4j.internal.util;

/**
 * Derives independent seeds from one configured seed, so every consumer of randomness
 * (an epoch's order, ID dropout, negative sampling) has its own stream and none depends
 * on how much another has drawn. Stateless; thread-safe.
 */
public final class Seeds {

    private Seeds() {
    }

    /** A seed for stream {@code stream} of {@code seed} (SplitMix64 finaliser of the pair). */
    public static long derive(long seed, long stream) {
        long z = seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
