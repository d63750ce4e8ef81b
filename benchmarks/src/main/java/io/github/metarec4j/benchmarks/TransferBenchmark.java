package io.github.metarec4j.benchmarks;

import io.github.metarec4j.MetaRecommender;
import io.github.metarec4j.MetaTrainer;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Douban;
import io.github.metarec4j.data.MovieLens;
import io.github.metarec4j.eval.ColdStartProtocol;
import io.github.metarec4j.eval.EvaluatedMethod;
import io.github.metarec4j.eval.Evaluator;
import io.github.metarec4j.eval.FittedMethod;
import io.github.metarec4j.eval.MethodResult;
import io.github.metarec4j.eval.Methods;
import io.github.metarec4j.eval.ProtocolSplit;
import io.github.metarec4j.eval.RatingErrors;
import io.github.metarec4j.eval.Scenario;
import io.github.metarec4j.eval.ScenarioResult;
import io.github.metarec4j.eval.Summary;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.meta.TrainingListener;
import io.github.metarec4j.meta.TrainingListener.EpochSummary;
import io.github.metarec4j.model.ScorerConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The transfer experiment of docs/transfer.md: a model meta-trained on one movie platform
 * (all of its CS100K or CS-Douban training users) is the starting point of meta-training on
 * the other, which has 10%, 25% or 100% of its training users; against the same training from
 * fresh weights, both scored on the target's new users (K = 10: MAE, nDCG@3, P@10), with the
 * epochs and seconds each needs to reach the fresh model's best validation MAE.
 *
 * <pre>
 * mvn -q test-compile exec:exec@transfer -Dtransfer.args="--ml100k ../shared/data/ml-100k --douban ../shared/data/douban --seeds 3"
 * </pre>
 *
 * Exit codes as the other benchmark commands: 0, 1 (a failure), 2 (bad input, one line).
 * Not thread-safe; one run per JVM.
 */
public final class TransferBenchmark {

    static final String USAGE = """
            usage: TransferBenchmark [options]
              --ml100k DIR        MovieLens-100k (default ../shared/data/ml-100k)
              --douban DIR        Douban (default ../shared/data/douban)
              --out DIR           where results.md, results.json and transfer.png go (default benchmark-results/transfer)
              --seeds N           seeds 1..N (default 3)
              --fractions LIST    shares of the target's training users (default 0.1,0.25,1)
              --epochs N          epochs of every training (default: the library's)
              --quick             a tiny model and 2 epochs: a smoke test
              --help              this text
            """;

    private static final String K10 = Scenario.newUser(10);
    private static final List<String> METRICS = List.of(RatingErrors.MAE, "nDCG@3", "P@10");
    /** How often training logs its progress. */
    private static final Duration PROGRESS = Duration.ofSeconds(10);

    /** One platform: its name, its protocol split. */
    private record Platform(String name, ProtocolSplit split) {
    }

    /** One training on a target: its figures and its epochs. */
    record Run(String direction, double fraction, String start, long seed, int trainingUsers,
               Map<String, Double> metrics, List<EpochSummary> epochs, double trainingSeconds) {

        double bestValidationMae() {
            return epochs.stream().mapToDouble(EpochSummary::validationMae).filter(Double::isFinite).min()
                    .orElse(Double.NaN);
        }

        /** The first epoch (1-based) whose validation MAE is at most {@code target}, 0 if none. */
        int epochsToReach(double target) {
            for (EpochSummary e : epochs) {
                if (e.validationMae() <= target + 1e-12) {
                    return e.epoch();
                }
            }
            return 0;
        }

        /** The training seconds of the first {@code n} epochs. */
        double secondsOf(int n) {
            return epochs.stream().limit(n).map(EpochSummary::epochTime).mapToDouble(d -> d.toNanos() / 1e9).sum();
        }
    }

    private TransferBenchmark() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the experiment: progress on {@code out}, errors on {@code err}; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Path ml100k = MovieLens.defaultPath();
        Path douban = Douban.defaultPath();
        Path outDir = Path.of("benchmark-results", "transfer");
        int seeds = 3;
        List<Double> fractions = List.of(0.1, 0.25, 1.0);
        Integer epochs = null;
        boolean quick = false;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--help" -> {
                        out.print(USAGE);
                        return BenchmarkCommand.OK;
                    }
                    case "--quick" -> quick = true;
                    case "--ml100k" -> ml100k = Path.of(value(args, ++i, a));
                    case "--douban" -> douban = Path.of(value(args, ++i, a));
                    case "--out" -> outDir = Path.of(value(args, ++i, a));
                    case "--seeds" -> seeds = positive(value(args, ++i, a), a);
                    case "--epochs" -> epochs = positive(value(args, ++i, a), a);
                    case "--fractions" -> fractions = fractions(value(args, ++i, a));
                    default -> throw new BenchmarkOptions.UsageException("unknown option '" + a + "'");
                }
            }
        } catch (BenchmarkOptions.UsageException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return BenchmarkCommand.BAD_INPUT;
        }
        Platform ml;
        Platform db;
        try {
            ml = new Platform("MovieLens-100k", BenchmarkCommand.read("MovieLens-100k", ml100k, MovieLens::load100k,
                    ColdStartProtocol.cs100k()::split));
            db = new Platform("Douban", BenchmarkCommand.read("Douban", douban, Douban::load,
                    ColdStartProtocol.douban()::split));
        } catch (BenchmarkCommand.BadInput e) {
            err.println("error: " + e.getMessage());
            return BenchmarkCommand.BAD_INPUT;
        }
        ScorerConfig scorer = quick ? ScorerConfig.builder().towerSize(8).hiddenLayers(16).userFactors(8)
                .itemIdEmbeddingSize(8).build() : ScorerConfig.builder().build();
        MamlConfig.Builder training = MamlConfig.builder();
        if (quick) {
            training.epochs(2);
        }
        if (epochs != null) {
            training.epochs(epochs);
        }
        try {
            Files.createDirectories(outDir);
            MachineInfo machine = MachineInfo.current();
            List<Run> runs = new ArrayList<>();
            long start = System.nanoTime();
            for (Platform[] pair : new Platform[][]{{db, ml}, {ml, db}}) {
                Platform source = pair[0];
                Platform target = pair[1];
                String direction = source.name() + " -> " + target.name();
                for (long seed = 1; seed <= seeds; seed++) {
                    MamlConfig config = training.seed(seed).build();
                    out.printf(Locale.ROOT, "[%s] seed %d: the source model on all %,d training users of %s%n",
                            BenchmarkCommand.elapsed(start), seed, source.split().training().interactions().users().size(),
                            source.name());
                    MetaRecommender sourceModel = MetaTrainer.builder().scorer(scorer).training(config)
                            .listener(TrainingListener.logging(PROGRESS)).build().fit(source.split().training());
                    for (double fraction : fractions) {
                        for (String startFrom : List.of("fresh", "transfer")) {
                            EpochRecorder recorder = new EpochRecorder();
                            MetaTrainer.Builder b = MetaTrainer.builder().scorer(scorer).training(config)
                                    .listener(recorder).listener(TrainingListener.logging(PROGRESS));
                            if (startFrom.equals("transfer")) {
                                b.transferFrom(sourceModel);
                            }
                            Dataset subset = users(target.split().training(), fraction, seed);
                            EvaluatedMethod method = onSubset(Methods.learned(startFrom, b.build()), subset);
                            MethodResult result = Evaluator.builder().metrics(Evaluator.cs100k().metrics())
                                    .scenarios(K10).build().evaluate(method, target.split());
                            ScenarioResult k10 = result.scenario(K10).orElseThrow();
                            Map<String, Double> metrics = new LinkedHashMap<>();
                            METRICS.forEach(m -> metrics.put(m, k10.metric(m).orElse(Double.NaN)));
                            Run r = new Run(direction, fraction, startFrom, seed,
                                    subset.interactions().users().size(), metrics, recorder.epochs(), result.fitSeconds());
                            runs.add(r);
                            out.printf(Locale.ROOT, "[%s] %s, %.0f%% of the training users (%,d), %s: MAE %.4f, "
                                            + "P@10 %.4f, %d epochs%n", BenchmarkCommand.elapsed(start), direction, fraction * 100,
                                    r.trainingUsers(), startFrom, metrics.get(RatingErrors.MAE), metrics.get("P@10"),
                                    r.epochs().size());
                        }
                    }
                }
            }
            Files.writeString(outDir.resolve("results.md"), markdown(runs, fractions, scorer, training.build(), machine,
                    ml100k, douban), StandardCharsets.UTF_8);
            Files.writeString(outDir.resolve("results.json"), json(runs), StandardCharsets.UTF_8);
            Plots.writeTransfer(runs, fractions, outDir.resolve("transfer.png"));
            out.println("wrote results.md, results.json and transfer.png to " + BenchmarkCommand.absolute(outDir));
            return BenchmarkCommand.OK;
        } catch (IOException | RuntimeException e) {
            err.println("error: " + e);
            return BenchmarkCommand.FAILED;
        }
    }

    /** A share of the training users (all their interactions), chosen by {@code seed}; the same for both starts. */
    static Dataset users(Dataset training, double fraction, long seed) {
        if (fraction >= 1) {
            return training;
        }
        List<String> ids = new ArrayList<>(training.interactions().users().ids());
        Collections.sort(ids);
        Collections.shuffle(ids, new Random(seed));
        return BenchmarkCommand.withUsers(training, Set.copyOf(ids.subList(0, (int) Math.ceil(fraction * ids.size()))));
    }

    /** {@code method} fitted on {@code subset} in place of the protocol's training data. */
    private static EvaluatedMethod onSubset(EvaluatedMethod method, Dataset subset) {
        return new EvaluatedMethod() {
            @Override
            public String name() {
                return method.name();
            }

            @Override
            public FittedMethod fit(Dataset training) {
                return method.fit(subset);
            }
        };
    }

    static String markdown(List<Run> runs, List<Double> fractions, ScorerConfig scorer, MamlConfig training,
                           MachineInfo machine, Path ml100k, Path douban) {
        StringBuilder md = new StringBuilder("# Transfer between movie platforms\n\n");
        md.append("New users of the target (K = 10: CS100K for MovieLens-100k, CS-Douban for Douban), mean ± "
                + "standard deviation over seeds. \"transfer\" starts meta-training from the model trained on all "
                + "of the other platform's training users (`MetaTrainer.transferFrom`); \"fresh\" from new weights. "
                + "Reach: the epochs (and training seconds) until the validation MAE is at most the fresh run's "
                + "best, of the same seed, over the seeds that got there (how many did, if not all).\n\n");
        for (String direction : runs.stream().map(Run::direction).distinct().toList()) {
            md.append("## ").append(direction).append("\n\n");
            md.append("| training users | start | MAE | nDCG@3 | P@10 | best validation MAE | epochs | reach: epochs "
                    + "| reach: s |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
            for (double f : fractions) {
                for (String start : List.of("fresh", "transfer")) {
                    List<Run> cell = runs.stream().filter(r -> r.direction().equals(direction) && r.fraction() == f
                            && r.start().equals(start)).toList();
                    if (cell.isEmpty()) {
                        continue;
                    }
                    List<double[]> reach = new ArrayList<>();
                    for (Run r : cell) {
                        Run fresh = runs.stream().filter(o -> o.direction().equals(direction) && o.fraction() == f
                                && o.seed() == r.seed() && o.start().equals("fresh")).findFirst().orElseThrow();
                        int n = r.epochsToReach(fresh.bestValidationMae());
                        reach.add(new double[]{n, n == 0 ? Double.NaN : r.secondsOf(n)});
                    }
                    md.append(String.format(Locale.ROOT, "| %.0f%% (%,d) | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                            f * 100, cell.get(0).trainingUsers(), start, summary(cell, r -> r.metrics().get(RatingErrors.MAE), 4),
                            summary(cell, r -> r.metrics().get("nDCG@3"), 4), summary(cell, r -> r.metrics().get("P@10"), 4),
                            summary(cell, Run::bestValidationMae, 4), summary(cell, r -> r.epochs().size(), 1),
                            reachCell(reach, 0), reachCell(reach, 1)));
                }
            }
            md.append('\n');
        }
        md.append("## Settings and machine\n\n");
        md.append("- scorer: ").append(scorer).append('\n');
        md.append("- training: ").append(training).append('\n');
        md.append("- data: ").append(BenchmarkCommand.absolute(ml100k)).append(", ").append(BenchmarkCommand.absolute(douban))
                .append('\n');
        md.append("- machine: ").append(machine.cores()).append(" cores").append(machine.cpu().map(c -> " (" + c + ")")
                .orElse("")).append(", Java ").append(machine.java()).append(", ").append(machine.os())
                .append(", heap ").append(machine.maxHeapMiB()).append(" MiB, started ").append(machine.date())
                .append(machine.loadAverage().isPresent() ? String.format(Locale.ROOT, ", load %.2f",
                        machine.loadAverage().getAsDouble()) : "").append('\n');
        return md.toString();
    }

    private static String summary(List<Run> runs, java.util.function.ToDoubleFunction<Run> value, int digits) {
        return format(Summary.of(runs.stream().mapToDouble(value).toArray()), digits);
    }

    /** The epochs ({@code column} 0) or seconds (1) to reach, over the seeds that reached; how many did if not all. */
    private static String reachCell(List<double[]> reach, int column) {
        double[] reached = reach.stream().filter(x -> x[0] > 0).mapToDouble(x -> x[column]).toArray();
        String mean = reached.length == 0 ? "never" : format(Summary.of(reached), 1);
        return reached.length == reach.size() ? mean : mean + " (" + reached.length + " of " + reach.size() + " seeds)";
    }

    /** Mean ± standard deviation, or the value alone for one run. */
    private static String format(Summary s, int digits) {
        String f = "%." + digits + "f";
        return s.n() > 1 ? String.format(Locale.ROOT, f + " ± " + f, s.mean(), s.std())
                : String.format(Locale.ROOT, f, s.mean());
    }

    static String json(List<Run> runs) {
        StringBuilder s = new StringBuilder("[\n");
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            s.append(String.format(Locale.ROOT, "  {\"direction\": \"%s\", \"fraction\": %s, \"start\": \"%s\", "
                            + "\"seed\": %d, \"trainingUsers\": %d, \"mae\": %s, \"ndcg3\": %s, \"p10\": %s, "
                            + "\"trainingSeconds\": %.3f, \"validationMae\": %s}",
                    r.direction(), r.fraction(), r.start(), r.seed(), r.trainingUsers(),
                    number(r.metrics().get(RatingErrors.MAE)), number(r.metrics().get("nDCG@3")),
                    number(r.metrics().get("P@10")), r.trainingSeconds(),
                    r.epochs().stream().map(e -> number(e.validationMae())).toList()));
            s.append(i + 1 < runs.size() ? ",\n" : "\n");
        }
        return s.append("]\n").toString();
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "null";
    }

    private static String value(String[] args, int i, String option) throws BenchmarkOptions.UsageException {
        if (i >= args.length) {
            throw new BenchmarkOptions.UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String text, String option) throws BenchmarkOptions.UsageException {
        try {
            int n = Integer.parseInt(text);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BenchmarkOptions.UsageException(option + " needs a positive whole number, got '" + text + "'");
    }

    private static List<Double> fractions(String text) throws BenchmarkOptions.UsageException {
        List<Double> out = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                double f = Double.parseDouble(part.trim());
                if (f > 0 && f <= 1) {
                    out.add(f);
                    continue;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new BenchmarkOptions.UsageException("--fractions needs shares in (0, 1] separated by commas, got '"
                    + part.trim() + "'");
        }
        return List.copyOf(out);
    }
}
