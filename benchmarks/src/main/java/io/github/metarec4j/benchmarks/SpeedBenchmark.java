package io.github.metarec4j.benchmarks;

import io.github.metarec4j.MetaRecommender;
import io.github.metarec4j.MetaTrainer;
import io.github.metarec4j.UserModel;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.data.MovieLens;
import io.github.metarec4j.eval.ColdStartProtocol;
import io.github.metarec4j.eval.EvaluationUser;
import io.github.metarec4j.eval.ProtocolSplit;
import io.github.metarec4j.eval.Scenario;
import io.github.metarec4j.internal.model.Nd4jThreads;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.meta.TrainingListener;
import io.github.metarec4j.model.ScorerConfig;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The speed benchmark of docs/performance.md, on CS100K with the library's default scorer and
 * inner loop, trained in the MeLU peer's task shape (training on the protocol's training set:
 * support 10, query up to 20, meta-batch 32, 30 epochs, no early stopping, validation off so
 * every epoch trains; serving the 145 new users of new-user K=10):
 * <ul>
 *   <li>meta-training tasks per second (training epochs only, median over epochs) and wall
 *       time, on every core;</li>
 *   <li>{@code adapt} on 10 ratings and a top-10 over the whole catalogue, per call, median and
 *       p99 over 5 passes over the users (after one warm-up pass);</li>
 *   <li>steady-state memory: the process's resident set size (VmRSS), the Java heap's committed
 *       size, and the difference (off-heap and native memory), sampled every 10,000 of
 *       100,000 adapt + top-10 calls;</li>
 *   <li>serving throughput (adapt + top-10 calls per second) from 1 and from 2 threads.</li>
 * </ul>
 * Prints a summary and writes {@code speed.json} into {@code --out}.
 *
 * <pre>
 *   mvn -q test-compile exec:exec@speed -Dspeed.args="--out benchmark-results/speed [--quick]"
 * </pre>
 */
public final class SpeedBenchmark {

    private static final double MIB = 1024.0 * 1024.0;

    private SpeedBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) throws Exception {
        Path data = MovieLens.defaultPath();
        Path dir = Path.of("benchmark-results/speed");
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--out" -> dir = Path.of(args[++i]);
                case "--quick" -> quick = true;
                default -> {
                    out.println("usage: SpeedBenchmark [--data <ml-100k folder>] [--out <folder>] [--quick]");
                    return 2;
                }
            }
        }
        if (!MovieLens.isAvailable(data)) {
            out.println("error: MovieLens-100k not found at " + data.toAbsolutePath() + "; get it from "
                    + MovieLens.ML_100K_URL);
            return 2;
        }
        Nd4jThreads.singleThreaded();
        ProtocolSplit split = ColdStartProtocol.cs100k().split(MovieLens.load100k(data));
        Scenario newUsers = split.scenario("new-user-K10").orElseThrow();
        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        MachineInfo machine = MachineInfo.current();
        result.put("date", machine.date()).put("cores", machine.cores()).put("java", machine.java())
                .put("loadAverageAtStart", machine.loadAverage().orElse(-1));
        int epochs = quick ? 2 : 30;

        MetaRecommender trained;
        {
            List<Double> rates = new ArrayList<>();
            TrainingListener recorder = new TrainingListener() {
                @Override
                public void onEpochEnd(EpochSummary s) {
                    rates.add(s.tasksPerSecond());
                }
            };
            long start = System.nanoTime();
            MetaRecommender rec = MetaTrainer.builder().scorer(peerScorer()).training(peerTraining(epochs))
                    .listener(recorder).build().fit(split.training());
            double wall = (System.nanoTime() - start) / 1e9;
            double rate = median(rates);
            double mae = newUserMae(rec, newUsers, split.training());
            out.printf(Locale.ROOT, "training: %.0f tasks/s (median over %d epochs), %.1f s wall, "
                    + "%d tasks; new-user K=10 MAE %.4f%n", rate, rates.size(), wall,
                    rec.provenance().trainingTasks(), mae);
            result.putObject("training").put("tasksPerSecond", rate)
                    .put("wallSeconds", wall).put("tasks", rec.provenance().trainingTasks())
                    .put("newUserK10Mae", mae)
                    .put("threads", Runtime.getRuntime().availableProcessors());
            trained = rec;
        }

        timeToQuality(split.training(), quick, out, result.putObject("timeToQuality"));

        // serving: warm-up pass, then 5 timed passes over the new users
        MetaRecommender rec = trained;
        List<EvaluationUser> users = newUsers.users();
        List<Features> features = users.stream().map(u -> split.training().userFeatures(u.userId())).toList();
        int passes = quick ? 1 : 5;
        double[] adapt = new double[users.size() * passes];
        double[] top = new double[users.size() * passes];
        System.gc(); // training's garbage is not serving's: collect it before timing
        for (int pass = -1; pass < passes; pass++) {
            for (int u = 0; u < users.size(); u++) {
                long t0 = System.nanoTime();
                UserModel m = rec.adapt(features.get(u), users.get(u).support());
                long t1 = System.nanoTime();
                rec.recommend(m, 10);
                long t2 = System.nanoTime();
                if (pass >= 0) {
                    adapt[pass * users.size() + u] = (t1 - t0) / 1e6;
                    top[pass * users.size() + u] = (t2 - t1) / 1e6;
                }
            }
        }
        out.printf(Locale.ROOT, "adapt (10 ratings, %d inner steps): median %.3f ms, p99 %.3f ms; top-10 of %d items: "
                + "median %.3f ms, p99 %.3f ms (%d calls each)%n", peerTraining(epochs).innerSteps(),
                percentile(adapt, 50), percentile(adapt, 99),
                rec.catalogue().size(), percentile(top, 50), percentile(top, 99), adapt.length);
        result.putObject("serving").put("adaptMedianMs", percentile(adapt, 50)).put("adaptP99Ms", percentile(adapt, 99))
                .put("top10MedianMs", percentile(top, 50)).put("top10P99Ms", percentile(top, 99))
                .put("catalogueItems", rec.catalogue().size()).put("calls", adapt.length);

        // steady-state memory over many calls: the resident set, the Java heap's committed size
        // (which the collector grows and shrinks on its own), and the rest: ND4J's off-heap
        // buffers with the JVM's own native memory, which must not grow per call. (JavaCPP's
        // Pointer.totalBytes() does not see ND4J's buffers: it stays near zero.)
        int calls = quick ? 2_000 : 100_000;
        ObjectNode memory = result.putObject("memory");
        var samples = memory.putArray("rssMiBEvery10000Calls");
        var heap = memory.putArray("heapCommittedMiBEvery10000Calls");
        var rest = memory.putArray("outsideHeapMiBEvery10000Calls");
        for (int c = 0; c < calls; c++) {
            int u = c % users.size();
            rec.recommend(rec.adapt(features.get(u), users.get(u).support()), 10);
            if (c % 10_000 == 0 || c == calls - 1) {
                double resident = residentMiB();
                double committed = Runtime.getRuntime().totalMemory() / MIB;
                samples.add(resident);
                heap.add(committed);
                rest.add(resident - committed);
            }
        }
        out.println("resident set size (MiB) every 10,000 adapt + top-10 calls: " + samples);
        out.println("  of which Java heap committed (MiB): " + heap);
        out.println("  outside the heap (MiB): " + rest);

        // throughput from 1 and 2 threads
        ObjectNode throughput = result.putObject("throughputCallsPerSecond");
        for (int threads : new int[]{1, 2}) {
            double callsPerSecond = throughput(rec, users, features, threads, quick ? 1_000 : 20_000);
            out.printf(Locale.ROOT, "serving throughput, %d thread(s): %.0f adapt + top-10 calls/s%n", threads,
                    callsPerSecond);
            throughput.put(threads + "_threads", callsPerSecond);
        }
        Files.createDirectories(dir);
        json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("speed.json").toFile(), result);
        out.println("wrote " + dir.resolve("speed.json"));
        return 0;
    }

    /** The MeLU peer's best validation new-user K=10 MAE (its README, tuned first-order, epoch 30). */
    static final double PEER_BEST_VALIDATION_MAE = 0.809;

    /**
     * Wall time of meta-training until the validation new-user K=10 MAE reaches the peer's best
     * validation figure, on a validation split built as the peer builds its own: 20% of the
     * training users, drawn among those with at least 25 training ratings (our draw, seed 12345,
     * not the peer's numpy draw), held out; each adapts on the first 10 of their training
     * ratings in time order and is scored on those from the 21st on. Training is deterministic
     * for a seed, so the model after k epochs is trained afresh for k = 1, 2, ...
     */
    private static void timeToQuality(Dataset training, boolean quick, PrintStream out, ObjectNode json) {
        List<String> eligible = training.interactions().users().ids().stream()
                .filter(u -> training.interactions().ofUser(u).size() >= 25).sorted().toList();
        int held = (int) Math.round(0.2 * training.interactions().users().size());
        java.util.SplittableRandom random = new java.util.SplittableRandom(12345);
        List<String> shuffled = new ArrayList<>(eligible);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            java.util.Collections.swap(shuffled, i, random.nextInt(i + 1));
        }
        java.util.Set<String> validation = new java.util.HashSet<>(shuffled.subList(0, Math.min(held, shuffled.size())));
        Dataset fit = training.withInteractions(training.interactions().filter(x -> !validation.contains(x.userId())));
        int maxEpochs = quick ? 2 : 30;
        double trainingSeconds = Double.NaN;
        int reached = -1;
        double mae = Double.NaN;
        for (int epochs = 1; epochs <= maxEpochs; epochs++) {
            long start = System.nanoTime();
            MetaRecommender rec = MetaTrainer.builder().scorer(peerScorer())
                    .training(peerTraining(epochs)).build().fit(fit);
            double seconds = (System.nanoTime() - start) / 1e9;
            mae = validationMae(rec, training, validation);
            out.printf(Locale.ROOT, "time to quality: %d epoch(s), %.1f s of training, validation new-user K=10 MAE "
                    + "%.4f%n", epochs, seconds, mae);
            if (mae <= PEER_BEST_VALIDATION_MAE) {
                trainingSeconds = seconds;
                reached = epochs;
                break;
            }
        }
        json.put("validationUsers", validation.size()).put("fitUsers", fit.interactions().users().size())
                .put("target", PEER_BEST_VALIDATION_MAE).put("epochs", reached).put("trainingSeconds", trainingSeconds)
                .put("validationMae", mae);
    }

    private static double validationMae(MetaRecommender rec, Dataset training, java.util.Set<String> users) {
        double error = 0;
        long n = 0;
        for (String u : users) {
            List<Interaction> history = new ArrayList<>(training.interactions().ofUser(u));
            history.sort(java.util.Comparator.comparingLong(Interaction::timestamp)
                    .thenComparingLong(x -> Long.parseLong(x.itemId())));
            UserModel m = rec.adapt(training.userFeatures(u), history.subList(0, 10));
            for (Interaction q : history.subList(20, history.size())) {
                error += Math.abs(rec.predict(m, q.itemId()) - q.value());
                n++;
            }
        }
        return error / n;
    }

    /** The library's default scorer. */
    static ScorerConfig peerScorer() {
        return ScorerConfig.builder().build();
    }

    /** The library's default inner loop, in the peer's task shape (support 10, query up to 20, batch 32). */
    static MamlConfig peerTraining(int epochs) {
        return MamlConfig.builder().metaBatchSize(32).supportSize(10, 10)
                .maxQuery(20).epochs(epochs).validationFraction(0).patience(0).seed(1).build();
    }

    private static double throughput(MetaRecommender rec, List<EvaluationUser> users, List<Features> features,
                                     int threads, int calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong next = new AtomicLong();
        try {
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> {
                    for (long c = next.getAndIncrement(); c < calls; c = next.getAndIncrement()) {
                        int u = (int) (c % users.size());
                        List<Interaction> support = users.get(u).support();
                        rec.recommend(rec.adapt(features.get(u), support), 10);
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            return calls / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /** VmRSS of this process in MiB, from /proc/self/status (-1 where unavailable). */
    private static double residentMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1; // not Linux: the figure is a nicety
        }
        return -1;
    }

    private static double median(List<Double> values) {
        return percentile(values.stream().mapToDouble(Double::doubleValue).toArray(), 50);
    }

    /**
     * Mean absolute error over the new users' query ratings, each user adapted on their
     * support: the same figure as the CS100K benchmark's.
     */
    private static double newUserMae(MetaRecommender rec, Scenario scenario, Dataset training) {
        double sum = 0;
        long n = 0;
        for (EvaluationUser u : scenario.users()) {
            UserModel m = rec.adapt(training.userFeatures(u.userId()), u.support());
            for (Interaction q : u.query()) {
                sum += Math.abs(rec.predict(m, q.itemId()) - q.value());
                n++;
            }
        }
        return sum / n;
    }

    /** Nearest-rank percentile. */
    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
