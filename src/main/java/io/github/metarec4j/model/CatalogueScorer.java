package io.github.metarec4j.model;

import io.github.metarec4j.util.Checks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;
import java.util.List;

/**
 * Scores every item of a catalogue for one user through the dense layers with that user's
 * weights: one large matrix product per hidden layer on ND4J's BLAS, where the arithmetic
 * (about 14 million multiply-adds for 1,682 items and layers of 64) outweighs ND4J's fixed
 * cost per operation, and the last ReLU with the one-output layer in Java.
 *
 * <p>The item side of the first layer's input, {@code [h_v, e, 1]} for every item, is
 * computed once (it does not depend on the user) and kept as one matrix; the user side
 * {@code h_u} is folded into that layer's bias, {@code b_1 + h_u W_1u}, in Java. Every
 * activation carries a column of ones so each layer, bias included, is one product; the
 * products write into per-thread buffers allocated on a thread's first call and reused, so
 * steady-state serving allocates no off-heap memory. The last hidden layer's ReLU runs in
 * Java on the copy its output layer reads anyway, saving a ReLU op. Measured on the 2-core
 * development machine: about 0.27 ms per 1,682 x 64 x 64 product and 0.05 ms per ReLU op
 * when the machine is quiet; ND4J's fixed cost is 25-60 µs per operation.
 *
 * <p>Splitting the catalogue in two row ranges scored on two threads was measured and not
 * kept: two concurrent BLAS products slow each other down on the 2-core machine, so each
 * half took 0.47-0.67 ms where the whole took 0.84-1.02 ms on one thread, and a split call
 * (0.98-1.27 ms, handing a part to another thread included) was slower than an unsplit one
 * (medians of 500 interleaved calls, 5 runs).
 *
 * <p>Immutable and thread-safe: the item matrix is only read; buffers are per thread.
 */
public final class CatalogueScorer {

    private final int[] inputs;
    private final int[] outputs;
    private final int shared;
    private final float[][] itemRows;
    private final INDArray items;
    private final ThreadLocal<Buffers> buffers;

    /**
     * @param layers   all dense layers in order, the output layer last
     * @param shared   width of the user part {@code h_u} at the start of the first layer's input
     * @param itemSide {@code [items, firstLayerInputs - shared]}: each item's {@code [h_v, e]}
     */
    public CatalogueScorer(List<ParameterLayout.Block> layers, int shared, INDArray itemSide) {
        Checks.notEmpty(layers, "layers", "the scorer needs at least the output layer");
        Checks.notNull(itemSide, "itemSide");
        this.inputs = layers.stream().mapToInt(ParameterLayout.Block::inputs).toArray();
        this.outputs = layers.stream().mapToInt(ParameterLayout.Block::cols).toArray();
        this.shared = shared;
        int width = inputs[0] - shared;
        Checks.argument(itemSide.rank() == 2 && itemSide.size(1) == width,
                "item side must be [items, " + width + "], got " + Arrays.toString(itemSide.shape()));
        int n = (int) itemSide.size(0);
        float[] flat = itemSide.castTo(DataType.FLOAT).dup('c').data().asFloat();
        this.itemRows = new float[n][];
        float[] padded = new float[n * (width + 1)];
        for (int i = 0; i < n; i++) {
            itemRows[i] = Arrays.copyOfRange(flat, i * width, (i + 1) * width);
            System.arraycopy(flat, i * width, padded, i * (width + 1), width);
            padded[i * (width + 1) + width] = 1f;
        }
        this.items = Nd4j.create(padded, new long[]{n, width + 1}, DataType.FLOAT);
        this.buffers = ThreadLocal.withInitial(() -> new Buffers(n));
    }

    /** Number of items. */
    public int size() {
        return itemRows.length;
    }

    /** Item {@code i}'s {@code [h_v, e]} (a shared array: read only). */
    public float[] itemRow(int i) {
        return itemRows[i];
    }

    /**
     * The raw output (before the output activation) of every item, in catalogue order.
     *
     * @param dense the dense layers' parameters, flat in {@link ParameterLayout} order
     * @param user  the user tower's output {@code h_u}
     */
    public float[] score(float[] dense, float[] user) {
        Checks.argument(user.length == shared, "h_u must have " + shared + " values, got " + user.length);
        int layers = inputs.length;
        int[] offsets = new int[layers];
        for (int l = 1; l < layers; l++) {
            offsets[l] = offsets[l - 1] + (inputs[l - 1] + 1) * outputs[l - 1];
        }
        float[][] hidden = new float[layers - 1][];
        for (int l = 0; l < layers - 1; l++) {
            hidden[l] = layerWeights(l, dense, offsets[l], user);
        }
        int in = inputs[layers - 1];
        float[] last = layers == 1 ? layerWeights(0, dense, 0, user)
                : Arrays.copyOfRange(dense, offsets[layers - 1], offsets[layers - 1] + in + 1);
        return scoreAll(hidden, last);
    }

    /**
     * Layer {@code l}'s weights as ND4J will use them: for layer 0, the item rows followed by
     * the bias with the user part folded in; for other layers, the block as it is.
     */
    private float[] layerWeights(int l, float[] dense, int at, float[] user) {
        int h = outputs[l];
        if (l > 0) {
            return Arrays.copyOfRange(dense, at, at + (inputs[l] + 1) * h);
        }
        int in = inputs[0];
        float[] w = Arrays.copyOfRange(dense, at + shared * h, at + (in + 1) * h);
        int bias = (in - shared) * h;
        for (int k = 0; k < shared; k++) {
            float u = user[k];
            int row = at + k * h;
            for (int j = 0; j < h; j++) {
                w[bias + j] += u * dense[row + j];
            }
        }
        return w;
    }

    /** The raw output of every item from each hidden layer's weights as ND4J uses them, and the output layer's. */
    private float[] scoreAll(float[][] hidden, float[] last) {
        float[] scores = new float[itemRows.length];
        int layers = inputs.length;
        int in = inputs[layers - 1];
        if (layers == 1) {
            // no hidden layer: the output layer straight on the item rows (user folded into the bias)
            for (int i = 0; i < scores.length; i++) {
                scores[i] = Vectors.dot(itemRows[i], 0, last, 0, in - shared) + last[in - shared];
            }
            return scores;
        }
        Buffers b = buffers.get();
        // hidden layers but the last: [x, 1] W into the first columns of a ones-padded buffer, then
        // ReLU over the whole buffer (relu(1) = 1 keeps the ones column)
        INDArray x = items;
        for (int l = 0; l < layers - 2; l++) {
            b.weights[l].data().asNioFloat().put(0, hidden[l]);
            Nd4j.matmul(x, b.weights[l], b.products[l], false, false, false);
            Nd4j.getExecutioner().exec(new RectifiedLinear(b.activations[l], b.activations[l], 0.0));
            x = b.activations[l];
        }
        // the last hidden layer's pre-activation, read into Java, where ReLU and the output layer follow
        int l = layers - 2;
        b.weights[l].data().asNioFloat().put(0, hidden[l]);
        Nd4j.gemm(x, b.weights[l], b.preActivation, false, false, 1.0, 0.0);
        b.preActivation.data().asNioFloat().get(0, b.lastHidden);
        float[] a = b.lastHidden;
        for (int k = 0; k < a.length; k++) {
            a[k] = Math.max(a[k], 0f);
        }
        float bias = last[in];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = Vectors.dot(a, i * in, last, 0, in) + bias;
        }
        return scores;
    }

    /** One thread's weights and activations, off-heap, reused from call to call. */
    private final class Buffers {
        /** Hidden layer l's augmented weights; layer 0's rows are the item inputs and the bias. */
        final INDArray[] weights = new INDArray[inputs.length - 1];
        /** Hidden layer l's output with a column of ones, and the view its product writes (not the last). */
        final INDArray[] activations = new INDArray[inputs.length - 1];
        final INDArray[] products = new INDArray[inputs.length - 1];
        /** The last hidden layer's pre-activation, and its copy in Java. */
        final INDArray preActivation;
        final float[] lastHidden;

        Buffers(int rows) {
            int hiddenLayers = inputs.length - 1;
            for (int l = 0; l < hiddenLayers; l++) {
                int in = (l == 0 ? inputs[0] - shared : inputs[l]) + 1;
                weights[l] = Nd4j.create(DataType.FLOAT, in, outputs[l]);
                if (l < hiddenLayers - 1) {
                    activations[l] = Nd4j.ones(DataType.FLOAT, rows, outputs[l] + 1);
                    products[l] = activations[l].get(NDArrayIndex.all(), NDArrayIndex.interval(0, outputs[l]));
                }
            }
            int h = hiddenLayers == 0 ? 0 : outputs[hiddenLayers - 1];
            preActivation = hiddenLayers == 0 ? null : Nd4j.create(DataType.FLOAT, rows, h);
            lastHidden = new float[rows * h];
        }
    }
}
