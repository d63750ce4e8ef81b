package io.github.metarec4j.data;

import io.github.metarec4j.Skip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Last.fm reader on tiny files in its format, written here (CRLF line endings and no
 * line break after the last line, as the real file), and on the real file where it is
 * present (skipped, with how to get it, where it is absent).
 */
class LastFmTest {

    @TempDir
    Path dir;

    /** Writes user_artists.dat as the real one is laid out: CRLF, nothing after the last line. */
    private void write(String... lines) throws IOException {
        Files.writeString(dir.resolve(LastFm.USER_ARTISTS), String.join("\r\n", lines), StandardCharsets.UTF_8);
    }

    @Test
    void readsPlayCountsAsImplicitFeedback() throws IOException {
        write("userID\tartistID\tweight", "2\t51\t13883", "2\t52\t11690", "7\t51\t1");
        Dataset d = LastFm.loadHetrec2k(dir);
        assertEquals(FeedbackType.IMPLICIT, d.feedbackType());
        assertTrue(d.ratingScale().isEmpty());
        assertEquals(List.of(new Interaction("2", "51", 13_883, 0), new Interaction("2", "52", 11_690, 0),
                new Interaction("7", "51", 1, 0)), d.interactions().stream().toList());
        assertEquals(List.of("51", "52"), d.catalogue().ids());
        assertTrue(d.userSchema().isEmpty() && d.itemSchema().isEmpty(), "no features");
        assertTrue(LastFm.isAvailable(dir));
    }

    @Test
    void aWrongHeaderIsNamed() throws IOException {
        write("user\tartist\tplays", "2\t51\t13883");
        DataFormatException e = assertThrows(DataFormatException.class, () -> LastFm.loadHetrec2k(dir));
        assertEquals("user_artists.dat, line 1: expected the header 'userID<tab>artistID<tab>weight', found "
                + "'user<tab>artist<tab>plays'", e.getMessage());
    }

    @Test
    void badCellsAreNamedWithTheirLineAndColumn() throws IOException {
        write("userID\tartistID\tweight", "2\t51\t13883", "2\t52\tmany");
        assertEquals("user_artists.dat, line 3, column 3 (weight): 'many' is not an integer; expected a whole number "
                + "such as 881250949", assertThrows(DataFormatException.class, () -> LastFm.loadHetrec2k(dir))
                .getMessage());
        write("userID\tartistID\tweight", "2\t51\t0");
        DataFormatException zero = assertThrows(DataFormatException.class, () -> LastFm.loadHetrec2k(dir));
        assertEquals(2, zero.line());
        assertEquals(3, zero.column());
        assertTrue(zero.getMessage().contains("play count 0 is not positive"), zero.getMessage());
        write("userID\tartistID\tweight", "2\t51");
        assertTrue(assertThrows(DataFormatException.class, () -> LastFm.loadHetrec2k(dir)).getMessage()
                .startsWith("user_artists.dat, line 2: found 2 columns, expected 3"));
        write("userID\tartistID\tweight", "2\tx51\t3");
        assertTrue(assertThrows(DataFormatException.class, () -> LastFm.loadHetrec2k(dir)).getMessage()
                .startsWith("user_artists.dat, line 2, column 2 (artistID): 'x51' is not an integer"));
    }

    @Test
    void anArtistListedTwiceByOneUserIsAnError() throws IOException {
        write("userID\tartistID\tweight", "2\t51\t3", "3\t51\t3", "2\t51\t4");
        DataFormatException e = assertThrows(DataFormatException.class, () -> LastFm.loadHetrec2k(dir));
        assertTrue(e.getMessage().startsWith("user_artists.dat, line 4, column 2 (item id): user '2' has two "
                + "interactions with item '51' (values 3.0 and 4.0, first on line 2); keep one"), e.getMessage());
    }

    @Test
    void aHeaderAloneHasNoData() throws IOException {
        write("userID\tartistID\tweight");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LastFm.loadHetrec2k(dir));
        assertTrue(e.getMessage().contains("has no play counts"), e.getMessage());
    }

    @Test
    void aMissingFolderOrFileSaysWhereToGetTheData() {
        Path missing = dir.resolve("nowhere");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LastFm.loadHetrec2k(missing));
        assertTrue(e.getMessage().startsWith("Last.fm folder " + missing.toAbsolutePath() + " does not exist"),
                e.getMessage());
        assertTrue(e.getMessage().contains(LastFm.HETREC_2K_URL), e.getMessage());
        IllegalArgumentException noFile = assertThrows(IllegalArgumentException.class, () -> LastFm.loadHetrec2k(dir));
        assertTrue(noFile.getMessage().startsWith("Last.fm file " + dir.resolve(LastFm.USER_ARTISTS).toAbsolutePath()
                + " does not exist"), noFile.getMessage());
        assertFalse(LastFm.isAvailable(dir));
    }

    @Test
    void theRealFileHasTheKnownCounts() {
        Path path = LastFm.defaultPath();
        Skip.unlessLastFm(path);
        Dataset d = LastFm.loadHetrec2k(path);
        assertEquals(92_834, d.interactions().size());
        assertEquals(1_892, d.interactions().users().size());
        assertEquals(17_632, d.catalogue().size());
        assertEquals(new Interaction("2", "51", 13_883, 0), d.interactions().get(0));
        // the last line, after which the file has no line break
        assertEquals(new Interaction("2100", "18730", 263, 0), d.interactions().get(92_833));
    }
}
