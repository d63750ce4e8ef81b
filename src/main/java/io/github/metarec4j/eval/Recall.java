package io.github.metarec4j.eval;

/**
 * Recall@k of the top-N list: hits among its first k items divided by the number of relevant
 * query items, where relevance is said by the {@link Relevance}; or, {@link #capped capped},
 * divided by {@code min(k, relevant)}, so that a user with more relevant items than k can
 * still reach 1. Users with no relevant query item are left out.
 *
 * <p>Immutable; thread-safe.
 */
public final class Recall extends TopNMetric {

    private final boolean capped;

    /**
     * Hits over relevant items, named {@code R@k}.
     *
     * @param cutoff    k
     * @param relevance which query items are hits
     */
    public Recall(int cutoff, Relevance relevance) {
        this("R", cutoff, relevance, false);
    }

    private Recall(String prefix, int cutoff, Relevance relevance, boolean capped) {
        super(prefix, cutoff, relevance);
        this.capped = capped;
    }

    /**
     * Hits over {@code min(k, relevant)}, named {@code Recall@k}.
     *
     * @param cutoff    k
     * @param relevance which query items are hits
     */
    public static Recall capped(int cutoff, Relevance relevance) {
        return new Recall("Recall", cutoff, relevance, true);
    }

    /** The protocol's R@k: relevant = rated 4 or more. */
    public static Recall cs100k(int cutoff) {
        return new Recall(cutoff, Relevance.atLeast(4));
    }

    /** CS-LFM's Recall@k (PROTOCOL-IMPLICIT.md): capped, every query item relevant. */
    public static Recall csLfm(int cutoff) {
        return capped(cutoff, Relevance.all());
    }

    @Override
    double value(int[] hitRanks, int cutoff, int relevant) {
        return (double) hitRanks.length / (capped ? Math.min(cutoff, relevant) : relevant);
    }
}
