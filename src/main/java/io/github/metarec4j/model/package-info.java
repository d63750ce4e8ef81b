/**
 * The scorer's configuration: {@link ScorerConfig} (the network's shape, its factors,
 * regularisation and negatives, built and validated by its builder), {@link Objective} (which
 * heads it has: rating, engagement or both), {@link AdaptationScope} (which parameters adapt
 * to one user); its nested enums say how weights start and which loss the engagement head
 * uses in the inner loop. The
 * scorer itself is computed by the engine, which is not API.
 */
package io.github.metarec4j.model;
