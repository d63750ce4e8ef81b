package io.github.metarec4j.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs an example's {@code main} with its standard output captured (and shown afterwards). Not thread-safe. */
final class ExampleRuns {

    /** A main method that may throw. */
    interface Main {
        void run(String[] args) throws Exception;
    }

    private ExampleRuns() {
    }

    /** What {@code main} printed to standard output. */
    static String output(Main main, String... args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            main.run(args);
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        original.print(out);
        return out;
    }
}
