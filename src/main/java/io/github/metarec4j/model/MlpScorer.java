package io.github.metarec4j.model;

import io.github.metarec4j.util.Checks;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastCopyOp;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The two-tower MLP scorer, computed for many users at once.
 *
 * <pre>
 *   h_u = relu([u, 1] W_user)          user tower (u: encoded user features)
 *   h_v = relu([v, 1] W_item)          item tower (v: encoded item features)
 *   e   = E[id]                        item-ID embedding (row 0: "unknown", for new items)
 *   a_0 = [h_u, h_v, e]
 *   a_l = relu([a_(l-1), 1] W_l)       hidden layers
 *   y   = act([a_L, 1] W_out)          act = identity (ratings) or sigmoid (implicit)
 * </pre>
 *
 * <p>A pass covers a {@link RowBatch} of B tasks with n rows each. Parameters under the
 * {@link AdaptationScope} exist once per task (a {@code [B, adaptedSize]} matrix, see
 * {@link ParameterLayout#perTaskView}) and run as batched 3-D matrix products; the rest are
 * shared and run as one 2-D product over all {@code B * n} rows. There is no Java loop
 * over tasks or rows around ND4J calls.
 *
 * <p>The computation is split so that the inner loop of meta-learning redoes only what
 * changes: {@link #prefix} runs the shared layers below the adapted ones once per batch;
 * {@link #forward}, {@link #lossGradient} and {@link #backward} run per step.
 *
 * <p>The backward pass is written by hand: {@code dZ = dA * act'(Z)} (ND4J's activation
 * implementations), {@code dW = [X, 1]^T dZ} (bias gradient included, by the ones column),
 * {@code dX = dZ W^T}; the loss gradient comes from ND4J's loss implementations with the
 * row weights as mask.
 *
 * <p>Immutable and thread-safe: every pass allocates its own arrays; parameters are
 * only read.
 */
public final class MlpScorer {

    private final MlpScorerConfig config;
    private final ParameterLayout layout;
    private final Objective objective;
    private final IActivation hidden = new ActivationReLU();
    private final IActivation outputActivation;
    private final ILossFunction loss;

    /**
     * @param config    the configuration
     * @param objective the resolved objective, {@link Objective#RATING} or {@link Objective#IMPLICIT}
     * @param layout    the parameter layout for the data's input sizes
     */
    public MlpScorer(MlpScorerConfig config, Objective objective, ParameterLayout layout) {
        this.config = Checks.notNull(config, "config");
        this.layout = Checks.notNull(layout, "layout");
        Checks.argument(objective == Objective.RATING || objective == Objective.IMPLICIT,
                "the scorer needs a resolved objective (RATING or IMPLICIT), got " + objective);
        this.objective = objective;
        this.outputActivation = objective == Objective.RATING ? new ActivationIdentity() : new ActivationSigmoid();
        this.loss = objective == Objective.RATING ? new LossMSE() : new LossBinaryXENT();
    }

    /** The configuration. */
    public MlpScorerConfig config() {
        return config;
    }

    /** Where each parameter lives in the flat vector. */
    public ParameterLayout layout() {
        return layout;
    }

    /** The resolved objective: {@link Objective#RATING} or {@link Objective#IMPLICIT}. */
    public Objective objective() {
        return objective;
    }

    /** The output activation (identity or sigmoid). */
    public IActivation outputActivation() {
        return outputActivation;
    }

    // ------------------------------------------------------------------ initialisation

    /**
     * Fresh parameters: weights by the configured {@link org.deeplearning4j.nn.weights.WeightInit},
     * biases 0 except the output bias, the item-ID table N(0, 0.01^2) with its "unknown" row
     * at 0 (a rarely seen item starts near the content-only fallback), and zero weights from
     * the "unknown" slots of categorical user and item features (so a category never seen
     * in training adds nothing rather than an untrained random vector).
     *
     * @param seed              seeds each block's random numbers (the calling thread's ND4J
     *                          generator is re-seeded per block)
     * @param outputBias        initial output bias: 0 for centred ratings, the logit of the
     *                          positive rate for implicit feedback
     * @param userUnknownSlots  positions of the "unknown" slots in the encoded user vector
     * @param itemUnknownSlots  the same for items
     * @param type              FLOAT for training, DOUBLE for gradient checks
     * @return a {@code [1, size]} row vector
     */
    public INDArray initialParameters(long seed, double outputBias, int[] userUnknownSlots, int[] itemUnknownSlots,
                                      DataType type) {
        INDArray params = Nd4j.zeros(type, 1, layout.size());
        long s = seed;
        for (ParameterLayout.Block b : layout.blocks()) {
            s = s * 6364136223846793005L + 1442695040888963407L;
            Nd4j.getRandom().setSeed(s);
            if (b.name().equals(ParameterLayout.ITEM_ID)) {
                INDArray table = Nd4j.randn(type, b.rows(), b.cols()).muli(0.01);
                table.getRow(0).assign(0);
                ParameterLayout.view(params, b, 0).assign(table);
                continue;
            }
            if (b.inputs() > 0) {
                INDArray w = Nd4j.create(type, b.inputs(), b.cols());
                config.weightInit().getWeightInitFunction()
                        .init(b.inputs(), b.cols(), new long[]{b.inputs(), b.cols()}, 'c', w);
                int[] unknown = b.name().equals(ParameterLayout.USER_TOWER) ? userUnknownSlots
                        : b.name().equals(ParameterLayout.ITEM_TOWER) ? itemUnknownSlots : new int[0];
                for (int slot : unknown) {
                    w.getRow(slot).assign(0);
                }
                ParameterLayout.weightsView(params, b, 0).assign(w);
            }
        }
        ParameterLayout.biasView(params, layout.block(ParameterLayout.OUTPUT), 0).assign(outputBias);
        return params;
    }

    /** {@code tasks} copies of the parameters adapted under {@code scope}: a {@code [tasks, adaptedSize]} matrix. */
    public INDArray adaptedCopies(INDArray params, AdaptationScope scope, int tasks) {
        INDArray copies = Nd4j.create(params.dataType(), tasks, layout.adaptedSize(scope));
        Nd4j.getExecutioner().exec(new BroadcastCopyOp(copies, adaptedSlice(params, scope), copies, 1));
        return copies;
    }

    /** The adapted parameters of {@code params} as a {@code [1, adaptedSize]} view. */
    public INDArray adaptedSlice(INDArray params, AdaptationScope scope) {
        return ParameterLayout.slice(params, layout.adaptedOffset(scope), layout.adaptedSize(scope));
    }

    // ------------------------------------------------------------------ serving

    /**
     * Every catalogue item's part of the first dense layer's input, {@code [h_v, e]}: the
     * item tower's output and the item-ID embedding. It does not depend on the user, so a
     * served model computes it once. Not defined under {@link AdaptationScope#ALL}, where the
     * item tower is adapted per user.
     *
     * @return {@code [items, towerSize + idSize]}
     */
    public INDArray itemSide(INDArray params, ItemCatalogue catalogue) {
        int n = catalogue.size();
        int width = catalogue.inputWidth();
        float[] augmented = new float[n * (width + 1)];
        for (int i = 0; i < n; i++) {
            catalogue.copyInput(i, augmented, i * (width + 1));
            augmented[i * (width + 1) + width] = 1f;
        }
        INDArray inputs = Nd4j.create(augmented, new long[]{n, width + 1}, DataType.FLOAT)
                .castTo(params.dataType());
        INDArray towers = relu(inputs.mmul(block(params, ParameterLayout.ITEM_TOWER)));
        if (!layout.hasItemIds()) {
            return towers;
        }
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = catalogue.idRow(i);
        }
        return Nd4j.hstack(towers, Nd4j.pullRows(block(params, ParameterLayout.ITEM_ID), 1, ids));
    }

    /** The dense layers' parameters (hidden and output layers), a copy, flat in layout order. */
    public float[] denseParameters(INDArray params) {
        long from = layout.adaptedOffset(AdaptationScope.DENSE);
        return ParameterLayout.slice(params, from, layout.size() - from).toFloatVector();
    }

    /** The user tower as rows: {@code userInputs + 1} rows (bias last) of {@code towerSize} weights. */
    public float[][] userTowerRows(INDArray params) {
        INDArray w = block(params, ParameterLayout.USER_TOWER);
        float[][] rows = new float[(int) w.size(0)][];
        for (int k = 0; k < rows.length; k++) {
            rows[k] = w.getRow(k).toFloatVector();
        }
        return rows;
    }

    // ------------------------------------------------------------------ passes

    /**
     * The shared layers below the adapted ones, evaluated on one batch once and reused by
     * every inner-loop step. It also owns the activation buffers of the adapted layers, so a
     * {@link Pass} stays valid only until the next {@link #forward} on the same prefix.
     */
    public static final class Prefix {
        final RowBatch batch;
        final INDArray params;
        final AdaptationScope scope;
        /** Gathered item-ID embeddings, {@code [B*n, E]}; null without IDs. */
        INDArray ids;
        /** Shared towers' pre-activations: {@code [B, T]} and {@code [B, n, T]}; null under ALL. */
        INDArray userZ;
        INDArray itemZ;
        /** Augmented inputs of the shared dense layers (HEAD scope). */
        final List<INDArray> sharedInputs = new ArrayList<>();
        /** Input of the first adapted dense layer, augmented; null under ALL. */
        INDArray adaptedInput;
        /** Augmented activation buffers of the adapted hidden layers, reused across steps. */
        final List<INDArray> buffers = new ArrayList<>();

        private Prefix(RowBatch batch, INDArray params, AdaptationScope scope) {
            this.batch = batch;
            this.params = params;
            this.scope = scope;
        }

        /** The ones-filled {@code [B, n, width + 1]} buffer of adapted hidden layer {@code i}. */
        INDArray buffer(int i, long width) {
            while (buffers.size() <= i) {
                buffers.add(null);
            }
            if (buffers.get(i) == null) {
                buffers.set(i, Nd4j.ones(params.dataType(), batch.tasks(), batch.rows(), width + 1));
            }
            return buffers.get(i);
        }
    }

    /** One forward pass through the adapted layers, with what the backward pass needs. */
    public static final class Pass {
        final Prefix prefix;
        final INDArray adapted;
        /** Per-task towers' pre-activations under ALL: {@code [B, 1, T]} and {@code [B, n, T]}. */
        INDArray userZ;
        INDArray itemZ;
        /** Augmented inputs {@code [B, n, d+1]} of the adapted layers (post-activation, ones column last). */
        final List<INDArray> inputs = new ArrayList<>();
        INDArray outputZ;
        INDArray outputGradient;

        private Pass(Prefix prefix, INDArray adapted) {
            this.prefix = prefix;
            this.adapted = adapted;
        }

        /** Predictions, {@code [B*n, 1]}: centred ratings or probabilities. */
        public INDArray predictions(MlpScorer scorer) {
            return scorer.outputActivation.getActivation(outputZ.dup(), false);
        }
    }

    /**
     * Evaluates the layers below the adapted ones (shared by all tasks).
     *
     * @param params a {@code [1, size]} parameter vector
     */
    public Prefix prefix(INDArray params, AdaptationScope scope, RowBatch batch) {
        Prefix p = new Prefix(batch, params, scope);
        int b = batch.tasks();
        int n = batch.rows();
        if (layout.hasItemIds()) {
            p.ids = Nd4j.pullRows(block(params, ParameterLayout.ITEM_ID), 1, batch.idRows);
        }
        if (scope == AdaptationScope.ALL) {
            return p;
        }
        p.userZ = Nd4j.matmul(batch.users, block(params, ParameterLayout.USER_TOWER));
        p.itemZ = Nd4j.matmul(batch.items, block(params, ParameterLayout.ITEM_TOWER)).reshape(b, n,
                layout.towerSize());
        INDArray x = concat(p.userZ, p.itemZ, p.ids, b, n);
        for (ParameterLayout.Block layer : layout.denseLayers()) {
            if (layout.isAdapted(layer, scope)) {
                break;
            }
            p.sharedInputs.add(x);
            INDArray z = Nd4j.matmul(flat(x), block(params, layer.name())).reshape(b, n, layer.cols());
            INDArray a = Nd4j.ones(params.dataType(), b, n, layer.cols() + 1);
            Nd4j.getExecutioner().exec(new RectifiedLinear(z, columns(a, 0, layer.cols()), 0.0));
            x = a;
        }
        p.adaptedInput = x;
        return p;
    }

    /**
     * Runs the adapted layers with per-task parameters {@code adapted} ({@code [B, adaptedSize]}).
     */
    public Pass forward(Prefix prefix, INDArray adapted) {
        Checks.argument(adapted.rank() == 2 && adapted.size(0) == prefix.batch.tasks()
                        && adapted.size(1) == layout.adaptedSize(prefix.scope),
                "adapted parameters must be [" + prefix.batch.tasks() + ", " + layout.adaptedSize(prefix.scope)
                        + "], got " + Arrays.toString(adapted.shape()));
        Pass pass = new Pass(prefix, adapted);
        RowBatch batch = prefix.batch;
        int b = batch.tasks();
        int n = batch.rows();
        long base = layout.adaptedOffset(prefix.scope);
        INDArray x = prefix.adaptedInput;
        if (prefix.scope == AdaptationScope.ALL) {
            INDArray users = batch.users.reshape(b, 1, batch.users.size(1));
            INDArray items = batch.items.reshape(b, n, batch.items.size(1));
            pass.userZ = Nd4j.matmul(users, perTask(adapted, ParameterLayout.USER_TOWER, base));
            pass.itemZ = Nd4j.matmul(items, perTask(adapted, ParameterLayout.ITEM_TOWER, base));
            x = concat(pass.userZ.reshape(b, layout.towerSize()), pass.itemZ, prefix.ids, b, n);
        }
        List<ParameterLayout.Block> layers = adaptedLayers(prefix.scope);
        for (int i = 0; i < layers.size(); i++) {
            ParameterLayout.Block layer = layers.get(i);
            INDArray w = ParameterLayout.perTaskView(adapted, layer, base);
            pass.inputs.add(x);
            if (i == layers.size() - 1) {
                pass.outputZ = Nd4j.matmul(x, w).reshape((long) b * n, 1);
            } else {
                // z into the buffer's first columns, then ReLU over the whole contiguous buffer:
                // the ones column survives (relu(1) = 1) and no elementwise op runs on a strided
                // view, which ND4J does about 7x slower
                INDArray a = prefix.buffer(i, layer.cols());
                Nd4j.matmul(x, w, columns(a, 0, layer.cols()), false, false, false);
                Nd4j.getExecutioner().exec(new RectifiedLinear(a, a, 0.0));
                x = a;
            }
        }
        return pass;
    }

    /**
     * Computes the gradient of the batch loss with respect to the output pre-activation and
     * returns the loss, {@code sum over rows of weight * loss(row)}.
     */
    public double lossGradient(Pass pass) {
        outputGradient(pass);
        RowBatch batch = pass.prefix.batch;
        return loss.computeScoreArray(batch.targets, pass.outputZ.dup(), outputActivation, null)
                .muli(batch.weights).sumNumber().doubleValue();
    }

    /**
     * Computes the gradient of the batch loss with respect to the output pre-activation,
     * without the loss itself (the inner loop never needs it, and ND4J's score costs as much
     * as the gradient).
     */
    public void outputGradient(Pass pass) {
        RowBatch batch = pass.prefix.batch;
        // Row weights are applied here rather than passed as ND4J's loss "mask": the losses
        // treat the mask as 0/1 and apply it twice to the gradient, which squares a weight.
        pass.outputGradient = loss.computeGradient(batch.targets, pass.outputZ.dup(), outputActivation, null)
                .muli(batch.weights);
    }

    /**
     * The batch loss at per-task parameters {@code adapted} and its gradient with respect to
     * the shared parameters, the per-task copies being constants (the outer loop of
     * first-order MAML, and plain supervised training): {@link #forward},
     * {@link #lossGradient}, then {@link #backward} into {@code paramGradient}.
     *
     * @param paramGradient a {@code [1, size]} vector, overwritten
     * @return {@code sum over rows of weight * loss(row)}
     */
    public double lossAndParamGradient(Prefix prefix, INDArray adapted, INDArray paramGradient) {
        Checks.notNull(paramGradient, "paramGradient");
        Pass pass = forward(prefix, adapted);
        double loss = lossGradient(pass);
        backward(pass, null, paramGradient);
        return loss;
    }

    /**
     * Back-propagates the loss gradient of {@link #lossGradient} or {@link #outputGradient}.
     *
     * @param adaptedGradient if not null, a {@code [B, adaptedSize]} matrix that receives each
     *                        task's gradient with respect to its adapted parameters (the inner
     *                        loop), overwritten
     * @param paramGradient   if not null, a {@code [1, size]} vector that receives the gradient
     *                        with respect to the shared parameters, the per-task copies being
     *                        separate constants (first-order MAML): shared layers get their
     *                        gradient over all rows, the adapted slice the sum over tasks of
     *                        each task's gradient, overwritten
     */
    public void backward(Pass pass, INDArray adaptedGradient, INDArray paramGradient) {
        Checks.state(pass.outputGradient != null, "call lossGradient(pass) before backward(pass)");
        Checks.argument(adaptedGradient != null || paramGradient != null, "ask for at least one gradient");
        Prefix prefix = pass.prefix;
        RowBatch batch = prefix.batch;
        int b = batch.tasks();
        int n = batch.rows();
        AdaptationScope scope = prefix.scope;
        long base = layout.adaptedOffset(scope);
        boolean full = paramGradient != null;

        List<ParameterLayout.Block> layers = adaptedLayers(scope);
        INDArray dz = pass.outputGradient.reshape(b, n, 1);
        INDArray dInput = null;
        for (int i = layers.size() - 1; i >= 0; i--) {
            ParameterLayout.Block layer = layers.get(i);
            INDArray x = pass.inputs.get(i);
            if (adaptedGradient != null) {
                Nd4j.matmul(x, dz, ParameterLayout.perTaskView(adaptedGradient, layer, base), true, false, false);
            }
            if (full) {
                // the sum over tasks of x_b^T dz_b is one product over all rows of all tasks
                Nd4j.matmul(flat(x), flat(dz), ParameterLayout.view(paramGradient, layer, 0), true, false, false);
            }
            if (i == 0 && scope != AdaptationScope.ALL && !full) {
                break;
            }
            // gradient with respect to the augmented input (its last column, for the constant 1, is unused)
            INDArray dx = Nd4j.matmul(dz, ParameterLayout.perTaskView(pass.adapted, layer, base), false, true,
                    false);
            if (i > 0) {
                dz = columns(reluBackward(x, dx), 0, x.size(2) - 1);
            } else {
                dInput = dx;
            }
        }
        if (scope == AdaptationScope.ALL) {
            // dInput is the gradient with respect to a_0 = [h_u, h_v, e, 1], per task
            towersBackward(dInput, pass.userZ.reshape(b, layout.towerSize()), pass.itemZ, batch,
                    adaptedGradient, base, paramGradient);
        }
        if (!full || scope == AdaptationScope.ALL) {
            return;
        }
        // shared dense layers below the adapted ones (HEAD scope), then the shared towers
        INDArray dx = dInput;
        for (int i = prefix.sharedInputs.size() - 1; i >= 0; i--) {
            ParameterLayout.Block layer = layout.denseLayers().get(i);
            INDArray out = i + 1 < prefix.sharedInputs.size() ? prefix.sharedInputs.get(i + 1) : prefix.adaptedInput;
            INDArray dzShared = columns(reluBackward(out, dx), 0, layer.cols()).dup();
            INDArray in = prefix.sharedInputs.get(i);
            Nd4j.matmul(flat(in), flat(dzShared), ParameterLayout.view(paramGradient, layer, 0), true, false,
                    false);
            dx = Nd4j.matmul(flat(dzShared), block(prefix.params, layer.name()), false, true, false)
                    .reshape(b, n, layer.rows());
        }
        towersBackward(dx, prefix.userZ, prefix.itemZ, batch, null, 0, paramGradient);
    }

    /**
     * ReLU's backward pass from its output {@code a}: {@code dA} where {@code a > 0}, else 0
     * ({@code a > 0} exactly where the input was). As {@code dA * sign(a)}: two cheap
     * elementwise operations, where ND4J's ReLU derivative op measured 5 to 10 times slower.
     */
    private static INDArray reluBackward(INDArray a, INDArray dA) {
        return Transforms.sign(a, true).muli(dA);
    }

    /** The dense layers adapted under {@code scope}, in order (the output layer last). */
    private List<ParameterLayout.Block> adaptedLayers(AdaptationScope scope) {
        return layout.denseLayers().stream().filter(l -> layout.isAdapted(l, scope)).toList();
    }

    /**
     * Back-propagates {@code dA0} ({@code [B, n, concat (+1)]}) through the concatenation and the
     * towers. With {@code perTaskBase} set (ALL scope: towers adapted per task), the towers'
     * per-task gradients go to {@code adaptedGradient} when given and their sum over tasks to
     * {@code paramGradient} when given; otherwise (shared towers) their gradient goes to
     * {@code paramGradient}. The item-ID table's gradient always goes to {@code paramGradient}.
     */
    private void towersBackward(INDArray dA0, INDArray userZ, INDArray itemZ, RowBatch batch,
                                INDArray adaptedGradient, long base, INDArray paramGradient) {
        int b = batch.tasks();
        int n = batch.rows();
        int t = layout.towerSize();
        INDArray dUser = columns(dA0, 0, t).sum(1);
        INDArray dItem = columns(dA0, t, 2 * t).dup();
        INDArray dzUser = hidden.backprop(userZ, dUser).getFirst();
        INDArray dzItem = hidden.backprop(itemZ, dItem).getFirst();
        if (adaptedGradient != null) {
            Nd4j.matmul(batch.users.reshape(b, 1, batch.users.size(1)), dzUser.reshape(b, 1, t),
                    perTask(adaptedGradient, ParameterLayout.USER_TOWER, base), true, false, false);
            Nd4j.matmul(batch.items.reshape(b, n, batch.items.size(1)), dzItem,
                    perTask(adaptedGradient, ParameterLayout.ITEM_TOWER, base), true, false, false);
        }
        if (paramGradient == null) {
            return;
        }
        // shared towers, or the sum over tasks of per-task towers: one product over all rows either way
        Nd4j.matmul(batch.users, dzUser, block(paramGradient, ParameterLayout.USER_TOWER), true, false, false);
        Nd4j.matmul(batch.items, flat(dzItem), block(paramGradient, ParameterLayout.ITEM_TOWER), true, false, false);
        if (layout.hasItemIds()) {
            // rows gather into the table: summed in Java (ND4J's scatter_add measured ~0.7 ms for 640 rows)
            float[] dIds = columns(dA0, 2 * t, layout.concatSize()).dup().data().asFloat();
            int e = layout.idSize();
            float[] table = new float[layout.idRows() * e];
            int[] ids = batch.idRows;
            for (int r = 0; r < ids.length; r++) {
                int at = ids[r] * e;
                int from = r * e;
                for (int j = 0; j < e; j++) {
                    table[at + j] += dIds[from + j];
                }
            }
            ParameterLayout.Block block = layout.block(ParameterLayout.ITEM_ID);
            block(paramGradient, ParameterLayout.ITEM_ID).assign(
                    Nd4j.create(table, new long[]{block.rows(), block.cols()}, paramGradient.dataType()));
        }
    }

    // ------------------------------------------------------------------ helpers

    /** {@code a_0 = [h_u, h_v, e, 1]}: {@code [B, n, concat + 1]}, from pre-activations {@code [B, T]} and {@code [B, n, T]}. */
    private INDArray concat(INDArray userZ, INDArray itemZ, INDArray ids, int b, int n) {
        int t = layout.towerSize();
        INDArray x = Nd4j.ones(userZ.dataType(), b, n, layout.concatSize() + 1);
        INDArray userPart = columns(x, 0, t);
        // INDArray.assign does not broadcast [B, T] over n rows (it silently writes nothing): copy explicitly
        Nd4j.getExecutioner().exec(new BroadcastCopyOp(userPart, relu(userZ), userPart, 0, 2));
        INDArray itemPart = columns(x, t, 2 * t);
        Nd4j.getExecutioner().exec(new RectifiedLinear(itemZ, itemPart, 0.0));
        if (ids != null) {
            columns(x, 2 * t, layout.concatSize()).assign(ids.reshape(b, n, layout.idSize()));
        }
        return x;
    }

    private static INDArray relu(INDArray z) {
        INDArray out = z.ulike();
        Nd4j.getExecutioner().exec(new RectifiedLinear(z, out, 0.0));
        return out;
    }

    /** Columns {@code [from, to)} of the last axis of a fresh (offset 0) 3-D array, as a view. */
    private static INDArray columns(INDArray x, long from, long to) {
        return x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(from, to));
    }

    /** {@code [B, n, k]} as {@code [B*n, k]}. */
    private static INDArray flat(INDArray x) {
        return x.reshape(x.size(0) * x.size(1), x.size(2));
    }

    private INDArray block(INDArray params, String name) {
        return ParameterLayout.view(params, layout.block(name), 0);
    }

    private INDArray perTask(INDArray perTask, String name, long base) {
        return ParameterLayout.perTaskView(perTask, layout.block(name), base);
    }
}
