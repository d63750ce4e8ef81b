/**
 * The facade of metarec4j, meta-learned cold-start recommenders: a {@link MetaTrainer} holds
 * a scorer configuration ({@link io.github.metarec4j.model}) and a training configuration
 * ({@link io.github.metarec4j.meta}) and fits a {@link MetaRecommender} on a
 * {@link io.github.metarec4j.data.Dataset}; the recommender adapts to a user from their
 * features and a handful of interactions (a {@link UserModel}), recommends items
 * ({@link Recommendation}, shaped by a {@link RecommendRequest}), scores and predicts ratings,
 * and saves and loads itself. This package and {@code .data}, {@code .model}, {@code .meta}, {@code .io}
 * and {@code .eval} are the API; {@code io.github.metarec4j.internal} and its packages are
 * not.
 */
package io.github.metarec4j;
