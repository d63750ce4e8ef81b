package io.github.metarec4j.meta;

import io.github.metarec4j.model.AdaptationScope;
import io.github.metarec4j.model.ItemCatalogue;
import io.github.metarec4j.model.MlpScorer;
import io.github.metarec4j.model.ParameterLayout;
import io.github.metarec4j.model.UserKernel;
import io.github.metarec4j.model.Vectors;
import io.github.metarec4j.task.Task;
import io.github.metarec4j.util.Checks;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * One meta-batch of first-order MAML computed user by user in plain Java
 * ({@link TrainingEngine#KERNEL}): for each user, the towers forward, the inner loop
 * ({@link UserKernel#adapt}), the query gradient at the adapted weights
 * ({@link UserKernel#gradient}) and the towers' backward pass; users are split into
 * contiguous groups, one per thread, each summing into its own accumulators, added up in
 * group order at the end. The random draws (negatives, ID dropout) all happen first, on the
 * calling thread, in the order the batched engine draws them, so both engines see the same
 * rows and the result does not depend on thread timing.
 *
 * <p>It computes the same meta-gradient as {@link MetaTrainer}'s batched ND4J step (tested).
 * Only for the {@code HEAD} and {@code DENSE} scopes, where the towers are shared.
 */
final class KernelStep implements TrainingRun.JavaStep {

    private final TrainingRun run;
    private final MamlConfig config;
    private final List<Task> batch;
    private final SplittableRandom random;
    private final double idDropout;
    private final ExecutorService pool;
    private final int groups;

    /**
     * @param pool   runs all groups but the last (which runs on the calling thread); null with one group
     * @param groups how many groups the users are split into (the thread count)
     */
    KernelStep(TrainingRun run, MamlConfig config, List<Task> batch, SplittableRandom random, double idDropout,
               ExecutorService pool, int groups) {
        this.run = run;
        this.config = config;
        this.batch = batch;
        this.random = random;
        this.idDropout = idDropout;
        this.pool = pool;
        this.groups = Math.max(1, Math.min(groups, batch.size()));
    }

    @Override
    public int tasks() {
        return batch.size();
    }

    @Override
    public double lossAndGradient(INDArray params, INDArray gradient) {
        float[] flat = new float[(int) gradient.length()];
        double loss = lossAndGradient(params.toFloatVector(), flat);
        TrainingRun.copy(flat, gradient);
        return loss;
    }

    @Override
    public double lossAndGradient(float[] params, float[] gradient) {
        Checks.argument(params.length == run.scorer.layout().size(), "the scorer has " + run.scorer.layout().size()
                + " parameters, got " + params.length);
        Checks.argument(gradient.length == params.length, "a gradient of " + gradient.length + " values for "
                + params.length + " parameters");
        TrainingData td = run.data;
        BatchAssembler.Laid support = run.assembler.lay(batch, BatchAssembler.Side.SUPPORT,
                t -> td.itemsOf(batch.get(t).user()), idDropout, random, t -> 1);
        BatchAssembler.Laid query = run.assembler.lay(batch, BatchAssembler.Side.QUERY,
                t -> td.itemsOf(batch.get(t).user()), idDropout, random, t -> 1.0 / batch.size());
        Weights w = new Weights(run.scorer, params);

        List<Group> parts = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            parts.add(new Group(w, support, query, g * batch.size() / groups, (g + 1) * batch.size() / groups));
        }
        List<Future<?>> running = new ArrayList<>();
        for (int g = 0; g < groups - 1; g++) {
            running.add(pool.submit(parts.get(g)));
        }
        parts.get(groups - 1).run();
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during a meta-step", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        // add up in group order: the sum does not depend on which thread finished first
        java.util.Arrays.fill(gradient, 0f);
        double loss = 0;
        for (Group part : parts) {
            loss += part.loss;
            part.addTo(gradient);
        }
        return loss;
    }

    /**
     * The current parameters as Java arrays: towers as rows, the dense layers flat; the ID
     * table is read in place from {@code theta} (a step touches a few hundred of its rows).
     */
    private static final class Weights {
        final float[] theta;
        final float[][] userTower;
        final float[][] itemTower;
        final int idRows;
        final float[] dense;
        final int userOffset;
        final int itemOffset;
        final int idOffset;
        final int denseOffset;
        final int towerSize;
        final int idSize;

        Weights(MlpScorer scorer, float[] theta) {
            ParameterLayout layout = scorer.layout();
            this.theta = theta;
            this.towerSize = layout.towerSize();
            this.idSize = layout.idSize();
            this.userOffset = (int) layout.block(ParameterLayout.USER_TOWER).offset();
            this.itemOffset = (int) layout.block(ParameterLayout.ITEM_TOWER).offset();
            this.userTower = rows(theta, userOffset, layout.userInputs() + 1, towerSize);
            this.itemTower = rows(theta, itemOffset, layout.itemInputs() + 1, towerSize);
            this.idOffset = 0;
            this.idRows = layout.hasItemIds() ? layout.idRows() : 0;
            this.denseOffset = (int) layout.adaptedOffset(AdaptationScope.DENSE);
            this.dense = java.util.Arrays.copyOfRange(theta, denseOffset, theta.length);
        }

        private static float[][] rows(float[] flat, int at, int rows, int cols) {
            float[][] r = new float[rows][];
            for (int k = 0; k < rows; k++) {
                r[k] = java.util.Arrays.copyOfRange(flat, at + k * cols, at + (k + 1) * cols);
            }
            return r;
        }
    }

    /** Users {@code [from, to)} of the batch, with their own gradient accumulators. */
    private final class Group implements Runnable {
        private final Weights w;
        private final BatchAssembler.Laid support;
        private final BatchAssembler.Laid query;
        private final int from;
        private final int to;
        private final UserKernel kernel;
        private final float[][][] dense;
        private final float[][] userTower;
        private final float[][] itemTower;
        private final float[][] ids;   // rows of the ID table's gradient, null where no query row of the group points
        double loss;

        Group(Weights w, BatchAssembler.Laid support, BatchAssembler.Laid query, int from, int to) {
            this.w = w;
            this.support = support;
            this.query = query;
            this.from = from;
            this.to = to;
            List<ParameterLayout.Block> layers = run.scorer.layout().denseLayers();
            int firstAdapted = config.adaptationScope() == AdaptationScope.HEAD ? layers.size() - 1 : 0;
            this.kernel = new UserKernel(layers, firstAdapted, run.scorer.objective());
            this.dense = kernel.newGradient();
            this.userTower = new float[w.userTower.length][w.towerSize];
            this.itemTower = new float[w.itemTower.length][w.towerSize];
            this.ids = new float[w.idRows][];
        }

        @Override
        public void run() {
            TrainingData td = run.data;
            ItemCatalogue catalogue = td.catalogue;
            int t = w.towerSize;
            float[] userInput = new float[td.userWidth];
            for (int task = from; task < to; task++) {
                System.arraycopy(td.userInputs, batch.get(task).user() * td.userWidth, userInput, 0, td.userWidth);
                float[] userZ = Vectors.affine(userInput, w.userTower);
                float[] hu = Vectors.relu(userZ);
                Side s = side(support, task, catalogue, false);
                float[] adapted = kernel.adapt(w.dense, hu, s.rows, support.targets()[task], s.weights,
                        config.innerSteps(), (float) config.innerLearningRate());
                Side q = side(query, task, catalogue, true);
                float[] dUser = new float[t];
                float[][] dRows = new float[q.rows.length][q.rows.length == 0 ? 0 : q.rows[0].length];
                loss += kernel.gradient(adapted, hu, q.rows, query.targets()[task], q.weights, dense, dUser, dRows);
                // towers: back through their ReLU into the shared weights; the ID rows take their slice
                towerBackward(userInput, userZ, dUser, 0, userTower);
                for (int r = 0; r < dRows.length; r++) {
                    towerBackward(q.inputs[r], q.z[r], dRows[r], 0, itemTower);
                    if (w.idSize > 0) {
                        int id = query.ids()[task][r];
                        float[] row = ids[id];
                        if (row == null) {
                            row = new float[w.idSize];
                            ids[id] = row;
                        }
                        for (int j = 0; j < w.idSize; j++) {
                            row[j] += dRows[r][t + j];
                        }
                    }
                }
            }
        }

        /** Adds this group's gradient into {@code flat}, in layout order. */
        void addTo(float[] flat) {
            for (int id = 0; id < ids.length; id++) {
                float[] row = ids[id];
                if (row != null) {
                    int at = w.idOffset + id * w.idSize;
                    for (int j = 0; j < row.length; j++) {
                        flat[at + j] += row[j];
                    }
                }
            }
            add(userTower, flat, w.userOffset);
            add(itemTower, flat, w.itemOffset);
            UserKernel.addTo(dense, flat, w.denseOffset);
        }

        private void add(float[][] rows, float[] flat, int at) {
            for (float[] row : rows) {
                for (int j = 0; j < row.length; j++) {
                    flat[at + j] += row[j];
                }
                at += row.length;
            }
        }

        /** One task's side as kernel rows {@code [h_v, e]}, with what the towers' backward pass needs. */
        private Side side(BatchAssembler.Laid laid, int task, ItemCatalogue catalogue, boolean keep) {
            int[] items = laid.items()[task];
            int n = items.length;
            Side s = new Side(n, keep);
            java.util.Arrays.fill(s.weights, laid.rowWeight()[task]);
            for (int r = 0; r < n; r++) {
                float[] input = new float[catalogue.inputWidth()];
                catalogue.copyInput(items[r], input, 0);
                float[] z = Vectors.affine(input, w.itemTower);
                float[] row = new float[w.towerSize + w.idSize];
                float[] h = Vectors.relu(z);
                System.arraycopy(h, 0, row, 0, w.towerSize);
                if (w.idSize > 0) {
                    System.arraycopy(w.theta, w.idOffset + laid.ids()[task][r] * w.idSize, row, w.towerSize,
                            w.idSize);
                }
                s.rows[r] = row;
                if (keep) {
                    s.inputs[r] = input;
                    s.z[r] = z;
                }
            }
            return s;
        }
    }

    /** Rows of one side of one task. */
    private static final class Side {
        final float[][] rows;
        final float[] weights;
        final float[][] inputs;
        final float[][] z;

        Side(int n, boolean keep) {
            this.rows = new float[n][];
            this.weights = new float[n];
            this.inputs = keep ? new float[n][] : null;
            this.z = keep ? new float[n][] : null;
        }
    }

    /** Adds {@code [x, 1]^T (dA ⊙ relu'(z))} into {@code g}, for {@code dA = d[from .. from + width)}. */
    private static void towerBackward(float[] x, float[] z, float[] d, int from, float[][] g) {
        int h = z.length;
        float[] dz = new float[h];
        for (int j = 0; j < h; j++) {
            dz[j] = z[j] > 0f ? d[from + j] : 0f;
        }
        for (int k = 0; k < x.length; k++) {
            if (x[k] != 0f) {
                Vectors.axpy(x[k], dz, g[k], h);
            }
        }
        Vectors.axpy(1f, dz, g[x.length], h);
    }
}
