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
 * The Gowalla reader on tiny files in its format, written here, and on the real files where
 * they are present (skipped, with how to get them, where they are absent).
 */
class GowallaTest {

    @TempDir
    Path dir;

    private void write(String train, String valid, String test) throws IOException {
        Files.writeString(dir.resolve(Gowalla.TRAIN), train, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(Gowalla.VALID), valid, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(Gowalla.TEST), test, StandardCharsets.UTF_8);
    }

    /** The message of loading a training file of {@code lines} beside valid and test files that are fine. */
    private String trainFailure(String... lines) throws IOException {
        write(String.join("\n", lines) + "\n", "0 9\n", "0 8\n");
        return assertThrows(DataFormatException.class, () -> Gowalla.load(dir)).getMessage();
    }

    @Test
    void readsThreeSplitsOfImplicitFeedbackOverOneCatalogue() throws IOException {
        write("0 3 1 2\n1 2\n", "0 5\n1\n", "0 4\n1 7 0\n");
        Gowalla.Splits s = Gowalla.load(dir);
        assertEquals(FeedbackType.IMPLICIT, s.train().feedbackType());
        assertEquals(List.of(new Interaction("0", "3", 1, 0), new Interaction("0", "1", 1, 0),
                new Interaction("0", "2", 1, 0), new Interaction("1", "2", 1, 0)),
                s.train().interactions().stream().toList());
        assertEquals(List.of(new Interaction("0", "5", 1, 0)), s.valid().interactions().stream().toList());
        assertEquals(3, s.test().interactions().size());
        List<String> all = List.of("0", "1", "2", "3", "4", "5", "7");
        assertEquals(all, s.train().catalogue().ids(), "every split's items, in numeric order");
        assertEquals(all, s.valid().catalogue().ids());
        assertEquals(all, s.test().catalogue().ids());
        assertTrue(s.train().userSchema().isEmpty() && s.train().itemSchema().isEmpty(), "no features");
        assertTrue(Gowalla.isAvailable(dir));
    }

    @Test
    void badCellsAreNamedWithTheirLineAndColumn() throws IOException {
        assertEquals("train.txt, line 2, column 3 (item): 'x7' is not an integer; expected a whole number such as "
                + "881250949", trainFailure("0 1 2", "1 5 x7"));
        assertEquals("train.txt, line 1, column 1 (user): 'u0' is not an integer; expected a whole number such as "
                + "881250949", trainFailure("u0 1 2"));
        assertEquals("train.txt, line 1, column 2 (item): id -3 is negative; ids are whole numbers from 0",
                trainFailure("0 -3"));
        assertEquals("train.txt, line 1, column 3 (item): '2.5' is not an integer; expected a whole number such as "
                + "881250949", trainFailure("0 1 2.5"));
        assertEquals("train.txt, line 1, column 2 (item): '1,2' is not an integer; expected a whole number such as "
                + "881250949", trainFailure("0 1,2"));
    }

    @Test
    void emptyCellsAreRefused() throws IOException {
        assertEquals("train.txt, line 1, column 2 (item): an empty cell: two spaces in a row or a space at the end "
                + "of the line; expected a user id then the ids of the user's items, whole numbers from 0 separated "
                + "by single spaces", trainFailure("0  1"));
        assertEquals("train.txt, line 2, column 3 (item): an empty cell: two spaces in a row or a space at the end "
                + "of the line; expected a user id then the ids of the user's items, whole numbers from 0 separated "
                + "by single spaces", trainFailure("0 1", "1 2 "));
    }

    @Test
    void aUserOnTwoLinesOrAnItemListedTwiceIsAnError() throws IOException {
        assertEquals("train.txt, line 3, column 1 (user): user 0 has a line already (line 1); give each user one line",
                trainFailure("0 1", "1 2", "0 3"));
        assertEquals("train.txt, line 1, column 4 (item): item 1 is listed twice for user 0 (columns 2 and 4); list "
                + "each item once", trainFailure("0 1 2 1"));
    }

    @Test
    void anItemInTwoSplitsOfOneUserIsAnError() throws IOException {
        write("0 1 2\n1 3\n", "0 4\n1 5\n", "0 6\n1 7 3\n");
        assertEquals("test.txt, line 2, column 3 (item): item 3 of user 1 is in train.txt too (line 2); a user's "
                + "splits share no item", assertThrows(DataFormatException.class, () -> Gowalla.load(dir))
                .getMessage());
        write("0 1 2\n", "0 4\n", "0 4\n");
        assertEquals("test.txt, line 1, column 2 (item): item 4 of user 0 is in valid.txt too (line 1); a user's "
                + "splits share no item", assertThrows(DataFormatException.class, () -> Gowalla.load(dir))
                .getMessage());
    }

    @Test
    void anEmptyFileHasNoUsers() throws IOException {
        write("0 1\n", "\n\n", "0 2\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gowalla.load(dir));
        assertEquals("Gowalla file " + dir.resolve(Gowalla.VALID).toAbsolutePath().normalize() + " has no users; "
                + "expected one line per user (a user id then the ids of the user's items, whole numbers from 0 "
                + "separated by single spaces)", e.getMessage());
    }

    @Test
    void aMissingFolderOrFileSaysWhereToGetTheData() throws IOException {
        Path missing = dir.resolve("nowhere");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gowalla.load(missing));
        assertTrue(e.getMessage().startsWith("Gowalla folder " + missing.toAbsolutePath() + " does not exist"),
                e.getMessage());
        assertTrue(e.getMessage().contains(Gowalla.SOURCE_URL) && e.getMessage().contains("-Dmetarec4j.gowalla="),
                e.getMessage());
        Files.writeString(dir.resolve(Gowalla.TRAIN), "0 1\n");
        IllegalArgumentException noFile = assertThrows(IllegalArgumentException.class, () -> Gowalla.load(dir));
        assertTrue(noFile.getMessage().startsWith("Gowalla file " + dir.resolve(Gowalla.VALID).toAbsolutePath()
                + " does not exist"), noFile.getMessage());
        assertFalse(Gowalla.isAvailable(dir));
        assertEquals("folder must not be null", assertThrows(IllegalArgumentException.class,
                () -> Gowalla.load(null)).getMessage());
    }

    @Test
    void theRealFilesHaveTheKnownCounts() {
        Path path = Gowalla.defaultPath();
        Skip.unlessGowalla(path);
        Gowalla.Splits s = Gowalla.load(path);
        assertEquals(719_081, s.train().interactions().size());
        assertEquals(91_047, s.valid().interactions().size());
        assertEquals(217_242, s.test().interactions().size());
        assertEquals(1_027_370, s.train().interactions().size() + s.valid().interactions().size()
                + s.test().interactions().size());
        assertEquals(29_858, s.train().interactions().users().size());
        assertEquals(29_858, s.test().interactions().users().size());
        assertEquals(40_981, s.train().catalogue().size());
        assertEquals(40_979, s.train().interactions().items().size(), "two locations are first seen after training");
        assertEquals(new Interaction("0", "0", 1, 0), s.train().interactions().get(0));
    }
}
