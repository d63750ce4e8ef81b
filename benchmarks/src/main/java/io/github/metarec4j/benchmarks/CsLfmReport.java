package io.github.metarec4j.benchmarks;

import io.github.metarec4j.eval.Evaluator;
import io.github.metarec4j.eval.ImplicitColdStartProtocol;
import io.github.metarec4j.eval.ImplicitColdStartProtocol.NewUserCounts;
import io.github.metarec4j.eval.Scenario;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;

/**
 * Writes a CS-LFM {@link BenchmarkReport}: {@code results.md} (the protocol's table, a table
 * of P@10, Recall@20 and nDCG@20 per support size K, the timing table, the configuration and
 * the machine) and {@code results.json} (the CS100K layout of {@link JsonReport}, with
 * {@code benchmark} "CS-LFM", the protocol's table under {@code split.newUsers} and the
 * headline under {@code headline}). Stateless and thread-safe.
 */
final class CsLfmReport {

    private CsLfmReport() {
    }

    /** The report as Markdown; {@code counts} is the protocol's table of the data. */
    static String markdown(BenchmarkReport report, List<NewUserCounts> counts) {
        StringBuilder md = new StringBuilder();
        md.append("# CS-LFM cold-start benchmark (implicit feedback)\n\n");
        md.append(String.format(Locale.ROOT, "Last.fm (HetRec 2011) from `%s`, cut by the CS-LFM protocol (version "
                        + "%d): training on %,d interactions (play counts) of %,d users, %,d artists. ",
                report.data().toAbsolutePath().normalize(), ImplicitColdStartProtocol.VERSION,
                report.split().training().interactions().size(),
                report.split().training().interactions().users().size(),
                report.split().training().interactions().items().size()));
        md.append(MarkdownReport.runs(report)).append("\n\n");

        md.append("## New users\n\n");
        md.append("A new user's support is their first K training artists in the protocol's fixed shuffle, with "
                + "play counts; their query is the rest. Users with an empty query are left out of that K's "
                + "averages.\n\n");
        MarkdownReport.header(md, "scenario", List.of("new users", "support interactions", "query interactions",
                "users with an empty query"));
        for (NewUserCounts c : counts) {
            MarkdownReport.row(md, c.scenario(), List.of(String.format(Locale.ROOT, "%,d", c.newUsers()),
                    String.format(Locale.ROOT, "%,d", c.supportInteractions()),
                    String.format(Locale.ROOT, "%,d", c.queryInteractions()),
                    String.format(Locale.ROOT, "%,d", c.usersWithEmptyQuery())));
        }

        md.append("\n## Quality\n\n");
        md.append("The top-20 list ranks every training artist but the support (score descending, ties by the "
                + "protocol's hash); every query artist is relevant. P@10: relevant in the top 10, over 10. "
                + "Recall@20: relevant in the top 20, over min(20, |Q|). nDCG@20: binary gain, discount "
                + "1 / log2(rank + 1), ideal = min(20, |Q|) relevant artists on top. Averaged over the users "
                + "with a non-empty query. coverage@20: the distinct artists in all those users' top-20 lists "
                + "together (20 if every user gets the same list). The headline is **" + CsLfmBenchmark.HEADLINE_METRIC + " at K = 10**.\n\n");
        for (Scenario s : report.split().scenarios()) {
            md.append(String.format(Locale.ROOT, "### %s%n%n%,d users, %,d query interactions.%n%n", s.name(),
                    s.users().size(), s.queryCount()));
            MarkdownReport.qualityTable(md, report, s.name());
            md.append('\n');
        }

        md.append("## Timing\n\n");
        md.append(String.format(Locale.ROOT, "Per-user latencies over every user of every scenario (%,d users), each "
                        + "measured once, JIT warm-up included; top-20 is scoring every candidate (%,d artists less "
                        + "the support) and taking the best 20. Training tasks/s (with validation) are the trainer's "
                        + "tasks over its wall time; (epochs only) the median over epochs of the training steps "
                        + "alone.%n%n",
                report.split().scenarios().stream().mapToInt(s -> s.users().size()).sum(),
                report.split().training().interactions().items().size()));
        MarkdownReport.timingTable(md, report, Evaluator.csLfm().listLength());
        md.append('\n');
        MarkdownReport.configurationAndMachine(md, report);
        return md.toString();
    }

    /** The report as JSON; {@code counts} is the protocol's table of the data. */
    static String json(BenchmarkReport report, List<NewUserCounts> counts) {
        ObjectNode root = JsonReport.tree(report, "CS-LFM", ImplicitColdStartProtocol.VERSION);
        ObjectNode headline = root.putObject("headline");
        headline.put("scenario", CsLfmBenchmark.HEADLINE_SCENARIO);
        headline.put("metric", CsLfmBenchmark.HEADLINE_METRIC);
        ObjectNode split = (ObjectNode) root.get("split");
        split.put("trainingItems", report.split().training().interactions().items().size());
        ArrayNode newUsers = split.putArray("newUsers");
        for (NewUserCounts c : counts) {
            ObjectNode n = newUsers.addObject();
            n.put("scenario", c.scenario());
            n.put("k", c.k());
            n.put("newUsers", c.newUsers());
            n.put("supportInteractions", c.supportInteractions());
            n.put("queryInteractions", c.queryInteractions());
            n.put("usersWithEmptyQuery", c.usersWithEmptyQuery());
        }
        return JsonReport.write(root);
    }
}
