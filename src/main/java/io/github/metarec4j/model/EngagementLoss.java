package io.github.metarec4j.model;

/**
 * How the engagement head's loss compares a user's items with the sampled negatives. An enum:
 * immutable and thread-safe.
 */
public enum EngagementLoss {
    /**
     * A sampled softmax: each positive against all the negatives at once; it stops pulling once
     * the positive outranks them. The outer loop's loss.
     */
    SOFTMAX,
    /**
     * Binary cross-entropy: every positive against 1, every negative against 0, on its own. In the
     * inner loop it moves the user towards every support item, however well it already ranks: on
     * the CS-LFM validation split, Recall@20 rose to 0.35 over 50 epochs where the softmax in the
     * inner loop plateaued at 0.32 (PyTorch prototype of the same network).
     */
    BINARY
}
