package io.github.metarec4j.eval;

import io.github.metarec4j.internal.util.Checks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A figure aggregated over runs (seeds): mean, sample standard deviation ({@code n - 1} in
 * the denominator; 0 for one run) and the number of runs, as the peer's aggregation reports
 * {@code mean ± std}.
 *
 * <pre>{@code
 * Map<String, Map<String, Summary>> table = Summary.metrics(runsOverSeeds);
 * Summary mae = table.get("new-user-K10").get("MAE");
 * }</pre>
 *
 * <p>Immutable value; thread-safe.
 *
 * @param mean the mean
 * @param std  the sample standard deviation
 * @param n    the number of runs
 */
public record Summary(double mean, double std, int n) {

    /** Fails (IllegalArgumentException) if {@code n} is not positive. */
    public Summary {
        Checks.positive(n, "n");
    }

    /**
     * The summary of {@code values}.
     *
     * @throws IllegalArgumentException if there are none
     */
    public static Summary of(double... values) {
        Checks.notNull(values, "values");
        Checks.argument(values.length > 0, "a summary needs at least one value");
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        return new Summary(mean, values.length > 1 ? Math.sqrt(ss / (values.length - 1)) : 0, values.length);
    }

    /**
     * Every metric of every scenario summarised over {@code runs} (one method, several seeds):
     * scenario name to metric name to summary, in the first run's order. A metric missing
     * from some run is summarised over the runs that have it.
     *
     * @throws IllegalArgumentException if there are no runs, or they are of different methods
     *                                  or scenarios
     */
    public static Map<String, Map<String, Summary>> metrics(List<MethodResult> runs) {
        Checks.notEmpty(runs, "runs", "pass the results of one method over one or more seeds");
        MethodResult first = runs.get(0);
        List<String> names = first.scenarios().stream().map(ScenarioResult::scenario).toList();
        for (MethodResult run : runs) {
            Checks.argument(run.method().equals(first.method()), "runs of different methods cannot be summarised "
                    + "together: '" + first.method() + "' and '" + run.method() + "'; summarise each method apart");
            Checks.argument(run.scenarios().stream().map(ScenarioResult::scenario).toList().equals(names),
                    "runs of '" + first.method() + "' cover different scenarios: " + names + " and "
                            + run.scenarios().stream().map(ScenarioResult::scenario).toList());
        }
        Map<String, Map<String, Summary>> out = new LinkedHashMap<>();
        for (int s = 0; s < names.size(); s++) {
            int scenario = s;
            Map<String, Summary> metrics = new LinkedHashMap<>();
            for (String metric : first.scenarios().get(s).metrics().keySet()) {
                double[] values = runs.stream().map(r -> r.scenarios().get(scenario).metric(metric))
                        .filter(v -> v.isPresent()).mapToDouble(v -> v.getAsDouble()).toArray();
                metrics.put(metric, of(values));
            }
            out.put(names.get(s), Collections.unmodifiableMap(metrics));
        }
        return Collections.unmodifiableMap(out);
    }
}
