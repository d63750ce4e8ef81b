package io.github.metarec4j.benchmarks;

import io.github.metarec4j.eval.Evaluator;
import io.github.metarec4j.eval.Scenario;
import io.github.metarec4j.eval.ScenarioResult;
import io.github.metarec4j.eval.Summary;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes a {@link BenchmarkReport} as Markdown: a quality table per scenario, a timing
 * table, the plots, the configuration and the machine. Stateless and thread-safe.
 */
final class MarkdownReport {

    /** Decimals of the quality metrics. */
    private static final int METRIC_DECIMALS = 4;
    /** Decimals of the catalogue coverage, a count of items (a mean over seeds for learned methods). */
    private static final int COVERAGE_DECIMALS = 1;
    /** Shown where a method has no figure (popularity's MAE, a baseline's training time). */
    private static final String NONE = "–";

    private MarkdownReport() {
    }

    /**
     * The report as Markdown text.
     *
     * @param benchmark       the protocol's name ("CS100K", "CS-Douban")
     * @param dataName        the data set's name ("MovieLens-100k", "Douban")
     * @param protocolVersion the protocol's version
     */
    static String render(BenchmarkReport report, String benchmark, String dataName, int protocolVersion) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(benchmark).append(" cold-start benchmark\n\n");
        md.append(String.format(Locale.ROOT, "%s from `%s`, cut by the %s protocol (version %d): "
                        + "training on %,d ratings of %,d users. ", dataName, report.data().toAbsolutePath().normalize(),
                benchmark, protocolVersion, report.split().training().interactions().size(),
                report.split().training().interactions().users().size()));
        md.append(runs(report)).append("\n\n");

        md.append("## Quality\n\n");
        md.append("MAE and RMSE over all query ratings of a scenario (predictions clipped to 1-5); nDCG over "
                + "users; P, R and F1@10 over users with a relevant (4 or 5 star) query item; coverage@10: the "
                + "number of distinct items in all the scenario's users' top-10 lists together (10 if every "
                + "user gets the same list). ")
                .append(NONE).append(": the method predicts no ratings.\n\n");
        for (Scenario s : report.split().scenarios()) {
            int relevant = report.runs().get(0).result().scenario(s.name())
                    .map(r -> r.usersWithRelevant()).orElse(0);
            md.append(String.format(Locale.ROOT, "### %s%n%n%,d users, %,d query ratings, %,d users with a relevant "
                    + "item.%n%n", s.name(), s.users().size(), s.queryCount(), relevant));
            qualityTable(md, report, s.name());
            md.append('\n');
        }
        md.append("### MAE against support size K (new users)\n\n![MAE against K](")
                .append(Plots.MAE_VS_K).append(")\n\n");

        md.append("## Timing\n\n");
        md.append(String.format(Locale.ROOT, "Per-user latencies over every user of every scenario (%,d users), each "
                        + "measured once, JIT warm-up included. Training tasks/s (with validation) are the trainer's "
                        + "tasks over its wall time; (epochs only) the median over epochs of the training steps "
                        + "alone. A task is a user for meta-learning, a chunk of a user's ratings for the plain "
                        + "MLP.%n%n",
                report.split().scenarios().stream().mapToInt(s -> s.users().size()).sum()));
        timingTable(md, report, Evaluator.cs100k().listLength());
        md.append("\n## Training curves\n\nTraining loss (mean query loss of each epoch's meta-batches; the "
                + "supervised scorer's loss on all rows), validation MAE and validation Recall@20 (of the held-out "
                + "validation users after adaptation; the supervised scorer as is: without) per epoch, every seed. "
                + "With both heads the epoch is chosen by MAE first, then the engagement head alone trains on, "
                + "judged by Recall@20: the training loss jumps where that second phase starts. The supervised "
                + "scorer as is and fine-tuned train alike for a seed; they differ in the validation that picks "
                + "the epoch kept.\n\n![loss curves](")
                .append(Plots.LOSS_CURVES).append(")\n\n");

        configurationAndMachine(md, report);
        return md.toString();
    }

    /** How the methods ran: seeds, baselines, wall time (a sentence of the introduction). */
    static String runs(BenchmarkReport report) {
        int seeds = report.config().seeds().size();
        return String.format(Locale.ROOT, "Learned methods: mean ± sample standard deviation over %d seed%s (%s); "
                + "baselines are deterministic and run once. Wall time of the whole benchmark: %.0f s.", seeds,
                seeds == 1 ? "" : "s", seedList(report), report.wallSeconds());
    }

    /** A table of every metric column of {@code scenario}, a row per method. */
    static void qualityTable(StringBuilder md, BenchmarkReport report, String scenario) {
        header(md, "method", report.metrics());
        for (MethodSummary m : report.summaries()) {
            row(md, methodLabel(m), report.metrics().stream()
                    .map(metric -> format(m.metric(scenario, metric), decimals(metric))).toList());
        }
    }

    /** The timing table, a row per method; the top-N columns name a list of {@code listLength} items. */
    static void timingTable(StringBuilder md, BenchmarkReport report, int listLength) {
        List<TimingFigure> figures = List.of(TimingFigure.values());
        header(md, "method", figures.stream().map(f -> f.label(listLength)).toList());
        for (MethodSummary m : report.summaries()) {
            row(md, methodLabel(m), figures.stream()
                    .map(f -> format(Optional.ofNullable(m.timing().get(f)), f.decimals())).toList());
        }
    }

    /** The sections "Configuration" (command line, methods, scorer, training) and "Machine". */
    static void configurationAndMachine(StringBuilder md, BenchmarkReport report) {
        md.append("## Configuration\n\n");
        md.append("- command line: `").append(String.join(" ", report.arguments())).append("`\n");
        md.append("- methods: ").append(report.summaries().stream().map(MethodSummary::name)
                .collect(Collectors.joining(", "))).append('\n');
        md.append("- scorer: `").append(report.config().scorer()).append("`\n");
        md.append("- training: `").append(report.config().training()).append("`, its seed replaced by each of ")
                .append(seedList(report)).append('\n');

        MachineInfo machine = report.machine();
        md.append("\n## Machine\n\n");
        md.append("- cores: ").append(machine.cores()).append(machine.cpu().map(c -> " (" + c + ")").orElse(""))
                .append('\n');
        md.append("- Java: ").append(machine.java()).append(", max heap ").append(machine.maxHeapMiB())
                .append(" MiB\n");
        md.append("- OS: ").append(machine.os()).append('\n');
        md.append("- ND4J operation threads: ").append(machine.nd4jOperationThreads())
                .append(" (`Nd4jThreads.operationThreads()`)\n");
        machine.loadAverage().ifPresent(load -> md.append(String.format(Locale.ROOT, "- load average at the "
                + "start: %.2f (work already running on the cores, which slows training and latencies)%n", load)));
        md.append("- date: ").append(machine.date()).append('\n');
    }

    /** {@code metrics} of {@code scenario}, one line per method, for the terminal. */
    static String headline(BenchmarkReport report, String scenario, List<String> metrics) {
        StringBuilder s = new StringBuilder("headline, " + scenario + " (learned: mean ± std over seeds):\n");
        for (MethodSummary m : report.summaries()) {
            s.append(String.format(Locale.ROOT, "  %-24s", m.name()));
            for (String metric : metrics) {
                s.append(String.format(Locale.ROOT, "  %s %-17s", metric, format(m.metric(scenario, metric),
                        decimals(metric))));
            }
            s.append('\n');
        }
        return s.toString();
    }

    /** {@code 0.8312 ± 0.0021} over several runs, {@code 0.8312} for one, {@link #NONE} for no figure. */
    static String format(Optional<Summary> summary, int decimals) {
        if (summary.isEmpty()) {
            return NONE;
        }
        Summary s = summary.get();
        String mean = String.format(Locale.ROOT, "%,." + decimals + "f", s.mean());
        return s.n() > 1 ? mean + String.format(Locale.ROOT, " ± %,." + decimals + "f", s.std()) : mean;
    }

    /** Decimals of a quality column: 4, or 1 for the catalogue coverage (a count). */
    static int decimals(String metric) {
        return ScenarioResult.isCoverageName(metric) ? COVERAGE_DECIMALS : METRIC_DECIMALS;
    }

    static String methodLabel(MethodSummary m) {
        return m.method().learned() ? m.name() + " (n=" + m.runs().size() + ")" : m.name();
    }

    static String seedList(BenchmarkReport report) {
        return report.config().seeds().stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    static void header(StringBuilder md, String first, List<String> columns) {
        row(md, first, columns);
        md.append("|").append(" --- |".repeat(columns.size() + 1)).append('\n');
    }

    static void row(StringBuilder md, String first, List<String> cells) {
        md.append("| ").append(first).append(" | ").append(String.join(" | ", cells)).append(" |\n");
    }
}
