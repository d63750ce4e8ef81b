package io.github.metarec4j.eval;

import io.github.metarec4j.data.IdIndex;
import io.github.metarec4j.internal.util.Checks;

import java.util.List;

/**
 * A user as the index-based baselines adapt them (item-kNN, EASE, the popularity blend,
 * biased MF): one score per item of an index, computed once at adaptation, and one score for
 * every item outside the index. Scores are ratings for a method that predicts them, ranking
 * scores otherwise.
 *
 * <p>Immutable after construction (the array is not exposed); thread-safe.
 */
final class ItemScores implements AdaptedUser {

    private final String method;
    private final boolean ratings;
    private final IdIndex items;
    private final double[] scores;
    private final double outside;

    /**
     * @param method  the method's name, for the message of {@link #predictRatings} on a ranking-only method
     * @param ratings whether the scores are predicted ratings
     * @param items   the index the scores follow
     * @param scores  one score per item of {@code items}, by index (kept, not copied)
     * @param outside the score of any item not in {@code items}
     */
    ItemScores(String method, boolean ratings, IdIndex items, double[] scores, double outside) {
        this.method = method;
        this.ratings = ratings;
        this.items = items;
        this.scores = scores;
        this.outside = outside;
    }

    @Override
    public double[] predictRatings(List<String> itemIds) {
        if (!ratings) {
            throw new UnsupportedOperationException(method + " ranks items but does not predict ratings");
        }
        return rankingScores(itemIds);
    }

    @Override
    public double[] rankingScores(List<String> itemIds) {
        Checks.notNull(itemIds, "items");
        double[] out = new double[itemIds.size()];
        for (int i = 0; i < out.length; i++) {
            int index = items.indexOf(itemIds.get(i)).orElse(-1);
            out[i] = index < 0 ? outside : scores[index];
        }
        return out;
    }
}
