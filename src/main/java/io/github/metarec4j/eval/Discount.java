package io.github.metarec4j.eval;

/**
 * How much less an item counts at a lower rank, in a ranking metric (nDCG). A part of
 * {@link Ndcg} and {@link TopNNdcg}, as RankSys's discount models.
 *
 * <p>Implementations must be stateless and thread-safe; the ones here are.
 */
@FunctionalInterface
public interface Discount {

    /** The weight of rank {@code rank}, 1 for the first item. */
    double at(int rank);

    /** {@code 1 / log2(rank + 1)}: the protocol's discount (1 for the first item, 0.63 for the second). */
    static Discount log2() {
        return rank -> 1 / (Math.log(rank + 1.0) / Math.log(2));
    }
}
