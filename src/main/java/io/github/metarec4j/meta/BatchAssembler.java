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
        int b = tasks.size();
        int[][] items = new int[b][];
        float[][] targets = new float[b][];
        int rows = 1;
        for (int t = 0; t < b; t++) {
            Task task = tasks.get(t);
            int[] positives = side == Side.SUPPORT ? task.supportItems() : task.queryItems();
            float[] values = side == Side.SUPPORT ? task.supportValues() : task.queryValues();
            if (objective == Objective.RATING) {
                items[t] = positives;
                targets[t] = new float[values.length];
                for (int i = 0; i < values.length; i++) {
                    targets[t][i] = (float) (values[i] - ratingOffset);
                }
            } else {
                int negatives = positives.length == 0 ? 0 : positives.length * negativesPerPositive;
                items[t] = Arrays.copyOf(positives, positives.length + negatives);
                targets[t] = new float[items[t].length];
                Arrays.fill(targets[t], 0, positives.length, 1f);
                sampleNegatives(itemsOfUser.apply(t), items[t], positives.length, random);
            }
            rows = Math.max(rows, items[t].length);
        }
        RowBatch.Builder batch = RowBatch.builder(b, rows, userWidth, catalogue.inputWidth());
        for (int t = 0; t < b; t++) {
            batch.user(t, userInputs, userRow[t] * userWidth);
            float weight = items[t].length == 0 ? 0f : (float) (taskWeight.applyAsDouble(t) / items[t].length);
            for (int r = 0; r < items[t].length; r++) {
                int item = items[t][r];
                int id = idDropout > 0 && random.nextDouble() < idDropout ? 0 : catalogue.idRow(item);
                batch.row(t, r, catalogue, item, id, targets[t][r], weight);
            }
        }
        return batch.build(type);
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
