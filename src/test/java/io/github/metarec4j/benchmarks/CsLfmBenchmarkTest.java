package io.github.metarec4j.benchmarks;

import io.github.metarec4j.TestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CS-LFM command end to end on a tiny data set in Last.fm's format (--quick: this checks
 * the plumbing and the files, not the figures; the figures' harness is checked on the real
 * data by CsLfmAnchorsTest), and its messages for bad input.
 */
class CsLfmBenchmarkTest extends TestBase {

    @TempDir
    Path dir;

    private static CommandOutcome run(String... args) {
        return CommandOutcome.run(CsLfmBenchmark::run, args);
    }

    /**
     * Writes user_artists.dat as Last.fm lays it out (CRLF, no line break at the end): users
     * 1..{@code users}, each playing the 35 artists of a window over artists 1..80 that
     * starts at their id; users 5, 10, .. are new. Returns the folder.
     */
    private Path tinyLastFm(int users) throws IOException {
        Path folder = dir.resolve("lastfm-tiny");
        Files.createDirectories(folder);
        List<String> lines = new ArrayList<>(List.of("userID\tartistID\tweight"));
        for (int u = 1; u <= users; u++) {
            for (int j = 0; j < 35; j++) {
                int artist = 1 + (u * 3 + j) % 80;
                lines.add(u + "\t" + artist + "\t" + (1 + (artist * u) % 500));
            }
        }
        Files.writeString(folder.resolve("user_artists.dat"), String.join("\r\n", lines), StandardCharsets.UTF_8);
        return folder;
    }

    @Test
    void aQuickRunWritesBothReports() throws IOException {
        Path data = tinyLastFm(40);
        Path results = dir.resolve("results");
        CommandOutcome o = run("--data", data.toString(), "--out", results.toString(), "--quick", "--seeds", "2");
        assertEquals(BenchmarkCommand.OK, o.code(), o.err());
        assertTrue(o.out().startsWith("CS-LFM on " + data.toAbsolutePath() + ": training 1,120 interactions of 32 "
                + "users on 80 artists; 3 scenarios; 6 runs (4 baselines, 1 learned methods x 2 seeds), quick "
                + "configuration"), o.out());
        assertTrue(o.out().contains("[6/6] meta-learned seed 43"), o.out());
        assertTrue(o.out().contains("epoch 2/2"), "the progress bar's epoch lines: " + o.out());
        assertTrue(o.out().contains("meta-learned seed 42  new-user-K10"), "a line per scored scenario: " + o.out());
        assertTrue(o.out().contains("headline, new-user-K10 (learned: mean ± std over seeds):"), o.out());
        assertTrue(o.out().contains("Recall@20"), o.out());

        String md = Files.readString(results.resolve("results.md"));
        assertTrue(md.startsWith("# CS-LFM cold-start benchmark (implicit feedback)"), md);
        assertTrue(md.contains("| new-user-K20 | 8 | 160 | 120 | 0 |"), "the protocol's table: " + md);
        for (String k : List.of("5", "10", "20")) {
            assertTrue(md.contains("### new-user-K" + k + "\n\n8 users"), md);
        }
        assertTrue(md.contains("| method | P@10 | Recall@20 | nDCG@20 | coverage@20 |"), md);
        assertTrue(md.contains("| meta-learned (n=2) | "), md);
        assertTrue(md.contains("| popularity | "), md);
        assertTrue(md.contains("top-20 median ms"), md);
        assertTrue(md.contains("ND4J operation threads: 1"), md);

        JsonNode json = new ObjectMapper().readTree(results.resolve("results.json").toFile());
        assertEquals("CS-LFM", json.get("benchmark").asText());
        assertEquals(1, json.get("protocolVersion").asInt());
        assertEquals("Recall@20", json.at("/headline/metric").asText());
        assertEquals(80, json.at("/split/trainingItems").asInt());
        assertEquals(3, json.at("/split/newUsers").size());
        assertEquals(200, json.at("/split/newUsers/1/queryInteractions").asInt(), "8 users x (35 - 10)");
        assertEquals(6, json.get("runs").size());
        JsonNode summary = json.at("/summaries/meta-learned/scenarios/new-user-K10/Recall@20");
        assertEquals(2, summary.get("n").asInt());
        double recall = summary.get("mean").asDouble();
        assertTrue(recall >= 0 && recall <= 1, "a recall: " + recall);
        assertTrue(json.at("/summaries/popularity/scenarios/new-user-K5/MAE").isMissingNode(), "no rating error");
        assertEquals(1, json.at("/summaries/popularity/scenarios/new-user-K5/P@10/n").asInt());
    }

    @Test
    void aMissingFolderSaysWhereToGetTheData() {
        Path missing = dir.resolve("nowhere");
        CommandOutcome o = run("--data", missing.toString(), "--out", dir.resolve("out").toString());
        assertEquals(BenchmarkCommand.BAD_INPUT, o.code());
        o.assertOneLineError();
        assertTrue(o.err().contains(missing.toAbsolutePath() + " does not exist"), o.err());
        assertTrue(o.err().contains("https://grouplens.org/datasets/hetrec-2011/"), o.err());
        assertFalse(Files.exists(dir.resolve("out")), "nothing is written for bad input");
    }

    @Test
    void aMalformedFileIsNamedWithItsLineAndColumn() throws IOException {
        Path data = tinyLastFm(40);
        Path file = data.resolve("user_artists.dat");
        List<String> lines = new ArrayList<>(List.of(Files.readString(file).split("\r\n")));
        lines.set(2, "1\t5\tloud");
        Files.writeString(file, String.join("\r\n", lines));
        CommandOutcome o = run("--data", data.toString());
        assertEquals(BenchmarkCommand.BAD_INPUT, o.code());
        o.assertOneLineError();
        assertTrue(o.err().startsWith("error: malformed Last.fm file " + file.toAbsolutePath()
                + ": user_artists.dat, line 3, column 3 (weight): 'loud' is not an integer"), o.err());
    }

    @Test
    void aDataSetTooSmallForTheProtocolNamesTheRule() throws IOException {
        CommandOutcome o = run("--data", tinyLastFm(4).toString()); // users 1 to 4: no new user at all
        assertEquals(BenchmarkCommand.BAD_INPUT, o.code());
        o.assertOneLineError();
        assertTrue(o.err().startsWith("error: the data set is too small for the CS-LFM protocol: its scenario "
                + "'new-user-K5' evaluates new users"), o.err());
    }

    @Test
    void aBadCommandLineGivesTheUsage() throws BenchmarkOptions.UsageException {
        CommandOutcome o = run("--epochs", "many");
        assertEquals(BenchmarkCommand.BAD_INPUT, o.code());
        assertTrue(o.err().startsWith("error: option --epochs needs a whole number from 1 up, got 'many'\n"
                + "usage: CsLfmBenchmark"), o.err());
        assertTrue(run("--methods", "global-mean").err().startsWith("error: unknown method 'global-mean' in "
                + "--methods; choose from [popularity, item-knn, ease, pop-knn, meta-learned] or the groups [baselines, learned, all]"));
        CommandOutcome help = run("--help");
        assertEquals(BenchmarkCommand.OK, help.code());
        assertTrue(help.out().startsWith("usage: CsLfmBenchmark [options]\n  runs the CS-LFM cold-start benchmark"),
                help.out());
        assertTrue(help.out().contains("baselines: popularity, item-knn, ease, pop-knn\n"), help.out());
        assertTrue(help.out().contains("default " + Path.of("benchmark-results", "cslfm")), help.out());

        List<BenchmarkMethod> all = CsLfmMethods.ALL;
        assertEquals(List.of("popularity", "item-knn", "ease", "pop-knn", "meta-learned"), BenchmarkMethod.names(all));
        assertEquals(all, BenchmarkOptions.parse(CsLfmBenchmark.COMMAND).methods());
        assertEquals(List.of(all.get(4)), BenchmarkOptions.parse(CsLfmBenchmark.COMMAND, "--methods=learned").methods());
        assertEquals(List.of(all.get(0), all.get(4)), BenchmarkOptions.parse(CsLfmBenchmark.COMMAND, "--methods",
                "meta-learned,popularity").methods(), "in the command's order");
        assertEquals("meta-learned", all.get(4).create(BenchmarkConfig.of(BenchmarkOptions.parse()).scorer(),
                BenchmarkConfig.of(BenchmarkOptions.parse()).training(), List.of()).name());
    }
}
