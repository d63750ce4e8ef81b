package io.github.metarec4j.internal.util;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * Selects the best {@code k} of {@code n} scored positions without boxing: a sorted array of
 * at most {@code k} positions, into which a position is inserted only when it beats the
 * worst kept one. For a top-10 over a catalogue almost every position is rejected with one
 * comparison, so the selection costs about one pass over the scores.
 *
 * <p>Order: higher score first ({@link Float#compare} order); among equal scores, lower tie
 * key first ({@code tieKeys[catalogue index]}: {@code MetaRecommender} passes the FNV-1a hash
 * of each item id, so that ties follow neither the catalogue order nor the ids' order); among
 * equal keys, lower catalogue index.
 *
 * <p>Stateless; thread-safe.
 */
public final class TopK {

    /** Above this {@code k}, insertion (up to {@code k} moves per position) gives way to a sort. */
    private static final int INSERTION_LIMIT = 64;

    private TopK() {
    }

    /**
     * Positions {@code [0, n)} ordered best first (see the class comment), at most {@code k}
     * of them. Positions that {@code item} maps to a negative index are skipped.
     *
     * @param item    maps a position to its catalogue index, or to -1 to leave it out
     * @param tieKeys the tie key of every catalogue index
     */
    public static int[] best(float[] scores, IntUnaryOperator item, long[] tieKeys, int n, int k) {
        if (k > INSERTION_LIMIT) {
            return Arrays.stream(validPositions(item, n)).boxed()
                    .sorted((a, b) -> better(scores, item, tieKeys, a, b) ? -1
                            : better(scores, item, tieKeys, b, a) ? 1 : 0)
                    .limit(k).mapToInt(Integer::intValue).toArray();
        }
        int[] kept = new int[k];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (item.applyAsInt(i) < 0 || (count == k && !better(scores, item, tieKeys, i, kept[k - 1]))) {
                continue;
            }
            int j = count < k ? count++ : k - 1;
            while (j > 0 && better(scores, item, tieKeys, i, kept[j - 1])) {
                kept[j] = kept[j - 1];
                j--;
            }
            kept[j] = i;
        }
        return Arrays.copyOf(kept, count);
    }

    private static int[] validPositions(IntUnaryOperator item, int n) {
        int[] valid = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (item.applyAsInt(i) >= 0) {
                valid[count++] = i;
            }
        }
        return Arrays.copyOf(valid, count);
    }

    /** Whether position {@code a} ranks above position {@code b}. */
    private static boolean better(float[] scores, IntUnaryOperator item, long[] tieKeys, int a, int b) {
        int byScore = Float.compare(scores[a], scores[b]);
        if (byScore != 0) {
            return byScore > 0;
        }
        int itemA = item.applyAsInt(a);
        int itemB = item.applyAsInt(b);
        return tieKeys[itemA] != tieKeys[itemB] ? tieKeys[itemA] < tieKeys[itemB] : itemA < itemB;
    }
}
