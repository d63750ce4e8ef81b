package io.github.metarec4j.meta;

/**
 * How a meta-step is computed. Both engines compute the same meta-gradient (tested equal to
 * float tolerance on a fixed meta-batch); they differ in speed. An enum: immutable and
 * thread-safe.
 */
public enum TrainingEngine {
    /** {@link #KERNEL} where it applies (the {@code HEAD} and {@code DENSE} scopes), else {@link #BATCHED}. */
    AUTO,
    /**
     * Each user's inner loop and query gradient in a plain-Java kernel, users spread over
     * {@code threads} threads; ND4J for the optimiser. ND4J's batched products over tiny
     * per-user slices measured no faster than the Java kernel per core, and this engine
     * uses every core without ND4J's per-operation cost.
     */
    KERNEL,
    /** The whole meta-batch in batched ND4J operations on the calling thread (the reference implementation). */
    BATCHED
}
