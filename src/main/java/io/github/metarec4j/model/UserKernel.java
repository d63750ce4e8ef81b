package io.github.metarec4j.model;

import io.github.metarec4j.util.Checks;

import java.util.List;

/**
 * The dense layers of the scorer for one user, in plain Java: the inner loop of
 * {@code adapt} and the scoring of a few items, where ND4J's fixed cost per operation
 * (25-50 µs, a few hundred operations per adaptation) would dwarf the arithmetic (about a
 * million multiply-adds for 10 ratings and 5 steps).
 *
 * <p>It computes exactly what {@link MlpScorer} computes for the adapted dense layers
 * (tested equal to float tolerance): the same forward pass, the same loss gradients
 * (mean squared error, or binary cross-entropy on a sigmoid with ND4J's clipping of the
 * output to {@code [1e-5, 1 - 1e-5]}), the same per-row weights, the same plain SGD steps.
 *
 * <p>Weights live as one array per matrix row, and every inner loop runs over a whole row
 * from index 0: that is the form HotSpot's C2 compiler turns into SIMD instructions
 * (measured: about 4 GMAC/s, against 1.4 for the same loop over a flat array at an offset).
 *
 * <p>The kernel holds all dense layers (the hidden layers and the output layer); those from
 * {@code firstAdapted} on are adapted, the ones before it are frozen and evaluated once.
 * Input rows are the concatenation {@code [h_u, h_v, e]}; its first {@code shared} entries
 * (the user tower's output) are the same for every row of a user, so their product with
 * the weights is computed once, not once per row.
 *
 * <p>Immutable and thread-safe: every call works on its own arrays.
 */
public final class UserKernel {

    private static final float CLIP = 1e-5f;
    private static final float[] EMPTY = new float[0];

    private final int[] inputs;
    private final int[] outputs;
    private final int firstAdapted;
    private final boolean sigmoid;

    /**
     * @param layers       all dense layers in order, the output layer last
     * @param firstAdapted index in {@code layers} of the first adapted layer
     * @param objective    {@link Objective#RATING} (identity, squared error) or
     *                     {@link Objective#IMPLICIT} (sigmoid, cross-entropy)
     */
    public UserKernel(List<ParameterLayout.Block> layers, int firstAdapted, Objective objective) {
        Checks.notEmpty(layers, "layers", "the kernel needs at least the output layer");
        this.inputs = layers.stream().mapToInt(ParameterLayout.Block::inputs).toArray();
        this.outputs = layers.stream().mapToInt(ParameterLayout.Block::cols).toArray();
        Checks.argument(outputs[outputs.length - 1] == 1, "the last layer must have one output");
        Checks.argument(firstAdapted >= 0 && firstAdapted < layers.size(),
                "firstAdapted must index a layer, got " + firstAdapted);
        this.firstAdapted = firstAdapted;
        this.sigmoid = objective == Objective.IMPLICIT;
    }

    /** {@code relu([x, 1] W)} for weights given as rows ({@code x.length + 1} rows, the bias last). */
    public static float[] reluLayer(float[] x, float[][] w) {
        Checks.argument(w.length == x.length + 1, "a layer of " + (w.length - 1) + " inputs got " + x.length);
        return Vectors.relu(Vectors.affine(x, w));
    }

    /** Number of values of a flat parameter vector of these layers. */
    public int parameterCount() {
        int n = 0;
        for (int l = 0; l < inputs.length; l++) {
            n += (inputs[l] + 1) * outputs[l];
        }
        return n;
    }

    /**
     * {@code steps} SGD steps of size {@code learningRate} on the weighted loss of the rows,
     * updating the layers from {@code firstAdapted} on.
     *
     * @param params  all dense layers' parameters, flat in {@link ParameterLayout} order (not modified)
     * @param shared  the input entries shared by all rows (may be empty)
     * @param rows    each row's other input entries
     * @param targets each row's target (centred rating, or 1/0)
     * @param weights each row's loss weight
     * @return all dense layers' parameters after adaptation, flat
     */
    public float[] adapt(float[] params, float[] shared, float[][] rows, float[] targets, float[] weights, int steps,
                         float learningRate) {
        float[][][] w = unpack(params);
        int n = rows.length;
        int layers = inputs.length;
        Work work = new Work(n, true);
        forward(w, shared, rows, work, 0, firstAdapted); // frozen layers, once
        float[][][] grad = new float[layers][][];
        for (int l = firstAdapted; l < layers; l++) {
            grad[l] = new float[inputs[l] + 1][outputs[l]];
        }
        for (int step = 0; step < steps; step++) {
            forward(w, shared, rows, work, firstAdapted, layers);
            float[][] dz = work.dz[layers - 1];
            for (int r = 0; r < n; r++) {
                dz[r][0] = weights[r] * outputGradient(work.out[r], targets[r]);
            }
            for (int l = layers - 1; l >= firstAdapted; l--) {
                zero(grad[l]);
                accumulate(grad[l], l == 0 ? shared : EMPTY, l == 0 ? rows : work.act[l - 1], work.dz[l], work.sum,
                        work.columns, work.ones, work.nonZero);
                if (l > firstAdapted) {
                    backThroughRelu(work.dz[l], w[l], work.act[l - 1], work.wt[l], work.dz[l - 1],
                            work.nonZero);
                }
            }
            for (int l = firstAdapted; l < layers; l++) {
                sgd(w[l], grad[l], learningRate);
            }
        }
        return pack(w);
    }

    /**
     * The model's raw output for each row (before the output activation).
     *
     * @param params all dense layers' parameters, flat
     */
    public float[] score(float[] params, float[] shared, float[][] rows) {
        float[][][] w = unpack(params);
        Work work = new Work(rows.length, false);
        forward(w, shared, rows, work, 0, inputs.length);
        return work.out;
    }

    /**
     * The weighted loss of the rows at {@code params}, and its gradient through every dense
     * layer down to the input: what the outer loop of meta-learning needs at a user's adapted
     * weights.
     *
     * @param params   all dense layers' parameters, flat
     * @param gradient accumulates d loss / d params: one {@code [inputs + 1][outputs]} array
     *                 per layer ({@link #newGradient()}); added to, not overwritten
     * @param dShared  accumulates d loss / d shared (added to)
     * @param dRows    receives d loss / d rows[r] (overwritten)
     * @return {@code sum over rows of weight * loss(row)}
     */
    public double gradient(float[] params, float[] shared, float[][] rows, float[] targets, float[] weights,
                           float[][][] gradient, float[] dShared, float[][] dRows) {
        float[][][] w = unpack(params);
        int n = rows.length;
        int layers = inputs.length;
        Work work = new Work(n, true);
        forward(w, shared, rows, work, 0, layers);
        double loss = 0;
        float[][] dz = work.dz[layers - 1];
        for (int r = 0; r < n; r++) {
            loss += weights[r] * lossValue(work.out[r], targets[r]);
            dz[r][0] = weights[r] * outputGradient(work.out[r], targets[r]);
        }
        for (int l = layers - 1; l >= 0; l--) {
            accumulate(gradient[l], l == 0 ? shared : EMPTY, l == 0 ? rows : work.act[l - 1], work.dz[l], work.sum,
                    work.columns, work.ones, work.nonZero);
            if (l > 0) {
                backThroughRelu(work.dz[l], w[l], work.act[l - 1], work.wt[l], work.dz[l - 1],
                        work.nonZero);
            }
        }
        // d loss / d input = dz_0 W_0^T (no activation at the concatenation)
        float[][] w0t = transpose(w[0], inputs[0], new float[outputs[0]][inputs[0]]);
        int s = shared.length;
        float[] full = new float[inputs[0]];
        for (int r = 0; r < n; r++) {
            times(work.dz[0][r], w0t, inputs[0], full, work.nonZero);
            for (int k = 0; k < s; k++) {
                dShared[k] += full[k];
            }
            System.arraycopy(full, s, dRows[r], 0, dRows[r].length);
        }
        return loss;
    }

    /**
     * The working arrays of one call for {@code n} rows, allocated once so that the inner
     * loop's steps allocate nothing; one per call, which keeps the kernel thread-safe. A
     * forward-only call ({@link #score}) gets none of the backward pass's arrays.
     */
    private final class Work {
        /** act[l][r]: output of layer l (after ReLU), l before the last. */
        final float[][][] act;
        /** dz[l][r]: d loss / d pre-activation of layer l (backward only). */
        final float[][][] dz;
        /** wt[l]: W_l^T without its bias row, l > 0 (backward only). */
        final float[][][] wt;
        /** The last layer's output per row (before the output activation). */
        final float[] out;
        /** Row of the last layer's pre-activation. */
        final float[] last;
        /** Sum of dz over rows, per layer width (backward only). */
        final float[] sum;
        /** The first layer's pre-activation shared by all rows (bias + shared inputs). */
        final float[] start;
        /** Indices of the non-zero entries of an input row or column. */
        final int[] nonZero;
        /** columns[k][r]: entry k of a layer's input row r (backward only). */
        final float[][] columns;
        /** n ones: the weight of every row in a sum over rows (backward only). */
        final float[] ones;

        Work(int n, boolean backward) {
            int layers = inputs.length;
            act = new float[layers][][];
            dz = new float[layers][][];
            wt = new float[layers][][];
            int widest = 1;
            int inputsWidest = 1;
            for (int l = 0; l < layers; l++) {
                if (l < layers - 1) {
                    act[l] = new float[n][outputs[l]];
                }
                if (backward) {
                    dz[l] = new float[n][outputs[l]];
                    if (l > 0) {
                        wt[l] = new float[outputs[l]][inputs[l]];
                    }
                }
                widest = Math.max(widest, outputs[l]);
                inputsWidest = Math.max(inputsWidest, Math.max(inputs[l], outputs[l]));
            }
            out = new float[n];
            last = new float[1];
            start = new float[outputs[0]];
            nonZero = new int[Math.max(inputsWidest, n)];
            sum = backward ? new float[widest] : null;
            columns = backward ? new float[inputsWidest][n] : null;
            ones = backward ? new float[n] : null;
            if (backward) {
                java.util.Arrays.fill(ones, 1f);
            }
        }
    }

    /** A zeroed gradient accumulator for {@link #gradient}. */
    public float[][][] newGradient() {
        float[][][] g = new float[inputs.length][][];
        for (int l = 0; l < inputs.length; l++) {
            g[l] = new float[inputs[l] + 1][outputs[l]];
        }
        return g;
    }

    /** Adds {@code gradient} (as from {@link #gradient}) into {@code flat[from ..]}, in layout order. */
    public static void addTo(float[][][] gradient, float[] flat, int from) {
        int at = from;
        for (float[][] layer : gradient) {
            for (float[] row : layer) {
                for (int j = 0; j < row.length; j++) {
                    flat[at + j] += row[j];
                }
                at += row.length;
            }
        }
    }

    /**
     * Layers {@code [from, to)}: their activations into {@code work.act}, the last layer's output
     * into {@code work.out}.
     */
    private void forward(float[][][] w, float[] shared, float[][] rows, Work work, int from, int to) {
        int n = rows.length;
        int layers = inputs.length;
        for (int l = from; l < to; l++) {
            int h = outputs[l];
            float[][] wl = w[l];
            boolean output = l == layers - 1;
            float[] c;
            int offset;
            if (l == 0) {
                // bias + shared part, once for all rows
                c = work.start;
                System.arraycopy(wl[inputs[0]], 0, c, 0, h);
                Vectors.addRows(shared, work.nonZero, nonZeros(shared, work.nonZero), wl, 0, c, h);
                offset = shared.length;
            } else {
                c = wl[inputs[l]];
                offset = 0;
            }
            for (int r = 0; r < n; r++) {
                float[] x = l == 0 ? rows[r] : work.act[l - 1][r];
                float[] z = output ? work.last : work.act[l][r];
                System.arraycopy(c, 0, z, 0, h);
                int[] idx = work.nonZero;
                Vectors.addRows(x, idx, nonZeros(x, idx), wl, offset, z, h);
                if (output) {
                    work.out[r] = z[0];
                } else {
                    for (int j = 0; j < h; j++) {
                        if (z[j] < 0f) {
                            z[j] = 0f;
                        }
                    }
                }
            }
        }
    }

    /** The loss of one row, as ND4J's LossMSE / LossBinaryXENT score it. */
    private double lossValue(float y, float target) {
        if (!sigmoid) {
            double e = y - target;
            return e * e;
        }
        double p = Math.max(CLIP, Math.min(1 - CLIP, 1.0 / (1.0 + Math.exp(-y))));
        return -(target * Math.log(p) + (1 - target) * Math.log(1 - p));
    }

    /** d loss / d output pre-activation for one row, before its weight. */
    private float outputGradient(float y, float target) {
        if (!sigmoid) {
            return 2f * (y - target);
        }
        // LossBinaryXENT with a sigmoid: (p - t) / (p (1 - p)) * p (1 - p), p clipped to [eps, 1 - eps]
        double p = 1.0 / (1.0 + Math.exp(-y));
        double clipped = Math.max(CLIP, Math.min(1 - CLIP, p));
        return (float) ((clipped - target) / (clipped * (1 - clipped)) * (p * (1 - p)));
    }

    /**
     * grad += [shared, input, 1]^T dz (shared is empty except for the first layer). Computed row
     * of grad by row of grad: {@code grad[k] += sum over rows r of in[r][k] dz[r]}, from the input's
     * columns ({@code col}, transposed once per call), so that several rows of dz are added to
     * {@code grad[k]} at a time. {@code sum} is scratch; {@code ones} holds {@code dz.length} ones.
     */
    private static void accumulate(float[][] g, float[] shared, float[][] in, float[][] dz, float[] sum,
                                   float[][] col, float[] ones, int[] idx) {
        int n = dz.length;
        int h = g[0].length;
        int offset = shared.length;
        java.util.Arrays.fill(sum, 0, h, 0f);
        Vectors.addRows(ones, idx, nonZeros(ones, idx), dz, 0, sum, h);
        if (n > 0) {
            transpose(in, n, col);
            for (int k = offset; k < g.length - 1; k++) {
                float[] c = col[k - offset];
                Vectors.addRows(c, idx, nonZeros(c, idx), dz, 0, g[k], h);
            }
        }
        Vectors.axpy(1f, sum, g[g.length - 1], h);
        // the shared entries multiply every row: their gradient is shared[k] times the sum of dz
        for (int k = 0; k < shared.length; k++) {
            Vectors.axpy(shared[k], sum, g[k], h);
        }
    }

    /**
     * dz of the layer below into {@code out}: {@code dz W^T} (without the bias row) where its
     * activation was positive. Computed as row operations over {@code W^T} (transposed once per
     * call into {@code wt}) so the inner loop vectorises, skipping the zeros ReLU leaves in
     * {@code dz}.
     */
    private static void backThroughRelu(float[][] dz, float[][] w, float[][] below, float[][] wt, float[][] out,
                                        int[] idx) {
        int n = dz.length;
        int d = w.length - 1;
        transpose(w, d, wt);
        for (int r = 0; r < n; r++) {
            float[] o = out[r];
            times(dz[r], wt, d, o, idx);
            float[] a = below[r];
            for (int k = 0; k < d; k++) {
                if (a[k] <= 0f) {
                    o[k] = 0f;
                }
            }
        }
    }

    /** {@code o = x W^T} (first d entries), for {@code wt = W^T} given as rows. */
    private static void times(float[] x, float[][] wt, int d, float[] o, int[] idx) {
        java.util.Arrays.fill(o, 0, d, 0f);
        Vectors.addRows(x, idx, nonZeros(x, idx), wt, 0, o, d);
    }

    /**
     * Writes the indices of {@code x}'s non-zero entries into {@code idx}, in order, and returns
     * their count. Without a branch on the values: ReLU's zeros fall in no pattern the branch
     * predictor could learn.
     */
    private static int nonZeros(float[] x, int[] idx) {
        int count = 0;
        for (int k = 0; k < x.length; k++) {
            idx[count] = k;
            count += x[k] != 0f ? 1 : 0;
        }
        return count;
    }

    /** The first {@code d} rows of {@code w}, transposed into {@code t} ({@code [cols][d]}); returns t. */
    private static float[][] transpose(float[][] w, int d, float[][] t) {
        int h = w[0].length;
        for (int k = 0; k < d; k++) {
            float[] row = w[k];
            for (int j = 0; j < h; j++) {
                t[j][k] = row[j];
            }
        }
        return t;
    }

    private static void sgd(float[][] w, float[][] g, float rate) {
        for (int k = 0; k < w.length; k++) {
            Vectors.axpy(-rate, g[k], w[k], w[k].length);
        }
    }

    private static void zero(float[][] g) {
        for (float[] row : g) {
            java.util.Arrays.fill(row, 0f);
        }
    }

    private float[][][] unpack(float[] params) {
        Checks.argument(params.length == parameterCount(), "the layers have " + parameterCount()
                + " parameters, got " + params.length);
        float[][][] w = new float[inputs.length][][];
        int at = 0;
        for (int l = 0; l < inputs.length; l++) {
            w[l] = new float[inputs[l] + 1][];
            for (int k = 0; k <= inputs[l]; k++) {
                w[l][k] = java.util.Arrays.copyOfRange(params, at, at + outputs[l]);
                at += outputs[l];
            }
        }
        return w;
    }

    private float[] pack(float[][][] w) {
        float[] params = new float[parameterCount()];
        int at = 0;
        for (float[][] layer : w) {
            for (float[] row : layer) {
                System.arraycopy(row, 0, params, at, row.length);
                at += row.length;
            }
        }
        return params;
    }
}
