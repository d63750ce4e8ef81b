package io.github.metarec4j.benchmarks;

import io.github.metarec4j.eval.MethodResult;
import io.github.metarec4j.meta.TrainingListener.EpochSummary;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One method evaluated once: with one seed for a learned method, or the single run of a
 * baseline.
 *
 * <p>Immutable value; thread-safe.
 *
 * @param method the method
 * @param seed   the training seed; empty for a baseline
 * @param result the evaluator's figures
 * @param epochs every epoch of training, in order; empty for a baseline
 */
record RunResult(BenchmarkMethod method, OptionalLong seed, MethodResult result, List<EpochSummary> epochs) {

    /** Copies the epochs. */
    RunResult {
        epochs = List.copyOf(epochs);
    }

    /**
     * Tasks per second of the training epochs alone, the median over epochs: without the
     * validation after each epoch, which {@link io.github.metarec4j.eval.TrainingStats}
     * includes. Empty for a baseline.
     */
    OptionalDouble epochTasksPerSecond() {
        double[] rates = epochs.stream().mapToDouble(EpochSummary::tasksPerSecond).sorted().toArray();
        if (rates.length == 0) {
            return OptionalDouble.empty();
        }
        int mid = rates.length / 2;
        return OptionalDouble.of(rates.length % 2 == 1 ? rates[mid] : (rates[mid - 1] + rates[mid]) / 2);
    }

    /** The epoch whose weights were kept: the last that improved the validation score. Empty for a baseline. */
    OptionalInt bestEpoch() {
        return epochs.stream().filter(EpochSummary::improved).mapToInt(EpochSummary::epoch).max();
    }

    /** A label for progress lines and plots: the method's name, and its seed if it has one. */
    String label() {
        return label(result.method(), seed);
    }

    /** The label of the run of method {@code name} with {@code seed}: {@code "meta-learned seed 42"}. */
    static String label(String name, OptionalLong seed) {
        return name + (seed.isPresent() ? " seed " + seed.getAsLong() : "");
    }
}
