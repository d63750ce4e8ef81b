package io.github.metarec4j.eval;

import io.github.metarec4j.internal.util.Checks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One method's figures on one scenario: every metric, how many users and ratings it was
 * computed over, and per-user latencies.
 *
 * <p>Immutable value; thread-safe.
 *
 * @param scenario          the scenario's name
 * @param metrics           metric name to value, in the evaluator's order: {@code MAE} and {@code RMSE}
 *                          first for a method that predicts ratings, then the user metrics (a metric no
 *                          user counted for is absent), then, where the evaluator ranks top-N lists,
 *                          the catalogue coverage {@code coverage@N} (see {@link #coverage()})
 * @param metricUsers       metric name to the number of users its average is over ({@code MAE} and
 *                          {@code RMSE}: every user; the top-N metrics: users with a relevant query item;
 *                          {@code coverage@N}: users with a non-empty top-N list)
 * @param users             users evaluated
 * @param queryRatings      query interactions over all users
 * @param usersWithRelevant users counted by the top-N metrics (those with at least one relevant query
 *                          item; the most any top-N metric counted, 0 without top-N metrics)
 * @param adaptation        per-user latency of adaptation
 * @param topN              per-user latency of scoring every candidate and taking the top N
 */
public record ScenarioResult(String scenario, Map<String, Double> metrics, Map<String, Integer> metricUsers,
                             int users, int queryRatings, int usersWithRelevant, Latency adaptation, Latency topN) {

    private static final String COVERAGE_PREFIX = "coverage@";

    /** Copies the maps; fails (IllegalArgumentException) if a count is negative or an argument null. */
    public ScenarioResult {
        Checks.notBlank(scenario, "scenario");
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(Checks.notNull(metrics, "metrics")));
        metricUsers = Collections.unmodifiableMap(new LinkedHashMap<>(Checks.notNull(metricUsers, "metricUsers")));
        Checks.nonNegative(users, "users");
        Checks.nonNegative(queryRatings, "queryRatings");
        Checks.nonNegative(usersWithRelevant, "usersWithRelevant");
        Checks.notNull(adaptation, "adaptation");
        Checks.notNull(topN, "topN");
    }

    /**
     * The name of the catalogue coverage of top-N lists of length {@code n} in {@link #metrics()}:
     * {@code "coverage@" + n}.
     */
    public static String coverageName(int n) {
        return COVERAGE_PREFIX + Checks.positive(n, "n (the length of the top-N lists)");
    }

    /**
     * Catalogue coverage: the number of distinct items in the top-N lists of all the
     * scenario's users together (N the evaluator's list length), the {@code coverage@N} entry
     * of {@link #metrics()}. A method that recommends the same list to everybody covers N
     * items; one that never repeats an item covers N per user. Empty if no top-N list was
     * ranked (an evaluator without top-N metrics).
     */
    public OptionalInt coverage() {
        return metrics.entrySet().stream().filter(e -> isCoverageName(e.getKey()))
                .mapToInt(e -> (int) Math.round(e.getValue())).findFirst();
    }

    /** Whether {@code name} is the name of a coverage figure ({@code coverage@N}). */
    public static boolean isCoverageName(String name) {
        return name.startsWith(COVERAGE_PREFIX);
    }

    /** The value of metric {@code name}, if it was computed. */
    public OptionalDouble metric(String name) {
        Double v = metrics.get(Checks.notNull(name, "name"));
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
