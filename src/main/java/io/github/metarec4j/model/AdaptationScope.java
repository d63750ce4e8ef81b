package io.github.metarec4j.model;

/**
 * Which parameters the inner loop adapts to one user. The rest stay at the meta-learned
 * values, shared by every user.
 *
 * <p>The item-ID embedding table is never adapted per user under any scope: a user's
 * handful of ratings should not rewrite what the whole training set says about each item,
 * and a per-user copy of the table would cost {@code items x embedding} numbers per user.
 *
 * <p>An enum: immutable and thread-safe.
 */
public enum AdaptationScope {
    /** The output layer only. */
    HEAD,
    /** The dense layers after the towers and the output layer (the default, as MeLU). */
    DENSE,
    /** The user tower, the item tower, the dense layers and the output layer. */
    ALL
}
