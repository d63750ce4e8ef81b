package io.github.metarec4j.internal.meta;

import io.github.metarec4j.internal.model.ItemCatalogue;
import io.github.metarec4j.internal.model.Rows;
import io.github.metarec4j.model.Objective;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Turns one side of a task (the items a user interacted with, and the values) into the
 * {@link Rows} the network's loss reads: the positives with their centred rating targets and
 * strengths, then, for the engagement head, items drawn uniformly from those with an ID row,
 * avoiding the user's own items; every row's item ID hidden with the dropout probability.
 *
 * <p>Immutable; thread-safe (randomness comes from the generator passed to each call).
 */
final class RowSampler {

    /** Tries to draw a negative outside the user's items before taking what comes (a user who rated nearly all). */
    private static final int ATTEMPTS = 20;

    private final ItemCatalogue catalogue;
    private final Objective objective;
    private final double ratingOffset;
    private final int negatives;
    private final boolean strengthWeights;
    private final int[] itemsWithIds;

    /**
     * @param negatives    negatives per side for the engagement head
     * @param itemsWithIds catalogue indices negatives are drawn from
     */
    RowSampler(ItemCatalogue catalogue, Objective objective, double ratingOffset, int negatives,
               boolean strengthWeights, int[] itemsWithIds) {
        this.catalogue = catalogue;
        this.objective = objective;
        this.ratingOffset = ratingOffset;
        this.negatives = objective.hasEngagementHead() ? negatives : 0;
        this.strengthWeights = strengthWeights;
        this.itemsWithIds = itemsWithIds;
    }

    /**
     * The rows of one side of a task. Draws, in this order: the negatives, then the ID dropout
     * of every row.
     *
     * @param items     the positives' catalogue indices
     * @param values    their values (ratings or strengths)
     * @param avoid     the user's items, sorted, which negatives avoid
     * @param idDropout the probability of hiding a row's item ID (0 outside training)
     */
    Rows rows(int[] items, float[] values, int[] avoid, double idDropout, SplittableRandom random) {
        return rows(withNegatives(items, avoid, random), items.length, values, idDropout, random);
    }

    /** The positives' catalogue indices followed by the negatives' (drawn for the engagement head). */
    int[] withNegatives(int[] items, int[] avoid, SplittableRandom random) {
        int p = items.length;
        int neg = p == 0 || itemsWithIds.length == 0 ? 0 : negatives;
        int n = p + neg;
        int[] all = Arrays.copyOf(items, n);
        for (int r = p; r < n; r++) {
            all[r] = draw(avoid, random);
        }
        return all;
    }

    /**
     * The rows of catalogue items {@code all}, the first {@code p} of them positives with {@code values};
     * {@code random} draws the ID dropout (may be null when {@code idDropout} is 0).
     */
    Rows rows(int[] all, int p, float[] values, double idDropout, SplittableRandom random) {
        return rows(all, p, values, dropouts(all.length, idDropout, random));
    }

    /**
     * Which of {@code n} rows have their item ID hidden: one draw per row, in row order, when
     * {@code idDropout} is above 0 ({@code random} may be null when it is 0).
     */
    boolean[] dropouts(int n, double idDropout, SplittableRandom random) {
        boolean[] dropped = new boolean[n];
        for (int r = 0; r < n && idDropout > 0; r++) {
            dropped[r] = random.nextDouble() < idDropout;
        }
        return dropped;
    }

    /**
     * The rows of catalogue items {@code all}, the first {@code p} of them positives with
     * {@code values}, the IDs of the rows {@code dropped} marks hidden (drawn elsewhere, by
     * {@link #dropouts}).
     */
    Rows rows(int[] all, int p, float[] values, boolean[] dropped) {
        int n = all.length;
        float[][] inputs = new float[n][];
        int[] ids = new int[n];
        float[] targets = new float[n];
        float[] strengths = new float[n];
        for (int r = 0; r < n; r++) {
            int item = all[r];
            inputs[r] = catalogue.inputRow(item);
            ids[r] = dropped[r] ? 0 : catalogue.idRow(item);
            if (r < p) {
                strengths[r] = strengthWeights ? (float) (1 + Math.log(Math.max(1, values[r]))) : 1f;
                if (objective.hasRatingHead()) {
                    // a row whose ID is hidden is trained as a new item is served: without the item's offset
                    float itemOffset = dropped[r] ? 0f : catalogue.offset(item);
                    targets[r] = (float) (values[r] - ratingOffset - itemOffset);
                }
            }
        }
        return new Rows(inputs, ids, targets, strengths, p);
    }

    private int draw(int[] avoid, SplittableRandom random) {
        int item = itemsWithIds[random.nextInt(itemsWithIds.length)];
        for (int attempt = 0; attempt < ATTEMPTS && avoid != null && Arrays.binarySearch(avoid, item) >= 0;
             attempt++) {
            item = itemsWithIds[random.nextInt(itemsWithIds.length)];
        }
        return item;
    }
}
