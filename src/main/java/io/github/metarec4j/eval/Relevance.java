package io.github.metarec4j.eval;

/**
 * Which query items count as relevant (hits) for the top-N metrics, from their true value.
 * A part of {@link Precision}, {@link Recall}, {@link F1} and {@link TopNNdcg}, as RankSys's binary relevance
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

    /**
     * Every query item is relevant, whatever its value: binary relevance of implicit feedback,
     * where the query lists what the user engaged with (CS-LFM's).
     */
    static Relevance all() {
        return value -> true;
    }
}
