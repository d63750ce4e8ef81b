package io.github.metarec4j.meta;

/**
 * What picks the best epoch on the validation users (and stops training early). An enum:
 * immutable and thread-safe.
 */
public enum SelectionMetric {
    /**
     * {@link #MAE} for a rating model, {@link #RECALL} for an engagement model, and for both heads
     * {@link #MAE_THEN_RECALL} when each head has its own factors ({@link #MAE} when they share
     * them). On the CS100K validation folds the rating head overfits from the first epochs while
     * the engagement head keeps learning: the loss, which the engagement term dominates, picked
     * epochs that cost 0.009 of MAE for 0.011 of P@10.
     */
    AUTO,
    /** The validation users' query loss, the training objective itself (lower is better). */
    LOSS,
    /** Mean absolute error of the predicted ratings, on the rating scale (lower is better). */
    MAE,
    /**
     * Recall@20 of {@code recommend}'s ranking over the catalogue: the share of each validation
     * user's relevant query items (every one for implicit feedback; for ratings, those in the
     * top quarter of the scale) among their top 20, the support left out (higher is better).
     */
    RECALL,
    /**
     * Two phases, for both heads with their own factors: the epoch with the best MAE ends the
     * first; its parameters are kept and training goes on with only the engagement head's own
     * parameters (its factors, biases, columns, rates; see {@code ParameterLayout.ownedBy}) free,
     * until Recall@20 stops improving. The rating head, and the towers both heads read, stay
     * exactly as they were at the best MAE.
     */
    MAE_THEN_RECALL
}
