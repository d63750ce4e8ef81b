package io.github.metarec4j.internal.meta;

import io.github.metarec4j.internal.util.Checks;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The outer update of training in plain Java, in one pass over the parameters: gradient
 * clipping by global L2 norm, then the Adam step ND4J's {@link Adam} updater takes (tested
 * equal to it to float tolerance), subtracted from the parameters. Done as ND4J operations
 * (about ten: the clip, the update and the subtraction), their fixed cost per operation was
 * most of the serial time between two meta-steps (docs/performance.md).
 *
 * <p>The step is libnd4j's {@code adam_updater}, in float arithmetic as there: at iteration
 * {@code t} (0-based),
 * <pre>
 *   m = β1 m + (1 - β1) g
 *   v = β2 v + (1 - β2) g²
 *   θ -= α_t m / (√v + ε),   α_t = α √(1 - β2^(t+1)) / (1 - β1^(t+1))
 * </pre>
 * so ε is added to √v without bias correction (the correction is folded into α_t).
 *
 * <p>Holds the moments of one training run: not thread-safe.
 */
final class AdamUpdate {

    private final float learningRate;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final double clipNorm;
    private final float[] m;
    private final float[] v;

    /**
     * With ND4J's default decay rates and epsilon.
     *
     * @param size         number of parameters
     * @param learningRate Adam's step size α
     * @param clipNorm     the gradient is rescaled to this L2 norm when longer; 0 for no clipping
     */
    AdamUpdate(int size, double learningRate, double clipNorm) {
        this(size, learningRate, Adam.DEFAULT_ADAM_BETA1_MEAN_DECAY, Adam.DEFAULT_ADAM_BETA2_VAR_DECAY,
                Adam.DEFAULT_ADAM_EPSILON, clipNorm);
    }

    AdamUpdate(int size, double learningRate, double beta1, double beta2, double epsilon, double clipNorm) {
        Checks.positive(size, "size");
        Checks.positive(learningRate, "learningRate", "Adam's step size");
        Checks.argument(beta1 >= 0 && beta1 < 1, "beta1 must be in [0, 1), got " + beta1);
        Checks.argument(beta2 >= 0 && beta2 < 1, "beta2 must be in [0, 1), got " + beta2);
        Checks.positive(epsilon, "epsilon", "it keeps the step finite where the second moment is 0");
        Checks.nonNegative(clipNorm, "clipNorm", "0 turns clipping off");
        this.learningRate = (float) learningRate;
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.epsilon = (float) epsilon;
        this.clipNorm = clipNorm;
        this.m = new float[size];
        this.v = new float[size];
    }

    /**
     * Clips {@code gradient} (in place) and applies one Adam step to {@code params}.
     *
     * @param iteration 0 for the first update, then 1, 2, ...
     */
    void apply(float[] params, float[] gradient, int iteration) {
        Checks.argument(params.length == m.length, "the updater holds " + m.length + " parameters, got "
                + params.length);
        Checks.argument(gradient.length == m.length, "the updater holds " + m.length + " parameters, got a gradient of "
                + gradient.length);
        Checks.nonNegative(iteration, "iteration");
        float scale = 1f;
        if (clipNorm > 0) {
            double norm = Math.sqrt(sumOfSquares(gradient));
            if (norm > clipNorm) {
                scale = (float) (clipNorm / norm);
            }
        }
        // as libnd4j computes it, in float: the bias corrections folded into the step size
        float beta1T = (float) Math.pow(beta1, iteration + 1.0);
        float beta2T = (float) Math.pow(beta2, iteration + 1.0);
        float stepSize = (float) (learningRate * (float) Math.sqrt((float) (1.0 - beta2T)) / (1.0 - beta1T));
        if (!Float.isFinite(stepSize) || stepSize == 0f) {
            stepSize = epsilon;
        }
        float b1 = beta1;
        float b2 = beta2;
        float c1 = 1 - beta1;
        float c2 = 1 - beta2;
        float eps = epsilon;
        float[] mm = m;
        float[] vv = v;
        for (int i = 0; i < params.length; i++) {
            float g = gradient[i] * scale; // exact when scale is 1
            float mi = b1 * mm[i] + g * c1;
            float vi = b2 * vv[i] + g * g * c2;
            mm[i] = mi;
            vv[i] = vi;
            params[i] -= mi * stepSize / ((float) Math.sqrt(vi) + eps);
        }
    }

    /** The first moments, live: for checkpoints. */
    float[] firstMoments() {
        return m;
    }

    /** The second moments, live: for checkpoints. */
    float[] secondMoments() {
        return v;
    }

    /** Σ x², in double, four chains so that they overlap. */
    private static double sumOfSquares(float[] x) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 4 <= x.length; i += 4) {
            s0 += (double) x[i] * x[i];
            s1 += (double) x[i + 1] * x[i + 1];
            s2 += (double) x[i + 2] * x[i + 2];
            s3 += (double) x[i + 3] * x[i + 3];
        }
        for (; i < x.length; i++) {
            s0 += (double) x[i] * x[i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
