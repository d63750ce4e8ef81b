package io.github.metarec4j.data;

import io.github.metarec4j.internal.util.Checks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Reads the Douban movie ratings in the form of the geometric matrix completion benchmarks
 * (the 3,000 x 3,000 subset of Monti et al., 2017, used by sRMGCNN and GC-MC): 136,891
 * ratings 1 to 5 from 2,999 users on 3,000 films, without timestamps or attributes. The
 * files are never bundled: the data comes from {@value #SOURCE_URL}, converted from its
 * MATLAB file to {@value #RATINGS} (see {@code shared/data/README.md}).
 *
 * <pre>{@code
 * Dataset data = Douban.load(Douban.defaultPath());   // 136,891 ratings
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class Douban {

    /** Where the data set's source (the MATLAB file of the sRMGCNN paper) can be downloaded. */
    public static final String SOURCE_URL = "https://github.com/fmonti/mgcnn";

    /** The system property that says where the data set is (the folder holding {@code ratings.tsv}). */
    public static final String PROPERTY = "metarec4j.douban";

    /** The file of ratings, the only one read (the social graph, {@code W_users.tsv}, is not). */
    public static final String RATINGS = "ratings.tsv";

    private static final List<String> HEADER = List.of("user", "item", "rating", "split");
    private static final String LAYOUT = "user, item, rating (1 to 5), split (train or test), separated by tabs";
    private static final Set<String> SPLITS = Set.of("train", "test");
    private static final RatingScale SCALE = new RatingScale(1, 5);

    private Douban() {
    }

    /**
     * Where this machine keeps the data set: the system property {@value #PROPERTY} if set,
     * else {@code ../shared/data/douban} relative to the working directory.
     */
    public static Path defaultPath() {
        return DelimitedText.configuredFolder(PROPERTY, Path.of("..", "shared", "data", "douban"));
    }

    /** Whether {@code folder} holds the file that {@link #load(Path)} reads. */
    public static boolean isAvailable(Path folder) {
        Checks.notNull(folder, "folder");
        return Files.isRegularFile(folder.resolve(RATINGS));
    }

    /**
     * Reads {@value #RATINGS} from {@code folder} as explicit ratings on the scale 1 to 5, one
     * per line, timestamp 0 (the data set has none). The file is tab-separated with the header
     * {@code user item rating split}; ids are whole numbers from 0, kept as decimal strings
     * ({@code "0"}, {@code "22"}) so that protocols defined on the numbers ({@code user % 5})
     * apply to them. The {@code split} column (the original benchmark's {@code train} or
     * {@code test}) is checked but not kept: the cold-start protocol makes its own split.
     * There are no user or item features.
     *
     * @throws IllegalArgumentException naming the folder or file that is missing, and where
     *                                  to get the data
     * @throws DataFormatException      if the file is malformed: a wrong header, a line without
     *                                  four columns, an id that is not a whole number from 0, a
     *                                  rating that is not a whole number from 1 to 5, a split
     *                                  other than {@code train} or {@code test}, or a user
     *                                  rating an item twice
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static Dataset load(Path folder) {
        Checks.notNull(folder, "folder");
        String hint = "; convert the Douban data of " + SOURCE_URL + " to " + RATINGS + " (" + LAYOUT + ") and pass "
                + "the folder holding it, or set -D" + PROPERTY + "=<that folder>";
        DelimitedText.requireFolder(folder, "Douban folder", hint);
        Path file = folder.resolve(RATINGS);
        DelimitedText.requireFile(file, "Douban file", hint);

        Dataset.Builder b = Dataset.builder().ratings(SCALE);
        InteractionLines lines = new InteractionLines(file);
        java.util.Set<String> items = new java.util.LinkedHashSet<>();
        int rows = new DelimitedText('\t', false, StandardCharsets.UTF_8).forEachRow(file, row -> {
            if (row.isTabHeader(HEADER)) {
                return;
            }
            row.requireColumns(HEADER.size(), LAYOUT);
            String user = id(row, 0, "user");
            String item = id(row, 1, "item");
            long rating = row.integer(2, "rating");
            if (rating < SCALE.min() || rating > SCALE.max()) {
                throw row.error(2, "rating", "rating " + rating + " is outside the scale 1 to 5");
            }
            if (!SPLITS.contains(row.cell(3))) {
                throw row.error(3, "split", "'" + Checks.shown(row.cell(3)) + "' is not a split; expected train or "
                        + "test");
            }
            b.addInteraction(user, item, rating, 0L);
            items.add(item);
            lines.added(row.line());
        });
        lines.checkRepeats(b);
        // every film of the file is in the catalogue, without features, so that a training split
        // keeps the films only its held-out users rated: a model still scores them (by its
        // content-free fallback), as the protocol ranks them
        items.forEach(item -> b.addItem(item, Features.none()));
        Checks.argument(rows > 1, "Douban file " + file.toAbsolutePath().normalize() + " has no ratings; expected "
                + "the header and one line per user and item (" + LAYOUT + ")");
        return b.build();
    }

    /** Cell {@code index}, a 0-based id, as a decimal string. */
    private static String id(DelimitedText.Row row, int index, String name) {
        long id = row.integer(index, name);
        if (id < 0) {
            throw row.error(index, name, "id " + id + " is negative; ids are whole numbers from 0");
        }
        return Long.toString(id);
    }
}
