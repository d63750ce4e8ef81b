/**
 * The facade of metarec4j, meta-learned cold-start recommenders on ND4J: a
 * {@link MetaRecommender} is built from a scorer configuration
 * ({@link io.github.metarec4j.model}) and a training configuration
 * ({@link io.github.metarec4j.meta}), fitted on a {@link io.github.metarec4j.data.Dataset},
 * then adapts to a user from their features and a handful of interactions (a
 * {@link UserModel}), recommends items ({@link Recommendation}), predicts ratings, and saves
 * and loads itself. This package and {@code .data}, {@code .model}, {@code .meta}, {@code .io}
 * and {@code .eval} are the API; {@code io.github.metarec4j.internal} and its packages are
 * not.
 */
package io.github.metarec4j;
