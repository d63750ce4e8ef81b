package io.github.metarec4j.meta;

/**
 * Meta-training blew up: a loss that is not a finite number, or far above what a model that
 * knows nothing scores, weights that are no longer finite numbers after an update, or a
 * validation score that is not a number. Carries where it happened. Immutable; thread-safe.
 */
public final class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int step;

    /**
     * @param epoch the epoch (1-based)
     * @param step  the meta-step within it (1-based), or 0 for the epoch's validation
     * @param what  what was found, such as "the query loss is NaN"
     * @param config the training configuration, whose learning rates the message quotes
     */
    // public for the training engine (an internal package); applications only catch it
    public TrainingDivergedException(int epoch, int step, String what, MamlConfig config) {
        super("meta-training diverged at epoch " + epoch + (step > 0 ? ", meta-step " + step : ", in validation")
                + ": " + what + ". Lower outerLearningRate (now " + config.outerLearningRate()
                + ") or innerLearningRate (now " + config.innerLearningRate() + "), or set gradientClipNorm (now "
                + (config.gradientClipNorm() == 0 ? "off" : String.valueOf(config.gradientClipNorm())) + ")");
        this.epoch = epoch;
        this.step = step;
    }

    /** The epoch (1-based) in which training diverged. */
    public int epoch() {
        return epoch;
    }

    /** The meta-step within that epoch (1-based), or 0 if the epoch's validation found it. */
    public int step() {
        return step;
    }
}
