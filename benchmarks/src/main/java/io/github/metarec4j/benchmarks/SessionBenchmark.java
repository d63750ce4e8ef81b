package io.github.metarec4j.benchmarks;

import io.github.metarec4j.MetaRecommender.UserSession;
import io.github.metarec4j.MetaRecommender;
import io.github.metarec4j.MetaTrainer;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.data.Interactions;
import io.github.metarec4j.data.MovieLens;
import io.github.metarec4j.data.RatingScale;
import io.github.metarec4j.data.SyntheticData;
import io.github.metarec4j.eval.AdaptedUser;
import io.github.metarec4j.eval.ColdStartProtocol;
import io.github.metarec4j.eval.EvaluationUser;
import io.github.metarec4j.eval.FittedMethod;
import io.github.metarec4j.eval.Latency;
import io.github.metarec4j.eval.Methods;
import io.github.metarec4j.eval.Precision;
import io.github.metarec4j.eval.ProtocolSplit;
import io.github.metarec4j.eval.Ranking;
import io.github.metarec4j.eval.RatingErrors;
import io.github.metarec4j.eval.Scenario;
import io.github.metarec4j.eval.UserOutcome;
import io.github.metarec4j.internal.model.Nd4jThreads;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.model.ScorerConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Live sessions measured (docs/sessions.md, issue 10): CS100K's new users replayed one rating
 * at a time, drift on synthetic users whose taste switches halfway, and the latency of one
 * {@code record} and of one {@code explain}. Writes {@code results.md} and {@code sessions.png} to the output
 * folder.
 *
 * <pre>
 *   mvn -q test-compile exec:exec@sessions [-Dsessions.args="--data ../shared/data/ml-100k --epochs 20 --out target/sessions"]
 * </pre>
 *
 * <ul>
 *   <li><b>Replay.</b> A model meta-trained on CS100K's training data (library defaults but
 *       {@code --epochs}); each new user of {@code new-user-K20} starts a session from their
 *       features and records their first 20 ratings in time order. After n = 0..20 of them:
 *       MAE on the scenario's query (the ratings from position 21 on: the same later ratings
 *       for every n, so the points compare) and P@10 over its candidates (relevant: rated 4
 *       or more), for the session (default window 50), a session with a window of 10,
 *       {@code adapt} from scratch on all n ratings, and the damped-bias baseline (d = 5).</li>
 *   <li><b>Drift.</b> Synthetic data (1,000 users, 500 items, 60-120 ratings, seed 5); a model
 *       meta-trained on the users whose index is not a multiple of 5. Each drifting user is
 *       two held-out users spliced: the features and first 40 ratings of one, then the first
 *       40 of another (another hidden taste and personal bias). Each rating of the second half
 *       is predicted before it is recorded; the table gives that MAE for several windows.</li>
 *   <li><b>Latency.</b> Every CS100K new user's ratings (up to 100) recorded one by one into a
 *       session with the default window, each {@code record} timed (after a warm-up pass).</li>
 * </ul>
 */
public final class SessionBenchmark {

    private static final int DRIFT_HALF = 40;
    private static final int[] DRIFT_WINDOWS = {5, 10, 20, 40, Integer.MAX_VALUE};

    private SessionBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = parse(args);
        Path data = Path.of(options.getOrDefault("data", MovieLens.defaultPath().toString()));
        Path out = Path.of(options.getOrDefault("out", "target/sessions"));
        int epochs = Integer.parseInt(options.getOrDefault("epochs", "20"));
        int ratings = Integer.parseInt(options.getOrDefault("ratings", "20"));
        Files.createDirectories(out);
        Nd4jThreads.singleThreaded();
        MachineInfo machine = MachineInfo.current();
        StringBuilder md = new StringBuilder("# Live sessions\n\n");
        md.append(String.format(Locale.ROOT, "Machine: %d cores, %s, Java %s, load average %.2f at the start; %s.%n"
                        + "Settings: library defaults, %d epochs at most (CS100K and drift models); %d ratings replayed.%n%n",
                machine.cores(), machine.cpu().orElse("CPU unknown"), machine.java(),
                machine.loadAverage().orElse(Double.NaN), machine.date(), epochs, ratings));

        ProtocolSplit split = ColdStartProtocol.cs100k().split(MovieLens.load100k(data));
        MetaRecommender rec = fit(split.training(), epochs);
        Scenario k20 = split.scenario(Scenario.newUser(20)).orElseThrow();
        FittedMethod bias = Methods.dampedBias(5).fit(split.training());
        Replay replay = replay(rec, bias, split, k20.users(), ratings);
        md.append(replay.markdown());

        Drift drift = drift(epochs);
        md.append(drift.markdown());

        Latency[] latency = recordLatency(rec, split.data(), k20.users());
        md.append(String.format(Locale.ROOT, "## Latency of one record (MovieLens-100k)%n%n"
                        + "%d records (every new user of new-user-K20, up to 100 ratings each, window %d, after a "
                        + "warm-up pass): median %.3f ms, p99 %.3f ms (targets: 0.5 ms, 2 ms). Adapt on the same "
                        + "windows, the engine's share: median %.3f ms, p99 %.3f ms.%n",
                latency[0].count(), UserSession.DEFAULT_WINDOW, latency[0].medianMillis(), latency[0].p99Millis(),
                latency[1].medianMillis(), latency[1].p99Millis()));

        Latency explain = explainLatency(rec, split.data(), k20.users());
        md.append(String.format(Locale.ROOT, "%n## Latency of one explain (MovieLens-100k)%n%n"
                        + "%d explanations (every new user of new-user-K20 after their first 20 ratings, of their top "
                        + "recommendation; after a warm-up pass): median %.3f ms, p99 %.3f ms (target: 10 ms median).%n",
                explain.count(), explain.medianMillis(), explain.p99Millis()));

        double[] x = IntStream.rangeClosed(0, ratings).asDoubleStream().toArray();
        double[] dx = IntStream.rangeClosed(1, DRIFT_HALF).asDoubleStream().toArray();
        Plots.writeLines(List.of(
                new Plots.Lines("CS100K new users: MAE on later ratings", "ratings seen", "MAE", x, replay.mae()),
                new Plots.Lines("CS100K new users: P@10", "ratings seen", "P@10", x, replay.precision()),
                new Plots.Lines("Drift: error after the switch", "ratings after the switch",
                        "absolute error (mean over users)", dx, drift.curves())), out.resolve("sessions.png"));
        Files.writeString(out.resolve("results.md"), md);
        System.out.println(md);
        System.out.println("wrote " + out.resolve("results.md") + " and " + out.resolve("sessions.png"));
    }

    private static MetaRecommender fit(Dataset training, int epochs) {
        return MetaTrainer.builder().scorer(ScorerConfig.builder().build())
                .training(MamlConfig.builder().epochs(epochs).seed(1).build()).build().fit(training);
    }

    /** MAE and P@10 per method and number of ratings seen. */
    record Replay(Map<String, double[]> mae, Map<String, double[]> precision, int users, int identical) {
        String markdown() {
            StringBuilder s = new StringBuilder("## Replay: CS100K new users, one rating at a time\n\n");
            s.append(users).append(" users (new-user-K20); MAE on the query (positions 21 on; micro-averaged over "
                    + "the ratings, as the protocol's), P@10 over the "
                    + "candidates. The session with window 50 gave the same adapted values as adapt on every "
                    + "rating seen in ").append(identical).append(" of ").append(users * (mae.values().iterator()
                    .next().length)).append(" (user, n) points.\n\n| n |");
            mae.keySet().forEach(k -> s.append(" MAE ").append(k).append(" |"));
            precision.keySet().forEach(k -> s.append(" P@10 ").append(k).append(" |"));
            s.append("\n|---|").append("---|".repeat(mae.size() + precision.size())).append('\n');
            int n = mae.values().iterator().next().length;
            for (int i = 0; i < n; i++) {
                s.append("| ").append(i).append(" |");
                for (double[] v : mae.values()) {
                    s.append(String.format(Locale.ROOT, " %.4f |", v[i]));
                }
                for (double[] v : precision.values()) {
                    s.append(String.format(Locale.ROOT, " %.4f |", v[i]));
                }
                s.append('\n');
            }
            return s.append('\n').toString();
        }
    }

    private static Replay replay(MetaRecommender rec, FittedMethod bias, ProtocolSplit split, List<EvaluationUser> users,
                                 int ratings) {
        String[] names = {"session (window 50)", "session (window 10)", "adapt on all seen", "damped-bias(5)"};
        RatingErrors[][] errors = new RatingErrors[names.length][ratings + 1];
        RatingScale scale = split.data().ratingScale().orElseThrow();
        for (RatingErrors[] row : errors) {
            java.util.Arrays.setAll(row, n -> RatingErrors.clippedTo(scale));
        }
        double[][] precision = new double[names.length][ratings + 1];
        int[] relevantUsers = new int[ratings + 1];
        int identical = 0;
        Ranking ranking = split.ranking();
        for (EvaluationUser u : users) {
            var features = split.data().userFeatures(u.userId());
            UserSession wide = rec.startSession(features);
            UserSession narrow = rec.startSession(features, 10);
            for (int n = 0; n <= ratings; n++) {
                if (n > 0) {
                    Interaction x = u.support().get(n - 1);
                    wide = wide.record(x.itemId(), x.value());
                    narrow = narrow.record(x.itemId(), x.value());
                }
                var scratch = rec.adapt(features, u.support().subList(0, n));
                identical += java.util.Arrays.equals(scratch.adaptedParameters(), wide.user().adaptedParameters()) ? 1 : 0;
                AdaptedUser b = bias.adapt(u.userId(), features, u.support().subList(0, n));
                UserSession w = wide;
                UserSession nn = narrow;
                List<Function<List<String>, double[]>> predict = List.of(items -> rec.predict(w.user(), items),
                        items -> rec.predict(nn.user(), items), items -> rec.predict(scratch, items),
                        b::predictRatings);
                List<Function<List<String>, double[]>> score = List.of(items -> rec.scores(w.user(), items),
                        items -> rec.scores(nn.user(), items), items -> rec.scores(scratch, items), b::rankingScores);
                for (int m = 0; m < names.length; m++) {
                    // micro-averaged over every query rating, as the protocol's MAE
                    addErrors(errors[m][n], predict.get(m).apply(u.queryItems()), u.queryValues());
                    OptionalDouble hit = precisionAt10(ranking, u, score.get(m).apply(u.candidates()));
                    if (hit.isPresent()) {
                        precision[m][n] += hit.getAsDouble();
                        relevantUsers[n] += m == 0 ? 1 : 0;
                    }
                }
            }
        }
        Map<String, double[]> maes = new LinkedHashMap<>();
        Map<String, double[]> precisions = new LinkedHashMap<>();
        for (int m = 0; m < names.length; m++) {
            double[] mae = new double[ratings + 1];
            for (int n = 0; n <= ratings; n++) {
                precision[m][n] /= relevantUsers[n];
                mae[n] = errors[m][n].mae().orElseThrow();
            }
            maes.put(names[m], mae);
            precisions.put(names[m], precision[m]);
        }
        return new Replay(maes, precisions, users.size(), identical);
    }

    /** The second half's error per window: its mean, and its curve over the ratings after the switch. */
    record Drift(Map<String, Double> mae, Map<String, double[]> curves, int users) {
        String markdown() {
            StringBuilder s = new StringBuilder("## Drift: synthetic users whose taste switches halfway\n\n");
            s.append(users).append(" spliced users (").append(DRIFT_HALF).append(" ratings of one held-out user, then ")
                    .append(DRIFT_HALF).append(" of another); each second-half rating predicted before it is "
                            + "recorded.\n\n| window | MAE, second half |\n|---|---|\n");
            mae.forEach((k, v) -> s.append(String.format(Locale.ROOT, "| %s | %.4f |%n", k, v)));
            return s.append('\n').toString();
        }
    }

    private static Drift drift(int epochs) {
        Dataset data = SyntheticData.builder().users(1000).items(500).ratingsPerUser(60, 120).seed(5).build()
                .generate();
        Interactions all = data.interactions();
        List<String> held = new ArrayList<>();
        for (int u = 0; u < all.users().size(); u += 5) {
            held.add(all.users().id(u));
        }
        java.util.Set<String> heldSet = new java.util.HashSet<>(held);
        MetaRecommender rec = fit(data.withInteractions(all.filter(x -> !heldSet.contains(x.userId()))), epochs);
        Map<String, Double> mae = new LinkedHashMap<>();
        Map<String, double[]> curves = new LinkedHashMap<>();
        int pairs = held.size() / 2;
        for (int window : DRIFT_WINDOWS) {
            double[] curve = new double[DRIFT_HALF];
            for (int p = 0; p < pairs; p++) {
                String first = held.get(2 * p);
                String second = held.get(2 * p + 1);
                UserSession s = rec.startSession(data.userFeatures(first), window == Integer.MAX_VALUE ? 1_000_000 : window);
                for (Interaction x : all.ofUser(first).subList(0, DRIFT_HALF)) {
                    s = s.record(x.itemId(), x.value());
                }
                List<Interaction> after = all.ofUser(second).subList(0, DRIFT_HALF);
                for (int j = 0; j < after.size(); j++) {
                    Interaction x = after.get(j);
                    curve[j] += Math.abs(s.predict(x.itemId()) - x.value()) / pairs;
                    s = s.record(x.itemId(), x.value());
                }
            }
            String name = window == Integer.MAX_VALUE ? "no window (all " + 2 * DRIFT_HALF + ")" : "recent " + window;
            mae.put(name, java.util.Arrays.stream(curve).average().orElseThrow());
            curves.put(name, curve);
        }
        return new Drift(mae, curves, pairs);
    }

    /** The latency of one record, and of adapt on the same window (the engine's share), in that order. */
    private static Latency[] recordLatency(MetaRecommender rec, Dataset data, List<EvaluationUser> users) {
        List<Double> record = new ArrayList<>();
        List<Double> adapt = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            for (EvaluationUser u : users) {
                var features = data.userFeatures(u.userId());
                UserSession s = rec.startSession(features);
                List<Interaction> history = data.interactions().ofUser(u.userId());
                for (int n = 1; n <= Math.min(100, history.size()); n++) {
                    Interaction x = history.get(n - 1);
                    long t0 = System.nanoTime();
                    s = s.record(x.itemId(), x.value());
                    long t1 = System.nanoTime();
                    rec.adapt(features, history.subList(Math.max(0, n - s.window()), n));
                    long t2 = System.nanoTime();
                    if (pass == 1) {
                        record.add((t1 - t0) / 1e6);
                        adapt.add((t2 - t1) / 1e6);
                    }
                }
            }
        }
        return new Latency[]{Latency.of(record.stream().mapToDouble(Double::doubleValue).toArray()),
                Latency.of(adapt.stream().mapToDouble(Double::doubleValue).toArray())};
    }

    private static Latency explainLatency(MetaRecommender rec, Dataset data, List<EvaluationUser> users) {
        List<Double> millis = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            for (EvaluationUser u : users) {
                UserSession s = rec.startSession(data.userFeatures(u.userId()));
                for (Interaction x : u.support()) {
                    s = s.record(x.itemId(), x.value());
                }
                String item = s.recommend(1).get(0).itemId();
                long t0 = System.nanoTime();
                s.explain(item);
                long t1 = System.nanoTime();
                if (pass == 1) {
                    millis.add((t1 - t0) / 1e6);
                }
            }
        }
        return Latency.of(millis.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static Map<String, String> parse(String[] args) {
        return options(args, "SessionBenchmark", List.of("data", "out", "epochs", "ratings"));
    }

    /** {@code --name value} pairs among {@code allowed}; anything else prints the usage and exits. */
    static Map<String, String> options(String[] args, String command, List<String> allowed) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length || !allowed.contains(args[i].substring(2))) {
                System.err.println("usage: " + command + " " + String.join(" ",
                        allowed.stream().map(o -> "[--" + o + " <value>]").toList()));
                System.exit(2);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    /** Adds each prediction of {@code predicted} against {@code truth} to {@code errors}. */
    static void addErrors(RatingErrors errors, double[] predicted, double[] truth) {
        for (int q = 0; q < truth.length; q++) {
            errors.add(predicted[q], truth[q]);
        }
    }

    /** P@10 of the user's top 10 candidates by {@code scores} (empty when the user has no relevant query item). */
    static OptionalDouble precisionAt10(Ranking ranking, EvaluationUser u, double[] scores) {
        List<String> top = ranking.top(u.candidates(), scores, 10);
        UserOutcome outcome = new UserOutcome(u.userId(), u.queryItems(), u.queryValues(),
                IntStream.range(0, u.queryValues().length).toArray(), top);
        return Precision.cs100k(10).evaluate(outcome);
    }
}
