package io.github.metarec4j.eval;

import java.util.List;

/**
 * One user as a fitted method sees them after adaptation: it predicts their ratings and
 * scores items for ranking. The two may differ: a learned method may rank with an implicit
 * objective while it predicts ratings with a rating head; by default ranking uses the
 * predicted ratings.
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
     * evaluator ranks the query (nDCG) and the candidates (top-N) by them, ties broken by the
     * protocol's {@link Ranking}. Default: {@link #predictRatings}.
     */
    default double[] rankingScores(List<String> items) {
        return predictRatings(items);
    }
}
