package io.github.metarec4j.examples;

import io.github.metarec4j.TestBase;
import io.github.metarec4j.data.SyntheticData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every small example runs end to end on small data ({@code --quick}) and prints what it promises. */
class ExamplesTest extends TestBase {

    @Test
    void csvExampleReadsFilesInTheDocumentedFormat(@TempDir Path dir) throws Exception {
        List<String> ratings = new ArrayList<>(List.of("user,item,rating,timestamp"));
        for (int u = 1; u <= 40; u++) {
            for (int i = 1; i <= 12; i++) {
                if ((u + i) % 3 != 0) {
                    ratings.add("u" + u + ",i" + i + "," + (1 + (u * i) % 5) + "," + (1000 * u + i));
                }
            }
        }
        Files.write(dir.resolve("ratings.csv"), ratings);
        List<String> items = new ArrayList<>(List.of("id,genres,era,popularity"));
        for (int i = 1; i <= 13; i++) {   // i13: in the attributes, rated by nobody
            items.add("i" + i + "," + (i % 2 == 0 ? "g1+|g2-" : "g3+") + "," + (i % 3 == 0 ? "" : "1990s") + ",0." + i);
        }
        Files.write(dir.resolve("items.csv"), items);
        List<String> users = new ArrayList<>(List.of("id,segment,age,region"));
        for (int u = 1; u <= 40; u++) {
            users.add("u" + u + ",s" + (u % 3) + "+," + (20 + u) + ",r" + (u % 5));
        }
        Files.write(dir.resolve("users.csv"), users);
        String out = ExampleRuns.output(CsvExample::main, dir.toString(), "--quick");
        assertTrue(out.contains("13 items with features, catalogue 13"), out);
        assertTrue(out.contains("their top 5:"), out);
    }

    @Test
    void csvExampleWritesItsDemoFolderInTheDocumentedFormat() throws Exception {
        Path folder = CsvExample.writeDemoFolder();
        assertTrue(Files.readAllLines(folder.resolve("items.csv")).get(1).matches("i1,[^,]*,[0-9]{4}s,-?[0-9.E-]+"));
        assertEquals(SyntheticData.builder().users(300).items(120).seed(7).build().generate().interactions().size(),
                Files.readAllLines(folder.resolve("ratings.csv")).size() - 1);
    }

    @Test
    void implicitFeedbackExampleComparesWithPopularity() throws Exception {
        String out = ExampleRuns.output(ImplicitFeedbackExample::main, "--quick");
        assertTrue(out.contains("objective ENGAGEMENT"), out);
        assertTrue(out.matches("(?s).*new users, 5 clicks each: [0-9.]+ of their later clicks in the top 10, "
                + "against [0-9.]+ for the 10 most popular items.*"), out);
    }

    @Test
    void newItemsExampleGivesBothRoutesTheSameScore() throws Exception {
        String out = ExampleRuns.output(NewItemsExample::main, "--quick");
        assertTrue(out.contains("same score: true"), out);
    }

    @Test
    void saveLoadExampleServesTheSameAnswers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.mr4j");
        String out = ExampleRuns.output(SaveLoadExample::main, file.toString(), "--quick");
        assertTrue(Files.size(file) > 0);
        assertTrue(out.contains("same top 10 from the loaded model: true"), out);
        assertTrue(out.contains("the restored user gets the same top 10: true"), out);
        assertTrue(out.contains("same predictions: true"), out);
        assertFalse(out.contains("false"), out);
    }

    @Test
    void examplesUseOnlyTheApi() throws Exception {
        try (var files = Files.walk(Path.of("examples/src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                assertFalse(Files.readString(file).contains("io.github.metarec4j.internal"),
                        file + " uses the engine (io.github.metarec4j.internal): examples show the API only");
            }
        }
    }
}
