package io.github.metarec4j;

import io.github.metarec4j.data.Douban;
import io.github.metarec4j.data.Gowalla;
import io.github.metarec4j.data.LastFm;
import io.github.metarec4j.data.MovieLens;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Skips a test whose precondition (usually a data set on disk) does not hold, and says why on
 * the console as well: JUnit's assumptions put the reason only into the surefire reports, so a
 * developer watching {@code mvn test} would not see which tests did not run. Each reason is
 * printed once per test class. Thread-safe.
 */
public final class Skip {

    private static final Set<String> PRINTED = ConcurrentHashMap.newKeySet();

    private Skip() {
    }

    /**
     * Skips the calling test, printing {@code reason} to standard error, unless {@code condition}
     * holds.
     */
    public static void unless(boolean condition, String reason) {
        if (condition) {
            return;
        }
        String caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .map(StackWalker.StackFrame::getDeclaringClass).filter(c -> c != Skip.class).findFirst()
                .map(Class::getSimpleName).orElse("?"));
        if (PRINTED.add(caller + ": " + reason)) {
            System.err.println("[skipped] " + caller + ": " + reason);
        }
        Assumptions.abort(reason);
    }

    /** Skips the calling test, saying how to get the data, unless MovieLens-100k is in {@code folder}. */
    public static void unlessMovieLens(Path folder) {
        unless(MovieLens.isAvailable(folder), "MovieLens-100k not found at " + folder.toAbsolutePath()
                + ": download it from " + MovieLens.ML_100K_URL + " and set -D" + MovieLens.ML_100K_PROPERTY
                + "=<folder>");
    }

    /** Skips the calling test, saying how to get the data, unless Last.fm (HetRec 2011) is in {@code folder}. */
    public static void unlessLastFm(Path folder) {
        unless(LastFm.isAvailable(folder), "Last.fm (HetRec 2011) not found at " + folder.toAbsolutePath()
                + ": download hetrec2011-lastfm-2k from " + LastFm.HETREC_2K_URL + " and set -D"
                + LastFm.HETREC_2K_PROPERTY + "=<folder>");
    }

    /** Skips the calling test, saying how to get the data, unless Douban is in {@code folder}. */
    public static void unlessDouban(Path folder) {
        unless(Douban.isAvailable(folder), "Douban not found at " + folder.toAbsolutePath() + ": convert it from "
                + Douban.SOURCE_URL + " (see shared/data/README.md) and set -D" + Douban.PROPERTY + "=<folder>");
    }

    /** Skips the calling test, saying how to get the data, unless Gowalla (the LightGCN split) is in {@code folder}. */
    public static void unlessGowalla(Path folder) {
        unless(Gowalla.isAvailable(folder), "Gowalla (the LightGCN split) not found at " + folder.toAbsolutePath()
                + ": get " + Gowalla.TRAIN + ", " + Gowalla.VALID + " and " + Gowalla.TEST + " of " + Gowalla.SOURCE_URL
                + " (see shared/data/README.md) and set -D" + Gowalla.PROPERTY + "=<folder>");
    }
}
