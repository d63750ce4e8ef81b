package io.github.metarec4j.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs an example's {@code main} with its standard output captured (and still shown). Not thread-safe. */
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
        try (PrintStream both = new PrintStream(new TeeStream(original, captured), true, StandardCharsets.UTF_8)) {
            System.setOut(both);
            main.run(args);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static final class TeeStream extends java.io.OutputStream {
        private final PrintStream console;
        private final ByteArrayOutputStream copy;

        TeeStream(PrintStream console, ByteArrayOutputStream copy) {
            this.console = console;
            this.copy = copy;
        }

        @Override
        public void write(int b) {
            console.write(b);
            copy.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            console.write(b, off, len);
            copy.write(b, off, len);
        }

        @Override
        public void flush() {
            console.flush();
        }
    }
}
