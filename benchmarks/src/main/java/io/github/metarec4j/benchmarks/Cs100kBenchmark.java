package io.github.metarec4j.benchmarks;

import io.github.metarec4j.Nd4jThreads;
import io.github.metarec4j.data.DataFormatException;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.MovieLens;
import io.github.metarec4j.eval.ColdStartProtocol;
import io.github.metarec4j.eval.EvaluatedMethod;
import io.github.metarec4j.eval.Evaluator;
import io.github.metarec4j.eval.MethodResult;
import io.github.metarec4j.eval.ProtocolSplit;
import io.github.metarec4j.eval.RatingErrors;
import io.github.metarec4j.eval.Scenario;
import io.github.metarec4j.meta.TrainingListener;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The CS100K cold-start benchmark in one command: reads MovieLens-100k, cuts it by the
 * protocol ({@code shared/benchmark/PROTOCOL.md}), runs the baselines once and each learned
 * method once per seed through the {@link Evaluator}, and writes {@code results.md},
 * {@code results.json}, {@code mae-vs-k.png} and {@code loss-curves.png}.
 *
 * <pre>
 *   mvn -q test-compile exec:exec@cs100k -Dcs100k.args="--data ../shared/data/ml-100k --out benchmark-results/cs100k --seeds 3"
 * </pre>
 *
 * <p>While it runs, a progress bar shows each training and a line each scored scenario. A
 * bad command line, a missing data folder, a malformed file or a data set too small for the
 * protocol ends it with a one-line message and exit code {@value #BAD_INPUT}; any other
 * failure with exit code {@value #FAILED}. {@link #run} does the work and returns the exit
 * code, so that tests can call it in-process.
 *
 * <p>Not thread-safe: it sets process-wide state (ND4J's threads, AWT's headless mode); run
 * one at a time.
 */
public final class Cs100kBenchmark {

    /** Exit code: the benchmark ran and wrote its results. */
    public static final int OK = 0;
    /** Exit code: training, evaluation or writing the results failed. */
    public static final int FAILED = 1;
    /** Exit code: the command line or the data is at fault; the message says how. */
    public static final int BAD_INPUT = 2;

    /** File name of the Markdown report. */
    static final String RESULTS_MD = "results.md";
    /** File name of the JSON report. */
    static final String RESULTS_JSON = "results.json";

    private Cs100kBenchmark() {
    }

    /** Runs the benchmark with {@code args} (see {@link BenchmarkOptions#USAGE}) and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the benchmark: progress on {@code out}, errors on {@code err}.
     *
     * @return {@link #OK}, {@link #BAD_INPUT} or {@link #FAILED}
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        long start = System.nanoTime();
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (BenchmarkOptions.UsageException e) {
            err.println("error: " + e.getMessage());
            err.print(BenchmarkOptions.USAGE);
            return BAD_INPUT;
        }
        if (options.help()) {
            out.print(BenchmarkOptions.USAGE);
            return OK;
        }
        ProtocolSplit split;
        try {
            split = split(options.data());
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
            BenchmarkReport report = benchmark(List.of(args), options, split, out, start);
            write(report, options.out());
            out.println();
            out.print(headline(report));
            out.printf(Locale.ROOT, "%nwrote %s, %s, %s and %s to %s in %.0f s%n", RESULTS_MD, RESULTS_JSON,
                    Plots.MAE_VS_K, Plots.LOSS_CURVES, absolute(options.out()), report.wallSeconds());
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

    /** Reads MovieLens-100k from {@code folder} and cuts it by the protocol, turning bad input into {@link BadInput}. */
    private static ProtocolSplit split(Path folder) throws BadInput {
        Dataset data;
        try {
            data = MovieLens.load100k(folder);
        } catch (DataFormatException e) {
            throw new BadInput("malformed MovieLens-100k file " + (e.file() == null ? "" : absolute(e.file()))
                    + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new BadInput(e.getMessage()); // a missing folder or file, named, with where to get the data
        } catch (UncheckedIOException e) {
            throw new BadInput("cannot read MovieLens-100k in " + absolute(folder) + ": " + e.getCause());
        }
        try {
            return ColdStartProtocol.cs100k().split(data);
        } catch (IllegalArgumentException e) {
            throw new BadInput(e.getMessage()); // the rule no user meets, and what the data set has
        }
    }

    /** Runs every method: baselines once, then every learned method once per seed. */
    private static BenchmarkReport benchmark(List<String> args, BenchmarkOptions options, ProtocolSplit split,
                                             PrintStream out, long start) {
        MachineInfo machine = MachineInfo.current();
        BenchmarkConfig config = BenchmarkConfig.of(options);
        List<MethodChoice> baselines = options.methods().stream().filter(m -> !m.learned()).toList();
        List<MethodChoice> learned = options.methods().stream().filter(MethodChoice::learned).toList();
        int total = baselines.size() + learned.size() * config.seeds().size();
        out.printf(Locale.ROOT, "CS100K on %s: training %,d ratings of %,d users; %d scenarios; %d runs (%d "
                        + "baselines, %d learned methods x %d seeds)%s; %d cores, ND4J threads %d%n",
                absolute(options.data()), split.training().interactions().size(),
                split.training().interactions().users().size(), split.scenarios().size(), total, baselines.size(),
                learned.size(), config.seeds().size(), options.quick() ? ", quick configuration" : "",
                machine.cores(), machine.nd4jOperationThreads());
        List<RunResult> runs = new ArrayList<>();
        for (MethodChoice m : baselines) {
            runs.add(runOnce(m, OptionalLong.empty(), config, split, out, runs.size() + 1, total));
        }
        for (long seed : config.seeds()) {
            for (MethodChoice m : learned) {
                runs.add(runOnce(m, OptionalLong.of(seed), config, split, out, runs.size() + 1, total));
            }
        }
        return BenchmarkReport.of(args, options.data(), config, machine, split, Evaluator.cs100k(), runs,
                (System.nanoTime() - start) / 1e9);
    }

    /** One method with one seed (or a baseline): trained with a progress bar, evaluated with a line per scenario. */
    private static RunResult runOnce(MethodChoice method, OptionalLong seed, BenchmarkConfig config,
                                     ProtocolSplit split, PrintStream out, int index, int total) {
        out.printf(Locale.ROOT, "[%d/%d] %s%s%n", index, total, method.cliName(),
                seed.isPresent() ? " seed " + seed.getAsLong() : "");
        EpochRecorder epochs = new EpochRecorder();
        List<TrainingListener> listeners = List.of(epochs, TrainingListener.progressBar(out));
        EvaluatedMethod evaluated = method.create(config.scorer(),
                seed.isPresent() ? config.training(seed.getAsLong()) : config.training(), listeners);
        MethodResult result = Evaluator.builder()
                .listener(new ConsoleProgress(out, RunResult.label(evaluated.name(), seed))).build()
                .evaluate(evaluated, split);
        return new RunResult(method, seed, result, epochs.epochs());
    }

    private static void write(BenchmarkReport report, Path folder) throws IOException {
        Files.writeString(folder.resolve(RESULTS_MD), MarkdownReport.render(report), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve(RESULTS_JSON), JsonReport.render(report), StandardCharsets.UTF_8);
        Plots.writeMaeVsK(report, folder.resolve(Plots.MAE_VS_K));
        Plots.writeLossCurves(report, folder.resolve(Plots.LOSS_CURVES));
    }

    /** The headline scenario's figures, one line per method, for the terminal. */
    private static String headline(BenchmarkReport report) {
        String scenario = Scenario.newUser(10);
        StringBuilder s = new StringBuilder("headline, " + scenario + " (learned: mean ± std over seeds):\n");
        for (MethodSummary m : report.summaries()) {
            s.append(String.format(Locale.ROOT, "  %-24s", m.name()));
            for (String metric : List.of(RatingErrors.MAE, "nDCG@3", "P@10", "coverage@10")) {
                s.append(String.format(Locale.ROOT, "  %s %-17s", metric,
                        MarkdownReport.format(m.metric(scenario, metric), MarkdownReport.decimals(metric))));
            }
            s.append('\n');
        }
        return s.toString();
    }

    private static Path absolute(Path p) {
        return p.toAbsolutePath().normalize();
    }

    /** The user's command line or data is at fault; the message says what and how to fix it. */
    private static final class BadInput extends Exception {
        private static final long serialVersionUID = 1L;

        BadInput(String message) {
            super(message);
        }
    }
}
