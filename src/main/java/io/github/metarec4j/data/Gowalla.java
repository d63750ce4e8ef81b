package io.github.metarec4j.data;

import io.github.metarec4j.internal.util.Checks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads the Gowalla check-ins in the split of the LightGCN benchmark (He et al., 2020): which
 * of 40,981 locations 29,858 users checked in at, 1,027,370 interactions in all, implicit
 * feedback without values, timestamps or attributes, cut into a training, a validation and a
 * test split (719,081 / 91,047 / 217,242 interactions; the published training set is the first
 * two together). The files are never bundled: the data comes from a public copy of the split
 * of {@value #SOURCE_URL} (see {@code shared/data/README.md}).
 *
 * <pre>{@code
 * Gowalla.Splits s = Gowalla.load(Gowalla.defaultPath());
 * Dataset train = s.train();   // 719,081 interactions; every split's catalogue holds all 40,981 locations
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class Gowalla {

    /** Where the LightGCN benchmark, whose split of Gowalla this reads, is published. */
    public static final String SOURCE_URL = "https://github.com/kuandeng/LightGCN";

    /** The system property that says where the data set is (the folder holding the three files). */
    public static final String PROPERTY = "metarec4j.gowalla";

    /** The training split's file. */
    public static final String TRAIN = "train.txt";
    /** The validation split's file. */
    public static final String VALID = "valid.txt";
    /** The test split's file. */
    public static final String TEST = "test.txt";

    private static final String LAYOUT = "a user id then the ids of the user's items, whole numbers from 0 "
            + "separated by single spaces";

    private Gowalla() {
    }

    /**
     * The three splits, each a {@link Dataset} of implicit feedback (strength 1, timestamp 0)
     * whose catalogue holds every item of the three files, in the order of their numbers, so
     * that a model fitted on {@link #train} ranks every location, those first seen in a later
     * split included. Ids are the files' numbers as decimal strings ({@code "0"}, {@code "1337"}).
     *
     * <p>Immutable value; thread-safe.
     *
     * @param train the training split ({@value Gowalla#TRAIN})
     * @param valid the validation split ({@value Gowalla#VALID}), for choosing settings and epochs
     * @param test  the test split ({@value Gowalla#TEST})
     */
    public record Splits(Dataset train, Dataset valid, Dataset test) {

        /** Checks that no split is null. */
        public Splits {
            Checks.notNull(train, "train");
            Checks.notNull(valid, "valid");
            Checks.notNull(test, "test");
        }
    }

    /**
     * Where this machine keeps the data set: the system property {@value #PROPERTY} if set,
     * else {@code ../shared/data/gowalla} relative to the working directory.
     */
    public static Path defaultPath() {
        return DelimitedText.configuredFolder(PROPERTY, Path.of("..", "shared", "data", "gowalla"));
    }

    /** Whether {@code folder} holds the three files that {@link #load(Path)} reads. */
    public static boolean isAvailable(Path folder) {
        Checks.notNull(folder, "folder");
        return Files.isRegularFile(folder.resolve(TRAIN)) && Files.isRegularFile(folder.resolve(VALID))
                && Files.isRegularFile(folder.resolve(TEST));
    }

    /**
     * Reads {@value #TRAIN}, {@value #VALID} and {@value #TEST} from {@code folder}. Each line is
     * one user: their id, then the ids of the items they interacted with in that split, whole
     * numbers from 0 separated by single spaces; a line with the user's id alone means no
     * interactions in that split. Each user has at most one line per file, lists an item once,
     * and no item is in two splits of one user.
     *
     * @throws IllegalArgumentException naming the folder or file that is missing, and where to
     *                                  get the data, or a file with no users
     * @throws DataFormatException      if a file is malformed (at the line and column): an id that
     *                                  is not a whole number from 0, an empty cell (two spaces in
     *                                  a row, a space at the end of a line), a user on two lines of
     *                                  one file, an item twice on one line, or an item of a user
     *                                  in two splits
     * @throws java.io.UncheckedIOException if a file cannot be read
     */
    public static Splits load(Path folder) {
        Checks.notNull(folder, "folder");
        String hint = "; get the LightGCN split of Gowalla (" + SOURCE_URL + "; " + TRAIN + ", " + VALID + " and "
                + TEST + ": " + LAYOUT + ") and pass the folder holding it, or set -D" + PROPERTY + "=<that folder>";
        DelimitedText.requireFolder(folder, "Gowalla folder", hint);
        List<Split> splits = new ArrayList<>();
        for (String name : List.of(TRAIN, VALID, TEST)) {
            Path file = folder.resolve(name);
            DelimitedText.requireFile(file, "Gowalla file", hint);
            splits.add(read(file));
        }
        checkDisjoint(splits);
        TreeSet<Long> items = new TreeSet<>();
        for (Split s : splits) {
            s.users.values().forEach(u -> Arrays.stream(u.items).forEach(items::add));
        }
        List<String> catalogue = items.stream().map(String::valueOf).toList();
        return new Splits(dataset(splits.get(0), catalogue), dataset(splits.get(1), catalogue),
                dataset(splits.get(2), catalogue));
    }

    /** One user's line: its number and the items in the file's order. */
    private record UserLine(int line, long[] items) {
    }

    /** One file: its users by id, in the file's order of lines. */
    private record Split(Path file, Map<Long, UserLine> users, List<Long> order) {
    }

    private static Split read(Path file) {
        Map<Long, UserLine> users = new HashMap<>();
        List<Long> order = new ArrayList<>();
        new DelimitedText(' ', false, StandardCharsets.UTF_8).forEachRow(file, row -> {
            long user = id(row, 0, "user");
            long[] items = new long[row.size() - 1];
            Map<Long, Integer> columns = new HashMap<>();
            for (int c = 1; c < row.size(); c++) {
                long item = id(row, c, "item");
                Integer first = columns.putIfAbsent(item, c + 1);
                if (first != null) {
                    throw row.error(c, "item", "item " + item + " is listed twice for user " + user + " (columns "
                            + first + " and " + (c + 1) + "); list each item once");
                }
                items[c - 1] = item;
            }
            UserLine earlier = users.putIfAbsent(user, new UserLine(row.line(), items));
            if (earlier != null) {
                throw row.error(0, "user", "user " + user + " has a line already (line " + earlier.line()
                        + "); give each user one line");
            }
            order.add(user);
        });
        Checks.argument(!users.isEmpty(), "Gowalla file " + file.toAbsolutePath().normalize() + " has no users; "
                + "expected one line per user (" + LAYOUT + ")");
        return new Split(file, users, order);
    }

    /** Cell {@code index}, a whole number from 0. */
    private static long id(DelimitedText.Row row, int index, String name) {
        if (row.cell(index).isEmpty()) {
            throw row.error(index, name, "an empty cell: two spaces in a row or a space at the end of the line; "
                    + "expected " + LAYOUT);
        }
        long id = row.integer(index, name);
        if (id < 0) {
            throw row.error(index, name, "id " + id + " is negative; ids are whole numbers from 0");
        }
        return id;
    }

    /** Fails at the first item of a user that a later split repeats from an earlier one. */
    private static void checkDisjoint(List<Split> splits) {
        for (int a = 0; a < splits.size(); a++) {
            for (int b = a + 1; b < splits.size(); b++) {
                Split earlier = splits.get(a);
                Split later = splits.get(b);
                for (long user : later.order) {
                    UserLine mine = earlier.users.get(user);
                    if (mine == null) {
                        continue;
                    }
                    long[] sorted = mine.items.clone();
                    Arrays.sort(sorted);
                    UserLine theirs = later.users.get(user);
                    for (int c = 0; c < theirs.items.length; c++) {
                        if (Arrays.binarySearch(sorted, theirs.items[c]) >= 0) {
                            throw new DataFormatException(later.file, theirs.line, c + 2, "item", "item "
                                    + theirs.items[c] + " of user " + user + " is in " + earlier.file.getFileName()
                                    + " too (line " + mine.line + "); a user's splits share no item");
                        }
                    }
                }
            }
        }
    }

    private static Dataset dataset(Split split, List<String> catalogue) {
        Dataset.Builder b = Dataset.builder().implicitFeedback();
        for (long user : split.order) {
            String u = Long.toString(user);
            for (long item : split.users.get(user).items) {
                b.addInteraction(u, Long.toString(item), 1, 0L);
            }
        }
        catalogue.forEach(item -> b.addItem(item, Features.none()));
        return b.build();
    }
}
