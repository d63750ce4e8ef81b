package io.github.metarec4j.meta;

/**
 * Meta-training produced a loss that is not a finite number: the weights have blown up.
 * Carries where it happened. Immutable; thread-safe.
 */
public final class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int step;

    TrainingDivergedException(int epoch, int step, double loss, MamlConfig config) {
        super("meta-training diverged at epoch " + epoch + ", meta-step " + step + ": the query loss is " + loss
                + ". Lower outerLearningRate (now " + config.outerLearningRate() + ") or innerLearningRate (now "
                + config.innerLearningRate() + "), or set gradientClipNorm (now "
                + (config.gradientClipNorm() == 0 ? "off" : String.valueOf(config.gradientClipNorm())) + ")");
        this.epoch = epoch;
        this.step = step;
    }

    /** The epoch (1-based) in which the loss stopped being finite. */
    public int epoch() {
        return epoch;
    }

    /** The meta-step within that epoch (1-based). */
    public int step() {
        return step;
    }
}
