package io.github.metarec4j.model;

/**
 * Which parameters the inner loop adapts to one user. Everything else stays at the
 * meta-learned values shared by every user.
 *
 * <p>The adapted parameters always include the <em>user state</em>: the user's factor
 * vector, which meets every item through the item's factors, and one bias per head. Its
 * starting point is computed from the user's features and support items (docs/algorithm.md
 * in the source repository); the inner loop refines it on the support.
 *
 * <p>An enum: immutable and thread-safe.
 */
public enum AdaptationScope {
    /** The user state only (the default): adaptation costs no pass through the dense layers. */
    USER,
    /**
     * The user state and the output layer of the dense layers (as MeLU adapts its head). Start
     * its inner rate lower than the default ({@code MamlConfig.Builder.innerLearningRate(0.1)}):
     * at 1, the output layer's steps overshoot and training stops with the divergence error
     * (on the CS100K validation folds, before that check existed, it ended at MAE 1.65).
     */
    HEAD
}
