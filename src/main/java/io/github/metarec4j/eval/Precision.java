package io.github.metarec4j.eval;

/**
 * Precision@k of the top-N list: hits among its first k items divided by k (k also when the
 * list is shorter), where a hit is a query item that the {@link Relevance} calls relevant.
 * Users with no relevant query item are left out.
 *
 * <p>Immutable; thread-safe.
 */
public final class Precision extends TopNMetric {

    /**
     * @param cutoff    k
     * @param relevance which query items are hits
     */
    public Precision(int cutoff, Relevance relevance) {
        super("P", cutoff, relevance);
    }

    /** The protocol's P@k: relevant = rated 4 or more. */
    public static Precision cs100k(int cutoff) {
        return new Precision(cutoff, Relevance.atLeast(4));
    }

    /** CS-LFM's P@k (PROTOCOL-IMPLICIT.md): every query item is relevant. */
    public static Precision csLfm(int cutoff) {
        return new Precision(cutoff, Relevance.all());
    }

    @Override
    double value(int[] hitRanks, int cutoff, int relevant) {
        return (double) hitRanks.length / cutoff;
    }
}
