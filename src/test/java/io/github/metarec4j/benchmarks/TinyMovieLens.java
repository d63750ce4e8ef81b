package io.github.metarec4j.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny data set in MovieLens-100k's files, just big enough for every scenario of the
 * CS100K protocol: with 30 users, 6 are new (ids 5, 10, .., 30), and of the 40 films 8 are
 * new. Every user rates 28 of the 32 existing films (a new user needs 25) and 7 of the 8 new
 * ones (5 are needed), higher when the film's genre matches the user's taste. Stateless.
 */
public final class TinyMovieLens {

    static final int USERS = 30;
    static final int ITEMS = 40;
    private static final List<String> GENRES = List.of("unknown", "Action", "Comedy", "Drama");
    private static final List<String> OCCUPATIONS = List.of("student", "engineer", "writer", "other");

    private TinyMovieLens() {
    }

    /** Writes u.genre, u.user, u.item and u.data of {@code users} users into {@code dir}. */
    public static void write(Path dir, int users) throws IOException {
        write(dir, users, ITEMS);
    }

    /**
     * As {@link #write(Path, int)} with {@code films} films (a multiple of 40, so each user still
     * leaves out an eighth, a fifth of them new): with 80, an existing user keeps 45 training
     * ratings of their 56 on existing films, enough for a new user of a validation fold.
     */
    static void write(Path dir, int users, int films) throws IOException {
        Files.createDirectories(dir);
        List<String> genres = new ArrayList<>();
        for (int g = 0; g < GENRES.size(); g++) {
            genres.add(GENRES.get(g) + "|" + g);
        }
        write(dir, "u.genre", genres);
        List<String> userLines = new ArrayList<>();
        for (int u = 1; u <= users; u++) {
            userLines.add(u + "|" + (18 + u) + "|" + (u % 2 == 0 ? "F" : "M") + "|" + OCCUPATIONS.get(u % 4)
                    + "|" + (10_000 + 1_000 * (u % 9)));
        }
        write(dir, "u.user", userLines);
        List<String> items = new ArrayList<>();
        for (int i = 1; i <= films; i++) {
            StringBuilder flags = new StringBuilder();
            for (int g = 0; g < GENRES.size(); g++) {
                flags.append('|').append(g == genre(i) ? 1 : 0);
            }
            items.add(i + "|Film " + i + " (19" + (70 + i % 30) + ")|01-Jan-19" + (70 + i % 30) + "||http://x/" + i
                    + flags);
        }
        write(dir, "u.item", items);
        List<String> ratings = new ArrayList<>();
        for (int u = 1; u <= users; u++) {
            int position = 0;
            for (int i = 1; i <= films; i++) {
                // each user leaves out the films i = -u mod 8: of 40, 4 existing, 1 new (8 = 3 mod 5 hits each residue)
                if ((i + u) % 8 == 0) {
                    continue;
                }
                int rating = (genre(i) == u % GENRES.size() ? 4 : 2) + ((u + i) % 3 == 0 ? 1 : 0);
                ratings.add(u + "\t" + i + "\t" + rating + "\t" + (880_000_000L + 1_000L * u + position++));
            }
        }
        write(dir, "u.data", ratings);
    }

    private static int genre(int item) {
        return item % GENRES.size();
    }

    static void write(Path dir, String file, List<String> lines) throws IOException {
        // MovieLens files are Latin-1
        Files.writeString(dir.resolve(file), String.join("\n", lines) + "\n", StandardCharsets.ISO_8859_1);
    }
}
