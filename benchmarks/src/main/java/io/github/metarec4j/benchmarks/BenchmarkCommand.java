package io.github.metarec4j.benchmarks;

import io.github.metarec4j.data.DataFormatException;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.eval.EvaluatedMethod;
import io.github.metarec4j.eval.Evaluator;
import io.github.metarec4j.eval.MethodResult;
import io.github.metarec4j.eval.ProtocolSplit;
import io.github.metarec4j.eval.UserMetric;
import io.github.metarec4j.internal.model.Nd4jThreads;
import io.github.metarec4j.meta.TrainingListener;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * What every benchmark command does, given what its benchmark is made of ({@link Benchmark}):
 * parse the command line, read the data and cut it by the protocol, run the baselines once
 * and each learned method once per seed through the {@link Evaluator} (a progress bar for
 * each training, a line for each scored scenario), write the result files and print the
 * headline figures.
 *
 * <p>A bad command line, a missing data folder, a malformed file or a data set too small
 * for the protocol end it with a one-line message and exit code {@value #BAD_INPUT}; any
 * other failure with exit code {@value #FAILED}.
 *
 * <p>Not thread-safe: it sets process-wide state (ND4J's threads, AWT's headless mode); run
 * one at a time.
 */
final class BenchmarkCommand {

    /** Exit code: the benchmark ran and wrote its results. */
    static final int OK = 0;
    /** Exit code: training, evaluation or writing the results failed. */
    static final int FAILED = 1;
    /** Exit code: the command line or the data is at fault; the message says how. */
    static final int BAD_INPUT = 2;

    private BenchmarkCommand() {
    }

    /** What one benchmark is made of: its options, data, protocol, metrics and reports. */
    interface Benchmark {

        /** The usage text, printed for {@code --help} and after a bad command line. */
        String usage();

        /** The defaults of its options and the methods it can run. */
        BenchmarkOptions.Command command();

        /**
         * Reads the data in {@code folder} and cuts it by the protocol.
         *
         * @throws BadInput naming what is missing, malformed or too small
         */
        ProtocolSplit split(Path folder) throws BadInput;

        /**
         * The validation split of {@code split}: the protocol's rules applied to its training data,
         * with roles drawn by a stable hash of the ids, so that its new users are training users.
         *
         * @throws BadInput if the training data is too small for the protocol
         */
        ProtocolSplit validation(ProtocolSplit split) throws BadInput;

        /** What the split holds, for the first line printed ("CS100K on ...: training ..."). */
        String describe(Path folder, ProtocolSplit split);

        /** The metrics the evaluator computes. */
        List<UserMetric> metrics();

        /** The metrics a progress line shows, of those a scenario has. */
        List<String> shownMetrics();

        /** The report's metric columns, in order. */
        List<String> metricColumns();

        /**
         * Writes the result files into {@code folder}.
         *
         * @return the names of the files written
         */
        List<String> write(BenchmarkReport report, Path folder) throws IOException;

        /** The headline figures, one line per method, for the terminal. */
        String headline(BenchmarkReport report);
    }

    /**
     * Runs {@code benchmark} with {@code args} (see its {@link Benchmark#usage()}): progress
     * on {@code out}, errors on {@code err}.
     *
     * @return {@link #OK}, {@link #BAD_INPUT} or {@link #FAILED}
     */
    static int run(Benchmark benchmark, String[] args, PrintStream out, PrintStream err) {
        long start = System.nanoTime();
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(benchmark.command(), args);
        } catch (BenchmarkOptions.UsageException e) {
            err.println("error: " + e.getMessage());
            err.print(benchmark.usage());
            return BAD_INPUT;
        }
        if (options.help()) {
            out.print(benchmark.usage());
            return OK;
        }
        ProtocolSplit split;
        try {
            split = benchmark.split(options.data());
            if (options.validation()) {
                split = benchmark.validation(split);
            }
            Files.createDirectories(options.out());
        } catch (BadInput e) {
            err.println("error: " + e.getMessage());
            return BAD_INPUT;
        } catch (IOException e) {
            err.println("error: cannot create the output folder " + absolute(options.out()) + ": " + e);
            return BAD_INPUT;
        }
        // charts are drawn off-screen; the property must be set before AWT first loads
        System.setProperty("java.awt.headless", "true");
        // ND4J on one thread per operation: faster at these sizes, and training reproducible for a seed
        Nd4jThreads.singleThreaded();
        try {
            BenchmarkReport report = runAll(benchmark, List.of(args), options, split, out, start);
            List<String> files = benchmark.write(report, options.out());
            out.println();
            out.print(benchmark.headline(report));
            out.printf(Locale.ROOT, "%nwrote %s to %s in %.0f s%n", String.join(", ", files),
                    absolute(options.out()), report.wallSeconds());
            return OK;
        } catch (IOException | UncheckedIOException e) {
            err.println("error: cannot write the results to " + absolute(options.out()) + ": " + e.getMessage());
            return FAILED;
        } catch (RuntimeException e) {
            // not the user's input: a bug or a diverged training, whose trace is worth having
            err.println("error: the benchmark failed: " + e);
            e.printStackTrace(err);
            return FAILED;
        }
    }

    /** Runs every method: baselines once, then every learned method once per seed. */
    private static BenchmarkReport runAll(Benchmark benchmark, List<String> args, BenchmarkOptions options,
                                          ProtocolSplit split, PrintStream out, long start) {
        MachineInfo machine = MachineInfo.current();
        BenchmarkConfig config = BenchmarkConfig.of(options);
        List<BenchmarkMethod> baselines = options.methods().stream().filter(m -> !m.learned()).toList();
        List<BenchmarkMethod> learned = options.methods().stream().filter(BenchmarkMethod::learned).toList();
        int total = baselines.size() + learned.size() * config.seeds().size();
        out.printf(Locale.ROOT, "%s; %d runs (%d baselines, %d learned methods x %d seeds)%s; %d cores, ND4J "
                        + "threads %d%n", benchmark.describe(options.data(), split), total, baselines.size(),
                learned.size(), config.seeds().size(), options.quick() ? ", quick configuration" : "",
                machine.cores(), machine.nd4jOperationThreads());
        List<RunResult> runs = new ArrayList<>();
        for (BenchmarkMethod m : baselines) {
            runs.add(runOnce(benchmark, m, OptionalLong.empty(), config, split, out, runs.size() + 1, total));
        }
        for (long seed : config.seeds()) {
            for (BenchmarkMethod m : learned) {
                runs.add(runOnce(benchmark, m, OptionalLong.of(seed), config, split, out, runs.size() + 1, total));
            }
        }
        return BenchmarkReport.of(args, options.data(), config, machine, split, benchmark.metricColumns(),
                benchmark.command().methods(), runs, (System.nanoTime() - start) / 1e9);
    }

    /** One method with one seed (or a baseline): trained with a progress bar, evaluated with a line per scenario. */
    private static RunResult runOnce(Benchmark benchmark, BenchmarkMethod method, OptionalLong seed,
                                     BenchmarkConfig config, ProtocolSplit split, PrintStream out, int index,
                                     int total) {
        out.printf(Locale.ROOT, "[%d/%d] %s%s%n", index, total, method.cliName(),
                seed.isPresent() ? " seed " + seed.getAsLong() : "");
        EpochRecorder epochs = new EpochRecorder();
        List<TrainingListener> listeners = List.of(epochs, TrainingListener.progressBar(out));
        EvaluatedMethod evaluated = method.create(config.scorer(),
                seed.isPresent() ? config.training(seed.getAsLong()) : config.training(), listeners);
        MethodResult result = Evaluator.builder().metrics(benchmark.metrics())
                .listener(new ConsoleProgress(out, RunResult.label(evaluated.name(), seed), benchmark.shownMetrics()))
                .build().evaluate(evaluated, split);
        return new RunResult(method, seed, result, epochs.epochs());
    }

    /**
     * Reads the data set in {@code folder} with {@code load} and cuts it with {@code protocol},
     * turning bad input into {@link BadInput}: a missing folder or file (named, with where to
     * get the data), a malformed file (named, with line and column), a data set too small for
     * the protocol (the rule no user meets).
     *
     * @param name the data set's name in messages ("MovieLens-100k")
     */
    static ProtocolSplit read(String name, Path folder, Function<Path, Dataset> load,
                              Function<Dataset, ProtocolSplit> protocol) throws BadInput {
        Dataset data = load(name, folder, load);
        try {
            return protocol.apply(data);
        } catch (IllegalArgumentException e) {
            throw new BadInput(e.getMessage());
        }
    }

    /**
     * Reads the data set in {@code folder} with {@code load}, turning bad input into
     * {@link BadInput}: a missing folder or file (named, with where to get the data), a malformed
     * file (named, with line and column), a file that cannot be read.
     *
     * @param name the data set's name in messages ("MovieLens-100k")
     */
    static <T> T load(String name, Path folder, Function<Path, T> load) throws BadInput {
        try {
            return load.apply(folder);
        } catch (DataFormatException e) {
            throw new BadInput("malformed " + name + " file " + (e.file() == null ? "" : absolute(e.file())) + ": "
                    + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new BadInput(e.getMessage());
        } catch (UncheckedIOException e) {
            throw new BadInput("cannot read " + name + " in " + absolute(folder) + ": " + e.getCause());
        }
    }

    /**
     * The interactions of the users of {@code kept} (all of theirs), with the features, feedback
     * type and catalogue of {@code data}: every item stays (with no features, if it had none), so
     * that a protocol still ranks all of them, and a model scores an item nobody kept interacted
     * with by its content alone, as any unrated item.
     */
    static Dataset withUsers(Dataset data, Set<String> kept) {
        Dataset.Builder b = Dataset.builder().userSchema(data.userSchema()).itemSchema(data.itemSchema())
                .interactions(data.interactions().filter(x -> kept.contains(x.userId())));
        data.ratingScale().ifPresentOrElse(b::ratings, b::implicitFeedback);
        data.userFeatures().forEach(b::addUser);
        for (String item : data.catalogue().ids()) {
            b.addItem(item, data.itemFeatures(item));
        }
        return b.build();
    }

    /** The time since {@code start} ({@link System#nanoTime()}) as minutes and seconds, "12:05", for progress lines. */
    static String elapsed(long start) {
        Duration d = Duration.ofNanos(System.nanoTime() - start);
        return String.format(Locale.ROOT, "%d:%02d", d.toMinutes(), d.toSecondsPart());
    }

    static Path absolute(Path p) {
        return p.toAbsolutePath().normalize();
    }

    /** The user's command line or data is at fault; the message says what and how to fix it. */
    static final class BadInput extends Exception {
        private static final long serialVersionUID = 1L;

        BadInput(String message) {
            super(message);
        }
    }
}
