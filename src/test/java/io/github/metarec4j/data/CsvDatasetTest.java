package io.github.metarec4j.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvDatasetTest {

    private static final FeatureSchema USERS = FeatureSchema.builder()
            .categorical("gender").numeric("age").build();
    private static final FeatureSchema ITEMS = FeatureSchema.builder()
            .categorical("title").multiCategorical("genres").numeric("year").build();

    @TempDir
    Path dir;

    private Path write(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private CsvDataset.Builder ratings(String... lines) throws IOException {
        return CsvDataset.builder().ratings(write("ratings.csv", lines)).ratingScale(new RatingScale(1, 5));
    }

    /** Reads one rating of u1 and the user attributes file {@code lines}. */
    private CsvDataset.Builder withUsers(String... lines) throws IOException {
        return ratings("u,i,r", "u1,i1,4").userAttributes(write("users.csv", lines), USERS);
    }

    /** Asserts that {@code read} fails with a {@link DataFormatException} at the place given, whose message holds every part. */
    private static DataFormatException assertFormatError(Executable read, String file, int line, int column,
                                                         String... parts) {
        DataFormatException e = assertThrows(DataFormatException.class, read);
        assertEquals(file, e.file().getFileName().toString());
        assertEquals(line, e.line());
        assertEquals(column, e.column());
        String where = file + ", line " + line + (column > 0 ? ", column " + column : "");
        assertTrue(e.getMessage().matches(Pattern.quote(where) + "( \\(.+?\\))?: .+"), e.getMessage());
        assertMessageHas(e, parts);
        return e;
    }

    private static void assertMessageHas(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message lacks '" + part + "': " + e.getMessage());
        }
    }

    // ---- reading good files

    @Test
    void readsRatingsWithTimestampsAndHeader() throws IOException {
        Dataset d = ratings("user,item,rating,timestamp", "u1,i1,4,100", "", "u1,i2,2.5,50", "u2,i1,5,7").read();
        assertEquals(3, d.interactions().size());
        assertEquals(List.of(new Interaction("u1", "i1", 4, 100), new Interaction("u1", "i2", 2.5, 50),
                new Interaction("u2", "i1", 5, 7)), d.interactions().stream().toList());
        assertEquals(FeedbackType.EXPLICIT, d.feedbackType());
        assertEquals(new RatingScale(1, 5), d.ratingScale().orElseThrow());
        assertTrue(d.userSchema().isEmpty());
    }

    @Test
    void readsRatingsWithoutHeaderOrTimestamp() throws IOException {
        Dataset d = ratings("u1,i1,4", "u2 , i1 , 3 ").header(false).read();
        assertEquals(List.of(Interaction.of("u1", "i1", 4), Interaction.of("u2", "i1", 3)),
                d.interactions().stream().toList());
    }

    @Test
    void anEmptyTimestampIsZero() throws IOException {
        Dataset d = ratings("user,item,rating,timestamp", "u1,i1,4,").read();
        assertEquals(0L, d.interactions().timestamp(0));
    }

    @Test
    void readsOtherDelimitersAndImplicitFeedback() throws IOException {
        Dataset d = CsvDataset.builder().ratings(write("plays.tsv", "u1\ti1\t1", "u1\ti2\t3"))
                .header(false).delimiter('\t').implicitFeedback().read();
        assertEquals(FeedbackType.IMPLICIT, d.feedbackType());
        assertTrue(d.ratingScale().isEmpty());
        assertEquals(2, d.interactions().size());
    }

    @Test
    void readsQuotedCellsWithDelimitersAndQuotes() throws IOException {
        Path items = write("items.csv",
                "id,title,genres,year",
                "\"i,1\",\"Heat, Part 2\",Crime|Drama,1995",
                "i2, \"The \"\"Best\"\" Film\" ,Comedy,");
        Dataset d = ratings("user,item,rating", "u1,\"i,1\",4", "u1,i2,3")
                .itemAttributes(items, ITEMS).read();
        assertEquals(Features.builder().put("title", "Heat, Part 2").put("genres", List.of("Crime", "Drama"))
                .put("year", 1995).build(), d.itemFeatures("i,1"));
        assertEquals("The \"Best\" Film", d.itemFeatures("i2").get("title").orElseThrow());
    }

    @Test
    void readsEveryFieldTypeOfAttributeFiles() throws IOException {
        Path users = write("users.csv", "userId;age;gender", "u1;31;F", "u2;;M", "u3;45;");
        Path items = write("items.csv", "item;year;genres;title",
                "i1;1995;Crime , Drama|;Heat", "i2;;;", "i3;2001;Comedy;Amélie");
        Dataset d = CsvDataset.builder().ratings(write("r.csv", "u;i;v", "u1;i1;5", "u2;i2;1", "u3;i1;3"))
                .delimiter(';').multiValueSeparator(',').ratingScale(new RatingScale(1, 5))
                .userAttributes(users, USERS).itemAttributes(items, ITEMS).read();
        assertEquals(Features.builder().put("gender", "F").put("age", 31).build(), d.userFeatures("u1"));
        assertEquals(Features.builder().put("gender", "M").build(), d.userFeatures("u2"), "empty age is unknown");
        assertEquals(Features.builder().put("age", 45).build(), d.userFeatures("u3"));
        assertEquals(List.of("Crime", "Drama|"), d.itemFeatures("i1").get("genres").orElseThrow());
        assertEquals(Features.none(), d.itemFeatures("i2"), "every cell empty: nothing known");
        assertEquals("Amélie", d.itemFeatures("i3").get("title").orElseThrow());
        // i3 has features but no ratings: it is still in the catalogue
        assertEquals(List.of("i1", "i2", "i3"), d.catalogue().ids());
    }

    @Test
    void readsOtherCharsetsAndSkipsAByteOrderMark() throws IOException {
        Path latin1 = dir.resolve("latin1.csv");
        Files.writeString(latin1, "user,item,rating\nJosé,i1,4\n", StandardCharsets.ISO_8859_1);
        Dataset d = CsvDataset.builder().ratings(latin1).charset(StandardCharsets.ISO_8859_1)
                .ratingScale(new RatingScale(1, 5)).read();
        assertEquals("José", d.interactions().users().id(0));

        Dataset bom = ratings("\uFEFFu1,i1,4").header(false).read();
        assertEquals("u1", bom.interactions().users().id(0));
    }

    // ---- malformed ratings

    @Test
    void aNonNumericRatingNamesFileLineAndColumn() throws IOException {
        CsvDataset.Builder b = ratings("user,item,rating", "u1,i1,4", "u1,i2,abc");
        assertFormatError(b::read, "ratings.csv", 3, 3, "column 3 (rating)", "'abc' is not a number",
                "expected a decimal number");
    }

    @Test
    void aNotFiniteRatingIsNotANumber() throws IOException {
        CsvDataset.Builder b = ratings("user,item,rating", "u1,i1,NaN");
        assertFormatError(b::read, "ratings.csv", 2, 3, "'NaN' is not a number");
    }

    @Test
    void aWrongNumberOfColumnsNamesTheLine() throws IOException {
        CsvDataset.Builder b = ratings("user,item,rating", "u1,i1,4", "", "u1,i2,4,5,6");
        DataFormatException e = assertFormatError(b::read, "ratings.csv", 4, 0, "found 5 columns",
                "expected 3 or 4 (user, item, rating[, timestamp])");
        assertFalse(e.getMessage().contains("column 0"), e.getMessage());
    }

    @Test
    void aFileWithoutTheDeclaredHeaderIsNotSilentlyShortened() throws IOException {
        CsvDataset.Builder b = ratings("u1,i1,4", "u1,i2,3");
        assertFormatError(b::read, "ratings.csv", 1, 0, "looks like data, not a header", "'4', is a number",
                "header(false)");
    }

    @Test
    void aNonIntegerTimestampNamesTheColumn() throws IOException {
        CsvDataset.Builder b = ratings("user,item,rating,timestamp", "u1,i1,4,12.5");
        assertFormatError(b::read, "ratings.csv", 2, 4, "(timestamp)", "'12.5' is not an integer",
                "expected a whole number");
    }

    @Test
    void aBlankIdNamesTheColumn() throws IOException {
        CsvDataset.Builder b = ratings("user,item,rating", "u1,  ,4");
        assertFormatError(b::read, "ratings.csv", 2, 2, "(item id)", "the item id is blank");
    }

    /** Issue 12, finding 7: a user's two ratings of one item were both kept, without a word. */
    @Test
    void aRepeatedUserAndItemNamesBothLinesOrIsMergedAsAsked() throws IOException {
        CsvDataset.Builder b = ratings("u,i,r", "1,10,4", "1,11,2", "2,10,3", "1,10,1");
        DataFormatException e = assertFormatError(b::read, "ratings.csv", 5, 2, "(item id)");
        assertEquals("ratings.csv, line 5, column 2 (item id): user '1' has two interactions with item '10' "
                + "(values 4.0 and 1.0, first on line 2); keep one, or choose how to merge them: "
                + "DuplicatePolicy.KEEP_LAST, MEAN or KEEP_ALL (the builders' duplicates(...), adapt's last "
                + "argument)", e.getMessage());
        assertEquals(List.of(Interaction.of("1", "10", 1), Interaction.of("1", "11", 2), Interaction.of("2", "10", 3)),
                b.duplicates(DuplicatePolicy.KEEP_LAST).read().interactions().stream().toList());
        assertEquals(2.5, b.duplicates(DuplicatePolicy.MEAN).read().interactions().value(0));
        assertEquals(4, b.duplicates(DuplicatePolicy.KEEP_ALL).read().interactions().size());
    }

    @Test
    void anUnclosedQuoteIsAnError() throws IOException {
        CsvDataset.Builder b = ratings("user,item,rating", "u1,\"i1,4");
        assertFormatError(b::read, "ratings.csv", 2, 2, "no closing quote", "cells cannot span lines");
    }

    @Test
    void textAfterAClosingQuoteIsAnError() throws IOException {
        CsvDataset.Builder b = ratings("user,item,rating", "u1,\"i\"1,4");
        assertFormatError(b::read, "ratings.csv", 2, 2, "text after the closing quote", "expected the delimiter ','");
    }

    @Test
    void bytesNotInTheCharsetAreAnError() throws IOException {
        Path file = dir.resolve("ratings.csv");
        Files.writeString(file, "user,item,rating\nJosé,i1,4\n", StandardCharsets.ISO_8859_1);
        CsvDataset.Builder b = CsvDataset.builder().ratings(file).ratingScale(new RatingScale(1, 5));
        DataFormatException e = assertThrows(DataFormatException.class, b::read);
        assertEquals("ratings.csv, line 2, column 4: these bytes are not valid UTF-8 text; the file is in another "
                + "encoding (CsvDataset reads other encodings with .charset(...), e.g. StandardCharsets.ISO_8859_1)",
                e.getMessage());
    }

    /** Issue 12, finding 8: the reported line of invalid UTF-8 was right in 0 of 60 trials (up to 415 lines early). */
    @Test
    void bytesNotInTheCharsetAreReportedAtTheirLineAndColumn() throws IOException {
        SplittableRandom random = new SplittableRandom(12);
        Path file = dir.resolve("ratings.csv");
        for (int trial = 0; trial < 60; trial++) {
            int lines = 200 + random.nextInt(3000);
            int badLine = 2 + random.nextInt(lines - 1);
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            bytes.writeBytes("user,item,rating\n".getBytes(StandardCharsets.UTF_8));
            int column = 0;
            for (int line = 2; line <= lines; line++) {
                String text = "usér" + line + ",item" + (line % 97) + "," + (1 + line % 5);
                if (line == badLine) {
                    column = 1 + random.nextInt(text.length());
                    String before = text.substring(0, column - 1);
                    bytes.writeBytes(before.getBytes(StandardCharsets.UTF_8));
                    bytes.write(0xFF); // never valid in UTF-8
                    bytes.writeBytes(text.substring(column - 1).getBytes(StandardCharsets.UTF_8));
                } else {
                    bytes.writeBytes(text.getBytes(StandardCharsets.UTF_8));
                }
                bytes.writeBytes((line % 3 == 0 ? "\r\n" : "\n").getBytes(StandardCharsets.UTF_8));
            }
            Files.write(file, bytes.toByteArray());
            CsvDataset.Builder b = CsvDataset.builder().ratings(file).ratingScale(new RatingScale(1, 5));
            assertFormatError(b::read, "ratings.csv", badLine, column, "not valid UTF-8");
        }
    }

    /** Issue 12, finding 10: ratings 4f, 4d, 0x1p2 and 3F were read as numbers. */
    @Test
    void onlyPlainDecimalsAreNumbers() throws IOException {
        for (String bad : List.of("4f", "4d", "0x1p2", "3F", "4.0D", "Infinity", "NaN", "4,0", "4 5", "1_0", "")) {
            CsvDataset.Builder b = ratings("user,item,rating", "u1,i1,\"" + bad + "\"");
            assertFormatError(b::read, "ratings.csv", 2, 3, "(rating)", "is not a number");
        }
        for (String good : List.of("4", "+4", "4.", "4.0", ".5e1", "5E0", "3.5", " 2 ")) {
            ratings("user,item,rating", "u1,i1," + good).read();
        }
        assertFormatError(() -> withUsers("id,gender,age", "u1,F,30f").read(), "users.csv", 2, 3, "(age)",
                "'30f' is not a number");
    }

    /** Issue 12, finding 10: control characters in ids were trimmed away, and u\0\7 became user u. */
    @Test
    void idsWithControlCharactersAreRefusedNeverMerged() throws IOException {
        DataFormatException e = assertFormatError(() -> ratings("user,item,rating", "u,i1,4", "u\0\7,i2,3").read(),
                "ratings.csv", 3, 1, "(user id)");
        assertEquals("ratings.csv, line 3, column 1 (user id): the user id 'u\\u0000\\u0007' holds a control "
                + "character (\\u0000 at position 2); ids are compared exactly: remove it, or write the id without "
                + "control characters", e.getMessage());
        assertFormatError(() -> ratings("user,item,rating", "u,\"i\u0001\",4").read(), "ratings.csv", 2, 2,
                "(item id)", "holds a control character");
        IllegalArgumentException api = assertThrows(IllegalArgumentException.class,
                () -> Interaction.of("u\0", "i", 4));
        assertTrue(api.getMessage().startsWith("userId 'u\\u0000' holds a control character"), api.getMessage());
        // spaces around an id are layout, not part of it; inside a quoted cell they are kept
        assertEquals(List.of("u 1", "u2"), ratings("user,item,rating", "\"u 1\",i1,4", "  u2\t,i1,4").read()
                .interactions().users().ids());
    }

    /** Issue 12, finding 10: 5.0000001 passed the reader and failed adapt; one comparison now serves both. */
    @Test
    void theScaleComparesAsValuesAreStored() throws IOException {
        RatingScale scale = new RatingScale(1, 5);
        assertTrue(scale.contains(5.0000001), "stored as 5");
        assertFalse(scale.contains(5.001));
        assertFalse(scale.contains(Double.NaN));
        assertEquals(5.0, ratings("user,item,rating", "u1,i1,5.0000001").read().interactions().value(0));
        assertTrue(new RatingScale(1, 2.2).contains(2.2f), "a bound float cannot hold exactly");
    }

    /** Issue 12, finding 9: a 1,000,000-character cell gave a 1,000,147-character message. */
    @Test
    void aHugeCellIsShownShortened() throws IOException {
        String huge = "x".repeat(1_000_000);
        DataFormatException e = assertFormatError(() -> ratings("user,item,rating", "u1,i1," + huge).read(),
                "ratings.csv", 2, 3, "(rating)");
        assertEquals("ratings.csv, line 2, column 3 (rating): '" + "x".repeat(60) + "... (1000000 characters)' is not "
                + "a number; expected a decimal number such as 4 or 3.5", e.getMessage());
        for (Executable read : List.<Executable>of(
                () -> ratings("user,item,rating", "u1,i1,4", "u1,i1,5").read(),
                () -> ratings("user,item,rating", "u1," + huge + ",4", "u1," + huge + ",5").read(),
                () -> ratings("u,i,4." + "0".repeat(1_000_000), "u1,i1,4").read(),
                () -> ratings("user,item,rating", "u1,i1,4", "u1,i1,4," + huge).read(),
                () -> withUsers("id,gender,age", "u1,F," + huge).read(),
                () -> withUsers("id,gender,age," + huge, "u1,F,30,x").read(),
                () -> withUsers("id,gender,age", "u1,F,30", "u1,M,31").read())) {
            IllegalArgumentException any = assertThrows(IllegalArgumentException.class, read);
            assertTrue(any.getMessage().length() < 600, any.getMessage().length() + " characters: "
                    + any.getMessage().substring(0, Math.min(300, any.getMessage().length())));
        }
        IllegalArgumentException id = assertThrows(IllegalArgumentException.class,
                () -> Dataset.builder().ratings(new RatingScale(1, 5)).userSchema(USERS)
                        .addInteraction(huge, "i", 3, 0).build());
        assertTrue(id.getMessage().length() < 600, id.getMessage().substring(0, Math.min(300, id.getMessage().length())));
    }

    /** Issue 12, finding 8: out-of-range ratings were reported without a line. */
    @Test
    void anOutOfRangeValueNamesItsLineAndColumn() throws IOException {
        DataFormatException e = assertFormatError(() -> ratings("user,item,rating", "u1,i1,4", "u1,i2,6").read(),
                "ratings.csv", 3, 3, "(rating)");
        assertEquals("ratings.csv, line 3, column 3 (rating): rating 6.0 is outside the rating scale [1.0, 5.0]; fix "
                + "the data or declare the right scale", e.getMessage());
        Path file = write("plays.csv", "user,item,plays", "u1,i1,3", "u1,i2,0");
        assertFormatError(() -> CsvDataset.builder().ratings(file).implicitFeedback().read(), "plays.csv", 3, 3,
                "(value)", "implicit feedback value 0.0 is not positive");
    }

    @Test
    void aMissingFileNamesThePath() {
        Path missing = dir.resolve("nope.csv");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvDataset.builder()
                .ratings(missing).ratingScale(new RatingScale(1, 5)).read());
        assertMessageHas(e, "ratings file", missing.toAbsolutePath().toString(), "does not exist");

        IllegalArgumentException items = assertThrows(IllegalArgumentException.class, () ->
                ratings("u,i,r", "u1,i1,4").itemAttributes(missing, ITEMS).read());
        assertMessageHas(items, "item attributes file", "nope.csv", "does not exist");
    }

    @Test
    void anIncompleteBuilderSaysWhatIsMissing() throws IOException {
        IllegalArgumentException noFile = assertThrows(IllegalArgumentException.class,
                () -> CsvDataset.builder().ratingScale(new RatingScale(1, 5)).read());
        assertMessageHas(noFile, "no ratings file", "ratings(path)");

        Path file = write("ratings.csv", "u,i,r", "u1,i1,4");
        IllegalArgumentException noScale = assertThrows(IllegalArgumentException.class,
                () -> CsvDataset.builder().ratings(file).read());
        assertMessageHas(noScale, "ratings.csv", "ratingScale(new RatingScale(min, max))", "implicitFeedback()");

        IllegalArgumentException clash = assertThrows(IllegalArgumentException.class,
                () -> ratings("u,i,r", "u1,i1,4").multiValueSeparator(',').read());
        assertMessageHas(clash, "separator and the delimiter are both ','");

        IllegalArgumentException quote = assertThrows(IllegalArgumentException.class,
                () -> ratings("u,i,r", "u1,i1,4").delimiter('"').read());
        assertMessageHas(quote, "delimiter cannot be a double quote");
    }

    // ---- checks of the Dataset, which name the files read

    @Test
    void aRatedItemMissingFromTheItemFileIsNamedAtItsLine() throws IOException {
        // issue 12, finding 8: every data error names file, line and column (this one named the files only)
        Path items = write("items.csv", "id,title,genres,year", "i1,Heat,Crime,1995");
        assertFormatError(() -> ratings("user,item,rating", "u1,i1,4", "u1,i2,3").itemAttributes(items, ITEMS).read(),
                "ratings.csv", 3, 2, "(item id)", "item 'i2' has interactions but no features");
        Path users = write("users.csv", "id,gender,age", "u1,F,30");
        assertFormatError(() -> ratings("user,item,rating", "u1,i1,4", "u2,i1,3").userAttributes(users, USERS).read(),
                "ratings.csv", 3, 1, "(user id)", "user 'u2' has interactions but no features");
    }

    @Test
    void aFileWithOnlyAHeaderHasNoInteractions() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ratings("user,item,rating").read());
        assertMessageHas(e, "ratings.csv", "no interactions");
    }

    // ---- malformed attribute files

    @Test
    void aSchemaFieldWithoutAColumnIsNamed() throws IOException {
        CsvDataset.Builder b = withUsers("id,gender", "u1,F");
        assertFormatError(b::read, "users.csv", 1, 0, "no column for the user schema field 'age'",
                "expected the id column, then every field: user id, gender, age");
    }

    @Test
    void aColumnNotInTheSchemaIsNamed() throws IOException {
        CsvDataset.Builder b = withUsers("id,gender,age,shoeSize", "u1,F,30,38");
        assertFormatError(b::read, "users.csv", 1, 4, "column 'shoeSize' is not a field of the user schema",
                "[gender, age]", "declare it in the schema or remove the column");
    }

    @Test
    void aColumnNamedTwiceIsAnError() throws IOException {
        CsvDataset.Builder b = withUsers("id,gender,age,gender", "u1,F,30,F");
        assertFormatError(b::read, "users.csv", 1, 4, "column 'gender' appears twice");
    }

    @Test
    void aBadNumericAttributeNamesTheField() throws IOException {
        CsvDataset.Builder b = withUsers("id,gender,age", "u1,F,30", "u2,M,thirty");
        assertFormatError(b::read, "users.csv", 3, 3, "column 3 (age)", "'thirty' is not a number");
    }

    @Test
    void anAttributeRowWithTheWrongWidthIsAnError() throws IOException {
        CsvDataset.Builder b = withUsers("id,gender,age", "u1,F");
        assertFormatError(b::read, "users.csv", 2, 0, "found 2 columns, expected 3 (user id, gender, age)");
    }

    @Test
    void aRepeatedIdInAnAttributeFileIsAnError() throws IOException {
        CsvDataset.Builder b = withUsers("id,gender,age", "u1,F,30", "u1,M,40");
        assertFormatError(b::read, "users.csv", 3, 1, "user 'u1' appears again (first on line 2)");
    }

    @Test
    void anEmptyAttributeFileNeedsAHeader() throws IOException {
        CsvDataset.Builder b = withUsers("");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::read);
        assertMessageHas(e, "users.csv", "is empty", "expected a header line (user id, gender, age)");
    }

    @Test
    void dataFormatExceptionIsAnIllegalArgumentException() {
        DataFormatException e = new DataFormatException(Path.of("a", "b.csv"), 2, 5, "", "bad");
        assertInstanceOf(IllegalArgumentException.class, e);
        assertEquals("b.csv, line 2, column 5: bad", e.getMessage());
        assertEquals(Path.of("a", "b.csv"), e.file());
    }
}
