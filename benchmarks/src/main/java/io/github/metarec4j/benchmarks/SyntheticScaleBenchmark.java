package io.github.metarec4j.benchmarks;

import io.github.metarec4j.MetaTrainer;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.SyntheticData;
import io.github.metarec4j.internal.model.Nd4jThreads;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.meta.TrainingListener;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;

/**
 * Memory and training time at synthetic scale (the "Scale" issue, part 4): generates
 * {@link SyntheticData} of {@code --users} users with {@code --per-user} ratings each over
 * {@code --items} items, and reports the heap the {@link Dataset} holds per interaction, the heap
 * training holds beyond it once it runs (the prepared training data, histories, parameters and
 * Adam's moments) per interaction, and the local trainer's throughput over {@code --steps}
 * meta-steps, from which it derives the time of one epoch (one task per user). Heap figures are
 * used heap after a full collection ({@code System.gc()} twice), so they are what is live.
 *
 * <pre>
 *   mvn -q test-compile exec:exec@synthetic-scale -Dsynthetic.args="--users 1000000 --per-user 20 --items 20000"
 * </pre>
 *
 * <p>Not thread-safe; one run per JVM (it sets ND4J's threads and reads the whole heap).
 */
public final class SyntheticScaleBenchmark {

    private SyntheticScaleBenchmark() {
    }

    /** Runs it and exits with the code of {@link #run}. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * @return 0 when it ran, 2 for a bad command line (the message on {@code err})
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        int users = 1_000_000;
        int perUser = 20;
        int items = 20_000;
        int steps = 200;
        try {
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (name.equals("--help")) {
                    out.println(usage());
                    return 0;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                int value = positive(name, args[++i]);
                switch (name) {
                    case "--users" -> users = value;
                    case "--per-user" -> perUser = value;
                    case "--items" -> items = value;
                    case "--steps" -> steps = value;
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            if (perUser > items) {
                throw new IllegalArgumentException("--per-user (" + perUser + ") must be at most --items (" + items
                        + "): a user rates distinct items");
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(usage());
            return 2;
        }
        Nd4jThreads.singleThreaded();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = live(memory);
        long start = System.nanoTime();
        out.printf(Locale.ROOT, "generating %,d users x %,d ratings over %,d items ...%n", users, perUser, items);
        Dataset data = SyntheticData.builder().users(users).items(items).ratingsPerUser(perUser, perUser)
                .seed(7).build().generate();
        double generated = seconds(start);
        long n = data.interactions().size();
        long withData = live(memory);
        out.printf(Locale.ROOT, "dataset: %,d interactions in %.1f s; live heap %s, %.1f bytes per interaction%n", n,
                generated, mib(withData - before), (withData - before) / (double) n);

        int stopAfter = steps;
        long[] training = new long[1];
        double[] tasksPerSecond = new double[1];
        long[] tasks = new long[1];
        long[] from = new long[2]; // the tasks and the time at the first step, after its heap reading
        long[] lastLine = {System.nanoTime()};
        TrainingListener probe = new TrainingListener() {
            private int seen;

            @Override
            public void onMetaStep(TrainingProgress progress) {
                seen++;
                if (seen == 1) {
                    training[0] = live(memory); // after the training data and parameters exist
                    from[0] = progress.tasks();
                    from[1] = System.nanoTime();
                    return;
                }
                tasks[0] = progress.tasks() - from[0];
                tasksPerSecond[0] = tasks[0] / seconds(from[1]);
                if (System.nanoTime() - lastLine[0] > 5_000_000_000L) {
                    lastLine[0] = System.nanoTime();
                    out.printf(Locale.ROOT, "  step %,d of %,d: %,.0f tasks/s%n", seen, stopAfter, tasksPerSecond[0]);
                }
            }

            @Override
            public boolean stopRequested() {
                return seen >= stopAfter;
            }
        };
        long fitStart = System.nanoTime();
        MetaTrainer.builder().training(MamlConfig.builder().epochs(1).validationFraction(0).build()).listener(probe)
                .build().fit(data);
        double fitSeconds = seconds(fitStart);
        long trainingBytes = training[0] - withData;
        int batch = MamlConfig.builder().build().metaBatchSize();
        out.printf(Locale.ROOT, "training: live heap beyond the dataset at the first step %s, %.1f bytes per "
                + "interaction%n", mib(trainingBytes), trainingBytes / (double) n);
        out.printf(Locale.ROOT, "local trainer: %,d tasks in steps 2 to %d (meta-batch %d), %,.0f tasks/s; one epoch "
                        + "(%,d tasks) about %,.0f s at that rate; this run's fit (preparation included) %.0f s%n", tasks[0],
                stopAfter, batch, tasksPerSecond[0], users, users / tasksPerSecond[0], fitSeconds);
        out.printf(Locale.ROOT, "max heap %s, %d processors%n", mib(Runtime.getRuntime().maxMemory()),
                Runtime.getRuntime().availableProcessors());
        return 0;
    }

    private static String usage() {
        return """
                usage: SyntheticScaleBenchmark [--users N] [--per-user N] [--items N] [--steps N]
                  memory per interaction of a synthetic Dataset and of training, and the local trainer's
                  throughput over N meta-steps (one epoch's time derived from it);
                  defaults: 1,000,000 users, 20 ratings each, 20,000 items, 200 steps""";
    }

    private static int positive(String name, String text) {
        try {
            int v = Integer.parseInt(text.replace("_", "").replace(",", ""));
            if (v <= 0) {
                throw new IllegalArgumentException(name + " must be a positive whole number, got " + text);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a positive whole number, got '" + text + "'");
        }
    }

    private static long live(MemoryMXBean memory) {
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,.0f MiB", bytes / 1048576.0);
    }
}
