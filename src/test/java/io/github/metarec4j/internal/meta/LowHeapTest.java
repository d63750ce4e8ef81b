package io.github.metarec4j.internal.meta;

import io.github.metarec4j.Fixtures;
import io.github.metarec4j.MetaRecommender;
import io.github.metarec4j.MetaTrainer;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, lesser: in a heap of 20 MB or less, training failed with ND4J's "ND4J is probably
 * missing dependencies". A JVM of 12 MiB (where ND4J's backend cannot start) must say that the
 * heap ran out and how much is needed.
 */
class LowHeapTest {

    /** Fits the tiny fixture: run in a JVM of its own, with a small heap. */
    public static void main(String[] args) {
        try {
            MetaTrainer.builder().scorer(Fixtures.quickScorer()).training(Fixtures.quickTraining().build())
                    .build().fit(Fixtures.tiny());
            System.out.println("fitted");
        } catch (IllegalStateException e) {
            System.out.println("refused: " + e.getMessage());
        }
    }

    /**
     * The class path of an application: the compiled classes (the tests' too, for this class) and
     * the library's runtime dependencies, without the tests' and the provided ones (Spark's 150
     * jars, whose service-file lookup alone overflows a 12 MiB heap before ND4J is reached).
     */
    static String applicationClassPath() throws IOException {
        List<String> path = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (Files.isDirectory(Path.of(entry))) {
                path.add(entry);
            }
        }
        path.add(Files.readString(Path.of("target", "runtime-classpath.txt")).strip());
        return String.join(File.pathSeparator, path);
    }

    @Test
    void aHeapTooSmallForNd4jSaysHowMuchIsNeeded() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx12m", "-cp", applicationClassPath(),
                LowHeapTest.class.getName())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the small JVM finished");
        String refused = out.lines().filter(l -> l.startsWith("refused: ")).findFirst().orElse(out);
        assertTrue(refused.matches("refused: ND4J, which draws the initial weights, could not start: the heap ran "
                + "out \\(this JVM may use \\d+ MiB\\)\\. metarec4j needs at least 32 MiB of heap, more for large "
                + "models and data: start Java with -Xmx256m or more"), refused);
    }
}
