package io.github.metarec4j.meta;

/**
 * What picks the best epoch on the validation users (and stops training early). An enum:
 * immutable and thread-safe.
 */
public enum SelectionMetric {
    /**
     * {@link #MAE} for a model with a rating head (both heads included: on the CS100K validation
     * folds the rating head overfits from the first epochs while the ranking changes little, and
     * the loss, dominated by the engagement term, picked epochs that cost 0.009 of MAE for
     * 0.011 of P@10), {@link #RECALL} for an engagement model.
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
    RECALL
}
