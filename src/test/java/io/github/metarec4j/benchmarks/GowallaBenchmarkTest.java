package io.github.metarec4j.benchmarks;

import io.github.metarec4j.Skip;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.Gowalla;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.eval.FittedMethod;
import io.github.metarec4j.eval.IdKey;
import io.github.metarec4j.eval.Methods;
import io.github.metarec4j.eval.Ranking;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Gowalla command: bad input, its harness on small data, and a smoke run on a sample of the real data. */
class GowallaBenchmarkTest {

    @Test
    void badOptionsStopWithOneLineAndExitCode2() {
        CommandOutcome o = CommandOutcome.run(GowallaBenchmark::run, "--users", "0");
        assertEquals(2, o.code());
        assertTrue(o.err().startsWith("error: option --users needs a whole number from 1 up, got '0'\n"), o.err());
        o = CommandOutcome.run(GowallaBenchmark::run, "--methods", "popularity,bpr");
        assertEquals(2, o.code());
        assertTrue(o.err().startsWith("error: unknown method 'bpr' in --methods; choose from popularity, item-knn, "
                + "meta-learned\n"), o.err());
        o = CommandOutcome.run(GowallaBenchmark::run, "--epochs", "2", "--epochs", "3");
        assertTrue(o.err().startsWith("error: option --epochs is given twice; give it once\n"), o.err());
        o = CommandOutcome.run(GowallaBenchmark::run, "--bogus");
        assertTrue(o.err().startsWith("error: unknown option '--bogus'\n"), o.err());
        o = CommandOutcome.run(GowallaBenchmark::run, "--data", "/no/such/folder");
        assertEquals(2, o.code());
        o.assertOneLineError();
        assertTrue(o.err().contains("Gowalla folder /no/such/folder does not exist"), o.err());
        CommandOutcome help = CommandOutcome.run(GowallaBenchmark::run, "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--validation-users <n>"), help.out());
    }

    /** Gowalla files of 40 users on 60 locations, each user 3 to 12 of them, cut 3 ways. */
    private static Gowalla.Splits randomGowalla(Path dir) throws IOException {
        java.util.Random random = new java.util.Random(7);
        StringBuilder[] files = {new StringBuilder(), new StringBuilder(), new StringBuilder()};
        for (int u = 0; u < 40; u++) {
            List<Integer> items = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                items.add(i);
            }
            java.util.Collections.shuffle(items, random);
            int n = 3 + random.nextInt(10);
            for (int f = 0; f < 3; f++) {
                files[f].append(u);
                for (int k = 0; k < n; k++) {
                    files[f].append(' ').append(items.get(f * 12 + k));
                }
                files[f].append('\n');
            }
        }
        Files.writeString(dir.resolve(Gowalla.TRAIN), files[0]);
        Files.writeString(dir.resolve(Gowalla.VALID), files[1]);
        Files.writeString(dir.resolve(Gowalla.TEST), files[2]);
        return Gowalla.load(dir);
    }

    @Test
    void aBaselinesTop20IsTheProtocolsRankingWithoutTheTrainingItems(@TempDir Path dir) throws IOException {
        Dataset data = randomGowalla(dir).train();
        Ranking ranking = Ranking.of(IdKey.INTEGER);
        for (FittedMethod method : List.of(Methods.popularity().fit(data), Methods.itemKnn().fit(data))) {
            FullRanking.Method fast = GowallaBenchmark.ranked(method, data.catalogue());
            for (String user : data.interactions().users().ids()) {
                List<Interaction> training = data.interactions().ofUser(user);
                Set<String> seen = new HashSet<>();
                training.forEach(x -> seen.add(x.itemId()));
                List<String> candidates = new ArrayList<>(data.catalogue().ids());
                candidates.removeAll(seen);
                double[] scores = method.adapt(user, Features.none(), training).rankingScores(candidates);
                assertEquals(ranking.top(candidates, scores, 20), fast.top(user, training));
            }
        }
    }

    @Test
    void aSampleOfUsersKeepsAllOfTheirSplitsAndTheWholeCatalogue(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(Gowalla.TRAIN), "0 1 2\n1 2 3\n2 3 4\n");
        Files.writeString(dir.resolve(Gowalla.VALID), "0 5\n1 6\n2 7\n");
        Files.writeString(dir.resolve(Gowalla.TEST), "0 8\n1 9\n2 10\n");
        Gowalla.Splits all = Gowalla.load(dir);
        Gowalla.Splits two = GowallaBenchmark.sample(all, 2);
        assertEquals(two.train().interactions().users().ids(), two.test().interactions().users().ids());
        assertEquals(2, two.valid().interactions().users().size());
        assertEquals(all.train().catalogue().ids(), two.train().catalogue().ids());
        assertEquals(two.train().interactions().users().ids(), GowallaBenchmark.sample(all, 2).train().interactions()
                .users().ids(), "the same sample every time");
    }

    @Test
    void aQuickRunOnASampleOfTheRealDataWritesTheTable(@TempDir Path out) throws IOException {
        Path data = Gowalla.defaultPath();
        Skip.unlessGowalla(data);
        CommandOutcome o = CommandOutcome.run(GowallaBenchmark::run, "--quick", "--users", "100", "--epochs", "2",
                "--validation-users", "30", "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("meta-learned seed 42 epoch 2:"), o.out());
        String md = Files.readString(out.resolve("results.md"));
        assertTrue(md.contains("| popularity | ") && md.contains("| item-knn | ")
                && md.contains("| meta-learned seed 42 | "), md);
        assertTrue(md.contains("a sample of 100 users"), md);
        assertEquals(3, Files.readString(out.resolve("results.json")).lines().filter(l -> l.contains("\"method\""))
                .count());
        assertTrue(Files.list(out).noneMatch(p -> p.toString().endsWith(".ckpt")), "the checkpoint is removed");
    }
}
