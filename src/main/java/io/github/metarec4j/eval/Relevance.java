package io.github.metarec4j.eval;

/**
 * Which query items count as relevant (hits) for the top-N metrics, from their true value.
 * A part of {@link Precision}, {@link Recall} and {@link F1}, as RankSys's binary relevance
 * model.
 *
 * <p>Implementations must be stateless and thread-safe; the ones here are.
 */
@FunctionalInterface
public interface Relevance {

    /** Whether an item whose true value is {@code value} is relevant. */
    boolean isRelevant(double value);

    /** Relevant when the value is at least {@code threshold}: the protocol's is {@code atLeast(4)} (4 or 5 stars). */
    static Relevance atLeast(double threshold) {
        return value -> value >= threshold;
    }
}
