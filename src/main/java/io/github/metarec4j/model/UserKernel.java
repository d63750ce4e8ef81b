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
        float[][][] act = new float[layers][][];   // act[l][r]: output of layer l (post-ReLU), l < last
        forward(w, shared, rows, act, null, 0, firstAdapted); // frozen layers, once
        float[][][] grad = new float[layers][][];
        for (int l = firstAdapted; l < layers; l++) {
            grad[l] = new float[inputs[l] + 1][outputs[l]];
        }
        float[] out = new float[n];
        for (int step = 0; step < steps; step++) {
            forward(w, shared, rows, act, out, firstAdapted, layers);
            float[][] dz = new float[n][1];
            for (int r = 0; r < n; r++) {
                dz[r][0] = weights[r] * outputGradient(out[r], targets[r]);
            }
            for (int l = layers - 1; l >= firstAdapted; l--) {
                zero(grad[l]);
                accumulate(grad[l], l == 0 ? shared : EMPTY, l == 0 ? rows : act[l - 1], dz);
                if (l > firstAdapted) {
                    dz = backThroughRelu(dz, w[l], act[l - 1]);
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
        float[][][] act = new float[inputs.length][][];
        float[] out = new float[rows.length];
        forward(w, shared, rows, act, out, 0, inputs.length);
        return out;
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
        float[][][] act = new float[layers][][];
        float[] out = new float[n];
        forward(w, shared, rows, act, out, 0, layers);
        double loss = 0;
        float[][] dz = new float[n][1];
        for (int r = 0; r < n; r++) {
            loss += weights[r] * lossValue(out[r], targets[r]);
            dz[r][0] = weights[r] * outputGradient(out[r], targets[r]);
        }
        for (int l = layers - 1; l >= 0; l--) {
            accumulate(gradient[l], l == 0 ? shared : EMPTY, l == 0 ? rows : act[l - 1], dz);
            if (l > 0) {
                dz = backThroughRelu(dz, w[l], act[l - 1]);
            }
        }
        // d loss / d input = dz_0 W_0^T (no activation at the concatenation)
        float[][] w0t = transpose(w[0], inputs[0]);
        int s = shared.length;
        for (int r = 0; r < n; r++) {
            float[] full = times(dz[r], w0t, inputs[0]);
            for (int k = 0; k < s; k++) {
                dShared[k] += full[k];
            }
            System.arraycopy(full, s, dRows[r], 0, dRows[r].length);
        }
        return loss;
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

    /** Layers {@code [from, to)}: their activations into {@code act}, the last layer's output into {@code out}. */
    private void forward(float[][][] w, float[] shared, float[][] rows, float[][][] act, float[] out, int from,
                         int to) {
        int n = rows.length;
        int layers = inputs.length;
        for (int l = from; l < to; l++) {
            int h = outputs[l];
            float[][] wl = w[l];
            float[][] z = new float[n][];
            if (l == 0) {
                // bias + shared part, once for all rows
                float[] c = wl[inputs[0]].clone();
                for (int k = 0; k < shared.length; k++) {
                    Vectors.axpy(shared[k], wl[k], c, h);
                }
                for (int r = 0; r < n; r++) {
                    z[r] = Vectors.affine(c, rows[r], wl, shared.length);
                }
            } else {
                float[][] x = act[l - 1];
                for (int r = 0; r < n; r++) {
                    z[r] = Vectors.affine(wl[inputs[l]], x[r], wl, 0);
                }
            }
            if (l == layers - 1) {
                for (int r = 0; r < n; r++) {
                    out[r] = z[r][0];
                }
            } else {
                for (float[] zr : z) {
                    for (int j = 0; j < h; j++) {
                        if (zr[j] < 0f) {
                            zr[j] = 0f;
                        }
                    }
                }
                act[l] = z;
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

    /** grad += [shared, input, 1]^T dz (shared is empty except for the first layer). */
    private static void accumulate(float[][] g, float[] shared, float[][] in, float[][] dz) {
        int n = dz.length;
        int h = dz[0].length;
        float[] sum = new float[h];
        int offset = shared.length;
        for (int r = 0; r < n; r++) {
            float[] d = dz[r];
            Vectors.axpy(1f, d, sum, h);
            float[] x = in[r];
            for (int k = 0; k < x.length; k++) {
                float a = x[k];
                if (a != 0f) {
                    Vectors.axpy(a, d, g[offset + k], h);
                }
            }
        }
        Vectors.axpy(1f, sum, g[g.length - 1], h);
        // the shared entries multiply every row: their gradient is shared[k] times the sum of dz
        for (int k = 0; k < shared.length; k++) {
            Vectors.axpy(shared[k], sum, g[k], h);
        }
    }

    /**
     * dz of the layer below: {@code dz W^T} (without the bias row) where its activation was
     * positive. Computed as row operations over {@code W^T} (transposed once per call) so the
     * inner loop vectorises, skipping the zeros ReLU leaves in {@code dz}.
     */
    private static float[][] backThroughRelu(float[][] dz, float[][] w, float[][] below) {
        int n = dz.length;
        int d = w.length - 1;
        float[][] wt = transpose(w, d);
        float[][] out = new float[n][];
        for (int r = 0; r < n; r++) {
            float[] o = times(dz[r], wt, d);
            float[] a = below[r];
            for (int k = 0; k < d; k++) {
                if (a[k] <= 0f) {
                    o[k] = 0f;
                }
            }
            out[r] = o;
        }
        return out;
    }

    /** {@code x W^T} as a new row of length d, for {@code wt = W^T} given as rows. */
    private static float[] times(float[] x, float[][] wt, int d) {
        float[] o = new float[d];
        for (int j = 0; j < x.length; j++) {
            float v = x[j];
            if (v != 0f) {
                Vectors.axpy(v, wt[j], o, d);
            }
        }
        return o;
    }

    /** The first {@code d} rows of {@code w}, transposed: {@code [cols][d]}. */
    private static float[][] transpose(float[][] w, int d) {
        int h = w[0].length;
        float[][] t = new float[h][d];
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
