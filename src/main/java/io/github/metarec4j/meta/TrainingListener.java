package io.github.metarec4j.meta;

import io.github.metarec4j.internal.util.Checks;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Receives the progress of meta-training. Every method has an empty default, so a
 * listener implements only what it needs. Called on the training thread; a slow
 * listener slows training.
 *
 * <p>Implementations decide their own thread-safety; the built-in ones are meant for one
 * training run at a time.
 */
public interface TrainingListener {

    /** Training is about to start. */
    default void onTrainingStart(TrainingPlan plan) {
    }

    /** One meta-batch (outer update) is done. */
    default void onMetaStep(TrainingProgress progress) {
    }

    /** One epoch is done, validated if validation is on. */
    default void onEpochEnd(EpochSummary summary) {
    }

    /** Training is over (all epochs, or stopped early). */
    default void onTrainingEnd(TrainingSummary summary) {
    }

    /**
     * Whether training should stop now: asked after every meta-step, on the training thread.
     * Training then ends as early stopping does (listeners see {@code onTrainingEnd} with
     * {@link StopReason#REQUESTED}), returning the best epoch's weights so far (with
     * validation) or the last completed epoch's (without); no exception is needed.
     */
    default boolean stopRequested() {
        return false;
    }

    /** Why training ended. */
    enum StopReason {
        /** Every epoch ran. */
        COMPLETED,
        /** Early stopping: no better validation score for {@code patience} epochs. */
        EARLY_STOPPING,
        /** A listener's {@link #stopRequested()} said so. */
        REQUESTED,
        /** The training thread was interrupted (its interrupt flag is left set). */
        INTERRUPTED;

        /** How progress reports mention it: empty for {@link #COMPLETED}, else " (stopped early)" and the like. */
        public String note() {
            return switch (this) {
                case COMPLETED -> "";
                case EARLY_STOPPING -> " (stopped early)";
                case REQUESTED -> " (stopped on request)";
                case INTERRUPTED -> " (interrupted)";
            };
        }
    }

    /** Logs progress through SLF4J at INFO, at most once per {@code interval}, and every epoch's summary. */
    static TrainingListener logging(Duration interval) {
        return new LoggingListener(Checks.notNull(interval, "interval"));
    }

    /** Draws a progress bar on {@code out} (a terminal), redrawn in place; for examples and command lines. */
    static TrainingListener progressBar(PrintStream out) {
        return new ProgressBarListener(Checks.notNull(out, "out"));
    }

    /** What training will do. */
    record TrainingPlan(int epochs, int trainingUsers, int validationUsers, int metaBatchSize, long parameters) {
    }

    /** Progress after one meta-batch. */
    record TrainingProgress(int epoch, int epochs, int step, int stepsInEpoch, double loss, long tasks,
                            Duration elapsed) {
        /** Tasks per second since training started. */
        public double tasksPerSecond() {
            return tasks / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

    /**
     * One epoch's result.
     *
     * @param trainingLoss    mean query loss of the epoch's meta-batches
     * @param validationScore the validation users' score that picks the epoch (see
     *                        {@link MamlConfig.SelectionMetric}); NaN without validation
     * @param improved        whether it is the best so far
     * @param validationMae    the validation users' MAE on the rating scale; NaN without validation or a rating head
     * @param validationRecall the validation users' Recall@20 of the ranking; NaN without validation
     */
    record EpochSummary(int epoch, int epochs, double trainingLoss, double validationScore, boolean improved,
                        long tasks, Duration epochTime, double tasksPerSecond, double validationMae,
                        double validationRecall) {
    }

    /** The whole run. */
    record TrainingSummary(int epochsRun, int bestEpoch, double bestValidationScore, long tasks, Duration time,
                           StopReason stopReason) {

        /** Whether early stopping ended training before its last epoch. */
        public boolean stoppedEarly() {
            return stopReason == StopReason.EARLY_STOPPING;
        }

        /** Tasks per second over the run. */
        public double tasksPerSecond() {
            return tasks / Math.max(1e-9, time.toNanos() / 1e9);
        }
    }
}
