package io.github.metarec4j.benchmarks;

import io.github.metarec4j.TestBase;
import io.github.metarec4j.data.MovieLens;
import io.github.metarec4j.eval.ColdStartProtocol;
import io.github.metarec4j.eval.IdKey;
import io.github.metarec4j.eval.ProtocolSplit;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.model.ScorerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark command end to end on a tiny MovieLens-format data set (--quick: this checks
 * the plumbing and the files, not the figures), and its messages for bad input.
 */
class Cs100kBenchmarkTest extends TestBase {

    @TempDir
    Path dir;

    private static CommandOutcome run(String... args) {
        return CommandOutcome.run(Cs100kBenchmark::run, args);
    }

    @Test
    void aQuickRunWritesEveryReport() throws IOException {
        Path data = dir.resolve("ml-tiny");
        TinyMovieLens.write(data, TinyMovieLens.USERS);
        Path results = dir.resolve("results");
        CommandOutcome o = run("--data", data.toString(), "--out", results.toString(), "--quick", "--seeds", "2");
        assertEquals(Cs100kBenchmark.OK, o.code(), o.err());
        assertTrue(o.out().contains("[19/19] supervised-fine-tuned seed 43"), o.out());
        assertTrue(o.out().contains("second-order seed 42"), o.out());
        assertTrue(o.out().contains("reptile seed 43"), o.out());
        assertTrue(o.out().contains("epoch 2/2"), "the progress bar's epoch lines: " + o.out());
        assertTrue(o.out().contains("meta-learned seed 42  new-user-K10"), "a line per scored scenario: " + o.out());

        for (String file : List.of("results.md", "results.json", "mae-vs-k.png", "loss-curves.png")) {
            assertTrue(Files.size(results.resolve(file)) > 0, file + " is empty");
        }
        String md = Files.readString(results.resolve("results.md"));
        assertTrue(md.contains("### new-user-K10"), md);
        assertTrue(md.contains("| meta-learned (n=2) | "), md);
        assertTrue(md.contains("| damped-bias(5) | "), md);
        assertTrue(md.contains("tasks/s (epochs only)"), md);
        assertTrue(md.contains("s to best epoch"), md);
        assertTrue(md.contains("ND4J operation threads: 1"), md);
        assertTrue(md.contains("| method | MAE | RMSE | nDCG@3 | nDCG@10 | P@10 | R@10 | F1@10 | coverage@10 |"), md);

        JsonNode json = new ObjectMapper().readTree(results.resolve("results.json").toFile());
        for (String key : List.of("benchmark", "protocolVersion", "libraryVersion", "wallSeconds", "configuration",
                "machine", "split", "runs", "summaries")) {
            assertTrue(json.has(key), "results.json lacks " + key);
        }
        assertEquals(List.of(42L, 43L), longs(json.at("/configuration/seeds")));
        assertEquals(2, json.at("/configuration/training/epochs").asInt());
        assertTrue(json.at("/configuration/training/seed").isMissingNode(), "each run has its own seed");
        assertEquals(1, json.at("/machine/nd4jOperationThreads").asInt(), "the benchmark runs ND4J single-threaded");
        assertTrue(json.at("/machine/cores").asInt() >= 1);
        assertTrue(json.at("/machine/loadAverage").isNumber() || json.at("/machine/loadAverage").isNull());
        assertEquals(6, json.at("/split/scenarios").size());
        assertEquals(9 + 5 * 2, json.get("runs").size(), "9 baselines once, 5 learned methods twice");
        for (String baseline : List.of("biased-mf", "item-knn", "pop+knn(2)", "ease(300)")) {
            assertTrue(md.contains("| " + baseline + " | "), baseline + " in results.md: " + md);
            assertEquals(1, json.at("/summaries/" + baseline + "/runs").asInt(), baseline + " in results.json");
        }
        assertTrue(json.at("/summaries/biased-mf/scenarios/warm/MAE/mean").isNumber(), "biased MF predicts ratings");
        assertTrue(json.at("/summaries/ease(300)/scenarios/warm/MAE").isMissingNode(), "EASE ranks only");

        JsonNode meta = null;
        for (JsonNode run : json.get("runs")) {
            if (run.get("method").asText().equals("meta-learned") && run.get("seed").asLong() == 43) {
                meta = run;
            }
        }
        assertTrue(meta != null, "the run of meta-learned with seed 43");
        assertEquals(2, meta.get("epochs").size());
        assertTrue(meta.at("/epochs/0/trainingLoss").isNumber());
        assertTrue(meta.at("/timing/epochTasksPerSecond").asDouble() > 0);
        assertTrue(meta.at("/timing/adaptP99Millis").asDouble() >= meta.at("/timing/adaptMedianMillis").asDouble());
        assertEquals(6, meta.get("scenarios").size());
        assertTrue(meta.at("/scenarios/2/metrics/MAE").isNumber());

        JsonNode summary = json.at("/summaries/meta-learned");
        assertEquals(2, summary.at("/scenarios/new-user-K10/MAE/n").asInt());
        assertTrue(summary.at("/scenarios/new-user-K10/MAE/std").isNumber());
        assertEquals(2, summary.at("/timing/trainingSeconds/n").asInt());
        assertTrue(json.at("/summaries/popularity/scenarios/warm/MAE").isMissingNode(), "popularity predicts no rating");
        // between one list of 10 for all and a list of its own for every user
        double coverage = json.at("/summaries/popularity/scenarios/warm/coverage@10/mean").asDouble();
        int warmUsers = json.at("/split/scenarios/0/users").asInt();
        assertTrue(coverage >= 10 && coverage <= 10 * warmUsers, "coverage " + coverage + " of " + warmUsers);
        assertTrue(meta.at("/scenarios/2/metrics/coverage@10").isNumber());
        assertEquals(meta.at("/scenarios/2/users").asInt(), meta.at("/scenarios/2/metricUsers/coverage@10").asInt());
        assertTrue(json.at("/summaries/global-mean/timing/trainingSeconds").isMissingNode());
        assertEquals(1, json.at("/summaries/global-mean/timing/fitSeconds/n").asInt());
    }

    @Test
    void baselinesAloneStillGiveEveryFile() throws IOException {
        Path data = dir.resolve("ml-tiny");
        TinyMovieLens.write(data, TinyMovieLens.USERS);
        Path results = dir.resolve("baselines");
        CommandOutcome o = run("--data=" + data, "--out=" + results, "--methods", "global-mean,popularity");
        assertEquals(Cs100kBenchmark.OK, o.code(), o.err());
        assertTrue(Files.size(results.resolve("loss-curves.png")) > 0, "an empty chart, not a missing file");
        String md = Files.readString(results.resolve("results.md"));
        assertTrue(md.contains("| popularity | – | – | "), md);
    }

    @Test
    void theDoubanProtocolRunsTheSameBaselinesOnDoubanData() throws IOException {
        Path data = dir.resolve("douban-tiny");
        Files.createDirectories(data);
        List<String> lines = new ArrayList<>(List.of("user\titem\trating\tsplit"));
        for (int u = 0; u < 10; u++) {
            for (int i = 0; i < 40; i++) {
                lines.add(u + "\t" + i + "\t" + (1 + (u + i) % 5) + "\ttrain");
            }
        }
        Files.write(data.resolve("ratings.tsv"), lines);
        Path results = dir.resolve("douban");
        CommandOutcome o = run("--protocol", "douban", "--data", data.toString(), "--out", results.toString(),
                "--methods", "global-mean,popularity");
        assertEquals(Cs100kBenchmark.OK, o.code(), o.err());
        String md = Files.readString(results.resolve("results.md"));
        assertTrue(md.contains("new-user-K10") && !md.contains("new-item"), md);

        CommandOutcome missing = run("--protocol", "douban", "--data", dir.resolve("nowhere").toString());
        assertEquals(Cs100kBenchmark.BAD_INPUT, missing.code());
        assertTrue(missing.err().startsWith("error: Douban folder "), missing.err());
        assertTrue(run("--protocol", "netflix").err().startsWith("error: unknown protocol 'netflix' after "
                + "--protocol; choose cs100k or douban"));
        assertTrue(run("--protocol").err().startsWith("error: --protocol needs a value: cs100k or douban"));
    }

    @Test
    void aMissingFolderSaysWhereToGetTheData() {
        Path missing = dir.resolve("nowhere");
        CommandOutcome o = run("--data", missing.toString(), "--out", dir.resolve("out").toString());
        assertEquals(Cs100kBenchmark.BAD_INPUT, o.code());
        o.assertOneLineError();
        assertTrue(o.err().contains(missing.toAbsolutePath() + " does not exist"), o.err());
        assertTrue(o.err().contains("https://grouplens.org/datasets/movielens/100k/"), o.err());
        assertFalse(Files.exists(dir.resolve("out")), "nothing is written for bad input");
    }

    @Test
    void aMalformedFileIsNamedWithItsLineAndColumn() throws IOException {
        Path data = dir.resolve("ml-tiny");
        TinyMovieLens.write(data, TinyMovieLens.USERS);
        List<String> lines = new ArrayList<>(Files.readAllLines(data.resolve("u.data")));
        lines.set(2, "1\t3\tfour\t880000002");
        TinyMovieLens.write(data, "u.data", lines);
        CommandOutcome o = run("--data", data.toString());
        assertEquals(Cs100kBenchmark.BAD_INPUT, o.code());
        o.assertOneLineError();
        assertTrue(o.err().startsWith("error: malformed MovieLens-100k file " + data.resolve("u.data").toAbsolutePath()
                + ": u.data, line 3, column 3 (rating): 'four' is not a number"), o.err());
    }

    @Test
    void aDataSetTooSmallForTheProtocolNamesTheRule() throws IOException {
        Path data = dir.resolve("ml-tiny");
        TinyMovieLens.write(data, 4); // users 1 to 4: no new user at all
        CommandOutcome o = run("--data", data.toString());
        assertEquals(Cs100kBenchmark.BAD_INPUT, o.code());
        o.assertOneLineError();
        assertTrue(o.err().contains("the data set is too small for the CS100K protocol: its scenario 'new-user-K5' "
                + "evaluates new users (user id % 5 == 0)"), o.err());
    }

    @Test
    void aBadCommandLineGivesTheUsage() {
        CommandOutcome o = run("--frobnicate");
        assertEquals(Cs100kBenchmark.BAD_INPUT, o.code());
        assertTrue(o.err().startsWith("error: unknown option '--frobnicate'\nusage: Cs100kBenchmark"), o.err());
        assertEquals(Cs100kBenchmark.BAD_INPUT, run("--seeds", "0").code());
        assertTrue(run("--seeds").err().startsWith("error: option --seeds needs a value"));
        assertTrue(run("--methods", "meta,popularity").err().startsWith("error: unknown method 'meta' in --methods; "
                + "choose from [global-mean, "));
        assertTrue(run("--quick", "--quick").err().startsWith("error: option --quick is given twice"));
        CommandOutcome help = run("--help");
        assertEquals(Cs100kBenchmark.OK, help.code());
        assertTrue(help.out().startsWith("usage: Cs100kBenchmark"), help.out());
    }

    @Test
    void methodsAreChosenByNameOrGroup() throws BenchmarkOptions.UsageException {
        assertEquals(List.of(MethodChoice.values()), BenchmarkOptions.parse().methods());
        assertEquals(List.of(MethodChoice.GLOBAL_MEAN, MethodChoice.ITEM_MEAN, MethodChoice.USER_MEAN,
                        MethodChoice.DAMPED_BIAS, MethodChoice.POPULARITY, MethodChoice.BIASED_MF,
                        MethodChoice.ITEM_KNN, MethodChoice.POP_KNN, MethodChoice.EASE, MethodChoice.META_LEARNED),
                BenchmarkOptions.parse("--methods", "meta-learned, baselines").methods(),
                "in the benchmark's order, each once");
        assertEquals(List.of(MethodChoice.META_LEARNED, MethodChoice.SECOND_ORDER, MethodChoice.REPTILE,
                        MethodChoice.SUPERVISED, MethodChoice.SUPERVISED_FINE_TUNED),
                BenchmarkOptions.parse("--methods=learned").methods());
        assertEquals(List.of(MethodChoice.ITEM_KNN, MethodChoice.EASE),
                BenchmarkOptions.parse("--methods", "ease,item-knn").methods());
        BenchmarkOptions defaults = BenchmarkOptions.parse();
        assertEquals(3, defaults.seeds());
        assertEquals(BenchmarkOptions.DEFAULT_OUT, defaults.out());
        assertTrue(defaults.epochs().isEmpty());
        assertEquals(7, BenchmarkOptions.parse("--epochs", "7").epochs().getAsInt());
    }


    @Test
    void validationAndSettingsAreParsed() throws BenchmarkOptions.UsageException {
        BenchmarkOptions defaults = BenchmarkOptions.parse();
        assertFalse(defaults.validation());
        assertTrue(defaults.overrides().isEmpty());
        assertTrue(BenchmarkOptions.parse("--validation").validation());
        BenchmarkOptions set = BenchmarkOptions.parse("--set", "hiddenLayers=64,64;innerSteps=5", "--validation");
        assertTrue(set.validation());
        assertEquals("hiddenLayers=64,64;innerSteps=5", set.overrides().toString());
        assertEquals(List.of(64, 64), set.overrides().scorer(ScorerConfig.builder().build()).hiddenLayers());
        assertEquals(5, set.overrides().training(MamlConfig.builder().build()).innerSteps());
        assertEquals(3, BenchmarkOptions.parse("--set=epochs=3").overrides().training(MamlConfig.builder().build())
                .epochs(), "--set=name=value: the option ends at the first '='");
        assertEquals("option --validation takes no value", usageError("--validation=yes"));
        assertEquals("option --validation is given twice; give it once", usageError("--validation", "--validation"));
        assertEquals("option --set needs a value", usageError("--set"));
        assertEquals("option --set needs a value", usageError("--set", "--validation"));
        assertEquals("option --set is given twice; give it once", usageError("--set", "epochs=2", "--set=epochs=3"));
        assertEquals("--set towerSize=big: 'big' is not a whole number", usageError("--set", "towerSize=big"));
        String usage = run("--help").out();
        assertTrue(usage.contains("\n  --validation        score on a validation split of the training users"), usage);
        assertTrue(usage.contains("\n  --set <settings>    learned methods' settings over the defaults"), usage);
    }

    private static String usageError(String... args) {
        return assertThrows(BenchmarkOptions.UsageException.class, () -> BenchmarkOptions.parse(args)).getMessage();
    }

    @Test
    void theValidationSplitIsCarvedFromTheTrainingUsers() throws IOException {
        Path small = dir.resolve("ml-tiny");
        TinyMovieLens.write(small, TinyMovieLens.USERS);
        CommandOutcome tooSmall = run("--data", small.toString(), "--out", dir.resolve("none").toString(),
                "--validation", "--methods", "global-mean");
        assertEquals(Cs100kBenchmark.BAD_INPUT, tooSmall.code());
        tooSmall.assertOneLineError();
        assertTrue(tooSmall.err().startsWith("error: cannot carve a validation split from the training data: the data "
                + "set is too small for the CS100K protocol: its scenario 'new-user-K5' "), tooSmall.err());

        Path data = dir.resolve("ml-80");
        TinyMovieLens.write(data, TinyMovieLens.USERS, 80);
        Path results = dir.resolve("validation");
        CommandOutcome o = run("--data", data.toString(), "--out", results.toString(), "--validation", "--methods",
                "global-mean,popularity");
        assertEquals(Cs100kBenchmark.OK, o.code(), o.err());
        JsonNode json = new ObjectMapper().readTree(results.resolve("results.json").toFile());
        assertEquals(List.of("--data", data.toString(), "--out", results.toString(), "--validation", "--methods",
                "global-mean,popularity"), texts(json.at("/configuration/arguments")),
                "the command line says it was validation");
        ProtocolSplit validation = ColdStartProtocol.cs100k().withIdKey(IdKey.STABLE_HASH)
                .split(ColdStartProtocol.cs100k().split(MovieLens.load100k(data)).training());
        JsonNode scenarios = json.at("/split/scenarios");
        assertEquals(18, scenarios.get(0).get("users").asInt(), "warm: 18 of the 24 training users stay existing "
                + "under hashed roles (the test split's warm has all 24)");
        assertEquals(validation.scenarios().size(), scenarios.size());
        for (int s = 0; s < scenarios.size(); s++) {
            assertEquals(validation.scenarios().get(s).users().size(), scenarios.get(s).get("users").asInt(),
                    "scored on the validation split's users: " + scenarios.get(s));
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asLong()));
        return out;
    }
}
