package io.github.metarec4j.eval;

import java.util.OptionalDouble;

/**
 * A quality measure of one evaluated user, averaged over the users of a scenario by the
 * {@link Evaluator} (macro average). A user for whom the metric is undefined (no relevant
 * item, say) returns empty and is left out of that metric's average.
 *
 * <p>Implementations must be immutable and thread-safe; the library's are.
 */
public interface UserMetric {

    /** The metric's name in results ({@code "nDCG@10"}, {@code "P@10"}). */
    String name();

    /** The metric's value for one user, or empty where it is undefined. */
    OptionalDouble evaluate(UserOutcome outcome);

    /** How many top-N items this metric reads from {@link UserOutcome#topN()}; 0 if none. */
    default int listLength() {
        return 0;
    }
}
