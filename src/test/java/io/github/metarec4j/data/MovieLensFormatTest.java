package io.github.metarec4j.data;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The MovieLens-100k reader on a tiny copy of its format, written here, so that it runs without the real data. */
class MovieLensFormatTest {

    @TempDir
    Path dir;

    private void write(String name, String... lines) throws IOException {
        // MovieLens files are Latin-1
        Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n", StandardCharsets.ISO_8859_1);
    }

    @BeforeEach
    void tinyMovieLens() throws IOException {
        write("u.genre", "unknown|0", "Action|1", "Comedy|2", "");
        write("u.user", "1|24|M|technician|85711", "2|60|F|other|T8H1N");
        write("u.item",
                "1|Toy Story (1995)|01-Jan-1995||http://x|0|0|1",
                "2|Misérables, Les (1995)|4-Feb-1971||http://y|0|1|1",
                "3|unknown||||1|0|0");
        write("u.data", "2\t1\t4\t881250949", "1\t2\t3\t881250950");
    }

    @Test
    void readsEveryFile() {
        Dataset d = MovieLens.load100k(dir);
        assertEquals(List.of(new Interaction("2", "1", 4, 881_250_949L), new Interaction("1", "2", 3, 881_250_950L)),
                d.interactions().stream().toList());
        assertEquals(List.of("1", "2", "3"), d.catalogue().ids());
        assertEquals(Features.builder().put("age", 60).put("ageGroup", "56+").put("gender", "F")
                .put("occupation", "other").put("zipRegion", "other").build(), d.userFeatures("2"));
        assertEquals(Features.builder().put("genres", List.of("Action", "Comedy")).put("decade", "1970s")
                .put("year", 1971).build(), d.itemFeatures("2"), "a one-digit day is still a date");
        assertEquals(Features.builder().put("genres", List.of("unknown")).build(), d.itemFeatures("3"),
                "no release date: no year, no decade");
    }

    @Test
    void titlesAreReadByItemIdInFileOrder() {
        Map<String, String> titles = MovieLens.titles(dir);
        assertEquals(List.of("1", "2", "3"), List.copyOf(titles.keySet()));
        assertEquals("Toy Story (1995)", titles.get("1"));
        assertEquals("Misérables, Les (1995)", titles.get("2"), "u.item is Latin-1");
        assertThrows(UnsupportedOperationException.class, () -> titles.put("4", "x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MovieLens.titles(dir.resolve("nowhere")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void aMissingFolderSaysWhereToGetTheData() {
        Path missing = dir.resolve("nowhere");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MovieLens.load100k(missing));
        assertTrue(e.getMessage().contains("MovieLens-100k folder " + missing.toAbsolutePath() + " does not exist"),
                e.getMessage());
        assertTrue(e.getMessage().contains("https://grouplens.org/datasets/movielens/100k/"), e.getMessage());
        assertFalse(MovieLens.isAvailable(missing));
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        Files.delete(dir.resolve("u.item"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MovieLens.load100k(dir));
        assertTrue(e.getMessage().contains("MovieLens-100k file " + dir.resolve("u.item").toAbsolutePath()
                + " does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains(MovieLens.ML_100K_URL), e.getMessage());
        assertFalse(MovieLens.isAvailable(dir));
    }

    /** Issue 12, findings 7 and 8: a repeated user and item is refused at its line, as in CsvDataset. */
    @Test
    void aRatingGivenTwiceNamesBothLines() throws IOException {
        write("u.data", "2\t1\t4\t881250949", "1\t2\t3\t881250950", "2\t1\t5\t881250951");
        DataFormatException e = assertThrows(DataFormatException.class, () -> MovieLens.load100k(dir));
        assertTrue(e.getMessage().startsWith("u.data, line 3, column 2 (item id): user '2' has two interactions with "
                + "item '1' (values 4.0 and 5.0, first on line 1); keep one"), e.getMessage());
    }

    @Test
    void aBadGenreFlagNamesTheGenre() throws IOException {
        write("u.item", "1|Toy Story (1995)|01-Jan-1995||http://x|0|0|1", "2|Heat (1995)|01-Jan-1995||http://y|0|yes|0");
        DataFormatException e = assertThrows(DataFormatException.class, () -> MovieLens.load100k(dir));
        assertEquals("u.item, line 2, column 7 (Action): 'yes' is not a genre flag; expected 0 or 1", e.getMessage());
    }

    @Test
    void aBadDateIsAnError() throws IOException {
        write("u.item", "1|Toy Story (1995)|1995-01-01||http://x|0|0|1");
        DataFormatException e = assertThrows(DataFormatException.class, () -> MovieLens.load100k(dir));
        assertTrue(e.getMessage().startsWith("u.item, line 1, column 3 (release date): '1995-01-01' is not a date; "
                + "expected day-month-year such as 01-Jan-1995"), e.getMessage());
    }

    @Test
    void aShortItemLineSaysHowManyColumnsItNeeds() throws IOException {
        write("u.item", "1|Toy Story (1995)|01-Jan-1995||http://x|0|0");
        DataFormatException e = assertThrows(DataFormatException.class, () -> MovieLens.load100k(dir));
        assertEquals("u.item, line 1: found 7 columns, expected 8 (id|title|release date|video release date|url|"
                + "3 genre flags)", e.getMessage());
    }

    @Test
    void aRatingsLineWithSpacesInsteadOfTabsIsAnError() throws IOException {
        write("u.data", "2\t1\t4\t881250949", "1 2 3 881250950");
        DataFormatException e = assertThrows(DataFormatException.class, () -> MovieLens.load100k(dir));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("found 1 column, expected 4 (user, item, rating, timestamp, "
                + "separated by tabs)"), e.getMessage());
    }

    @Test
    void genresOutOfOrderAreAnError() throws IOException {
        write("u.genre", "unknown|0", "Comedy|2", "Action|1");
        DataFormatException e = assertThrows(DataFormatException.class, () -> MovieLens.load100k(dir));
        assertTrue(e.getMessage().startsWith("u.genre, line 2, column 2 (index): genre index 2 is out of order; "
                + "expected 1"), e.getMessage());
    }

    @Test
    void isAvailableNeedsEveryFile() throws IOException {
        assertTrue(MovieLens.isAvailable(dir));
        Files.delete(dir.resolve("u.genre"));
        assertFalse(MovieLens.isAvailable(dir));
    }

    @Test
    void defaultPathFollowsTheSystemProperty() {
        String saved = System.getProperty(MovieLens.ML_100K_PROPERTY);
        try {
            System.setProperty(MovieLens.ML_100K_PROPERTY, dir.toString());
            assertEquals(dir, MovieLens.defaultPath());
            System.clearProperty(MovieLens.ML_100K_PROPERTY);
            assertEquals(Path.of("../shared/data/ml-100k"), MovieLens.defaultPath());
        } finally {
            if (saved == null) {
                System.clearProperty(MovieLens.ML_100K_PROPERTY);
            } else {
                System.setProperty(MovieLens.ML_100K_PROPERTY, saved);
            }
        }
    }

    @Test
    void ageGroupsAreThoseOfMovieLens1M() {
        Map<Integer, String> expected = Map.of(7, "<18", 17, "<18", 18, "18-24", 24, "18-24", 25, "25-34",
                44, "35-44", 45, "45-49", 50, "50-55", 55, "50-55", 56, "56+");
        expected.forEach((age, group) -> assertEquals(group, MovieLens.ageGroup(age), "age " + age));
    }
}
