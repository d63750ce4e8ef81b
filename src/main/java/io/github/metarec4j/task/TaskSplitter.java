package io.github.metarec4j.task;

import io.github.metarec4j.util.Checks;
import io.github.metarec4j.util.Permutations;

import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Cuts a user's history into a support set and a query set.
 *
 * <p>Implementations are immutable and thread-safe; randomness comes only from the
 * generator passed in, so a seeded generator gives reproducible splits.
 */
@FunctionalInterface
public interface TaskSplitter {

    /**
     * Splits {@code history}; empty if it is too short to give at least one support and one
     * query interaction.
     */
    Optional<Task> split(UserHistory history, SplittableRandom random);

    /**
     * Random K-shot: the support set is {@code k} random interactions, {@code k} drawn
     * uniformly from {@code [minK, maxK]} (but leaving at least
     * {@code min(5, size / 2)} interactions for the query); the query set is up to
     * {@code maxQuery} of the rest, at random. Training tasks are cut this way, afresh at
     * every epoch.
     */
    static TaskSplitter randomKShot(int minK, int maxK, int maxQuery) {
        Checks.positive(minK, "minK");
        Checks.argument(maxK >= minK, "maxK (" + maxK + ") must be >= minK (" + minK + ")");
        Checks.positive(maxQuery, "maxQuery");
        return (history, random) -> {
            int n = Checks.notNull(history, "history").size();
            int k = minK == maxK ? minK : minK + random.nextInt(maxK - minK + 1);
            int s = Math.min(k, n - Math.min(5, n / 2));
            int q = Math.min(maxQuery, n - s);
            if (s < 1 || q < 1) {
                return Optional.empty();
            }
            int[] order = Permutations.of(n, random);
            return Optional.of(history.task(Arrays.copyOfRange(order, 0, s), Arrays.copyOfRange(order, s, s + q)));
        };
    }

    /**
     * Temporal first-K: the support set is the user's first {@code k} interactions, the query
     * set the next ones, up to {@code maxQuery} (the cold-start situation: a new user's first
     * ratings predict the later ones). Needs at least {@code k + 1} interactions.
     */
    static TaskSplitter temporalFirstK(int k, int maxQuery) {
        Checks.positive(k, "k");
        Checks.positive(maxQuery, "maxQuery");
        return (history, random) -> {
            int n = Checks.notNull(history, "history").size();
            if (n <= k) {
                return Optional.empty();
            }
            int q = Math.min(maxQuery, n - k);
            return Optional.of(history.task(range(0, k), range(k, k + q)));
        };
    }

    /**
     * Fraction: a random {@code supportFraction} of the interactions (rounded, at least one)
     * is the support set, up to {@code maxQuery} of the rest the query set.
     */
    static TaskSplitter fraction(double supportFraction, int maxQuery) {
        Checks.argument(supportFraction > 0 && supportFraction < 1,
                "supportFraction must be in (0, 1), got " + supportFraction);
        Checks.positive(maxQuery, "maxQuery");
        return (history, random) -> {
            int n = Checks.notNull(history, "history").size();
            int s = Math.max(1, (int) Math.round(supportFraction * n));
            int q = Math.min(maxQuery, n - s);
            if (q < 1) {
                return Optional.empty();
            }
            int[] order = Permutations.of(n, random);
            return Optional.of(history.task(Arrays.copyOfRange(order, 0, s), Arrays.copyOfRange(order, s, s + q)));
        };
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

}
