package io.github.metarec4j.benchmarks;

import io.github.metarec4j.eval.Latency;
import io.github.metarec4j.eval.TrainingStats;

import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The timing figures of one run, as the report's timing table and JSON name them. Latencies
 * are per user over every user of every scenario. An enum: immutable and thread-safe.
 */
enum TimingFigure {

    /** Wall time of fitting as the evaluator measured it: data preparation and training. */
    FIT_SECONDS("fit wall s", "fitSeconds", 1, r -> OptionalDouble.of(r.result().fitSeconds())),
    /** The trainer's own wall time, validation included. */
    TRAINING_SECONDS("training s", "trainingSeconds", 1, r -> training(r, TrainingStats::seconds)),
    /** Epochs trained (early stopping may end before the most). */
    EPOCHS_RUN("epochs", "epochsRun", 1, r -> r.epochs().isEmpty() ? OptionalDouble.empty()
            : OptionalDouble.of(r.epochs().size())),
    /** The epoch whose weights were kept. */
    BEST_EPOCH("best epoch", "bestEpoch", 1, r -> r.bestEpoch().isPresent()
            ? OptionalDouble.of(r.bestEpoch().getAsInt()) : OptionalDouble.empty()),
    /**
     * Time to quality: the training epochs' own time (validation not included) up to the epoch
     * whose weights were kept.
     */
    SECONDS_TO_BEST_EPOCH("s to best epoch", "secondsToBestEpoch", 1, r -> r.bestEpoch().isPresent()
            ? OptionalDouble.of(r.epochs().stream().filter(e -> e.epoch() <= r.bestEpoch().getAsInt())
            .mapToDouble(e -> e.epochTime().toNanos() / 1e9).sum()) : OptionalDouble.empty()),
    /** Training tasks over the trainer's wall time, validation included. */
    TASKS_PER_SECOND("tasks/s (with validation)", "tasksPerSecond", 0,
            r -> training(r, TrainingStats::tasksPerSecond)),
    /** Median over epochs of the tasks per second of the training steps alone. */
    EPOCH_TASKS_PER_SECOND("tasks/s (epochs only)", "epochTasksPerSecond", 0, RunResult::epochTasksPerSecond),
    /** Median per-user adaptation latency. */
    ADAPT_MEDIAN("adapt median ms", "adaptMedianMillis", 2, r -> millis(r.result().adaptation(), false)),
    /** 99th percentile of the per-user adaptation latency. */
    ADAPT_P99("adapt p99 ms", "adaptP99Millis", 2, r -> millis(r.result().adaptation(), true)),
    /** Median per-user latency of scoring every candidate and taking the top N. */
    TOP_N_MEDIAN("top-%d median ms", "topNMedianMillis", 2, r -> millis(r.result().topN(), false)),
    /** 99th percentile of the per-user top-N latency. */
    TOP_N_P99("top-%d p99 ms", "topNP99Millis", 2, r -> millis(r.result().topN(), true));

    private final String label;
    private final String key;
    private final int decimals;
    private final Function<RunResult, OptionalDouble> value;

    TimingFigure(String label, String key, int decimals, Function<RunResult, OptionalDouble> value) {
        this.label = label;
        this.key = key;
        this.decimals = decimals;
        this.value = value;
    }

    /** The column header of the Markdown table, for a top-N list of {@code listLength} items. */
    String label(int listLength) {
        return label.formatted(listLength);
    }

    /** The JSON key. */
    String key() {
        return key;
    }

    /** Decimals shown in the Markdown table. */
    int decimals() {
        return decimals;
    }

    /** The figure of {@code run}; empty where it has none (a baseline's training time, say). */
    OptionalDouble of(RunResult run) {
        return value.apply(run);
    }

    private static OptionalDouble training(RunResult run, ToDoubleFunction<TrainingStats> f) {
        return run.result().training().map(t -> OptionalDouble.of(f.applyAsDouble(t))).orElse(OptionalDouble.empty());
    }

    /** A latency figure; empty when nothing was timed (NaN). */
    private static OptionalDouble millis(Latency latency, boolean p99) {
        double v = p99 ? latency.p99Millis() : latency.medianMillis();
        return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
