package io.github.metarec4j.data;

/**
 * Whether interaction values are ratings on a scale, or signals that the user engaged with
 * an item. An enum: immutable and thread-safe.
 */
public enum FeedbackType {
    /** Ratings on a known scale (for example 1 to 5 stars); the model predicts the rating. */
    EXPLICIT,
    /** Clicks, plays, purchases: every interaction is a positive example; the model predicts its probability. */
    IMPLICIT
}
