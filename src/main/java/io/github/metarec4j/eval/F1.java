package io.github.metarec4j.eval;

/**
 * F1@k of one user: {@code 2 P R / (P + R)} of their {@link Precision} and {@link Recall} at
 * k, 0 without hits. Averaged over users (as every {@link UserMetric}), it is the mean of the
 * per-user F1, the peer's {@code F1@10}, not the F1 of the mean precision and recall. Users
 * with no relevant query item are left out.
 *
 * <p>Immutable; thread-safe.
 */
public final class F1 extends TopNMetric {

    /**
     * @param cutoff    k
     * @param relevance which query items are hits
     */
    public F1(int cutoff, Relevance relevance) {
        super("F1", cutoff, relevance);
    }

    /** The protocol's F1@k: relevant = rated 4 or more. */
    public static F1 cs100k(int cutoff) {
        return new F1(cutoff, Relevance.atLeast(4));
    }

    @Override
    double value(int[] hitRanks, int cutoff, int relevant) {
        int hits = hitRanks.length;
        if (hits == 0) {
            return 0;
        }
        double precision = (double) hits / cutoff;
        double recall = (double) hits / relevant;
        return 2 * precision * recall / (precision + recall);
    }
}
