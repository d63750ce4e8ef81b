package io.github.metarec4j.eval;

import io.github.metarec4j.internal.util.Checks;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * What a method did for one evaluated user, as the metrics read it: the query items with
 * their true values, the order in which the method ranks them, and its top-N list of
 * candidates.
 *
 * <pre>{@code
 * UserOutcome u = UserOutcome.of("7", List.of("a", "b", "c"), new double[]{5, 3, 4},
 *         new double[]{0.9, 0.8, 0.1}, List.of("a", "x"), Ranking.of(IdKey.STABLE_HASH));
 * double ndcg = Ndcg.cs100k(3).evaluate(u).orElseThrow();
 * }</pre>
 *
 * <p>Immutable (arrays are copied in and out); thread-safe.
 */
public final class UserOutcome {

    private final String userId;
    private final List<String> queryItems;
    private final double[] queryValues;
    private final int[] queryOrder;
    private final List<String> topN;

    /**
     * @param userId      the user
     * @param queryItems  the query items
     * @param queryValues their true values (ratings), one per item
     * @param queryOrder  the method's ranking of the query: the positions of {@code queryItems}, best first
     *                    (a permutation of {@code 0 .. n-1})
     * @param topN        the method's top-N list of candidates, best first
     * @throws IllegalArgumentException if the lengths differ or {@code queryOrder} is not a permutation
     */
    public UserOutcome(String userId, List<String> queryItems, double[] queryValues, int[] queryOrder,
                       List<String> topN) {
        this.userId = Checks.notBlank(userId, "userId");
        this.queryItems = List.copyOf(Checks.notNull(queryItems, "queryItems"));
        this.queryValues = Checks.notNull(queryValues, "queryValues").clone();
        this.queryOrder = Checks.notNull(queryOrder, "queryOrder").clone();
        this.topN = List.copyOf(Checks.notNull(topN, "topN"));
        int n = this.queryItems.size();
        Checks.argument(this.queryValues.length == n && this.queryOrder.length == n, "queryItems, queryValues "
                + "and queryOrder must have one entry per query item: " + n + ", " + this.queryValues.length + ", "
                + this.queryOrder.length);
        boolean[] seen = new boolean[n];
        for (int p : this.queryOrder) {
            Checks.argument(p >= 0 && p < n && !seen[p], "queryOrder must list each position 0.." + (n - 1)
                    + " once, got position " + p + " out of range or twice");
            seen[p] = true;
        }
    }

    /**
     * The outcome of a user whose query the method scored with {@code queryScores}, the
     * query ranked by {@code ranking}.
     */
    public static UserOutcome of(String userId, List<String> queryItems, double[] queryValues, double[] queryScores,
                                 List<String> topN, Ranking ranking) {
        Checks.notNull(ranking, "ranking");
        return new UserOutcome(userId, queryItems, queryValues, ranking.order(queryItems, queryScores), topN);
    }

    /** The user. */
    public String userId() {
        return userId;
    }

    /** The query items, in query order. */
    public List<String> queryItems() {
        return queryItems;
    }

    /** The true values of the query items, in query order (a copy). */
    public double[] queryValues() {
        return queryValues.clone();
    }

    /** The true values of the query items in the method's ranked order, best-ranked first (a fresh array). */
    public double[] rankedQueryValues() {
        double[] out = new double[queryOrder.length];
        for (int r = 0; r < out.length; r++) {
            out[r] = queryValues[queryOrder[r]];
        }
        return out;
    }

    /** The method's top-N list, best first. */
    public List<String> topN() {
        return topN;
    }

    /** The query items that {@code relevance} calls relevant. */
    public Set<String> relevantItems(Relevance relevance) {
        Checks.notNull(relevance, "relevance");
        Set<String> out = new HashSet<>();
        for (int i = 0; i < queryValues.length; i++) {
            if (relevance.isRelevant(queryValues[i])) {
                out.add(queryItems.get(i));
            }
        }
        return out;
    }

    /** The 1-based ranks, ascending, of the items of {@code relevant} among the first {@code cutoff} of the top-N. */
    int[] hitRanks(int cutoff, Set<String> relevant) {
        return IntStream.range(0, Math.min(cutoff, topN.size())).filter(r -> relevant.contains(topN.get(r)))
                .map(r -> r + 1).toArray();
    }
}
