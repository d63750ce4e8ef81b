package io.github.metarec4j;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class TopKTest {

    private static final IntUnaryOperator IDENTITY = i -> i;

    @Test
    void bestFirstWithTiesInCatalogueOrder() {
        float[] scores = {0.5f, 2f, 1f, 2f, -3f, 1f};
        assertArrayEquals(new int[]{1, 3, 2}, TopK.best(scores, IDENTITY, scores.length, 3));
        assertArrayEquals(new int[]{1}, TopK.best(scores, IDENTITY, scores.length, 1));
    }

    @Test
    void skipsLeftOutPositionsAndReturnsFewerWhenFewerRemain() {
        float[] scores = {0.5f, 2f, 1f, 2f};
        IntUnaryOperator withoutFirstTwo = i -> i < 2 ? -1 : i;
        assertArrayEquals(new int[]{3, 2}, TopK.best(scores, withoutFirstTwo, scores.length, 10));
    }

    @Test
    void tiesFollowTheMappedCatalogueIndexNotThePosition() {
        float[] scores = {1f, 1f, 1f};
        int[] items = {7, 2, 5}; // candidates in the order given, mapped to catalogue indices
        assertArrayEquals(new int[]{1, 2, 0}, TopK.best(scores, i -> items[i], 3, 3));
    }

    @Test
    void agreesWithAFullSortForSmallAndLargeK() {
        SplittableRandom random = new SplittableRandom(4);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + random.nextInt(300);
            float[] scores = new float[n];
            for (int i = 0; i < n; i++) {
                scores[i] = random.nextInt(20) / 4f; // many ties
            }
            IntUnaryOperator item = i -> i % 7 == 3 ? -1 : i;
            int[] sorted = IntStream.range(0, n).filter(i -> item.applyAsInt(i) >= 0).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i))
                    .mapToInt(Integer::intValue).toArray();
            for (int k : new int[]{1, 10, 64, 65, 500}) {
                assertArrayEquals(Arrays.copyOf(sorted, Math.min(k, sorted.length)),
                        TopK.best(scores, item, n, k), "n=" + n + " k=" + k);
            }
        }
    }
}
