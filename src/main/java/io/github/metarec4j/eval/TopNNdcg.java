package io.github.metarec4j.eval;

import io.github.metarec4j.internal.util.Checks;

/**
 * Normalised discounted cumulative gain of the top-N list with binary relevance, composed
 * from a cutoff k, a {@link Relevance} and a {@link Discount}:
 * {@code DCG@k = sum of discount(r)} over the ranks {@code r <= k} of the list that hold a
 * relevant query item, divided by the DCG of an ideal list, whose first
 * {@code min(k, relevant)} items are all relevant. Unlike {@link Ndcg}, which orders the
 * query items by the method's scores, this reads the method's list of candidates, so items
 * outside the query count as misses. Users with no relevant query item are left out.
 *
 * <p>Immutable; thread-safe.
 */
public final class TopNNdcg extends TopNMetric {

    private final Discount discount;

    /**
     * @param cutoff    k, the number of ranks that count
     * @param relevance which query items are hits
     * @param discount  the weight of a rank
     */
    public TopNNdcg(int cutoff, Relevance relevance, Discount discount) {
        super("nDCG", cutoff, relevance);
        this.discount = Checks.notNull(discount, "discount");
    }

    /** CS-LFM's nDCG@k (PROTOCOL-IMPLICIT.md): every query item relevant, discount {@code 1 / log2(rank + 1)}. */
    public static TopNNdcg csLfm(int cutoff) {
        return new TopNNdcg(cutoff, Relevance.all(), Discount.log2());
    }

    @Override
    double value(int[] hitRanks, int cutoff, int relevant) {
        double dcg = 0;
        for (int rank : hitRanks) {
            dcg += discount.at(rank);
        }
        double ideal = 0;
        for (int rank = 1; rank <= Math.min(cutoff, relevant); rank++) {
            ideal += discount.at(rank);
        }
        return dcg / ideal;
    }
}
