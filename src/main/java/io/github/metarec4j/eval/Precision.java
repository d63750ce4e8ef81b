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

    @Override
    double value(int hits, int cutoff, int relevant) {
        return (double) hits / cutoff;
    }
}
