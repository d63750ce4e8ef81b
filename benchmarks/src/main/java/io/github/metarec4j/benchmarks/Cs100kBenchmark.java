package io.github.metarec4j.benchmarks;

import io.github.metarec4j.benchmarks.BenchmarkCommand.BadInput;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Douban;
import io.github.metarec4j.data.MovieLens;
import io.github.metarec4j.eval.ColdStartProtocol;
import io.github.metarec4j.eval.Evaluator;
import io.github.metarec4j.eval.IdKey;
import io.github.metarec4j.eval.ProtocolSplit;
import io.github.metarec4j.eval.RatingErrors;
import io.github.metarec4j.eval.Scenario;
import io.github.metarec4j.eval.ScenarioResult;
import io.github.metarec4j.eval.UserMetric;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

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
 * <p>With {@code --protocol douban} it runs the same methods, metrics and reports on Douban cut
 * by the CS-Douban protocol ({@code docs/protocol-douban.md}, {@link ColdStartProtocol#douban()}):
 * {@code -Dcs100k.args="--protocol douban --data ../shared/data/douban --methods baselines"}.
 *
 * <p>While it runs, a progress bar shows each training and a line each scored scenario. A
 * bad command line, a missing data folder, a malformed file or a data set too small for the
 * protocol ends it with a one-line message and exit code {@value #BAD_INPUT}; any other
 * failure with exit code {@value #FAILED}. {@link #run} does the work ({@link BenchmarkCommand}
 * with this benchmark's data, protocol, metrics and reports) and returns the exit code, so
 * that tests can call it in-process.
 *
 * <p>Not thread-safe: it sets process-wide state (ND4J's threads, AWT's headless mode); run
 * one at a time.
 */
public final class Cs100kBenchmark implements BenchmarkCommand.Benchmark {

    /** Exit code: the benchmark ran and wrote its results. */
    public static final int OK = BenchmarkCommand.OK;
    /** Exit code: training, evaluation or writing the results failed. */
    public static final int FAILED = BenchmarkCommand.FAILED;
    /** Exit code: the command line or the data is at fault; the message says how. */
    public static final int BAD_INPUT = BenchmarkCommand.BAD_INPUT;

    /** File name of the Markdown report. */
    static final String RESULTS_MD = "results.md";
    /** File name of the JSON report. */
    static final String RESULTS_JSON = "results.json";

    /** The option that chooses the protocol, before the others ({@link BenchmarkOptions}) are parsed. */
    static final String PROTOCOL_OPTION = "--protocol";

    private final String title;
    private final String dataName;
    private final Function<Path, Dataset> load;
    private final ColdStartProtocol protocol;
    private final int protocolVersion;
    private final BenchmarkOptions.Command command;

    private Cs100kBenchmark(String title, String dataName, Function<Path, Dataset> load, ColdStartProtocol protocol,
                            int protocolVersion, BenchmarkOptions.Command command) {
        this.title = title;
        this.dataName = dataName;
        this.load = load;
        this.protocol = protocol;
        this.protocolVersion = protocolVersion;
        this.command = command;
    }

    /** The benchmark of {@code --protocol name}: {@code cs100k} (the default) or {@code douban}. */
    static Cs100kBenchmark of(String name) throws BenchmarkOptions.UsageException {
        return switch (name) {
            case "cs100k" -> new Cs100kBenchmark("CS100K", "MovieLens-100k", MovieLens::load100k,
                    ColdStartProtocol.cs100k(), ColdStartProtocol.VERSION, BenchmarkOptions.CS100K);
            case "douban" -> new Cs100kBenchmark("CS-Douban", "Douban", Douban::load, ColdStartProtocol.douban(),
                    ColdStartProtocol.DOUBAN_VERSION, new BenchmarkOptions.Command(Douban.defaultPath(),
                            Path.of("benchmark-results", "cs-douban"), BenchmarkOptions.CS100K.methods()));
            default -> throw new BenchmarkOptions.UsageException("unknown protocol '" + name + "' after "
                    + PROTOCOL_OPTION + "; choose cs100k or douban");
        };
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
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        int at = rest.indexOf(PROTOCOL_OPTION);
        Cs100kBenchmark benchmark;
        try {
            String name = "cs100k";
            if (at >= 0) {
                if (at + 1 >= rest.size()) {
                    throw new BenchmarkOptions.UsageException(PROTOCOL_OPTION + " needs a value: cs100k or douban");
                }
                name = rest.remove(at + 1);
                rest.remove(at);
            }
            benchmark = of(name);
        } catch (BenchmarkOptions.UsageException e) {
            err.println("error: " + e.getMessage());
            err.print(BenchmarkOptions.USAGE);
            return BAD_INPUT;
        }
        return BenchmarkCommand.run(benchmark, rest.toArray(String[]::new), out, err);
    }

    @Override
    public String usage() {
        return BenchmarkOptions.USAGE;
    }

    @Override
    public BenchmarkOptions.Command command() {
        return command;
    }

    /** Reads the data set (MovieLens-100k or Douban) from {@code folder} and cuts it by the protocol. */
    @Override
    public ProtocolSplit split(Path folder) throws BadInput {
        return BenchmarkCommand.read(dataName, folder, load, protocol::split);
    }

    /** The protocol's rules on the training data, roles by the FNV-1a hash of the ids ({@link IdKey#STABLE_HASH}). */
    @Override
    public ProtocolSplit validation(ProtocolSplit split) throws BadInput {
        try {
            return protocol.withIdKey(IdKey.STABLE_HASH).split(split.training());
        } catch (IllegalArgumentException e) {
            throw new BadInput("cannot carve a validation split from the training data: " + e.getMessage());
        }
    }

    @Override
    public String describe(Path folder, ProtocolSplit split) {
        return String.format(Locale.ROOT, title + " on %s: training %,d ratings of %,d users; %d scenarios",
                absolute(folder), split.training().interactions().size(),
                split.training().interactions().users().size(), split.scenarios().size());
    }

    @Override
    public List<UserMetric> metrics() {
        return Evaluator.cs100k().metrics();
    }

    @Override
    public List<String> shownMetrics() {
        return List.of(RatingErrors.MAE, "nDCG@3", "P@10");
    }

    /** MAE, RMSE, the evaluator's metrics, then the catalogue coverage of the top-10 lists. */
    @Override
    public List<String> metricColumns() {
        return Stream.of(Stream.of(RatingErrors.MAE, RatingErrors.RMSE), metrics().stream().map(UserMetric::name),
                Stream.of(ScenarioResult.coverageName(Evaluator.cs100k().listLength()))).flatMap(c -> c).toList();
    }

    @Override
    public List<String> write(BenchmarkReport report, Path folder) throws IOException {
        Files.writeString(folder.resolve(RESULTS_MD), MarkdownReport.render(report, title, dataName, protocolVersion), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve(RESULTS_JSON), JsonReport.render(report), StandardCharsets.UTF_8);
        Plots.writeMaeVsK(report, folder.resolve(Plots.MAE_VS_K));
        Plots.writeLossCurves(report, folder.resolve(Plots.LOSS_CURVES));
        return List.of(RESULTS_MD, RESULTS_JSON, Plots.MAE_VS_K, Plots.LOSS_CURVES);
    }

    /** The headline scenario's figures, one line per method, for the terminal. */
    @Override
    public String headline(BenchmarkReport report) {
        return MarkdownReport.headline(report, Scenario.newUser(10), List.of(RatingErrors.MAE, "nDCG@3", "P@10",
                ScenarioResult.coverageName(Evaluator.cs100k().listLength())));
    }

    private static Path absolute(Path p) {
        return BenchmarkCommand.absolute(p);
    }
}
