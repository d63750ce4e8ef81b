package io.github.metarec4j.eval;

import io.github.metarec4j.data.Dataset;

/**
 * A method under evaluation: anything that can be fitted on training data and then, for
 * one user at a time, adapt to their support interactions and score items. Baselines and
 * learned recommenders alike run through the {@link Evaluator} this way; {@link Methods}
 * makes the library's.
 *
 * <pre>{@code
 * EvaluatedMethod method = Methods.dampedBias(5);
 * FittedMethod fitted = method.fit(split.training());
 * AdaptedUser user = fitted.adapt(u.userId(), features, u.support());
 * double[] ratings = user.predictRatings(u.queryItems());
 * }</pre>
 *
 * <p>Implementations should be immutable and thread-safe (a recipe, as an unfitted
 * {@code MetaRecommender}); the library's are.
 */
public interface EvaluatedMethod {

    /** A short name for results ({@code "damped-bias(5)"}). */
    String name();

    /**
     * Fits on {@code training}, the only data the method may learn from (its features cover
     * every user and item, new ones included, as the protocol allows).
     */
    FittedMethod fit(Dataset training);
}
