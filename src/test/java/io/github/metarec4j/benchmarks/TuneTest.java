package io.github.metarec4j.benchmarks;

import io.github.metarec4j.TestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tune command end to end on a tiny MovieLens-format data set (the plumbing and the table,
 * not the figures), and its answers to bad command lines.
 */
class TuneTest extends TestBase {

    private static final String TINY = "epochs=1;hiddenLayers=none;userFactors=2;negatives=3";

    @TempDir
    Path dir;

    private static CommandOutcome run(String... args) {
        return CommandOutcome.run(Tune::run, args);
    }

    @Test
    void aRunOnValidationFoldsGivesOneRowPerCandidate() throws IOException {
        Path data = dir.resolve("ml-tiny");
        // 80 films: every existing user keeps 45 training ratings, so both folds have new users
        TinyMovieLens.write(data, TinyMovieLens.USERS, 80);
        Path results = dir.resolve("tune");
        CommandOutcome o = run("--data", data.toString(), "--out=" + results, "--folds", "2", "--try", TINY,
                "--try=" + TINY + ";innerSteps=1", "--set", "threads=1");
        assertEquals(0, o.code(), o.err());
        assertEquals("", o.err());
        assertTrue(o.out().startsWith("tune cs100k on " + data.toAbsolutePath().normalize() + ": 2 folds of 24 "
                + "training users, 1 seeds, 2 candidates\n"), o.out());
        String md = Files.readString(results.resolve("results.md"));
        assertTrue(o.out().endsWith(md), "the table is printed and written");
        assertTrue(md.startsWith("# Tuning on validation folds (cs100k)\n\n2 folds of the training users "
                + "(ValidationFolds), 1 seed(s); every figure the mean over folds and seeds; candidates' settings "
                + "over the defaults and `threads=1`.\n\n"), md);
        List<String> table = md.lines().filter(l -> l.startsWith("|")).toList();
        assertEquals(List.of("| candidate | K5 MAE | K10 MAE | K10 nDCG@3 | K10 P@10 | K10 coverage@10 | K20 MAE "
                + "| seconds |", "| --- | --- | --- | --- | --- | --- | --- | --- |"), table.subList(0, 2));
        assertEquals(4, table.size(), "a row per candidate: " + md);
        String figures = " \\| \\d\\.\\d{4} \\| \\d\\.\\d{4} \\| \\d\\.\\d{4} \\| \\d\\.\\d{4} \\| \\d+\\.\\d \\| "
                + "\\d\\.\\d{4} \\| \\d+\\.\\d \\|";
        assertTrue(table.get(2).matches("\\| " + TINY + figures), table.get(2));
        assertTrue(table.get(3).matches("\\| " + TINY + ";innerSteps=1" + figures), table.get(3));
    }

    @Test
    void theSpacesHaveTheAblationOfMetaLearningItself() throws BenchmarkOptions.UsageException {
        for (String protocol : List.of("cs100k", "cslfm")) {
            List<TuneSpace.Candidate> c = TuneSpace.named(protocol, "defaults,supervised-fine-tuned");
            assertEquals(List.of("defaults", "supervised-fine-tuned"),
                    c.stream().map(TuneSpace.Candidate::name).toList());
            assertEquals(List.of(false, true), c.stream().map(TuneSpace.Candidate::supervised).toList(),
                    "only the named candidate is trained without meta-learning");
        }
    }

    @Test
    void aBadCommandLineGivesTheUsage() {
        CommandOutcome o = run("--frobnicate", "1");
        assertEquals(2, o.code());
        assertTrue(o.err().startsWith("error: unknown option '--frobnicate'\nusage: Tune [options]\n"), o.err());
        assertTrue(run("--folds", "1").err().startsWith("error: --folds needs 2 or more and --seeds 1 or more\n"));
        assertTrue(run("--seeds=0").err().startsWith("error: --folds needs 2 or more and --seeds 1 or more\n"));
        assertTrue(run("--protocol", "ml1m").err().startsWith("error: --protocol must be cs100k or cslfm, got 'ml1m'"));
        assertTrue(run("--folds").err().startsWith("error: option --folds needs a value\nusage: Tune"));
        assertTrue(run("--folds", "x").err().startsWith("error: --folds needs a whole number, got 'x'\nusage: Tune"));
        // a name of the CS-LFM space is found wherever --protocol stands; the missing folder is what stops it
        String late = run("--candidates", "strength-weights", "--protocol", "cslfm", "--data", "no/such/folder").err();
        assertFalse(late.contains("no candidate"), late);
        assertTrue(late.startsWith("error: "), late);
        assertTrue(run("--candidates", "defaults,wider").err().startsWith("error: no candidate 'wider' in the cs100k "
                + "search space; it has [defaults, no-history-encoder, no-factors, "));
        assertTrue(run("--try", "towerSize=big").err().startsWith("error: --set towerSize=big: 'big' is not a whole "
                + "number\nusage: Tune"));
        for (String[] args : List.of(new String[]{"--frobnicate"}, new String[]{"--folds", "1"},
                new String[]{"--try", "towerSize=big"})) {
            assertEquals(2, run(args).code(), String.join(" ", args));
        }
        CommandOutcome help = run("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().startsWith("usage: Tune [options]\n"), help.out());
        assertTrue(help.out().contains("--try <settings>"), help.out());
        assertEquals("", help.err());
    }

    @Test
    void missingDataIsBadInputAndWritesNothing() {
        Path missing = dir.resolve("nowhere");
        CommandOutcome o = run("--data", missing.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, o.code());
        o.assertOneLineError();
        assertTrue(o.err().contains(missing.toAbsolutePath().toString()), o.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }
}
