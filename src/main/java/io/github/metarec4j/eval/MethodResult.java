package io.github.metarec4j.eval;

import io.github.metarec4j.internal.util.Checks;

import java.util.List;
import java.util.Optional;

/**
 * One method's evaluation: training effort and time, and its figures on every scenario.
 * Plain values that a report can turn into tables, JSON or plots; {@link Summary} aggregates
 * runs over seeds.
 *
 * <p>Immutable value; thread-safe.
 *
 * @param method     the method's name
 * @param fitSeconds wall time of {@link EvaluatedMethod#fit}, measured by the evaluator
 * @param training   the training effort the method reports (learned methods), empty otherwise
 * @param scenarios  the figures per scenario, in the split's order
 * @param adaptation per-user adaptation latency over all users of all scenarios
 * @param topN       per-user top-N latency over all users of all scenarios
 */
public record MethodResult(String method, double fitSeconds, Optional<TrainingStats> training,
                           List<ScenarioResult> scenarios, Latency adaptation, Latency topN) {

    /** Copies the scenarios; fails (IllegalArgumentException) if an argument is null or the fit time negative. */
    public MethodResult {
        Checks.notBlank(method, "method");
        Checks.nonNegative(fitSeconds, "fitSeconds", "the wall time of fitting");
        Checks.notNull(training, "training");
        scenarios = List.copyOf(Checks.notNull(scenarios, "scenarios"));
        Checks.notNull(adaptation, "adaptation");
        Checks.notNull(topN, "topN");
    }

    /** The figures on scenario {@code name}, if it was evaluated. */
    public Optional<ScenarioResult> scenario(String name) {
        Checks.notNull(name, "name");
        return scenarios.stream().filter(s -> s.scenario().equals(name)).findFirst();
    }
}
