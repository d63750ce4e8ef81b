package io.github.metarec4j.model;

/**
 * What the scorer predicts: which heads it has and what they are trained on. An enum:
 * immutable and thread-safe.
 */
public enum Objective {
    /**
     * Decided by the data: {@link #JOINT} for explicit ratings, {@link #ENGAGEMENT} for
     * implicit feedback.
     */
    AUTO,
    /** One head: the rating (mean squared error on the rating relative to the item's offset). */
    RATING,
    /**
     * One head: engagement, a score of how likely the user is to interact with the item,
     * trained with a sampled softmax that ranks each interacted item above items drawn from
     * the catalogue. The objective of implicit feedback (clicks, plays).
     */
    ENGAGEMENT,
    /**
     * Both heads on shared towers and a shared user state, meta-learned together: the
     * rating head answers {@code predict}, and {@code recommend} ranks by engagement plus a
     * weighted predicted rating (see {@link ScorerConfig#rankingRatingWeight()}). Explicit
     * ratings only.
     */
    JOINT;

    /** Whether a model with this resolved objective has a rating head. */
    public boolean hasRatingHead() {
        return this == RATING || this == JOINT;
    }

    /** Whether a model with this resolved objective has an engagement head. */
    public boolean hasEngagementHead() {
        return this == ENGAGEMENT || this == JOINT;
    }

    /** Number of heads (outputs per row) of a model with this resolved objective. */
    public int heads() {
        return this == JOINT ? 2 : 1;
    }

    /** Output column of the rating head, -1 without one. */
    public int ratingHead() {
        return hasRatingHead() ? 0 : -1;
    }

    /** Output column of the engagement head, -1 without one. */
    public int engagementHead() {
        return this == JOINT ? 1 : this == ENGAGEMENT ? 0 : -1;
    }
}
