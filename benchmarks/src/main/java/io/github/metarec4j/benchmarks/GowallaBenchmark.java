package io.github.metarec4j.benchmarks;

import io.github.metarec4j.MetaRecommender;
import io.github.metarec4j.MetaTrainer;
import io.github.metarec4j.RecommendRequest;
import io.github.metarec4j.Recommendation;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.Gowalla;
import io.github.metarec4j.data.IdIndex;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.eval.EvaluatedMethod;
import io.github.metarec4j.eval.FittedMethod;
import io.github.metarec4j.eval.IdKey;
import io.github.metarec4j.eval.Methods;
import io.github.metarec4j.eval.Ranking;
import io.github.metarec4j.internal.model.Nd4jThreads;
import io.github.metarec4j.meta.Checkpoints;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.meta.TrainingListener.EpochSummary;
import io.github.metarec4j.model.ScorerConfig;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.JsonNodeFactory;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;

/**
 * Gowalla, a million real interactions (docs/scale.md): the library's default recommender
 * meta-trained on the LightGCN split's training users ({@link Gowalla}), its epoch chosen by
 * Recall@20 on the validation split of a fixed sample of users, then scored on the test split
 * with the harness of LightGCN ({@link FullRanking}: each user's top 20 over every location
 * but their training ones, adapted from their training ones; Recall@20 and nDCG@20), beside
 * popularity and item-kNN in the same harness; with the wall time, peak heap and training
 * tasks per second of each.
 *
 * <pre>
 * mvn -q test-compile exec:exec@gowalla -Dgowalla.args="--data ../shared/data/gowalla --out benchmark-results/gowalla --seeds 1"
 * </pre>
 *
 * <p>The epoch is chosen outside the library: training runs one epoch per {@code fit}, resumed
 * from a checkpoint of the previous one ({@link Checkpoints}: every draw of an epoch depends on
 * the seed and the epoch only, so this trains exactly as one long run), with the library's own
 * held-out users off ({@code validationFraction} 0, so that every training user trains); after
 * each epoch the model is scored on the validation split, and training stops after
 * {@code --patience} epochs without a better Recall@20. The test split is read only for the
 * final figures.
 *
 * <p>Exit codes as the other benchmark commands: 0, 1 (a failure), 2 (bad input, one line).
 * Not thread-safe: it sets process-wide state (ND4J's threads); one run per JVM.
 */
public final class GowallaBenchmark {

    static final String USAGE = """
            usage: GowallaBenchmark [options]
              meta-trains the default recommender on Gowalla's training split (the epoch chosen on the
              validation split), scores it beside popularity and item-kNN on the test split (Recall@20,
              nDCG@20 over every location) and writes results.md and results.json
              --data <folder>          the LightGCN split of Gowalla (train.txt, valid.txt, test.txt); default %s
              --out <folder>           where to write the results; default %s
              --seeds <n>              seeds of the learned method (42, 43, ...; mean and std over them); default 1
              --epochs <n>             most epochs of training; default %d
              --patience <n>           epochs without a better validation Recall@20 before training stops; default %d
              --users <n>              a random sample of n users (all their interactions, every location kept in
                                         the catalogue): a quick run, not the benchmark; default all
              --validation-users <n>   the fixed sample of users whose validation split picks the epoch; default %d
              --methods <list>         comma-separated, of popularity, item-knn, meta-learned; default all
              --set <settings>         the learned method's settings over the defaults, as "name=value;name=value"
                                         (ScorerConfig and MamlConfig builder names, e.g. "negatives=200")
              --quick                  a tiny model: a smoke test, not a benchmark
              --help                   this text
            """.formatted(Gowalla.defaultPath(), Path.of("benchmark-results", "gowalla"), 30, 3, 2_000);

    /** The methods, in the order they run. */
    static final List<String> METHODS = List.of("popularity", "item-knn", "meta-learned");
    /** The seed of the users' samples ({@code --users}, {@code --validation-users}), fixed across seeds. */
    private static final long SAMPLE_SEED = 20_200_101L;
    /** Recall@20 of methods measured elsewhere, for the report's comparison (docs/scale.md). */
    static final String PUBLISHED = "MF-BPR 0.1291, LightGCN 0.1830 (published, trained on train + valid)";

    /** The parsed command line. */
    record Options(Path data, Path out, int seeds, int epochs, int patience, OptionalInt users, int validationUsers,
                   List<String> methods, ConfigOverrides overrides, boolean quick, boolean help) {
    }

    /**
     * One method's figures on the test split.
     *
     * @param method        its name ("meta-learned seed 42")
     * @param test          the test figures
     * @param fitSeconds    training or fitting time (for the learned method: the epochs, their validation excluded)
     * @param wallSeconds   everything the method took: fitting, validation, test scoring
     * @param peakHeapMiB   the most heap used while it ran (sampled; garbage included)
     * @param tasksPerSecond training tasks per second over the epochs (NaN for a baseline)
     * @param epochs        the learned method's epochs: {@code [epoch, loss, tasks/s, seconds, valid recall, valid nDCG]}
     * @param bestEpoch     the epoch kept (0 for a baseline)
     */
    record Row(String method, FullRanking.Result test, double fitSeconds, double wallSeconds, long peakHeapMiB,
               double tasksPerSecond, List<double[]> epochs, int bestEpoch) {
    }

    private GowallaBenchmark() {
    }

    /** Runs the benchmark with {@code args} (see {@link #USAGE}) and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the benchmark: progress on {@code out}, errors on {@code err}; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        long start = System.nanoTime();
        Options o;
        try {
            o = parse(args);
        } catch (BenchmarkOptions.UsageException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return BenchmarkCommand.BAD_INPUT;
        }
        if (o.help()) {
            out.print(USAGE);
            return BenchmarkCommand.OK;
        }
        Gowalla.Splits splits;
        try {
            splits = BenchmarkCommand.load("Gowalla", o.data(), Gowalla::load);
            if (o.users().isPresent()) {
                splits = sample(splits, o.users().getAsInt());
            }
            Files.createDirectories(o.out());
        } catch (BenchmarkCommand.BadInput e) {
            err.println("error: " + e.getMessage());
            return BenchmarkCommand.BAD_INPUT;
        } catch (IOException e) {
            err.println("error: cannot create the output folder " + BenchmarkCommand.absolute(o.out()) + ": " + e);
            return BenchmarkCommand.BAD_INPUT;
        }
        Nd4jThreads.singleThreaded();
        try (HeapMonitor heap = new HeapMonitor(20)) {
            MachineInfo machine = MachineInfo.current();
            ScorerConfig scorer = o.overrides().scorer(o.quick() ? ScorerConfig.builder().towerSize(8).userFactors(8)
                    .itemIdEmbeddingSize(8).build() : ScorerConfig.builder().build());
            MamlConfig training = o.overrides().training(MamlConfig.builder().build());
            out.printf(Locale.ROOT, "Gowalla on %s: training %,d interactions of %,d users, validation %,d, test %,d; "
                            + "%,d locations%s; %d cores, load %s%n", BenchmarkCommand.absolute(o.data()),
                    splits.train().interactions().size(), splits.train().interactions().users().size(),
                    splits.valid().interactions().size(), splits.test().interactions().size(),
                    splits.train().catalogue().size(), o.users().isPresent() ? " (a sample of users)" : "",
                    machine.cores(), machine.loadAverage().isPresent() ? String.format(Locale.ROOT, "%.2f",
                            machine.loadAverage().getAsDouble()) : "unknown");
            int threads = training.effectiveThreads();
            FullRanking harness = new FullRanking(splits.train(), threads);
            List<String> testUsers = splits.test().interactions().users().ids();
            List<Row> rows = new ArrayList<>();
            for (String method : o.methods()) {
                if (method.equals("meta-learned")) {
                    for (int s = 0; s < o.seeds(); s++) {
                        long seed = training.seed() + s;
                        heap.reset();
                        rows.add(learned(o, splits, scorer, training.toBuilder().seed(seed).build(), harness,
                                testUsers, heap, out, start));
                    }
                } else {
                    heap.reset();
                    rows.add(baseline(method, splits, harness, testUsers, heap, out, start));
                }
            }
            double wall = (System.nanoTime() - start) / 1e9;
            Files.writeString(o.out().resolve("results.md"), markdown(rows, o, scorer, training, machine, splits, wall,
                    heap.overallPeakMiB()), StandardCharsets.UTF_8);
            Files.writeString(o.out().resolve("results.json"), json(rows), StandardCharsets.UTF_8);
            out.println();
            for (Row r : rows) {
                out.printf(Locale.ROOT, "%-24s Recall@20 %.4f  nDCG@20 %.4f%n", r.method(), r.test().recall(),
                        r.test().ndcg());
            }
            out.printf(Locale.ROOT, "wrote results.md and results.json to %s in %.0f s (peak heap %,d MiB)%n",
                    BenchmarkCommand.absolute(o.out()), wall, heap.overallPeakMiB());
            return BenchmarkCommand.OK;
        } catch (IOException | UncheckedIOException e) {
            err.println("error: cannot write the results to " + BenchmarkCommand.absolute(o.out()) + ": " + e);
            return BenchmarkCommand.FAILED;
        } catch (RuntimeException e) {
            err.println("error: the benchmark failed: " + e);
            e.printStackTrace(err);
            return BenchmarkCommand.FAILED;
        }
    }

    /** Popularity or item-kNN, fitted on the training split and scored on the test split. */
    private static Row baseline(String name, Gowalla.Splits splits, FullRanking harness, List<String> users,
                                HeapMonitor heap, PrintStream out, long start) {
        out.printf(Locale.ROOT, "[%s] %s: fitting%n", BenchmarkCommand.elapsed(start), name);
        long t0 = System.nanoTime();
        EvaluatedMethod method = name.equals("popularity") ? Methods.popularity() : Methods.itemKnn();
        FittedMethod fitted = method.fit(splits.train());
        double fitSeconds = (System.nanoTime() - t0) / 1e9;
        FullRanking.Result test = harness.evaluate(ranked(fitted, splits.train().catalogue()), users,
                splits.test());
        double wall = (System.nanoTime() - t0) / 1e9;
        Row row = new Row(name, test, fitSeconds, wall, heap.phasePeakMiB(), Double.NaN, List.of(), 0);
        out.printf(Locale.ROOT, "[%s] %s: fitted in %.1f s; test Recall@20 %.4f, nDCG@20 %.4f (%,d users, %.1f s); "
                        + "peak heap %,d MiB%n", BenchmarkCommand.elapsed(start), name, fitSeconds, test.recall(), test.ndcg(),
                test.users(), test.seconds(), row.peakHeapMiB());
        return row;
    }

    /**
     * A baseline in the harness: its scores of the whole catalogue, the user's training items left
     * out, the best 20 in the order of the protocol's {@link Ranking} (score descending, ties by
     * the fixed shuffle of the ids' numbers), found in one pass instead of a sort.
     */
    static FullRanking.Method ranked(FittedMethod fitted, IdIndex catalogue) {
        Ranking ranking = Ranking.of(IdKey.INTEGER);
        List<String> ids = catalogue.ids();
        long[] ties = new long[ids.size()];
        for (int i = 0; i < ties.length; i++) {
            ties[i] = ranking.tieBreak(ids.get(i));
        }
        return (user, training) -> {
            double[] scores = fitted.adapt(user, Features.none(), training).rankingScores(ids);
            boolean[] seen = new boolean[scores.length];
            training.forEach(x -> catalogue.indexOf(x.itemId()).ifPresent(i -> seen[i] = true));
            int[] best = new int[FullRanking.CUTOFF];
            int size = 0;
            for (int i = 0; i < scores.length; i++) {
                if (seen[i] || size == best.length && !above(scores, ties, i, best[size - 1])) {
                    continue;
                }
                int at = size == best.length ? size - 1 : size++;
                while (at > 0 && above(scores, ties, i, best[at - 1])) {
                    best[at] = best[at - 1];
                    at--;
                }
                best[at] = i;
            }
            return Arrays.stream(best, 0, size).mapToObj(ids::get).toList();
        };
    }

    /** Whether catalogue index {@code a} ranks above {@code b}: a higher score, or an equal one and a lower tie key. */
    private static boolean above(double[] scores, long[] ties, int a, int b) {
        return scores[a] > scores[b] || scores[a] == scores[b] && ties[a] < ties[b];
    }

    /** The learned method in the harness: adapted to the training items, {@code recommend}'s top 20 (support left out). */
    static FullRanking.Method ranked(MetaRecommender model) {
        RecommendRequest top = RecommendRequest.of(FullRanking.CUTOFF);
        return (user, training) -> model.recommend(model.adapt(Features.none(), training), top).stream()
                .map(Recommendation::itemId).toList();
    }

    /** The default recommender, one seed: epochs until the validation Recall@20 stops improving, then the test. */
    private static Row learned(Options o, Gowalla.Splits splits, ScorerConfig scorer, MamlConfig config,
                               FullRanking harness, List<String> testUsers, HeapMonitor heap, PrintStream out,
                               long start) throws IOException {
        String name = "meta-learned seed " + config.seed();
        List<String> validationUsers = sample(splits.valid().interactions().users().ids(), o.validationUsers());
        Path checkpoint = o.out().resolve("training-seed" + config.seed() + ".ckpt");
        Files.deleteIfExists(checkpoint);
        out.printf(Locale.ROOT, "[%s] %s: up to %d epochs, patience %d, the epoch chosen on the validation split of "
                        + "%,d users%n", BenchmarkCommand.elapsed(start), name, o.epochs(), o.patience(), validationUsers.size());
        long t0 = System.nanoTime();
        EpochRecorder recorder = new EpochRecorder();
        MetaRecommender best = null;
        double bestRecall = Double.NEGATIVE_INFINITY;
        int bestEpoch = 0;
        List<double[]> epochs = new ArrayList<>();
        try {
            for (int epoch = 1; epoch <= o.epochs(); epoch++) {
                MetaRecommender model = MetaTrainer.builder().scorer(scorer)
                        .training(config.toBuilder().epochs(epoch).validationFraction(0).build())
                        .checkpoints(new Checkpoints(checkpoint, 1)).listener(recorder).build().fit(splits.train());
                EpochSummary e = recorder.epochs().get(recorder.epochs().size() - 1);
                FullRanking.Result valid = harness.evaluate(ranked(model), validationUsers, splits.valid());
                epochs.add(new double[]{epoch, e.trainingLoss(), e.tasksPerSecond(), e.epochTime().toNanos() / 1e9,
                        valid.recall(), valid.ndcg()});
                boolean improved = valid.recall() > bestRecall;
                if (improved) {
                    best = model;
                    bestRecall = valid.recall();
                    bestEpoch = epoch;
                }
                out.printf(Locale.ROOT, "[%s] %s epoch %d: loss %.4f, %,.0f tasks/s, %.1f s; validation Recall@20 "
                                + "%.4f, nDCG@20 %.4f (%.1f s)%s; heap %,d MiB%n", BenchmarkCommand.elapsed(start), name, epoch,
                        e.trainingLoss(), e.tasksPerSecond(), e.epochTime().toNanos() / 1e9, valid.recall(),
                        valid.ndcg(), valid.seconds(), improved ? " *" : "", heap.phasePeakMiB());
                if (epoch - bestEpoch >= o.patience()) {
                    break;
                }
            }
        } finally {
            Files.deleteIfExists(checkpoint);
        }
        double trainSeconds = recorder.epochs().stream().mapToDouble(e -> e.epochTime().toNanos() / 1e9).sum();
        long tasks = recorder.epochs().stream().mapToLong(e -> Math.round(e.tasksPerSecond()
                * (e.epochTime().toNanos() / 1e9))).sum();
        out.printf(Locale.ROOT, "[%s] %s: epoch %d kept; scoring the test split of %,d users%n", BenchmarkCommand.elapsed(start), name,
                bestEpoch, testUsers.size());
        FullRanking.Result test = harness.evaluate(ranked(best), testUsers, splits.test());
        Row row = new Row(name, test, trainSeconds, (System.nanoTime() - t0) / 1e9, heap.phasePeakMiB(),
                tasks / Math.max(1e-9, trainSeconds), epochs, bestEpoch);
        out.printf(Locale.ROOT, "[%s] %s: test Recall@20 %.4f, nDCG@20 %.4f (%,d users, %.1f s); %.0f tasks/s; peak "
                        + "heap %,d MiB%n", BenchmarkCommand.elapsed(start), name, test.recall(), test.ndcg(), test.users(),
                test.seconds(), row.tasksPerSecond(), row.peakHeapMiB());
        return row;
    }

    /** {@code n} of {@code ids} (all if there are fewer), drawn by the fixed sample seed, in their own order. */
    static List<String> sample(List<String> ids, int n) {
        if (n >= ids.size()) {
            return ids;
        }
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            positions.add(i);
        }
        Collections.shuffle(positions, new Random(SAMPLE_SEED));
        List<Integer> kept = new ArrayList<>(positions.subList(0, n));
        Collections.sort(kept);
        return kept.stream().map(ids::get).toList();
    }

    /** The splits of {@code n} users sampled from the training users, every location kept in the catalogue. */
    static Gowalla.Splits sample(Gowalla.Splits splits, int n) {
        Set<String> kept = new LinkedHashSet<>(sample(splits.train().interactions().users().ids(), n));
        return new Gowalla.Splits(BenchmarkCommand.withUsers(splits.train(), kept),
                BenchmarkCommand.withUsers(splits.valid(), kept), BenchmarkCommand.withUsers(splits.test(), kept));
    }

    static Options parse(String... args) throws BenchmarkOptions.UsageException {
        Path data = Gowalla.defaultPath();
        Path out = Path.of("benchmark-results", "gowalla");
        int seeds = 1;
        int epochs = 30;
        int patience = 3;
        OptionalInt users = OptionalInt.empty();
        int validationUsers = 2_000;
        List<String> methods = METHODS;
        ConfigOverrides overrides = ConfigOverrides.none();
        boolean quick = false;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = BenchmarkOptions.name(arg, seen);
            switch (name) {
                case "--help", "-h" -> {
                    return new Options(data, out, seeds, epochs, patience, users, validationUsers, methods, overrides,
                            quick, true);
                }
                case "--quick" -> quick = true;
                case "--data", "--out", "--seeds", "--epochs", "--patience", "--users", "--validation-users",
                        "--methods", "--set" -> {
                    String value = BenchmarkOptions.value(args, i, name);
                    i += arg.indexOf('=') > 0 ? 0 : 1;
                    switch (name) {
                        case "--data" -> data = BenchmarkOptions.path(name, value);
                        case "--out" -> out = BenchmarkOptions.path(name, value);
                        case "--seeds" -> seeds = BenchmarkOptions.count(name, value, BenchmarkOptions.MAX_SEEDS);
                        case "--epochs" -> epochs = BenchmarkOptions.count(name, value, Integer.MAX_VALUE);
                        case "--patience" -> patience = BenchmarkOptions.count(name, value, Integer.MAX_VALUE);
                        case "--users" -> users = OptionalInt.of(BenchmarkOptions.count(name, value, Integer.MAX_VALUE));
                        case "--validation-users" -> validationUsers = BenchmarkOptions.count(name, value,
                                Integer.MAX_VALUE);
                        case "--set" -> overrides = ConfigOverrides.parse(value);
                        default -> methods = methods(value);
                    }
                }
                default -> throw new BenchmarkOptions.UsageException("unknown option '" + arg + "'");
            }
        }
        return new Options(data, out, seeds, epochs, patience, users, validationUsers, methods, overrides, quick,
                false);
    }

    private static List<String> methods(String list) throws BenchmarkOptions.UsageException {
        Set<String> chosen = new HashSet<>();
        for (String word : list.split(",", -1)) {
            if (!METHODS.contains(word.trim())) {
                throw new BenchmarkOptions.UsageException("unknown method '" + word.trim() + "' in --methods; choose "
                        + "from " + String.join(", ", METHODS));
            }
            chosen.add(word.trim());
        }
        return METHODS.stream().filter(chosen::contains).toList();
    }

    static String markdown(List<Row> rows, Options o, ScorerConfig scorer, MamlConfig training, MachineInfo machine,
                           Gowalla.Splits splits, double wallSeconds, long peakHeapMiB) {
        StringBuilder md = new StringBuilder("# Gowalla: a million real interactions\n\n");
        md.append(String.format(Locale.ROOT, "LightGCN's split (%s): training %,d interactions of %,d users, "
                        + "validation %,d, test %,d; %,d locations%s. Each user's top 20 over every location but their "
                        + "training ones, each method adapted to the user's training interactions (not train + valid); "
                        + "Recall@20 = hits / test items, nDCG@20 binary, the ideal list min(20, test items) long; "
                        + "means over the %,d users with a test item.%n%n", BenchmarkCommand.absolute(o.data()),
                splits.train().interactions().size(), splits.train().interactions().users().size(),
                splits.valid().interactions().size(), splits.test().interactions().size(),
                splits.train().catalogue().size(), o.users().isPresent() ? ", a sample of " + o.users().getAsInt()
                        + " users: a quick run, not the benchmark" : "",
                rows.isEmpty() ? 0 : rows.get(0).test().users()));
        md.append("| method | Recall@20 | nDCG@20 | epoch kept | fit / train s | wall s | peak heap MiB | tasks/s |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Row r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %s | %.1f | %.1f | %,d | %s |%n", r.method(),
                    r.test().recall(), r.test().ndcg(), r.bestEpoch() > 0 ? Integer.toString(r.bestEpoch()) : "",
                    r.fitSeconds(), r.wallSeconds(), r.peakHeapMiB(), Double.isNaN(r.tasksPerSecond()) ? ""
                            : String.format(Locale.ROOT, "%,.0f", r.tasksPerSecond())));
        }
        md.append("\nFor comparison, Recall@20: ").append(PUBLISHED).append(".\n");
        for (Row r : rows) {
            if (r.epochs().isEmpty()) {
                continue;
            }
            md.append("\n## ").append(r.method()).append(": epochs\n\n");
            md.append("| epoch | training loss | tasks/s | seconds | validation Recall@20 | validation nDCG@20 |\n");
            md.append("| --- | --- | --- | --- | --- | --- |\n");
            for (double[] e : r.epochs()) {
                md.append(String.format(Locale.ROOT, "| %s%.0f%s | %.4f | %,.0f | %.1f | %.4f | %.4f |%n",
                        e[0] == r.bestEpoch() ? "**" : "", e[0], e[0] == r.bestEpoch() ? "**" : "", e[1], e[2], e[3],
                        e[4], e[5]));
            }
        }
        md.append("\n## Settings and machine\n\n");
        md.append("- command line: ").append(String.format(Locale.ROOT, "--data %s --out %s --seeds %d --epochs %d "
                        + "--patience %d%s --validation-users %d --methods %s%s%s", o.data(), o.out(), o.seeds(),
                o.epochs(), o.patience(), o.users().isPresent() ? " --users " + o.users().getAsInt() : "",
                o.validationUsers(), String.join(",", o.methods()), o.overrides().isEmpty() ? ""
                        : " --set \"" + o.overrides() + "\"", o.quick() ? " --quick" : "")).append('\n');
        md.append("- scorer: ").append(scorer).append('\n');
        md.append("- training: ").append(training.toBuilder().validationFraction(0).build()).append(" (one epoch per "
                + "fit, resumed from a checkpoint; the epoch chosen here on the validation split)\n");
        md.append("- machine: ").append(machine.cores()).append(" cores").append(machine.cpu().map(c -> " (" + c + ")")
                .orElse("")).append(", Java ").append(machine.java()).append(", ").append(machine.os())
                .append(", heap limit ").append(machine.maxHeapMiB()).append(" MiB, started ").append(machine.date())
                .append(machine.loadAverage().isPresent() ? String.format(Locale.ROOT, ", load %.2f",
                        machine.loadAverage().getAsDouble()) : "").append('\n');
        md.append(String.format(Locale.ROOT, "- wall time %.0f s, peak heap used %,d MiB (sampled every 20 ms, "
                + "garbage included)%n", wallSeconds, peakHeapMiB));
        return md.toString();
    }

    static String json(List<Row> rows) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Row r : rows) {
            ObjectNode n = array.addObject().put("method", r.method()).put("recall20", r.test().recall())
                    .put("ndcg20", r.test().ndcg()).put("users", r.test().users()).put("fitSeconds", r.fitSeconds())
                    .put("wallSeconds", r.wallSeconds()).put("peakHeapMiB", r.peakHeapMiB());
            if (!r.epochs().isEmpty()) {
                n.put("tasksPerSecond", r.tasksPerSecond()).put("bestEpoch", r.bestEpoch());
                ArrayNode epochs = n.putArray("epochs");
                for (double[] e : r.epochs()) {
                    epochs.addObject().put("epoch", (int) e[0]).put("trainingLoss", e[1]).put("tasksPerSecond", e[2])
                            .put("seconds", e[3]).put("validationRecall20", e[4]).put("validationNdcg20", e[5]);
                }
            }
        }
        return JsonReport.write(array);
    }
}
