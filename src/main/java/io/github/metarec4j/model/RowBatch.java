package io.github.metarec4j.model;

import io.github.metarec4j.util.Checks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * The input of one batched pass of the scorer: {@code tasks} users, each with
 * {@code rows} (user, item) rows, padded: a task with fewer rows leaves the rest at weight 0.
 *
 * <p>A row has the encoded item features, the item-ID row (0 = the shared "unknown"
 * embedding), a target and a weight. Weights define the loss: the batch loss is
 * {@code sum over rows of weight * loss(row)}; a task whose rows weigh {@code 1/n} each
 * contributes its mean loss. Arrays carry the trailing column of ones that
 * {@link ParameterLayout} folds the biases into.
 *
 * <p>Immutable once built; thread-safe. Build with {@link #builder}.
 */
public final class RowBatch {

    private final int tasks;
    private final int rows;
    final INDArray users;
    final INDArray items;
    final int[] idRows;
    final INDArray targets;
    final INDArray weights;

    private RowBatch(int tasks, int rows, INDArray users, INDArray items, int[] idRows, INDArray targets,
                     INDArray weights) {
        this.tasks = tasks;
        this.rows = rows;
        this.users = users;
        this.items = items;
        this.idRows = idRows;
        this.targets = targets;
        this.weights = weights;
    }

    /** A builder for {@code tasks x rows} rows over inputs of the given widths. */
    public static Builder builder(int tasks, int rows, int userInputs, int itemInputs) {
        return new Builder(tasks, rows, userInputs, itemInputs);
    }

    /** Number of tasks (users). */
    public int tasks() {
        return tasks;
    }

    /** Rows per task, padding included. */
    public int rows() {
        return rows;
    }

    /** Row weights as a {@code [tasks * rows, 1]} array (read only by contract). */
    public INDArray weights() {
        return weights;
    }

    /** Targets as a {@code [tasks * rows, 1]} array (read only by contract). */
    public INDArray targets() {
        return targets;
    }

    /** Fills a {@link RowBatch} from Java arrays, then copies it to ND4J in one go; not thread-safe. */
    public static final class Builder {
        private final int tasks;
        private final int rows;
        private final int userWidth;
        private final int itemWidth;
        private final float[] users;
        private final float[] items;
        private final int[] idRows;
        private final float[] targets;
        private final float[] weights;

        private Builder(int tasks, int rows, int userInputs, int itemInputs) {
            this.tasks = Checks.positive(tasks, "tasks");
            this.rows = Checks.positive(rows, "rows");
            this.userWidth = Checks.nonNegative(userInputs, "userInputs") + 1;
            this.itemWidth = Checks.nonNegative(itemInputs, "itemInputs") + 1;
            this.users = new float[tasks * userWidth];
            this.items = new float[tasks * rows * itemWidth];
            this.idRows = new int[tasks * rows];
            this.targets = new float[tasks * rows];
            this.weights = new float[tasks * rows];
            // the bias column: ones everywhere, padding rows included (their weight is 0)
            for (int t = 0; t < tasks; t++) {
                users[t * userWidth + userWidth - 1] = 1f;
            }
            for (int r = 0; r < tasks * rows; r++) {
                items[r * itemWidth + itemWidth - 1] = 1f;
            }
        }

        /** Sets task {@code task}'s encoded user features from {@code src[from ..]}. */
        public Builder user(int task, float[] src, int from) {
            System.arraycopy(src, from, users, task * userWidth, userWidth - 1);
            return this;
        }

        /**
         * Sets row {@code row} of task {@code task}: encoded item features from
         * {@code src[from ..]}, item-ID row, target and weight.
         */
        public Builder row(int task, int row, float[] src, int from, int idRow, float target, float weight) {
            int r = task * rows + row;
            System.arraycopy(src, from, items, r * itemWidth, itemWidth - 1);
            idRows[r] = idRow;
            targets[r] = target;
            weights[r] = weight;
            return this;
        }

        /**
         * Sets row {@code row} of task {@code task} to catalogue item {@code item}, with item-ID
         * row {@code idRow} (the item's own, or 0 to drop it), target and weight.
         */
        public Builder row(int task, int row, ItemCatalogue catalogue, int item, int idRow, float target,
                           float weight) {
            return row(task, row, catalogue.inputs(), item * catalogue.inputWidth(), idRow, target, weight);
        }

        /** Copies the rows into ND4J arrays of {@code type}. */
        public RowBatch build(DataType type) {
            long n = (long) tasks * rows;
            INDArray u = Nd4j.create(users, new long[]{tasks, userWidth}, DataType.FLOAT);
            INDArray i = Nd4j.create(items, new long[]{n, itemWidth}, DataType.FLOAT);
            INDArray t = Nd4j.create(targets, new long[]{n, 1}, DataType.FLOAT);
            INDArray w = Nd4j.create(weights, new long[]{n, 1}, DataType.FLOAT);
            if (type != DataType.FLOAT) {
                u = u.castTo(type);
                i = i.castTo(type);
                t = t.castTo(type);
                w = w.castTo(type);
            }
            return new RowBatch(tasks, rows, u, i, Arrays.copyOf(idRows, idRows.length), t, w);
        }
    }
}
