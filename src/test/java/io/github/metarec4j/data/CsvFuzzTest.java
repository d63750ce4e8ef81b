package io.github.metarec4j.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A bounded, fixed-seed fuzz run of the CSV reader (issue 12: the probe's 2,000 CSV mutations):
 * a valid ratings file and item file, mutated 2,000 times (bytes flipped, inserted and
 * deleted; delimiters, quotes, line breaks, control characters and long runs inserted; lines
 * repeated and dropped). Every read must either succeed or fail with the library's own
 * exceptions: a {@link DataFormatException} naming the file and a line, or the dataset's
 * {@link IllegalArgumentException} naming the files read; and every message must be short.
 */
class CsvFuzzTest {

    private static final FeatureSchema ITEMS = FeatureSchema.builder().categorical("title").multiCategorical("genres")
            .numeric("year").build();
    private static final String[] INSERTS = {",", "\"", "\n", "\r", "\u0000", "\u0007", "|", " ", "x", "-",
            "1e400", "0x1p2", "4f", "\uFEFF", "é", "ab".repeat(5000)};

    @TempDir
    Path dir;

    @Test
    void everyMutationIsReadOrRefusedWithFileAndLine() throws IOException {
        StringBuilder ratings = new StringBuilder("user,item,rating,time\n");
        StringBuilder items = new StringBuilder("id,title,genres,year\n");
        SplittableRandom data = new SplittableRandom(1);
        for (int i = 1; i <= 12; i++) {
            items.append("i").append(i).append(",\"Film ").append(i).append(", the\",Drama|Comedy,")
                    .append(1950 + i).append('\n');
        }
        for (int u = 1; u <= 15; u++) {
            for (int i = 1 + u % 3; i <= 12; i += 2) {
                ratings.append('u').append(u).append(",i").append(i).append(',').append(1 + data.nextInt(5))
                        .append(',').append(1000 + u * 10 + i).append('\n');
            }
        }
        byte[] goodRatings = ratings.toString().getBytes(StandardCharsets.UTF_8);
        byte[] goodItems = items.toString().getBytes(StandardCharsets.UTF_8);
        SplittableRandom random = new SplittableRandom(12);
        List<String> failures = new ArrayList<>();
        int read = 0;
        for (int trial = 0; trial < 2000; trial++) {
            boolean mutateItems = random.nextInt(4) == 0;
            Path ratingsFile = Files.write(dir.resolve("ratings.csv"),
                    mutateItems ? goodRatings : mutate(goodRatings, random));
            Path itemFile = Files.write(dir.resolve("items.csv"), mutateItems ? mutate(goodItems, random) : goodItems);
            try {
                CsvDataset.builder().ratings(ratingsFile).ratingScale(new RatingScale(1, 5))
                        .itemAttributes(itemFile, ITEMS).read();
                read++;
            } catch (DataFormatException e) {
                // a damaged item file can also show in the ratings file, as a rated item it no longer describes
                String file = e.file().getFileName().toString();
                if (e.line() < 1 || !(file.equals("items.csv") || file.equals("ratings.csv"))
                        || !e.getMessage().startsWith(file + ", line " + e.line())) {
                    failures.add("trial " + trial + ": " + e.getMessage());
                }
                checkLength(trial, e, failures);
            } catch (IllegalArgumentException e) {
                if (!e.getMessage().startsWith("checking the data read from ratings.csv, items.csv: ")) {
                    failures.add("trial " + trial + ": " + e);
                }
                checkLength(trial, e, failures);
            } catch (RuntimeException e) {
                failures.add("trial " + trial + ": " + e);
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of 2000 mutations:\n" + String.join("\n", failures.subList(0,
                    Math.min(20, failures.size()))));
        }
        assertTrue(read > 50 && read < 1950, "the mutations both keep and break files: " + read + " read");
    }

    private static void checkLength(int trial, Exception e, List<String> failures) {
        if (e.getMessage().length() > 700) {
            failures.add("trial " + trial + ": a message of " + e.getMessage().length() + " characters");
        }
    }

    /** One to three random edits of {@code bytes}. */
    private static byte[] mutate(byte[] bytes, SplittableRandom random) {
        byte[] b = bytes;
        for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(5)) {
                case 0 -> {
                    b = b.clone();
                    b[at] ^= (byte) (1 << random.nextInt(8));
                }
                case 1 -> b = splice(b, at, at, INSERTS[random.nextInt(INSERTS.length)]
                        .getBytes(StandardCharsets.UTF_8));
                case 2 -> b = splice(b, at, Math.min(b.length, at + 1 + random.nextInt(8)), new byte[0]);
                case 3 -> {
                    // repeat a whole line somewhere else
                    int start = lineStart(b, at);
                    int end = lineEnd(b, at);
                    byte[] line = java.util.Arrays.copyOfRange(b, start, Math.min(b.length, end + 1));
                    int to = lineStart(b, random.nextInt(b.length));
                    b = splice(b, to, to, line);
                }
                default -> b = splice(b, lineStart(b, at), Math.min(b.length, lineEnd(b, at) + 1), new byte[0]);
            }
            if (b.length == 0) {
                return b;
            }
        }
        return b;
    }

    private static int lineStart(byte[] b, int at) {
        int i = Math.min(at, b.length - 1);
        while (i > 0 && b[i - 1] != '\n') {
            i--;
        }
        return i;
    }

    private static int lineEnd(byte[] b, int at) {
        int i = at;
        while (i < b.length - 1 && b[i] != '\n') {
            i++;
        }
        return i;
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
        byte[] out = new byte[b.length - (to - from) + insert.length];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(b, to, out, from + insert.length, b.length - to);
        return out;
    }
}
