package io.github.metarec4j.benchmarks;

import io.github.metarec4j.benchmarks.BenchmarkCommand.BadInput;
import io.github.metarec4j.data.LastFm;
import io.github.metarec4j.eval.Evaluator;
import io.github.metarec4j.eval.IdKey;
import io.github.metarec4j.eval.ImplicitColdStartProtocol;
import io.github.metarec4j.eval.ProtocolSplit;
import io.github.metarec4j.eval.Scenario;
import io.github.metarec4j.eval.ScenarioResult;
import io.github.metarec4j.eval.UserMetric;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The CS-LFM cold-start benchmark for implicit feedback in one command: reads Last.fm
 * (HetRec 2011), cuts it by the protocol ({@code shared/benchmark/PROTOCOL-IMPLICIT.md}),
 * runs the baselines once and each learned method once per seed through the
 * {@link Evaluator} ({@link Evaluator#csLfm()}: P@10, Recall@20, nDCG@20), and writes
 * {@code results.md} and {@code results.json}. The headline is Recall@20 at K = 10.
 *
 * <pre>
 *   mvn -q test-compile exec:exec@cslfm -Dcslfm.args="--data ../shared/data/hetrec-lastfm-2k --out benchmark-results/cslfm --seeds 3"
 * </pre>
 *
 * <p>The methods are those of {@link CsLfmMethods}. Progress, errors and exit codes are those
 * of every benchmark command ({@link BenchmarkCommand}): a bad command line, a missing data
 * folder, a malformed file or a data set too small for the protocol end it with a one-line
 * message and exit code {@value BenchmarkCommand#BAD_INPUT}. {@link #run} returns the exit
 * code, so that tests can call it in-process.
 *
 * <p>Not thread-safe: it sets process-wide state (ND4J's threads); run one at a time.
 */
public final class CsLfmBenchmark implements BenchmarkCommand.Benchmark {

    /** The headline scenario. */
    static final String HEADLINE_SCENARIO = Scenario.newUser(10);
    /** The headline metric. */
    static final String HEADLINE_METRIC = "Recall@20";

    /** The command's defaults and methods. */
    static final BenchmarkOptions.Command COMMAND = new BenchmarkOptions.Command(LastFm.defaultPath(),
            Path.of("benchmark-results", "cslfm"), CsLfmMethods.ALL);

    /** The usage text. */
    static final String USAGE = BenchmarkOptions.usage("CsLfmBenchmark", """
            runs the CS-LFM cold-start benchmark for implicit feedback
              (shared/benchmark/PROTOCOL-IMPLICIT.md) and writes results.md and results.json""",
            "Last.fm HetRec 2011 (the folder holding " + LastFm.USER_ARTISTS + ")", COMMAND);

    private CsLfmBenchmark() {
    }

    /** Runs the benchmark with {@code args} (see {@link #USAGE}) and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the benchmark: progress on {@code out}, errors on {@code err}.
     *
     * @return {@link BenchmarkCommand#OK}, {@link BenchmarkCommand#BAD_INPUT} or {@link BenchmarkCommand#FAILED}
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return BenchmarkCommand.run(new CsLfmBenchmark(), args, out, err);
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public BenchmarkOptions.Command command() {
        return COMMAND;
    }

    /** Reads Last.fm from {@code folder} and cuts it by the protocol. */
    @Override
    public ProtocolSplit split(Path folder) throws BadInput {
        return BenchmarkCommand.read("Last.fm", folder, LastFm::loadHetrec2k, ImplicitColdStartProtocol.csLfm()::split);
    }

    /** CS-LFM's rules on the training data, roles by the FNV-1a hash of the ids ({@link IdKey#STABLE_HASH}). */
    @Override
    public ProtocolSplit validation(ProtocolSplit split) throws BadInput {
        try {
            return ImplicitColdStartProtocol.csLfm().withIdKey(IdKey.STABLE_HASH).split(split.training());
        } catch (IllegalArgumentException e) {
            throw new BadInput("cannot carve a validation split from the training data: " + e.getMessage());
        }
    }

    @Override
    public String describe(Path folder, ProtocolSplit split) {
        return String.format(Locale.ROOT, "CS-LFM on %s: training %,d interactions of %,d users on %,d artists; "
                        + "%d scenarios", BenchmarkCommand.absolute(folder), split.training().interactions().size(),
                split.training().interactions().users().size(), split.training().interactions().items().size(),
                split.scenarios().size());
    }

    @Override
    public List<UserMetric> metrics() {
        return Evaluator.csLfm().metrics();
    }

    @Override
    public List<String> shownMetrics() {
        return metricColumns();
    }

    /** P@10, Recall@20, nDCG@20 and the coverage of the top-20 lists. */
    @Override
    public List<String> metricColumns() {
        return Stream.concat(metrics().stream().map(UserMetric::name),
                Stream.of(ScenarioResult.coverageName(Evaluator.csLfm().listLength()))).toList();
    }

    @Override
    public List<String> write(BenchmarkReport report, Path folder) throws IOException {
        List<ImplicitColdStartProtocol.NewUserCounts> counts =
                ImplicitColdStartProtocol.csLfm().newUserCounts(report.split().data());
        Files.writeString(folder.resolve(Cs100kBenchmark.RESULTS_MD), CsLfmReport.markdown(report, counts),
                StandardCharsets.UTF_8);
        Files.writeString(folder.resolve(Cs100kBenchmark.RESULTS_JSON), CsLfmReport.json(report, counts),
                StandardCharsets.UTF_8);
        return List.of(Cs100kBenchmark.RESULTS_MD, Cs100kBenchmark.RESULTS_JSON);
    }

    /** Recall@20 (the headline), P@10 and nDCG@20 at K = 10, one line per method. */
    @Override
    public String headline(BenchmarkReport report) {
        return MarkdownReport.headline(report, HEADLINE_SCENARIO, List.of(HEADLINE_METRIC, "P@10", "nDCG@20"));
    }
}
