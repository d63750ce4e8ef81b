package io.github.metarec4j.benchmarks;

import io.github.metarec4j.eval.Summary;
import io.github.metarec4j.internal.util.Checks;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One method's figures over its runs (the seeds of a learned method; the one run of a
 * baseline): every metric of every scenario and every timing figure as mean and standard
 * deviation.
 *
 * <p>Immutable value; thread-safe.
 *
 * @param method  the method
 * @param name    its name in results ({@code damped-bias(5)})
 * @param runs    its runs, in seed order
 * @param metrics scenario name to metric name to summary, as {@link Summary#metrics}
 * @param timing  every timing figure the runs have
 */
record MethodSummary(BenchmarkMethod method, String name, List<RunResult> runs,
                     Map<String, Map<String, Summary>> metrics, Map<TimingFigure, Summary> timing) {

    /** Copies the lists and maps. */
    MethodSummary {
        runs = List.copyOf(runs);
        metrics = Collections.unmodifiableMap(metrics);
        timing = Collections.unmodifiableMap(new EnumMap<>(timing));
    }

    /**
     * The summary of {@code runs}, all of one method.
     *
     * @throws IllegalArgumentException if there are no runs or they are of several methods
     */
    static MethodSummary of(List<RunResult> runs) {
        Checks.notEmpty(runs, "runs", "summarise one method's runs");
        BenchmarkMethod method = runs.get(0).method();
        Checks.argument(runs.stream().allMatch(r -> r.method() == method), "runs of several methods: " + runs);
        Map<TimingFigure, Summary> timing = new EnumMap<>(TimingFigure.class);
        for (TimingFigure f : TimingFigure.values()) {
            double[] values = runs.stream().map(f::of).filter(OptionalDouble::isPresent)
                    .mapToDouble(OptionalDouble::getAsDouble).toArray();
            if (values.length > 0) {
                timing.put(f, Summary.of(values));
            }
        }
        return new MethodSummary(method, runs.get(0).result().method(), runs,
                Summary.metrics(runs.stream().map(RunResult::result).toList()), timing);
    }

    /** The summary of {@code metric} on {@code scenario}, if any run has it. */
    Optional<Summary> metric(String scenario, String metric) {
        return Optional.ofNullable(metrics.getOrDefault(scenario, Map.of()).get(metric));
    }
}
