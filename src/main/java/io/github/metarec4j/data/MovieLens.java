package io.github.metarec4j.data;

import io.github.metarec4j.internal.util.Checks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the MovieLens data sets of GroupLens Research. Their licence forbids
 * redistribution, so the files are never bundled: download them from
 * {@value #ML_100K_URL}.
 *
 * <pre>{@code
 * Dataset data = MovieLens.load100k(MovieLens.defaultPath());
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class MovieLens {

    /** Where MovieLens-100k can be downloaded. */
    public static final String ML_100K_URL = "https://grouplens.org/datasets/movielens/100k/";

    /** The system property that says where MovieLens-100k is (the folder holding {@code u.data}). */
    public static final String ML_100K_PROPERTY = "metarec4j.ml100k";

    private static final List<String> FILES = List.of("u.data", "u.user", "u.item", "u.genre");

    /** "01-Jan-1995"; one film has a one-digit day ("4-Feb-1971"). */
    private static final DateTimeFormatter RELEASE_DATE = DateTimeFormatter.ofPattern("d-MMM-uuuu", Locale.ENGLISH);

    private static final String ITEM_LAYOUT_START = "id|title|release date|video release date|url|";

    private MovieLens() {
    }

    /**
     * Where this machine keeps MovieLens-100k: the system property
     * {@value #ML_100K_PROPERTY} if set, else {@code ../shared/data/ml-100k} relative to
     * the working directory.
     */
    public static Path defaultPath() {
        return DelimitedText.configuredFolder(ML_100K_PROPERTY, Path.of("..", "shared", "data", "ml-100k"));
    }

    /** Whether {@code folder} holds the files of MovieLens-100k that {@link #load100k(Path)} reads. */
    public static boolean isAvailable(Path folder) {
        Checks.notNull(folder, "folder");
        return Files.isDirectory(folder) && FILES.stream().allMatch(f -> Files.isRegularFile(folder.resolve(f)));
    }

    /**
     * Reads MovieLens-100k from {@code folder} (the unzipped {@code ml-100k}): the 100,000
     * ratings of {@code u.data} on the scale 1 to 5, with their timestamps (seconds since
     * the epoch), and the features of every user and every film.
     *
     * <p>Ids are the files' numbers as decimal strings ({@code "1"}, {@code "2"}, ...), so
     * that protocols defined on the numbers (the CS100K benchmark's {@code user_id % 5})
     * can be applied to the dataset without reading the files again. The user features
     * and the catalogue are in the files' order (by id).
     *
     * <p>User features: numeric {@code age}; categorical {@code ageGroup} (the seven groups
     * of MovieLens-1M: {@code <18}, {@code 18-24}, {@code 25-34}, {@code 35-44},
     * {@code 45-49}, {@code 50-55}, {@code 56+}), {@code gender}, {@code occupation}, and
     * {@code zipRegion} (the first digit of the zip code, or {@code other} for a non-US
     * code). Item features: multi-valued {@code genres} (named as in {@code u.genre}),
     * categorical {@code decade} ({@code 1990s}) and numeric {@code year} of release; the
     * last two are absent for the one film without a release date.
     *
     * @throws IllegalArgumentException naming the folder or file that is missing, and where
     *                                  to download the data
     * @throws DataFormatException      if a file is malformed
     * @throws java.io.UncheckedIOException if a file cannot be read
     */
    public static Dataset load100k(Path folder) {
        Checks.notNull(folder, "folder");
        String hint = "; download ml-100k.zip from " + ML_100K_URL + ", unzip it, and pass the ml-100k folder"
                + " (the one holding u.data), or set -D" + ML_100K_PROPERTY + "=<that folder>";
        DelimitedText.requireFolder(folder, "MovieLens-100k folder", hint);
        FILES.forEach(f -> DelimitedText.requireFile(folder.resolve(f), "MovieLens-100k file", hint));

        Dataset.Builder b = Dataset.builder()
                .ratings(new RatingScale(1, 5))
                .userSchema(FeatureSchema.builder().numeric("age").categorical("ageGroup").categorical("gender")
                        .categorical("occupation").categorical("zipRegion").build())
                .itemSchema(FeatureSchema.builder().multiCategorical("genres").categorical("decade")
                        .numeric("year").build());
        // ASCII, except u.item, whose titles are Latin-1 ("Misérables"); no file quotes its cells
        DelimitedText pipes = new DelimitedText('|', false, StandardCharsets.ISO_8859_1);
        readUsers(pipes, folder.resolve("u.user"), b);
        readItems(pipes, folder.resolve("u.item"), readGenres(pipes, folder.resolve("u.genre")), b);
        InteractionLines lines = new InteractionLines(folder.resolve("u.data"));
        new DelimitedText('\t', false, StandardCharsets.ISO_8859_1).forEachRow(folder.resolve("u.data"), row -> {
            row.requireColumns(4, "user, item, rating, timestamp, separated by tabs");
            b.addInteraction(row.id(0, "user id"), row.id(1, "item id"), row.number(2, "rating"),
                    row.integer(3, "timestamp"));
            lines.added(row.line());
        });
        lines.checkRepeats(b);
        return b.build();
    }

    /**
     * The film titles of MovieLens-100k's {@code u.item} in {@code folder}, by item id (the ids
     * of {@link #load100k(Path)}), in the file's order: {@code "1"} is {@code "Toy Story (1995)"}.
     * For showing recommendations; the titles are not features the model learns from.
     *
     * @return an unmodifiable map from item id to title
     * @throws IllegalArgumentException naming the folder or file that is missing, and where to
     *                                  download the data
     * @throws DataFormatException      if {@code u.item} is malformed
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static Map<String, String> titles(Path folder) {
        Checks.notNull(folder, "folder");
        String hint = "; download ml-100k.zip from " + ML_100K_URL + ", unzip it, and pass the ml-100k folder";
        DelimitedText.requireFolder(folder, "MovieLens-100k folder", hint);
        Path items = folder.resolve("u.item");
        DelimitedText.requireFile(items, "MovieLens-100k file", hint);
        Map<String, String> titles = new LinkedHashMap<>();
        new DelimitedText('|', false, StandardCharsets.ISO_8859_1).forEachRow(items, row -> {
            if (row.size() < 2) {
                throw row.wrongWidth("at least 2 (" + ITEM_LAYOUT_START + "genre flags)");
            }
            titles.put(row.id(0, "item id"), row.cell(1));
        });
        return Collections.unmodifiableMap(titles);
    }

    /** {@code id|age|gender|occupation|zip}. */
    private static void readUsers(DelimitedText format, Path file, Dataset.Builder b) {
        format.forEachRow(file, row -> {
            row.requireColumns(5, "id|age|gender|occupation|zip");
            int age = (int) row.integer(1, "age");
            String zip = row.cell(4);
            Features.Builder f = Features.builder().put("age", age).put("ageGroup", ageGroup(age));
            putIfPresent(f, "gender", row.cell(2));
            putIfPresent(f, "occupation", row.cell(3));
            f.put("zipRegion", !zip.isEmpty() && zip.charAt(0) >= '0' && zip.charAt(0) <= '9'
                    ? zip.substring(0, 1) : "other");
            b.addUser(row.id(0, "user id"), f.build());
        });
    }

    /** The age groups of MovieLens-1M, so that models can be compared across the two data sets. */
    static String ageGroup(int age) {
        if (age < 18) {
            return "<18";
        } else if (age < 25) {
            return "18-24";
        } else if (age < 35) {
            return "25-34";
        } else if (age < 45) {
            return "35-44";
        } else if (age < 50) {
            return "45-49";
        } else if (age < 56) {
            return "50-55";
        }
        return "56+";
    }

    /** {@code name|index} lines; the genre names in flag order. */
    private static List<String> readGenres(DelimitedText format, Path file) {
        List<String> genres = new ArrayList<>();
        format.forEachRow(file, row -> {
            row.requireColumns(2, "genre name|index");
            long index = row.integer(1, "index");
            if (index != genres.size()) {
                throw row.error(1, "index", "genre index " + index + " is out of order; expected " + genres.size()
                        + " (genres are listed in the order of u.item's flags)");
            }
            genres.add(row.id(0, "genre name"));
        });
        Checks.argument(!genres.isEmpty(), "MovieLens-100k file " + file.toAbsolutePath().normalize()
                + " lists no genres; expected lines such as 'Action|1'");
        return genres;
    }

    /** {@code id|title|release date|video release date|url|} and one 0/1 flag per genre. */
    private static void readItems(DelimitedText format, Path file, List<String> genres, Dataset.Builder b) {
        String layout = ITEM_LAYOUT_START + genres.size() + " genre flags";
        format.forEachRow(file, row -> {
            row.requireColumns(5 + genres.size(), layout);
            Features.Builder f = Features.builder();
            List<String> itemGenres = new ArrayList<>();
            for (int g = 0; g < genres.size(); g++) {
                String flag = row.cell(5 + g);
                if (!flag.equals("0") && !flag.equals("1")) {
                    throw row.error(5 + g, genres.get(g), "'" + Checks.shown(flag) + "' is not a genre flag; expected 0 or 1");
                }
                if (flag.equals("1")) {
                    itemGenres.add(genres.get(g));
                }
            }
            if (!itemGenres.isEmpty()) {
                f.put("genres", itemGenres);
            }
            String date = row.cell(2);
            // one film (267, "unknown") has no release date: leave year and decade unknown
            if (!date.isEmpty()) {
                int year;
                try {
                    year = LocalDate.parse(date, RELEASE_DATE).getYear();
                } catch (DateTimeParseException e) {
                    throw row.error(2, "release date", "'" + Checks.shown(date) + "' is not a date; expected day-month-year "
                            + "such as 01-Jan-1995, or nothing if unknown");
                }
                f.put("decade", (year / 10 * 10) + "s").put("year", year);
            }
            b.addItem(row.id(0, "item id"), f.build());
        });
    }

    private static void putIfPresent(Features.Builder f, String field, String value) {
        if (!value.isEmpty()) {
            f.put(field, value);
        }
    }
}
