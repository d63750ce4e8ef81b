package io.github.metarec4j.eval;

import io.github.metarec4j.internal.util.Checks;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The protocol's order of items (PROTOCOL.md version 2): score descending, then
 * {@code h(key) = (key * 2654435761) mod 2^32} ascending, where {@code key} is the item's
 * {@link IdKey} (a fixed shuffle: in MovieLens low ids are the popular films, so breaking
 * ties by id would hand a constant scorer a popularity ranking). Items whose hashes are
 * equal too are ordered by id. Scores are compared as numbers, so {@code -0.0} and
 * {@code 0.0} tie.
 *
 * <pre>{@code
 * Ranking ranking = Ranking.of(IdKey.INTEGER);
 * List<String> top10 = ranking.top(candidates, scores, 10);
 * }</pre>
 *
 * <p>Immutable; thread-safe.
 */
public final class Ranking {

    private static final long MULTIPLIER = 2654435761L;

    private final IdKey idKey;

    private Ranking(IdKey idKey) {
        this.idKey = idKey;
    }

    /** The protocol's ranking of items keyed by {@code idKey}. */
    public static Ranking of(IdKey idKey) {
        return new Ranking(Checks.notNull(idKey, "idKey"));
    }

    /** The tie-break hash {@code (key * 2654435761) mod 2^32}, in {@code [0, 2^32)}, of any whole-number key. */
    public static long hash(long key) {
        // only the low 32 bits of the operands reach the low 32 bits of the product, so
        // wrapping 64-bit arithmetic gives Python's (key * m) % 2**32, negative keys included
        return (key * MULTIPLIER) & 0xFFFFFFFFL;
    }

    /** The tie-break value of an item: {@link #hash} of its key; lower ranks first among equal scores. */
    public long tieBreak(String itemId) {
        return hash(idKey.of(itemId, "item"));
    }

    /**
     * The positions of {@code items} in ranked order: {@code order[0]} is the position of
     * the best item.
     *
     * @param scores one finite score per item, higher is better
     * @throws IllegalArgumentException if the lengths differ or a score is not finite
     */
    public int[] order(List<String> items, double[] scores) {
        Comparator<Integer> better = comparator(items, scores);
        Integer[] positions = new Integer[items.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i;
        }
        Arrays.sort(positions, better);
        return Arrays.stream(positions).mapToInt(Integer::intValue).toArray();
    }

    /**
     * The best {@code n} of {@code items} in ranked order (all of them if there are fewer).
     *
     * @param scores one finite score per item, higher is better
     * @throws IllegalArgumentException if {@code n <= 0}, the lengths differ or a score is not finite
     */
    public List<String> top(List<String> items, double[] scores, int n) {
        Checks.positive(n, "n (the length of the list)");
        Comparator<Integer> better = comparator(items, scores);
        // the worst of the best n at the head, so that it is the one to drop
        PriorityQueue<Integer> heap = new PriorityQueue<>(n + 1, better.reversed());
        for (int i = 0; i < items.size(); i++) {
            if (heap.size() < n) {
                heap.add(i);
            } else if (better.compare(i, heap.peek()) < 0) {
                // only an item that beats the worst kept enters: most of a large catalogue never touches the heap
                heap.poll();
                heap.add(i);
            }
        }
        String[] out = new String[heap.size()];
        for (int i = out.length - 1; i >= 0; i--) {
            out[i] = items.get(heap.poll());
        }
        return List.of(out);
    }

    private Comparator<Integer> comparator(List<String> items, double[] scores) {
        Checks.notNull(items, "items");
        Checks.notNull(scores, "scores");
        Checks.argument(items.size() == scores.length, "one score per item is needed: " + items.size()
                + " items, " + scores.length + " scores");
        long[] ties = new long[scores.length];
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("the score of item '" + Checks.shown(items.get(i)) + "' is "
                        + scores[i] + "; scores must be finite numbers to be ranked");
            }
            ties[i] = tieBreak(items.get(i));
        }
        return (a, b) -> {
            if (scores[a] > scores[b]) {
                return -1;
            } else if (scores[a] < scores[b]) {
                return 1;
            } else if (ties[a] != ties[b]) {
                return Long.compare(ties[a], ties[b]);
            }
            return items.get(a).compareTo(items.get(b));
        };
    }
}
