package io.github.metarec4j.eval;

import io.github.metarec4j.internal.util.Checks;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * Normalised discounted cumulative gain of the method's ranking of a user's query items,
 * composed from a cutoff, a {@link Gain} and a {@link Discount} (as RankSys's NDCG):
 * {@code DCG@k = sum over ranks r <= k of gain(value at r) * discount(r)}, divided by the
 * DCG of the ideal order (the query sorted by true value). Empty when the ideal DCG is 0 (no
 * item has a gain). Query items beyond the first {@code k} do not count; a shorter query
 * counts all its items.
 *
 * <p>Immutable; thread-safe.
 */
public final class Ndcg implements UserMetric {

    private final int cutoff;
    private final Gain gain;
    private final Discount discount;

    /**
     * @param cutoff   k, the number of ranks that count
     * @param gain     the gain of an item from its true value
     * @param discount the weight of a rank
     */
    public Ndcg(int cutoff, Gain gain, Discount discount) {
        this.cutoff = Checks.positive(cutoff, "cutoff");
        this.gain = Checks.notNull(gain, "gain");
        this.discount = Checks.notNull(discount, "discount");
    }

    /** The protocol's nDCG@k: gain {@code 2^r - 1}, discount {@code 1 / log2(rank + 1)}. */
    public static Ndcg cs100k(int cutoff) {
        return new Ndcg(cutoff, Gain.exponential(), Discount.log2());
    }

    @Override
    public String name() {
        return "nDCG@" + cutoff;
    }

    @Override
    public OptionalDouble evaluate(UserOutcome outcome) {
        double[] ideal = outcome.queryValues();
        Arrays.sort(ideal);
        for (int i = 0; i < ideal.length / 2; i++) {
            double t = ideal[i];
            ideal[i] = ideal[ideal.length - 1 - i];
            ideal[ideal.length - 1 - i] = t;
        }
        double idcg = dcg(ideal);
        return idcg == 0 ? OptionalDouble.empty() : OptionalDouble.of(dcg(outcome.rankedQueryValues()) / idcg);
    }

    private double dcg(double[] valuesInRankOrder) {
        double sum = 0;
        for (int r = 0; r < Math.min(cutoff, valuesInRankOrder.length); r++) {
            sum += gain.of(valuesInRankOrder[r]) * discount.at(r + 1);
        }
        return sum;
    }

    @Override
    public String toString() {
        return name();
    }
}
