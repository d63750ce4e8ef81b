package io.github.metarec4j.benchmarks;

import io.github.metarec4j.TestBase;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticScaleBenchmarkTest extends TestBase {

    private static CommandOutcome run(String... args) {
        return CommandOutcome.run(SyntheticScaleBenchmark::run, args);
    }

    @Test
    void aSmallRunReportsMemoryPerInteractionAndThroughput() {
        CommandOutcome o = run("--users", "300", "--per-user", "10", "--items", "100", "--steps", "4");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("dataset: 3,000 interactions"), o.out());
        assertTrue(o.out().matches("(?s).*training: live heap beyond the dataset at the first step .* bytes per "
                + "interaction.*"), o.out());
        assertTrue(o.out().contains("one epoch (300 tasks) about"), o.out());
    }

    @Test
    void badOptionsEndWithAMessageAndCode2() {
        CommandOutcome o = run("--users", "0");
        assertEquals(2, o.code());
        assertTrue(o.err().startsWith("--users must be a positive whole number, got 0"), o.err());
        o = run("--per-user", "50", "--items", "20");
        assertEquals(2, o.code());
        assertTrue(o.err().startsWith("--per-user (50) must be at most --items (20): a user rates distinct items"),
                o.err());
        o = run("--colour", "3");
        assertTrue(o.err().startsWith("unknown option --colour"), o.err());
        o = run("--steps");
        assertTrue(o.err().startsWith("--steps needs a value"), o.err());
    }
}
