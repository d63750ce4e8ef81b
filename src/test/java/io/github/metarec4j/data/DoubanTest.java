package io.github.metarec4j.data;

import io.github.metarec4j.Skip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Douban reader on tiny files in its format, written here, and on the real file where it
 * is present (skipped, with how to get it, where it is absent).
 */
class DoubanTest {

    private static final String HEADER = "user\titem\trating\tsplit";

    @TempDir
    Path dir;

    private void write(String... lines) throws IOException {
        Files.writeString(dir.resolve(Douban.RATINGS), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private String failure(String... lines) throws IOException {
        write(lines);
        return assertThrows(DataFormatException.class, () -> Douban.load(dir)).getMessage();
    }

    @Test
    void readsRatingsOnTheScale1To5WithoutFeatures() throws IOException {
        write(HEADER, "0\t22\t4\ttrain", "0\t31\t2\ttest", "7\t22\t5\ttrain");
        Dataset d = Douban.load(dir);
        assertEquals(FeedbackType.EXPLICIT, d.feedbackType());
        assertEquals(new RatingScale(1, 5), d.ratingScale().orElseThrow());
        assertEquals(List.of(new Interaction("0", "22", 4, 0), new Interaction("0", "31", 2, 0),
                new Interaction("7", "22", 5, 0)), d.interactions().stream().toList());
        assertEquals(List.of("22", "31"), d.catalogue().ids());
        assertTrue(d.userSchema().isEmpty() && d.itemSchema().isEmpty(), "no features");
        assertTrue(Douban.isAvailable(dir));
    }

    @Test
    void aWrongHeaderIsNamed() throws IOException {
        assertEquals("ratings.tsv, line 1: expected the header 'user<tab>item<tab>rating<tab>split', found "
                + "'user<tab>item<tab>rating'", failure("user\titem\trating", "0\t22\t4"));
    }

    @Test
    void badCellsAreNamedWithTheirLineAndColumn() throws IOException {
        assertEquals("ratings.tsv, line 3, column 3 (rating): 'four' is not an integer; expected a whole number such "
                + "as 881250949", failure(HEADER, "0\t22\t4\ttrain", "0\t23\tfour\ttrain"));
        assertEquals("ratings.tsv, line 2, column 3 (rating): rating 6 is outside the scale 1 to 5",
                failure(HEADER, "0\t22\t6\ttrain"));
        assertEquals("ratings.tsv, line 2, column 3 (rating): rating 0 is outside the scale 1 to 5",
                failure(HEADER, "0\t22\t0\ttrain"));
        assertEquals("ratings.tsv, line 2, column 3 (rating): '3.5' is not an integer; expected a whole number such "
                + "as 881250949", failure(HEADER, "0\t22\t3.5\ttrain"));
        assertEquals("ratings.tsv, line 2, column 1 (user): id -1 is negative; ids are whole numbers from 0",
                failure(HEADER, "-1\t22\t3\ttrain"));
        assertEquals("ratings.tsv, line 2, column 2 (item): 'x22' is not an integer; expected a whole number such "
                + "as 881250949", failure(HEADER, "0\tx22\t3\ttrain"));
        assertEquals("ratings.tsv, line 2, column 4 (split): 'valid' is not a split; expected train or test",
                failure(HEADER, "0\t22\t3\tvalid"));
        assertEquals("ratings.tsv, line 2: found 3 columns, expected 4 (user, item, rating (1 to 5), split (train or "
                + "test), separated by tabs)", failure(HEADER, "0\t22\t3"));
    }

    @Test
    void anItemRatedTwiceByOneUserIsAnError() throws IOException {
        String m = failure(HEADER, "0\t22\t3\ttrain", "1\t22\t3\ttrain", "0\t22\t4\ttest");
        assertTrue(m.startsWith("ratings.tsv, line 4, column 2 (item id): user '0' has two interactions with item "
                + "'22' (values 3.0 and 4.0, first on line 2); keep one"), m);
    }

    @Test
    void aHeaderAloneHasNoData() throws IOException {
        write(HEADER);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Douban.load(dir));
        assertTrue(e.getMessage().contains("has no ratings"), e.getMessage());
    }

    @Test
    void aMissingFolderOrFileSaysWhereToGetTheData() {
        Path missing = dir.resolve("nowhere");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Douban.load(missing));
        assertTrue(e.getMessage().startsWith("Douban folder " + missing.toAbsolutePath() + " does not exist"),
                e.getMessage());
        assertTrue(e.getMessage().contains(Douban.SOURCE_URL) && e.getMessage().contains("-Dmetarec4j.douban="),
                e.getMessage());
        IllegalArgumentException noFile = assertThrows(IllegalArgumentException.class, () -> Douban.load(dir));
        assertTrue(noFile.getMessage().startsWith("Douban file " + dir.resolve(Douban.RATINGS).toAbsolutePath()
                + " does not exist"), noFile.getMessage());
        assertFalse(Douban.isAvailable(dir));
    }

    @Test
    void theRealFileHasTheKnownCounts() {
        Path path = Douban.defaultPath();
        Skip.unlessDouban(path);
        Dataset d = Douban.load(path);
        assertEquals(136_891, d.interactions().size());
        assertEquals(2_999, d.interactions().users().size());
        assertEquals(3_000, d.catalogue().size());
        assertEquals(new Interaction("0", "22", 4, 0), d.interactions().get(0));
        Map<Double, Long> byRating = d.interactions().stream()
                .collect(Collectors.groupingBy(Interaction::value, Collectors.counting()));
        assertEquals(Map.of(1.0, 1_876L, 2.0, 8_338L, 3.0, 47_811L, 4.0, 50_748L, 5.0, 28_118L), byRating);
    }
}
