package io.github.metarec4j.model;

/** What the scorer's single output means, and the loss it is trained with. An enum: immutable and thread-safe. */
public enum Objective {
    /**
     * Decided by the data: {@link #RATING} for explicit ratings, {@link #IMPLICIT} for
     * implicit feedback.
     */
    AUTO,
    /** Predict the rating (identity output on the centred rating, mean squared error). */
    RATING,
    /**
     * Predict the probability that the user engages with the item (sigmoid output, binary
     * cross-entropy; every interaction is a positive, negatives are sampled from the
     * catalogue). Explicit ratings can be trained this way too, to rank rather than rate.
     */
    IMPLICIT
}
