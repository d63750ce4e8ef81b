package io.github.metarec4j.benchmarks;

import io.github.metarec4j.eval.ProtocolSplit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one benchmark run produced, from which the Markdown, JSON and plots are
 * written: how it was run, on what, and every run's figures with their summaries.
 *
 * <p>Immutable value (the split and results are immutable); thread-safe.
 *
 * @param arguments   the command line
 * @param data        the data folder
 * @param config      the learned methods' configuration and seeds
 * @param machine     the machine
 * @param split       the protocol's split of the data
 * @param metrics     the quality metrics in column order (CS100K: MAE, RMSE, then the evaluator's)
 * @param runs        every run, in the order they ran
 * @param summaries   one per method, in the command's order
 * @param wallSeconds wall time of the whole benchmark, loading the data included
 */
record BenchmarkReport(List<String> arguments, Path data, BenchmarkConfig config, MachineInfo machine,
                       ProtocolSplit split, List<String> metrics, List<RunResult> runs, List<MethodSummary> summaries,
                       double wallSeconds) {

    /** Copies the lists. */
    BenchmarkReport {
        arguments = List.copyOf(arguments);
        metrics = List.copyOf(metrics);
        runs = List.copyOf(runs);
        summaries = List.copyOf(summaries);
    }

    /**
     * The report of {@code runs}, summarised per method in the order of {@code methods}.
     *
     * @param metrics the quality metrics in column order
     */
    static BenchmarkReport of(List<String> arguments, Path data, BenchmarkConfig config, MachineInfo machine,
                              ProtocolSplit split, List<String> metrics, List<BenchmarkMethod> methods,
                              List<RunResult> runs, double wallSeconds) {
        List<MethodSummary> summaries = new ArrayList<>();
        for (BenchmarkMethod m : methods) {
            List<RunResult> of = runs.stream().filter(r -> r.method() == m).toList();
            if (!of.isEmpty()) {
                summaries.add(MethodSummary.of(of));
            }
        }
        return new BenchmarkReport(arguments, data, config, machine, split, metrics, runs, summaries, wallSeconds);
    }
}
