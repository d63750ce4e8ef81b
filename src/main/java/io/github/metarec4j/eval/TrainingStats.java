package io.github.metarec4j.eval;

import io.github.metarec4j.internal.util.Checks;

/**
 * The training effort a learned method reports: tasks (users, or user chunks for the
 * supervised trainer) processed and the trainer's own wall time (for the library's
 * trainers, {@code Provenance.trainingSeconds}, which includes the validation after each
 * epoch).
 *
 * <p>Immutable value; thread-safe.
 *
 * @param tasks   training tasks processed
 * @param seconds wall time of training, in seconds
 */
public record TrainingStats(long tasks, double seconds) {

    /** Fails (IllegalArgumentException) if a figure is negative. */
    public TrainingStats {
        Checks.argument(tasks >= 0, "tasks must be zero or positive, got " + tasks);
        Checks.nonNegative(seconds, "seconds", "the wall time of training");
    }

    /** Tasks per second of training; NaN if no time was measured. */
    public double tasksPerSecond() {
        return seconds > 0 ? tasks / seconds : Double.NaN;
    }
}
