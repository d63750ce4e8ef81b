package io.github.metarec4j.internal.util;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class TopKTest {

    private static final IntUnaryOperator IDENTITY = i -> i;
    /** Tie keys that reverse the catalogue order. */
    private static final long[] REVERSED = {60, 50, 40, 30, 20, 10};

    @Test
    void bestFirstWithTiesByTheirKeyNotTheCatalogueOrder() {
        float[] scores = {0.5f, 2f, 1f, 2f, -3f, 1f};
        assertArrayEquals(new int[]{3, 1, 5}, TopK.best(scores, IDENTITY, REVERSED, scores.length, 3));
        assertArrayEquals(new int[]{3}, TopK.best(scores, IDENTITY, REVERSED, scores.length, 1));
        assertArrayEquals(new int[]{3, 1, 5, 2, 0, 4}, TopK.best(scores, IDENTITY, REVERSED, scores.length, 100),
                "the sorting path for large k breaks ties alike");
    }

    @Test
    void equalKeysFallBackToTheCatalogueIndex() {
        float[] scores = {1f, 1f, 1f};
        assertArrayEquals(new int[]{0, 1, 2}, TopK.best(scores, IDENTITY, new long[3], 3, 3));
    }

    @Test
    void skipsLeftOutPositionsAndReturnsFewerWhenFewerRemain() {
        float[] scores = {0.5f, 2f, 1f, 2f};
        IntUnaryOperator withoutFirstTwo = i -> i < 2 ? -1 : i;
        assertArrayEquals(new int[]{3, 2}, TopK.best(scores, withoutFirstTwo, REVERSED, scores.length, 10));
    }

    @Test
    void tiesFollowTheKeyOfTheMappedCatalogueIndexNotThePosition() {
        float[] scores = {1f, 1f, 1f};
        int[] items = {5, 2, 3}; // candidates in the order given, mapped to catalogue indices: keys 10, 40, 30
        assertArrayEquals(new int[]{0, 2, 1}, TopK.best(scores, i -> items[i], REVERSED, 3, 3));
    }

    @Test
    void agreesWithAFullSortForSmallAndLargeK() {
        SplittableRandom random = new SplittableRandom(4);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + random.nextInt(300);
            float[] scores = new float[n];
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) {
                scores[i] = random.nextInt(20) / 4f; // many ties
                keys[i] = random.nextInt(50); // some equal keys
            }
            IntUnaryOperator item = i -> i % 7 == 3 ? -1 : i;
            int[] sorted = IntStream.range(0, n).filter(i -> item.applyAsInt(i) >= 0).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingLong(i -> keys[i])
                            .thenComparingInt(i -> i))
                    .mapToInt(Integer::intValue).toArray();
            for (int k : new int[]{1, 10, 64, 65, 500}) {
                assertArrayEquals(Arrays.copyOf(sorted, Math.min(k, sorted.length)),
                        TopK.best(scores, item, keys, n, k), "n=" + n + " k=" + k);
            }
        }
    }
}
