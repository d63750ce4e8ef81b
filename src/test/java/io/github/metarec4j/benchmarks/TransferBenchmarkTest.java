package io.github.metarec4j.benchmarks;

import io.github.metarec4j.Skip;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Douban;
import io.github.metarec4j.data.MovieLens;
import io.github.metarec4j.data.SyntheticData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The transfer experiment's command: bad input, the users' subsample, and a smoke run on the real data. */
class TransferBenchmarkTest {

    @Test
    void badOptionsStopWithOneLineAndExitCode2() {
        CommandOutcome o = CommandOutcome.run(TransferBenchmark::run, "--fractions", "0.5,0");
        assertEquals(2, o.code());
        assertTrue(o.err().startsWith("error: --fractions needs shares in (0, 1] separated by commas, got '0'\n"),
                o.err());
        o = CommandOutcome.run(TransferBenchmark::run, "--seeds", "many");
        assertEquals(2, o.code());
        assertTrue(o.err().startsWith("error: --seeds needs a positive whole number, got 'many'\n"), o.err());
        o = CommandOutcome.run(TransferBenchmark::run, "--bogus");
        assertTrue(o.err().startsWith("error: unknown option '--bogus'\n"), o.err());
        o = CommandOutcome.run(TransferBenchmark::run, "--ml100k", "/no/such/folder");
        assertEquals(2, o.code());
        o.assertOneLineError();
        assertTrue(o.err().contains("/no/such/folder"), o.err());
        assertEquals(0, CommandOutcome.run(TransferBenchmark::run, "--help").code());
    }

    @Test
    void aShareOfTheUsersKeepsEveryItemOfTheCatalogue() {
        Dataset data = SyntheticData.builder().users(100).items(60).seed(3).build().generate();
        Dataset quarter = TransferBenchmark.users(data, 0.25, 1);
        assertEquals(25, quarter.interactions().users().size());
        assertEquals(data.catalogue().ids(), quarter.catalogue().ids());
        quarter.interactions().stream().limit(50).forEach(x -> assertEquals(data.interactions().ofUser(x.userId()).size(),
                quarter.interactions().ofUser(x.userId()).size(), "all of a kept user's interactions"));
        assertEquals(quarter.interactions().users().ids(), TransferBenchmark.users(data, 0.25, 1).interactions().users().ids(),
                "the same share for the same seed");
        assertTrue(data == TransferBenchmark.users(data, 1.0, 1));
    }

    @Test
    void aQuickRunWritesBothDirections(@TempDir Path out) throws IOException {
        Skip.unlessMovieLens(MovieLens.defaultPath());
        Skip.unlessDouban(Douban.defaultPath());
        CommandOutcome o = CommandOutcome.run(TransferBenchmark::run, "--quick", "--seeds", "1", "--fractions", "0.1",
                "--epochs", "1", "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        String md = Files.readString(out.resolve("results.md"));
        assertTrue(md.contains("## Douban -> MovieLens-100k") && md.contains("## MovieLens-100k -> Douban"), md);
        assertTrue(md.contains("| 10% (76) | fresh |") && md.contains("| 10% (240) | transfer |"), md);
        assertEquals(4, Files.readString(out.resolve("results.json")).lines().filter(l -> l.contains("\"direction\""))
                .count());
        assertTrue(Files.size(out.resolve("transfer.png")) > 1000);
    }
}
