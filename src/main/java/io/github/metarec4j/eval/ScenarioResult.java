package io.github.metarec4j.eval;

import io.github.metarec4j.util.Checks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One method's figures on one scenario: every metric, how many users and ratings it was
 * computed over, and per-user latencies.
 *
 * <p>Immutable value; thread-safe.
 *
 * @param scenario          the scenario's name
 * @param metrics           metric name to value, in the evaluator's order: {@code MAE} and {@code RMSE}
 *                          first for a method that predicts ratings, then the user metrics; a metric no
 *                          user counted for is absent
 * @param metricUsers       metric name to the number of users its average is over ({@code MAE} and
 *                          {@code RMSE}: every user; the top-N metrics: users with a relevant query item)
 * @param users             users evaluated
 * @param queryRatings      query interactions over all users
 * @param usersWithRelevant users counted by the top-N metrics (those with at least one relevant query
 *                          item; the most any top-N metric counted, 0 without top-N metrics)
 * @param adaptation        per-user latency of adaptation
 * @param topN              per-user latency of scoring every candidate and taking the top N
 */
public record ScenarioResult(String scenario, Map<String, Double> metrics, Map<String, Integer> metricUsers,
                             int users, int queryRatings, int usersWithRelevant, Latency adaptation, Latency topN) {

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

    /** The value of metric {@code name}, if it was computed. */
    public OptionalDouble metric(String name) {
        Double v = metrics.get(Checks.notNull(name, "name"));
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
