package io.github.metarec4j.meta;

/**
 * How a training user's history is cut into a support set and a query set at every epoch.
 * An enum: immutable and thread-safe.
 */
public enum TaskOrder {
    /** {@link #TEMPORAL} when the data's interactions have distinct timestamps, {@link #RANDOM} otherwise. */
    AUTO,
    /**
     * The support is the user's first interactions, the query drawn from the later ones: the
     * situation of a new user, whose first interactions must predict what they do next.
     */
    TEMPORAL,
    /** Support and query drawn at random from the whole history (for data without time order). */
    RANDOM
}
