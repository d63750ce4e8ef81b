package io.github.metarec4j.internal.task;

import io.github.metarec4j.internal.util.Checks;
import io.github.metarec4j.internal.util.Permutations;

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
        checkKShot(minK, maxK, maxQuery);
        return (history, random) -> {
            int n = Checks.notNull(history, "history").size();
            int s = kShotSupportSize(n, minK, maxK, random);
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
     * Temporal K-shot: the support set is the user's first {@code k} interactions, {@code k}
     * drawn uniformly from {@code [minK, maxK]} (but leaving at least {@code min(5, size / 2)}
     * interactions after it); the query set is up to {@code maxQuery} of the later interactions,
     * drawn at random and kept in time order. Training tasks cut this way look like what a new
     * user brings: their first interactions, to predict what they do next.
     */
    static TaskSplitter temporalKShot(int minK, int maxK, int maxQuery) {
        checkKShot(minK, maxK, maxQuery);
        return (history, random) -> {
            int n = Checks.notNull(history, "history").size();
            int s = kShotSupportSize(n, minK, maxK, random);
            int later = n - s;
            if (s < 1 || later < 1) {
                return Optional.empty();
            }
            int q = Math.min(maxQuery, later);
            int[] pick = Arrays.copyOf(Permutations.of(later, random), q);
            Arrays.sort(pick);
            for (int i = 0; i < q; i++) {
                pick[i] += s;
            }
            return Optional.of(history.task(range(0, s), pick));
        };
    }

    /**
     * The cold-start protocol's new-user rule: the support set is the user's first {@code k}
     * interactions, the query set those from position {@code queryStart} on (0-based; the
     * interactions between are neither), up to {@code maxQuery}. Needs at least
     * {@code queryStart + minQuery} interactions. CS100K's rule is {@code protocol(10, 20, 5, ...)}:
     * the first 10 as support, the 21st on as query, for users with 25 or more.
     */
    static TaskSplitter protocol(int k, int queryStart, int minQuery, int maxQuery) {
        Checks.positive(k, "k");
        Checks.argument(queryStart >= k, "queryStart (" + queryStart + ") must be >= k (" + k + ")");
        Checks.positive(minQuery, "minQuery");
        Checks.argument(maxQuery >= minQuery, "maxQuery (" + maxQuery + ") must be >= minQuery (" + minQuery + ")");
        return (history, random) -> {
            int n = Checks.notNull(history, "history").size();
            if (n < queryStart + minQuery) {
                return Optional.empty();
            }
            return Optional.of(history.task(range(0, k), range(queryStart, Math.min(n, queryStart + maxQuery))));
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

    private static void checkKShot(int minK, int maxK, int maxQuery) {
        Checks.positive(minK, "minK");
        Checks.argument(maxK >= minK, "maxK (" + maxK + ") must be >= minK (" + minK + ")");
        Checks.positive(maxQuery, "maxQuery");
    }

    /** A K-shot support size: k uniform in [minK, maxK], leaving min(5, n / 2) interactions after it. */
    private static int kShotSupportSize(int n, int minK, int maxK, SplittableRandom random) {
        int k = minK == maxK ? minK : minK + random.nextInt(maxK - minK + 1);
        return Math.min(k, n - Math.min(5, n / 2));
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

}
