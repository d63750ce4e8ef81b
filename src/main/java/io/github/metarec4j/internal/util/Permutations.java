package io.github.metarec4j.internal.util;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded random orderings (Fisher-Yates), the one implementation every sampler uses. Stateless; thread-safe. */
public final class Permutations {

    private Permutations() {
    }

    /** A uniformly random permutation of {@code 0..n-1}. */
    public static int[] of(int n, SplittableRandom random) {
        return sample(n, n, random);
    }

    /** {@code count} distinct values of {@code 0..n-1}, uniformly at random, in random order. */
    public static int[] sample(int n, int count, SplittableRandom random) {
        Checks.argument(count >= 0 && count <= n, "cannot draw " + count + " distinct values out of " + n);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(n - i);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return count == n ? p : Arrays.copyOf(p, count);
    }
}
