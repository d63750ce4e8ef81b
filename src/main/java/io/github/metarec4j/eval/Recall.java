package io.github.metarec4j.eval;

/**
 * Recall@k of the top-N list: hits among its first k items divided by the number of relevant
 * query items, where relevance is said by the {@link Relevance}. Users with no relevant query
 * item are left out.
 *
 * <p>Immutable; thread-safe.
 */
public final class Recall extends TopNMetric {

    /**
     * @param cutoff    k
     * @param relevance which query items are hits
     */
    public Recall(int cutoff, Relevance relevance) {
        super("R", cutoff, relevance);
    }

    /** The protocol's R@k: relevant = rated 4 or more. */
    public static Recall cs100k(int cutoff) {
        return new Recall(cutoff, Relevance.atLeast(4));
    }

    @Override
    double value(int hits, int cutoff, int relevant) {
        return (double) hits / relevant;
    }
}
