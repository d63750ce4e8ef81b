package io.github.metarec4j.eval;

import java.util.List;

/**
 * One user as a fitted method sees them after adaptation: it predicts their ratings and
 * scores items for ranking. The two may differ: a learned method with two heads ranks the
 * catalogue by engagement and predicted rating together while it predicts ratings with its
 * rating head; by default ranking uses the predicted ratings.
 *
 * <p>Implementations need not be thread-safe: the {@link Evaluator} uses each from one thread.
 */
public interface AdaptedUser {

    /**
     * The predicted ratings of {@code items}, one per item in order (not necessarily on the
     * rating scale: the evaluator clips them). Called only when
     * {@link FittedMethod#predictsRatings()}.
     *
     * @throws UnsupportedOperationException if the method does not predict ratings
     */
    double[] predictRatings(List<String> items);

    /**
     * Ranking scores of {@code items}, one per item in order, higher is better; finite. The
     * evaluator ranks the candidates (top-N) by them, and the query (nDCG) too when the method
     * predicts no ratings (otherwise the query is ranked by the predicted ratings); ties are
     * broken by the protocol's {@link Ranking}. Default: {@link #predictRatings}.
     */
    default double[] rankingScores(List<String> items) {
        return predictRatings(items);
    }
}
