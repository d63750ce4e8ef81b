package io.github.metarec4j.examples;

import io.github.metarec4j.TestBase;
import io.github.metarec4j.benchmarks.TinyMovieLens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's "Using it" snippet is {@link ReadmeExample}, and it runs, on a tiny data set in
 * MovieLens-100k's files (half a second; on the real data set it takes half a minute, which the
 * quickstart's CI step already spends).
 */
class ReadmeExampleTest extends TestBase {

    private static final Path EXAMPLE = Path.of("examples/src/main/java/io/github/metarec4j/examples/ReadmeExample.java");

    /** The first java block of the README's section {@code heading}. */
    static String readmeBlock(String heading) throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf("\n## " + heading + "\n");
        assertTrue(section >= 0, "README.md has no section '## " + heading + "'");
        int start = readme.indexOf("```java\n", section);
        assertTrue(start >= 0, "README.md's section '" + heading + "' has no java block");
        start += "```java\n".length();
        return readme.substring(start, readme.indexOf("```", start));
    }

    /** The lines of {@code source} between {@code // readme:<name>} and the next {@code // readme:end}. */
    static String marked(String source, String name) {
        String open = "// readme:" + name + "\n";
        int start = source.indexOf(open);
        assertTrue(start >= 0, "no marker '" + open.trim() + "'");
        start += open.length();
        int end = source.indexOf("// readme:end", start);
        return source.substring(start, end);
    }

    /** Every line trimmed, blank lines and runs of spaces dropped. */
    static String normalised(String code) {
        return code.lines().map(l -> l.strip().replaceAll("\\s+", " ")).filter(l -> !l.isEmpty())
                .collect(Collectors.joining("\n"));
    }

    @Test
    void theReadmeSnippetIsTheExamplesImportsAndBody() throws IOException {
        String source = Files.readString(EXAMPLE);
        String example = marked(source, "imports") + marked(source, "body");
        assertEquals(normalised(example), normalised(readmeBlock("Using it")),
                "README.md's 'Using it' block must be ReadmeExample's marked imports and body: copy one to the other");
    }

    @Test
    void theReadmesSparkSnippetIsTheSparkExamplesImportsAndBody() throws IOException {
        String source = Files.readString(Path.of("examples/src/main/java/io/github/metarec4j/examples/SparkExample.java"));
        String example = marked(source, "imports") + marked(source, "body");
        assertEquals(normalised(example), normalised(readmeBlock("On Apache Spark")),
                "README.md's 'On Apache Spark' block must be SparkExample's marked imports and body: copy one to the other");
    }

    @Test
    void runsOnMovieLensFormattedFiles(@TempDir Path dir) throws Exception {
        TinyMovieLens.write(dir, 30);
        String out = ExampleRuns.output(ReadmeExample::main, dir.toString());
        assertTrue(out.contains("top 10 [Recommendation[itemId="), out);
        assertTrue(out.contains("loaded: true"), out);
    }
}
