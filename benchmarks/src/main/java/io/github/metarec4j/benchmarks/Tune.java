package io.github.metarec4j.benchmarks;

import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.LastFm;
import io.github.metarec4j.data.MovieLens;
import io.github.metarec4j.eval.ColdStartProtocol;
import io.github.metarec4j.eval.EvaluatedMethod;
import io.github.metarec4j.eval.Evaluator;
import io.github.metarec4j.eval.ImplicitColdStartProtocol;
import io.github.metarec4j.eval.MethodResult;
import io.github.metarec4j.eval.Methods;
import io.github.metarec4j.eval.ProtocolSplit;
import io.github.metarec4j.eval.ScenarioResult;
import io.github.metarec4j.eval.ValidationFolds;
import io.github.metarec4j.internal.model.Nd4jThreads;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.model.ScorerConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The {@code tune} command: chooses the library's settings on validation folds carved from a
 * protocol's training users ({@link ValidationFolds}), never on its test users. Each candidate
 * (a set of {@code --set}-style settings over the defaults) is trained on every fold, with
 * every seed, and scored on the fold's users by the protocol's new-user rule; the table gives
 * each candidate's mean over folds and seeds, beside the baselines on the same folds.
 *
 * <pre>
 *   mvn -q test-compile exec:exec@tune -Dtune.args="--protocol cs100k --data ../shared/data/ml-100k --folds 5"
 *   mvn -q test-compile exec:exec@tune -Dtune.args="--protocol cs100k --try 'hiddenLayers=64,64;innerSteps=5'"
 * </pre>
 *
 * <p>Options: {@code --protocol cs100k|cslfm}, {@code --data}, {@code --out} (default
 * {@code benchmark-results/tune-<protocol>}), {@code --folds} (default 5), {@code --seeds}
 * (default 1), {@code --candidates} (names from {@link TuneSpace}, or {@code all}), {@code --try}
 * (settings of one more candidate; repeatable as {@code --try=..}), {@code --set} (settings
 * under every candidate), {@code --baselines} (also score the baselines), {@code --help}.
 *
 * <p>Not thread-safe: it sets process-wide state (ND4J's threads); run one at a time.
 */
public final class Tune {

    private Tune() {
    }

    /** Runs the command and exits with its code (0 ran, 1 failed, 2 bad input). */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command: progress on {@code out}, errors on {@code err}; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        String protocol = "cs100k";
        Path data = null;
        Path outDir = null;
        int folds = 5;
        int seeds = 1;
        boolean baselines = false;
        List<TuneSpace.Candidate> candidates = new ArrayList<>();
        List<String> named = new ArrayList<>(); // resolved once --protocol is known, wherever it stands
        ConfigOverrides base = ConfigOverrides.none();
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                int equals = arg.indexOf('=');
                String name = equals > 0 && arg.startsWith("--") ? arg.substring(0, equals) : arg;
                if (name.equals("--help")) {
                    out.print(USAGE);
                    return 0;
                }
                if (name.equals("--baselines")) {
                    baselines = true;
                    continue;
                }
                String value;
                if (equals > 0 && arg.startsWith("--")) {
                    value = arg.substring(equals + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new BenchmarkOptions.UsageException("option " + name + " needs a value");
                }
                switch (name) {
                    case "--protocol" -> protocol = value;
                    case "--data" -> data = Path.of(value);
                    case "--out" -> outDir = Path.of(value);
                    case "--folds" -> folds = wholeNumber(name, value);
                    case "--seeds" -> seeds = wholeNumber(name, value);
                    case "--set" -> base = ConfigOverrides.parse(value);
                    case "--candidates" -> named.add(value);
                    case "--try" -> candidates.add(new TuneSpace.Candidate(value, ConfigOverrides.parse(value)));
                    default -> throw new BenchmarkOptions.UsageException("unknown option '" + arg + "'");
                }
            }
            if (!protocol.equals("cs100k") && !protocol.equals("cslfm")) {
                throw new BenchmarkOptions.UsageException("--protocol must be cs100k or cslfm, got '" + protocol + "'");
            }
            if (folds < 2 || seeds < 1) {
                throw new BenchmarkOptions.UsageException("--folds needs 2 or more and --seeds 1 or more");
            }
            List<TuneSpace.Candidate> fromSpace = new ArrayList<>();
            for (String list : named) {
                fromSpace.addAll(TuneSpace.named(protocol, list));
            }
            candidates.addAll(0, fromSpace);
            if (candidates.isEmpty()) {
                candidates.addAll(TuneSpace.named(protocol, "all"));
            }
        } catch (BenchmarkOptions.UsageException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        boolean lfm = protocol.equals("cslfm");
        Path folder = data != null ? data : lfm ? LastFm.defaultPath() : MovieLens.defaultPath();
        Path results = outDir != null ? outDir : Path.of("benchmark-results", "tune-" + protocol);
        Nd4jThreads.singleThreaded();
        List<ProtocolSplit> splits;
        try {
            Dataset all = lfm ? LastFm.loadHetrec2k(folder) : MovieLens.load100k(folder);
            Dataset training = lfm ? ImplicitColdStartProtocol.csLfm().split(all).training()
                    : ColdStartProtocol.cs100k().split(all).training();
            splits = lfm ? ValidationFolds.csLfm(training, folds) : ValidationFolds.cs100k(training, folds);
        } catch (RuntimeException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        Evaluator evaluator = lfm ? Evaluator.csLfm() : Evaluator.cs100k();
        List<String> metrics = lfm ? List.of("P@10", "Recall@20", "nDCG@20", "coverage@20")
                : List.of("MAE", "nDCG@3", "P@10", "coverage@10");
        out.printf(Locale.ROOT, "tune %s on %s: %d folds of %,d training users, %d seeds, %d candidates%n", protocol,
                folder.toAbsolutePath().normalize(), folds, splits.get(0).data().interactions().users().size(), seeds,
                candidates.size());
        Map<String, Map<String, Double>> table = new LinkedHashMap<>();
        try {
            if (baselines) {
                for (EvaluatedMethod m : lfm ? List.of(Methods.popularity(), Methods.itemKnn(), Methods.ease(500, 3))
                        : List.of(Methods.dampedBias(5), Methods.popularity(), Methods.biasedMf())) {
                    table.put(m.name(), score(evaluator, splits, List.of(m), metrics, out, m.name()));
                }
            }
            for (TuneSpace.Candidate c : candidates) {
                List<EvaluatedMethod> runs = new ArrayList<>();
                for (int s = 0; s < seeds; s++) {
                    ScorerConfig scorer = c.settings().scorer(base.scorer(ScorerConfig.builder().build()));
                    MamlConfig training = c.settings().training(base.training(MamlConfig.builder().build()))
                            .toBuilder().seed(MamlConfig.builder().build().seed() + s).build();
                    runs.add(c.supervised() ? Methods.supervisedFineTuned(scorer, training)
                            : Methods.metaLearned(scorer, training));
                }
                table.put(c.name(), score(evaluator, splits, runs, metrics, out, c.name()));
            }
        } catch (RuntimeException e) {
            err.println("error: the tuning failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
        String md = markdown(protocol, folds, seeds, base, metrics, table);
        out.print(md);
        try {
            Files.createDirectories(results);
            Files.writeString(results.resolve("results.md"), md, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("error: cannot write " + results + ": " + e.getMessage());
            return 1;
        }
        return 0;
    }

    private static int wholeNumber(String option, String value) throws BenchmarkOptions.UsageException {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new BenchmarkOptions.UsageException(option + " needs a whole number, got '" + value + "'");
        }
    }

    /** The mean over folds and runs of each metric at new-user K = 10, and the MAE at K = 5 and 20. */
    private static Map<String, Double> score(Evaluator evaluator, List<ProtocolSplit> splits,
                                             List<EvaluatedMethod> runs, List<String> metrics, PrintStream out,
                                             String name) {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        long start = System.nanoTime();
        for (ProtocolSplit split : splits) {
            for (EvaluatedMethod m : runs) {
                MethodResult r = evaluator.evaluate(m, split);
                for (String scenario : List.of("new-user-K5", "new-user-K10", "new-user-K20")) {
                    ScenarioResult sr = r.scenario(scenario).orElseThrow();
                    for (String metric : metrics) {
                        OptionalDouble v = sr.metric(metric);
                        if (v.isPresent() && (scenario.equals("new-user-K10") || metric.equals(metrics.get(0))
                                || metric.equals("Recall@20"))) {
                            values.computeIfAbsent(scenario.substring(9) + " " + metric, k -> new ArrayList<>())
                                    .add(v.getAsDouble());
                        }
                    }
                }
            }
        }
        Map<String, Double> means = new LinkedHashMap<>();
        values.forEach((k, v) -> means.put(k, v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)));
        means.put("seconds", (System.nanoTime() - start) / 1e9 / Math.max(1, splits.size() * runs.size()));
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-48s", name));
        means.forEach((k, v) -> line.append(String.format(Locale.ROOT, "  %s %.4f", k, v)));
        out.println(line);
        return means;
    }

    private static String markdown(String protocol, int folds, int seeds, ConfigOverrides base, List<String> metrics,
                                   Map<String, Map<String, Double>> table) {
        StringBuilder s = new StringBuilder("# Tuning on validation folds (" + protocol + ")\n\n");
        s.append(folds).append(" folds of the training users (ValidationFolds), ").append(seeds)
                .append(" seed(s); every figure the mean over folds and seeds; candidates' settings over the "
                        + "defaults").append(base.isEmpty() ? "" : " and `" + base + "`").append(".\n\n");
        List<String> columns = new ArrayList<>(table.values().iterator().next().keySet());
        for (Map<String, Double> row : table.values()) {
            row.keySet().stream().filter(k -> !columns.contains(k)).forEach(columns::add);
        }
        s.append("| candidate |");
        columns.forEach(c -> s.append(' ').append(c).append(" |"));
        s.append("\n| --- |");
        columns.forEach(c -> s.append(" --- |"));
        s.append('\n');
        table.forEach((name, row) -> {
            s.append("| ").append(name.isEmpty() ? "(defaults)" : name).append(" |");
            for (String c : columns) {
                Double v = row.get(c);
                s.append(' ').append(v == null ? "–" : String.format(Locale.ROOT, c.contains("coverage@")
                        || c.equals("seconds") ? "%.1f" : "%.4f", v)).append(" |");
            }
            s.append('\n');
        });
        return s.toString();
    }

    private static final String USAGE = """
            usage: Tune [options]
              chooses settings on validation folds of a protocol's training users (never its test users)
              --protocol <name>   cs100k (MovieLens-100k) or cslfm (Last.fm); default cs100k
              --data <folder>     the data; default the protocol's shared folder
              --out <folder>      where results.md goes; default benchmark-results/tune-<protocol>
              --folds <n>         folds of the training users; default 5
              --seeds <n>         seeds per candidate and fold; default 1
              --candidates <list> names from the search space (comma-separated), or all; default all
              --try <settings>    one more candidate: "name=value;name=value" (as --set)
              --set <settings>    settings under every candidate
              --baselines         also score the baselines on the same folds
              --help              this text
            """;
}
