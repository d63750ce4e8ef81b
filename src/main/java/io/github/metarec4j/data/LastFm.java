package io.github.metarec4j.data;

import io.github.metarec4j.internal.util.Checks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the Last.fm data set of HetRec 2011 ({@code hetrec2011-lastfm-2k}): which artists
 * 1,892 users played, and how often. Its licence is that of GroupLens and Last.fm, so the
 * files are never bundled: download them from {@value #HETREC_2K_URL}.
 *
 * <pre>{@code
 * Dataset data = LastFm.loadHetrec2k(LastFm.defaultPath());   // 92,834 play counts
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class LastFm {

    /** Where the HetRec 2011 data sets, Last.fm among them, can be downloaded. */
    public static final String HETREC_2K_URL = "https://grouplens.org/datasets/hetrec-2011/";

    /** The system property that says where the data set is (the folder holding {@code user_artists.dat}). */
    public static final String HETREC_2K_PROPERTY = "metarec4j.lastfm";

    /** The file of play counts, the only one read. */
    public static final String USER_ARTISTS = "user_artists.dat";

    private static final List<String> HEADER = List.of("userID", "artistID", "weight");
    private static final String LAYOUT = "userID, artistID, weight (the play count), separated by tabs";

    private LastFm() {
    }

    /**
     * Where this machine keeps the data set: the system property {@value #HETREC_2K_PROPERTY}
     * if set, else {@code ../shared/data/hetrec-lastfm-2k} relative to the working directory.
     */
    public static Path defaultPath() {
        return DelimitedText.configuredFolder(HETREC_2K_PROPERTY, Path.of("..", "shared", "data", "hetrec-lastfm-2k"));
    }

    /** Whether {@code folder} holds the file that {@link #loadHetrec2k(Path)} reads. */
    public static boolean isAvailable(Path folder) {
        Checks.notNull(folder, "folder");
        return Files.isRegularFile(folder.resolve(USER_ARTISTS));
    }

    /**
     * Reads {@value #USER_ARTISTS} from {@code folder} as implicit feedback: one interaction
     * per line, the play count ({@code weight}) as its value (strength), timestamp 0 (the
     * data set has none, so each user's interactions keep the file's order). The file is
     * tab-separated with the header {@code userID artistID weight}; either line ending is
     * read. Ids are the file's numbers as decimal strings ({@code "2"}, {@code "51"}), so
     * that protocols defined on the numbers (CS-LFM's {@code userID % 5}) apply to them.
     * There are no user or item features (the artist-tag links are not part of the data set).
     *
     * @throws IllegalArgumentException naming the folder or file that is missing, and where
     *                                  to download the data
     * @throws DataFormatException      if the file is malformed: a wrong header, a line without
     *                                  three columns, an id or play count that is not a whole
     *                                  number, a play count below 1, or a user listing an artist twice
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static Dataset loadHetrec2k(Path folder) {
        Checks.notNull(folder, "folder");
        String hint = "; download hetrec2011-lastfm-2k.zip from " + HETREC_2K_URL + ", unzip it, and pass the "
                + "folder holding " + USER_ARTISTS + ", or set -D" + HETREC_2K_PROPERTY + "=<that folder>";
        DelimitedText.requireFolder(folder, "Last.fm folder", hint);
        Path file = folder.resolve(USER_ARTISTS);
        DelimitedText.requireFile(file, "Last.fm file", hint);

        Dataset.Builder b = Dataset.builder().implicitFeedback();
        InteractionLines lines = new InteractionLines(file);
        int rows = new DelimitedText('\t', false, StandardCharsets.UTF_8).forEachRow(file, row -> {
            if (row.isTabHeader(HEADER)) {
                return;
            }
            row.requireColumns(HEADER.size(), LAYOUT);
            String user = Long.toString(row.integer(0, "userID"));
            String artist = Long.toString(row.integer(1, "artistID"));
            long plays = row.integer(2, "weight");
            if (plays < 1) {
                throw row.error(2, "weight", "play count " + plays + " is not positive; every line lists an artist "
                        + "the user played, at least once");
            }
            b.addInteraction(user, artist, plays, 0L);
            lines.added(row.line());
        });
        lines.checkRepeats(b);
        Checks.argument(rows > 1, "Last.fm file " + file.toAbsolutePath().normalize() + " has no play counts; "
                + "expected the header and one line per user and artist (" + LAYOUT + ")");
        return b.build();
    }
}
