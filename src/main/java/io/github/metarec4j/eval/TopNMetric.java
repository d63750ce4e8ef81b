package io.github.metarec4j.eval;

import io.github.metarec4j.internal.util.Checks;

import java.util.OptionalDouble;
import java.util.Set;

/**
 * The shared part of the top-N metrics: a cutoff k and a {@link Relevance}; the hits are the
 * relevant query items among the first k of the top-N list, known by their ranks (so that a
 * metric may weigh them by rank, as {@link TopNNdcg} does). Users with no relevant query
 * item are left out (empty).
 */
abstract class TopNMetric implements UserMetric {

    private final String prefix;
    private final int cutoff;
    private final Relevance relevance;

    TopNMetric(String prefix, int cutoff, Relevance relevance) {
        this.prefix = prefix;
        this.cutoff = Checks.positive(cutoff, "cutoff");
        this.relevance = Checks.notNull(relevance, "relevance");
    }

    /**
     * The metric from the hits, the cutoff and the number of relevant items (at least 1).
     *
     * @param hitRanks the 1-based ranks of the hits among the first {@code cutoff} of the list, ascending
     */
    abstract double value(int[] hitRanks, int cutoff, int relevant);

    @Override
    public final String name() {
        return prefix + "@" + cutoff;
    }

    @Override
    public final int listLength() {
        return cutoff;
    }

    @Override
    public final OptionalDouble evaluate(UserOutcome outcome) {
        Set<String> relevant = outcome.relevantItems(relevance);
        if (relevant.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(value(outcome.hitRanks(cutoff, relevant), cutoff, relevant.size()));
    }

    @Override
    public final String toString() {
        return name();
    }
}
