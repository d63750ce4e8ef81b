package io.github.metarec4j.spark;

import io.github.metarec4j.MetaTrainer;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.internal.model.Nd4jThreads;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.meta.TrainingListener;
import io.github.metarec4j.model.ScorerConfig;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Meta-training throughput on Spark against the local trainer (docs/scale-spark.md): Gowalla's
 * training users (implicit check-ins), a fixed number of meta-steps, each configuration run
 * {@code --runs} times, interleaved, in one JVM after a warm-up run; tasks per second counted
 * from the start of the first step (data preparation and caching the shards left out) to the
 * end of the last. Per step on Spark: the broadcast weights' bytes, the plan's bytes, the
 * driver's time between jobs, the broadcast's time, the job's wall time and the executors'
 * computing time (medians over the steps).
 *
 * <pre>
 *   mvn -q test-compile exec:exec@spark [-Dspark.args="--steps 20 --batch 512 --runs 3"]
 * </pre>
 *
 * In the package it measures, for its per-step costs (package-private). Gowalla's reader here is
 * this benchmark's own: lines {@code user item item ...}, 0-based ids, one check-in each.
 */
public final class SparkBenchmark {

    private SparkBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>(Map.of("--data",
                "../shared/data/gowalla/train.txt", "--steps", "20", "--batch", "512", "--runs", "3"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!options.containsKey(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; options: " + options.keySet());
            }
            options.put(args[i], args[i + 1]);
        }
        Nd4jThreads.singleThreaded();
        Path file = Path.of(options.get("--data"));
        int steps = Integer.parseInt(options.get("--steps"));
        int batch = Integer.parseInt(options.get("--batch"));
        int runs = Integer.parseInt(options.get("--runs"));
        Dataset local = gowalla(file);
        System.out.printf(Locale.ROOT, "gowalla: %,d users, %,d items, %,d check-ins; %d steps of %d users, "
                        + "%d runs; %s%n", local.interactions().users().size(), local.catalogue().size(),
                local.interactions().size(), steps, batch, runs, load());
        ScorerConfig scorer = ScorerConfig.builder().build();
        MamlConfig config = MamlConfig.builder().metaBatchSize(batch).epochs(1000).validationFraction(0).seed(1)
                .build();

        List<String> configurations = List.of("local[1]", "local[2]", "MetaTrainer threads(1)",
                "MetaTrainer threads(2)");
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        Map<String, List<StepCosts>> costs = new LinkedHashMap<>();
        run("local[2]", file, local, scorer, config, 3, new StepCosts()); // warm-up: JIT, Spark's first job
        for (int r = 1; r <= runs; r++) {
            for (String c : configurations) {
                StepCosts stepCosts = new StepCosts();
                double rate = run(c, file, local, scorer, config, steps, stepCosts);
                rates.computeIfAbsent(c, k -> new ArrayList<>()).add(rate);
                costs.computeIfAbsent(c, k -> new ArrayList<>()).add(stepCosts);
                System.out.printf(Locale.ROOT, "run %d %-24s %8.1f tasks/s  %s%n", r, c, rate, load());
                if (stepCosts.size() > 0) {
                    System.out.printf(Locale.ROOT, "    per step (medians): weights %,.0f bytes, plan %,.0f bytes, "
                                    + "gradient entries back %,.0f; driver between jobs %.1f ms, broadcast %.1f ms, "
                                    + "job %.1f ms, executors computing %.1f ms%n",
                            stepCosts.median(StepCosts.WEIGHT_BYTES), stepCosts.median(StepCosts.PLAN_BYTES),
                            stepCosts.median(StepCosts.GRADIENT_ENTRIES), ms(stepCosts, StepCosts.DRIVER_GAP),
                            ms(stepCosts, StepCosts.BROADCAST), ms(stepCosts, StepCosts.JOB),
                            ms(stepCosts, StepCosts.EXECUTORS));
                }
            }
        }
        System.out.println("medians over " + runs + " runs:");
        for (String c : configurations) {
            System.out.printf(Locale.ROOT, "  %-24s %8.1f tasks/s %s%n", c, median(rates.get(c)), rates.get(c));
        }
        System.out.printf(Locale.ROOT, "local[2] / local[1]: %.2fx; %s%n",
                median(rates.get("local[2]")) / median(rates.get("local[1]")), load());
    }

    private static double ms(StepCosts c, int field) {
        return c.median(field) / 1e6;
    }

    /** Tasks per second over {@code steps} meta-steps of configuration {@code c}. */
    private static double run(String c, Path file, Dataset local, ScorerConfig scorer, MamlConfig config, int steps,
                              StepCosts costs) {
        StepCounter counter = new StepCounter(steps);
        if (c.startsWith("MetaTrainer")) {
            int threads = c.contains("(1)") ? 1 : 2;
            MetaTrainer.builder().scorer(scorer).training(config.toBuilder().threads(threads).build())
                    .listener(counter).build().fit(local);
        } else {
            SparkSession spark = SparkSession.builder().master(c).appName("metarec4j spark benchmark")
                    .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").getOrCreate();
            try {
                org.apache.spark.sql.Dataset<Row> checkIns = spark.read().text(file.toString())
                        .selectExpr("split(trim(value), ' ') as ids")
                        .selectExpr("ids[0] as user", "explode(slice(ids, 2, size(ids))) as item", "1.0 as value");
                SparkMetaTrainer.builder().scorer(scorer).training(config).listener(counter).build()
                        .fit(SparkMetaTrainer.Input.implicitFeedback(checkIns), costs);
            } finally {
                spark.stop();
            }
        }
        return counter.rate();
    }

    /** Stops training after a number of steps; counts their tasks from the start of training. */
    private static final class StepCounter implements TrainingListener {
        private final int steps;
        private int seen;
        private long tasks;
        private long start;
        private long end;

        StepCounter(int steps) {
            this.steps = steps;
        }

        @Override
        public void onTrainingStart(TrainingPlan plan) {
            start = System.nanoTime();
        }

        @Override
        public void onMetaStep(TrainingProgress progress) {
            if (seen < steps) {
                seen++;
                tasks = progress.tasks();
                end = System.nanoTime();
            }
        }

        @Override
        public boolean stopRequested() {
            return seen >= steps;
        }

        double rate() {
            return tasks / ((end - start) / 1e9);
        }
    }

    /** Gowalla's training file: each line a user and the items they checked in at, 0-based. */
    static Dataset gowalla(Path file) throws IOException {
        Dataset.Builder b = Dataset.builder().implicitFeedback();
        for (String line : Files.readAllLines(file)) {
            String[] ids = line.trim().split(" ");
            for (int i = 1; i < ids.length; i++) {
                b.addInteraction(ids[0], ids[i], 1.0, 0);
            }
        }
        return b.build();
    }

    private static String load() {
        return String.format(Locale.ROOT, "load average %.2f", ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage());
    }

    private static double median(List<Double> v) {
        List<Double> s = v.stream().sorted().toList();
        return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }
}
