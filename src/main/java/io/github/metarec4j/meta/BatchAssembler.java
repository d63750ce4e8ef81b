package io.github.metarec4j.meta;

import io.github.metarec4j.model.ItemCatalogue;
import io.github.metarec4j.model.Objective;
import io.github.metarec4j.model.RowBatch;
import io.github.metarec4j.task.Task;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;

/**
 * Turns tasks into padded {@link RowBatch}es: centred rating targets (or 1 for a positive
 * and 0 for a sampled negative), per-task mean weights, and item-ID dropout.
 *
 * <p>Immutable; thread-safe (randomness comes from the generator passed to each call).
 */
final class BatchAssembler {

    /** Which half of the tasks to lay out. */
    enum Side { SUPPORT, QUERY }

    private final ItemCatalogue catalogue;
    private final int userWidth;
    private final Objective objective;
    private final double ratingOffset;
    private final int negativesPerPositive;

    BatchAssembler(ItemCatalogue catalogue, int userWidth, Objective objective, double ratingOffset,
                   int negativesPerPositive) {
        this.catalogue = catalogue;
        this.userWidth = userWidth;
        this.objective = objective;
        this.ratingOffset = ratingOffset;
        this.negativesPerPositive = negativesPerPositive;
    }

    /**
     * Lays out one side of {@code tasks}.
     *
     * @param userInputs   encoded user features, row-major; task t's user is row {@code userRow[t]}
     * @param userRow      the row of each task's user in {@code userInputs}
     * @param itemsOfUser  for implicit feedback: each task's user's items, sorted, which
     *                     sampled negatives avoid (by task index)
     * @param idDropout    probability of replacing a row's item ID by the "unknown" row
     * @param taskWeight   task t's rows together weigh {@code taskWeight(t)}, equally: 1 for
     *                     the inner loop (each task its own mean loss), {@code 1 / tasks} for
     *                     the outer loop (the mean over tasks)
     */
    RowBatch build(List<Task> tasks, Side side, float[] userInputs, int[] userRow,
                   IntFunction<int[]> itemsOfUser, double idDropout, SplittableRandom random,
                   IntToDoubleFunction taskWeight, DataType type) {
        return toRowBatch(lay(tasks, side, itemsOfUser, idDropout, random, taskWeight), userInputs, userRow, type);
    }

    /**
     * One side of a batch of tasks, laid out in Java: for each task its items, their item-ID
     * rows (after dropout), targets, and the weight of each of its rows.
     */
    record Laid(int[][] items, int[][] ids, float[][] targets, float[] rowWeight) {
        /** Rows of the longest task (at least 1). */
        int rows() {
            int rows = 1;
            for (int[] i : items) {
                rows = Math.max(rows, i.length);
            }
            return rows;
        }
    }

    /**
     * Lays out one side of {@code tasks} (see {@link #build}); every random draw (negatives,
     * then ID dropout, task by task) happens here, in one order, whichever engine then
     * computes on the result.
     */
    Laid lay(List<Task> tasks, Side side, IntFunction<int[]> itemsOfUser, double idDropout, SplittableRandom random,
             IntToDoubleFunction taskWeight) {
        int b = tasks.size();
        int[][] items = new int[b][];
        float[][] targets = new float[b][];
        for (int t = 0; t < b; t++) {
            Task task = tasks.get(t);
            Rows laid = rows(side == Side.SUPPORT ? task.supportItems() : task.queryItems(),
                    side == Side.SUPPORT ? task.supportValues() : task.queryValues(), itemsOfUser.apply(t), random);
            items[t] = laid.items();
            targets[t] = laid.targets();
        }
        int[][] ids = new int[b][];
        float[] rowWeight = new float[b];
        for (int t = 0; t < b; t++) {
            rowWeight[t] = items[t].length == 0 ? 0f : (float) (taskWeight.applyAsDouble(t) / items[t].length);
            ids[t] = new int[items[t].length];
            for (int r = 0; r < items[t].length; r++) {
                int item = items[t][r];
                boolean dropped = idDropout > 0 && random.nextDouble() < idDropout;
                ids[t][r] = dropped ? 0 : catalogue.idRow(item);
                if (dropped && catalogue.hasOwnId(item)) {
                    // a row whose ID is hidden is trained as a new item is served: no ID and no item
                    // offset, so the content-only fallback learns the item's quality too
                    targets[t][r] += catalogue.offset(item);
                }
            }
        }
        return new Laid(items, ids, targets, rowWeight);
    }

    /** The ND4J form of a laid-out side: padded to its longest task. */
    RowBatch toRowBatch(Laid laid, float[] userInputs, int[] userRow, DataType type) {
        int b = laid.items().length;
        RowBatch.Builder batch = RowBatch.builder(b, laid.rows(), userWidth, catalogue.inputWidth());
        for (int t = 0; t < b; t++) {
            batch.user(t, userInputs, userRow[t] * userWidth);
            for (int r = 0; r < laid.items()[t].length; r++) {
                batch.row(t, r, catalogue, laid.items()[t][r], laid.ids()[t][r], laid.targets()[t][r],
                        laid.rowWeight()[t]);
            }
        }
        return batch.build(type);
    }

    /** One side of one task as rows: items and their targets. */
    record Rows(int[] items, float[] targets) {
    }

    /**
     * The rows of one side of a task: for ratings, the items with centred ratings as targets;
     * for implicit feedback, the items as positives (target 1) followed by
     * {@code negativesPerPositive} sampled negatives each (target 0), avoiding {@code avoid}.
     */
    Rows rows(int[] positives, float[] values, int[] avoid, SplittableRandom random) {
        if (objective == Objective.RATING) {
            float[] targets = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                targets[i] = (float) (values[i] - ratingOffset - catalogue.offset(positives[i]));
            }
            return new Rows(positives, targets);
        }
        int negatives = positives.length == 0 ? 0 : positives.length * negativesPerPositive;
        int[] items = Arrays.copyOf(positives, positives.length + negatives);
        float[] targets = new float[items.length];
        Arrays.fill(targets, 0, positives.length, 1f);
        sampleNegatives(avoid, items, positives.length, random);
        return new Rows(items, targets);
    }

    /**
     * Fills {@code out[from ..]} with catalogue items drawn uniformly, avoiding {@code avoid}
     * (sorted). Gives up avoiding after a few tries, for a user who rated nearly everything.
     */
    private void sampleNegatives(int[] avoid, int[] out, int from, SplittableRandom random) {
        int n = catalogue.size();
        for (int i = from; i < out.length; i++) {
            int item = random.nextInt(n);
            for (int attempt = 0; attempt < 20 && avoid != null && Arrays.binarySearch(avoid, item) >= 0; attempt++) {
                item = random.nextInt(n);
            }
            out[i] = item;
        }
    }
}
