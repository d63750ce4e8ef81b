package io.github.metarec4j.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a benchmark command did when run in-process by a test: its exit code and what it
 * printed on each stream.
 *
 * @param code the exit code
 * @param out  what it printed on standard output
 * @param err  what it printed on standard error
 */
record CommandOutcome(int code, String out, String err) {

    /** A benchmark command's in-process entry point ({@code Cs100kBenchmark::run}, {@code CsLfmBenchmark::run}). */
    @FunctionalInterface
    interface Command {
        int run(String[] args, PrintStream out, PrintStream err);
    }

    /** Runs {@code command} with {@code args}, capturing what it prints. */
    static CommandOutcome run(Command command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = command.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CommandOutcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Fails unless the command printed a one-line error, without a stack trace. */
    void assertOneLineError() {
        assertTrue(err.startsWith("error: "), err);
        assertEquals(1, err.lines().count(), "one line, no stack trace: " + err);
    }
}
