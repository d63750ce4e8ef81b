package io.github.metarec4j.internal.model;

import io.github.metarec4j.internal.util.Checks;

/**
 * The rows of one side (support or query) of one user's task, as the {@link Network}'s loss
 * reads them: each row an item (its encoded features and its ID row, 0 for none) that the
 * user either interacted with (a positive, with its rating target and strength) or that was
 * drawn from the catalogue against them (a negative, for the engagement head).
 *
 * <p>Positives come first, then negatives. A plain value: the arrays are shared, not copied,
 * and must not be changed after construction.
 *
 * @param inputs    each row's encoded item features
 * @param ids       each row's item-ID row (0: no ID of its own, or hidden by dropout)
 * @param targets   for the rating head, each positive's centred rating (rating minus the
 *                  rating offset and the item's offset); ignored for negatives
 * @param strengths each positive's weight in the engagement loss; ignored for negatives
 * @param positives the number of positives (the first rows)
 */
public record Rows(float[][] inputs, int[] ids, float[] targets, float[] strengths, int positives) {

    /** Checks that the arrays agree. */
    public Rows {
        Checks.notNull(inputs, "inputs");
        Checks.notNull(ids, "ids");
        Checks.notNull(targets, "targets");
        Checks.notNull(strengths, "strengths");
        int n = inputs.length;
        Checks.argument(ids.length == n && targets.length == n && strengths.length == n, "every row needs an id, "
                + "a target and a strength: " + n + " inputs, " + ids.length + " ids, " + targets.length
                + " targets, " + strengths.length + " strengths");
        Checks.argument(positives >= 0 && positives <= n, "positives must be in [0, " + n + "], got " + positives);
    }

    /** Rows to score only (no training roles): every row a positive of target 0 and strength 1. */
    public static Rows toScore(float[][] inputs, int[] ids) {
        float[] ones = new float[inputs.length];
        java.util.Arrays.fill(ones, 1f);
        return new Rows(inputs, ids, new float[inputs.length], ones, inputs.length);
    }

    /** Number of rows. */
    public int size() {
        return inputs.length;
    }

    /** Number of sampled negatives (the last rows). */
    public int negatives() {
        return inputs.length - positives;
    }
}
