package io.github.metarec4j.eval;

/**
 * The gain of an item in a graded ranking metric (nDCG), from its true value (the rating).
 * A part of {@link Ndcg}, as RankSys's relevance models.
 *
 * <p>Implementations must be stateless and thread-safe; the ones here are.
 */
@FunctionalInterface
public interface Gain {

    /** The gain of an item whose true value is {@code value}. */
    double of(double value);

    /** {@code 2^value - 1}: the protocol's gain; a 5-star item is worth 31, a 1-star item 1. */
    static Gain exponential() {
        return value -> Math.pow(2, value) - 1;
    }

    /** The value itself. */
    static Gain linear() {
        return value -> value;
    }
}
