package io.github.metarec4j.eval;

import io.github.metarec4j.data.Features;
import io.github.metarec4j.internal.util.Checks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Runs a method through the scenarios of a {@link ProtocolSplit} and measures it: the
 * harness every method, baseline or learned, goes through.
 *
 * <pre>{@code
 * ProtocolSplit split = ColdStartProtocol.cs100k().split(MovieLens.load100k(MovieLens.defaultPath()));
 * MethodResult r = Evaluator.cs100k().evaluate(Methods.dampedBias(5), split);
 * double mae = r.scenario("new-user-K10").orElseThrow().metric("MAE").orElseThrow();
 * }</pre>
 *
 * <p>The method is fitted once on {@link ProtocolSplit#training()}. Then, for every user of
 * every scenario, in order:
 * <ol>
 *   <li>adapt on the support (timed: adaptation latency), with the user's features from the
 *       training data;</li>
 *   <li>if the method predicts ratings, predict the query's ratings; clipped to the rating
 *       scale, they feed MAE and RMSE over all (user, item) pairs of the scenario;</li>
 *   <li>rank the query, with the protocol's tie-break, for the ranking metrics (nDCG): by the
 *       predicted ratings if the method predicts ratings (PROTOCOL.md ranks a rating model's
 *       query by its predicted ratings, whose order nDCG's graded gains judge), otherwise by
 *       its ranking scores;</li>
 *   <li>score every candidate and keep the best N, N the longest list a metric reads
 *       (timed together: top-N latency); the list feeds the top-N metrics.</li>
 * </ol>
 * User metrics are averaged over the users they are defined for. Where top-N lists are
 * ranked, the scenario's catalogue coverage ({@link ScenarioResult#coverage()}, metric
 * {@code coverage@N}) counts the distinct items of all its users' lists. Every score must be a
 * finite number: anything else fails, naming the method, user and item. Latencies include
 * whatever the JIT compiler does during the first users.
 *
 * <p>Immutable; thread-safe if the methods evaluated and the listeners are (each call works
 * on its own state).
 */
public final class Evaluator {

    private final List<UserMetric> metrics;
    private final List<String> scenarios;
    private final List<EvaluationListener> listeners;
    private final int listLength;

    private Evaluator(List<UserMetric> metrics, List<String> scenarios, List<EvaluationListener> listeners) {
        this.metrics = List.copyOf(metrics);
        this.scenarios = List.copyOf(scenarios);
        this.listeners = List.copyOf(listeners);
        this.listLength = metrics.stream().mapToInt(UserMetric::listLength).max().orElse(0);
    }

    /** The protocol's metrics (see {@link Builder#metrics}) on every scenario. */
    public static Evaluator cs100k() {
        return builder().build();
    }

    /**
     * CS-LFM's metrics (PROTOCOL-IMPLICIT.md) on every scenario: {@code P@10}, {@code Recall@20}
     * and {@code nDCG@20} of the top-20 list, every query item relevant.
     */
    public static Evaluator csLfm() {
        return builder().metrics(List.of(Precision.csLfm(10), Recall.csLfm(20), TopNNdcg.csLfm(20))).build();
    }

    /** A builder holding the protocol's metrics and every scenario. */
    public static Builder builder() {
        return new Builder();
    }

    /** The user metrics, in result order (MAE and RMSE come before them). */
    public List<UserMetric> metrics() {
        return metrics;
    }

    /** The length of the top-N list: the longest any metric reads (10 for the protocol's); 0 if none reads one. */
    public int listLength() {
        return listLength;
    }

    /**
     * Fits {@code method} on the split's training data and measures it on the chosen
     * scenarios.
     *
     * @throws IllegalArgumentException if a chosen scenario is not in the split
     * @throws IllegalStateException    if the method returns the wrong number of scores, or a
     *                                  score that is not finite (the message names the user and item)
     */
    public MethodResult evaluate(EvaluatedMethod method, ProtocolSplit split) {
        Checks.notNull(method, "method");
        Checks.notNull(split, "split");
        List<Scenario> chosen = choose(split);
        long start = System.nanoTime();
        FittedMethod fitted = Checks.notNull(method.fit(split.training()), "the fitted method of " + method.name());
        double fitSeconds = (System.nanoTime() - start) / 1e9;
        listeners.forEach(l -> l.onFitted(method.name(), fitSeconds));
        List<ScenarioResult> results = new ArrayList<>();
        List<Double> adaptAll = new ArrayList<>();
        List<Double> topAll = new ArrayList<>();
        for (Scenario scenario : chosen) {
            ScenarioResult r = evaluate(method.name(), fitted, split, scenario, adaptAll, topAll);
            results.add(r);
            listeners.forEach(l -> l.onScenarioEnd(method.name(), r));
        }
        return new MethodResult(method.name(), fitSeconds, fitted.trainingStats(), results,
                Latency.of(unbox(adaptAll)), Latency.of(unbox(topAll)));
    }

    private ScenarioResult evaluate(String name, FittedMethod fitted, ProtocolSplit split, Scenario scenario,
                                    List<Double> adaptAll, List<Double> topAll) {
        Ranking ranking = split.ranking();
        boolean ratings = fitted.predictsRatings();
        RatingErrors errors = split.data().ratingScale().map(RatingErrors::clippedTo)
                .orElseGet(RatingErrors::unclipped);
        double[] sums = new double[metrics.size()];
        int[] counts = new int[metrics.size()];
        double[] adaptMillis = new double[scenario.users().size()];
        double[] topMillis = new double[listLength > 0 ? scenario.users().size() : 0];
        Set<String> covered = new HashSet<>();
        int listed = 0;
        for (int u = 0; u < scenario.users().size(); u++) {
            EvaluationUser user = scenario.users().get(u);
            Features features = split.training().userFeatures(user.userId());
            long t0 = System.nanoTime();
            AdaptedUser adapted = fitted.adapt(user.userId(), features, user.support());
            adaptMillis[u] = (System.nanoTime() - t0) / 1e6;
            Checks.state(adapted != null, name + " adapted user '" + Checks.shown(user.userId()) + "' to null");

            List<String> query = user.queryItems();
            double[] truth = user.queryValues();
            double[] queryScores;
            if (ratings) {
                double[] predicted = checked(adapted.predictRatings(query), query, name, "predictRatings", user);
                for (int i = 0; i < predicted.length; i++) {
                    errors.add(predicted[i], truth[i]);
                }
                queryScores = predicted;
            } else {
                queryScores = checked(adapted.rankingScores(query), query, name, "rankingScores", user);
            }
            List<String> top = List.of();
            if (listLength > 0) {
                long t1 = System.nanoTime();
                List<String> candidates = user.candidates();
                double[] scores = checked(adapted.rankingScores(candidates), candidates, name, "rankingScores", user);
                top = candidates.isEmpty() ? List.of() : ranking.top(candidates, scores, listLength);
                topMillis[u] = (System.nanoTime() - t1) / 1e6;
                covered.addAll(top);
                listed += top.isEmpty() ? 0 : 1;
            }
            UserOutcome outcome = UserOutcome.of(user.userId(), query, truth, queryScores, top, ranking);
            for (int m = 0; m < metrics.size(); m++) {
                OptionalDouble v = metrics.get(m).evaluate(outcome);
                if (v.isPresent()) {
                    sums[m] += v.getAsDouble();
                    counts[m]++;
                }
            }
        }
        for (double ms : adaptMillis) {
            adaptAll.add(ms);
        }
        for (double ms : topMillis) {
            topAll.add(ms);
        }

        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, Integer> users = new LinkedHashMap<>();
        if (ratings) {
            values.put(RatingErrors.MAE, errors.mae().orElseThrow());
            values.put(RatingErrors.RMSE, errors.rmse().orElseThrow());
            users.put(RatingErrors.MAE, scenario.users().size());
            users.put(RatingErrors.RMSE, scenario.users().size());
        }
        int withRelevant = 0;
        for (int m = 0; m < metrics.size(); m++) {
            UserMetric metric = metrics.get(m);
            if (counts[m] > 0) {
                values.put(metric.name(), sums[m] / counts[m]);
            }
            users.put(metric.name(), counts[m]);
            if (metric.listLength() > 0) {
                withRelevant = Math.max(withRelevant, counts[m]);
            }
        }
        if (listLength > 0) {
            values.put(ScenarioResult.coverageName(listLength), (double) covered.size());
            users.put(ScenarioResult.coverageName(listLength), listed);
        }
        return new ScenarioResult(scenario.name(), values, users, scenario.users().size(), scenario.queryCount(),
                withRelevant, Latency.of(adaptMillis), Latency.of(topMillis));
    }

    private List<Scenario> choose(ProtocolSplit split) {
        if (scenarios.isEmpty()) {
            return split.scenarios();
        }
        List<Scenario> out = new ArrayList<>();
        for (String name : scenarios) {
            out.add(split.scenario(name).orElseThrow(() -> new IllegalArgumentException("scenario '" + name
                    + "' is not in the split; its scenarios are " + split.scenarios().stream().map(Scenario::name)
                    .toList())));
        }
        return out;
    }

    private static double[] checked(double[] scores, List<String> items, String method, String call,
                                    EvaluationUser user) {
        Checks.state(scores != null && scores.length == items.size(), method + "." + call + " returned "
                + (scores == null ? "null" : scores.length + " scores") + " for " + items.size() + " items of user '"
                + Checks.shown(user.userId()) + "'; it must return one score per item, in order");
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalStateException(method + "." + call + " returned " + scores[i] + " for item '"
                        + Checks.shown(items.get(i)) + "' of user '" + Checks.shown(user.userId())
                        + "'; scores must be finite numbers");
            }
        }
        return scores;
    }

    private static double[] unbox(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Collects an evaluator's settings; not thread-safe. */
    public static final class Builder {
        private List<UserMetric> metrics = List.of(Ndcg.cs100k(3), Ndcg.cs100k(10), Precision.cs100k(10),
                Recall.cs100k(10), F1.cs100k(10));
        private List<String> scenarios = List.of();
        private final List<EvaluationListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /**
         * The user metrics, in result order (default the protocol's: {@code nDCG@3},
         * {@code nDCG@10}, {@code P@10}, {@code R@10}, {@code F1@10}, relevant = rated 4 or
         * more). MAE and RMSE are always computed for methods that predict ratings.
         *
         * @throws IllegalArgumentException if two metrics share a name, or one is called MAE or RMSE or
         *                                  {@code coverage@...} (the evaluator's own figures)
         */
        public Builder metrics(List<UserMetric> metrics) {
            Checks.notNull(metrics, "metrics");
            Set<String> names = new HashSet<>(List.of(RatingErrors.MAE, RatingErrors.RMSE));
            for (UserMetric m : metrics) {
                Checks.notNull(m, "a metric");
                Checks.argument(names.add(m.name()), "metric name '" + m.name() + "' is used twice (MAE and RMSE "
                        + "are built in); give every metric its own name");
                Checks.argument(!ScenarioResult.isCoverageName(m.name()), "metric name '" + m.name() + "' is "
                        + "taken: the evaluator reports the catalogue coverage of the top-N lists as "
                        + ScenarioResult.coverageName(Math.max(1, m.listLength())) + "; rename the metric");
            }
            this.metrics = List.copyOf(metrics);
            return this;
        }

        /**
         * Evaluates only these scenarios, in this order (default: every scenario of the split).
         * Names are checked against the split in {@link Evaluator#evaluate}.
         */
        public Builder scenarios(String... names) {
            Checks.notNull(names, "names");
            Set<String> seen = new HashSet<>();
            for (String n : names) {
                Checks.notBlank(n, "a scenario name");
                Checks.argument(seen.add(n), "scenario '" + n + "' is listed twice; list each once");
            }
            this.scenarios = List.of(names);
            return this;
        }

        /** Adds a listener told of each fit and each scored scenario, in the order added (default none). */
        public Builder listener(EvaluationListener listener) {
            listeners.add(Checks.notNull(listener, "listener"));
            return this;
        }

        /** The evaluator. */
        public Evaluator build() {
            return new Evaluator(metrics, scenarios, listeners);
        }
    }
}
