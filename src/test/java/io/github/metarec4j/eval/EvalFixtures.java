package io.github.metarec4j.eval;

import io.github.metarec4j.Skip;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.MovieLens;
import io.github.metarec4j.data.RatingScale;

import java.nio.file.Path;
import java.util.List;


/** Data for the eval tests: a small hand-made data set, and MovieLens-100k split once per JVM. */
final class EvalFixtures {

    /** The 32 existing items 1..40 (ids not multiples of 5), ascending. */
    static final List<String> EXISTING = java.util.stream.IntStream.rangeClosed(1, 40).filter(i -> i % 5 != 0)
            .mapToObj(Integer::toString).toList();
    /** The 8 new items 5, 10, .., 40. */
    static final List<String> NEW = List.of("5", "10", "15", "20", "25", "30", "35", "40");

    private static ProtocolSplit ml100k;

    private EvalFixtures() {
    }

    /**
     * Users and their ratings (items 1..40; an item is new when its id % 5 == 0):
     * <ul>
     *   <li>1 (existing): existing items 7, 1, 3, 2, 4, 6 and new items 5, 10, 15, 20, 25. Items 7
     *       and 1 share timestamp 100, so the protocol orders them 1, 7; E = 3, 2, 1, 7, 4, 6.</li>
     *   <li>2 (existing): one rating, of item 1: no training rating, a warm query of one.</li>
     *   <li>3 (existing): only new items 5, 10, 15: in no scenario.</li>
     *   <li>5 (new): the 25 existing items 1..31 at times 1000 + position, and new items 5..25.</li>
     *   <li>10 (new): 24 existing items and 4 new ones: too few for either new-user rule.</li>
     * </ul>
     * Every item 1..40 is rated by someone or described, so the catalogue is 1..40.
     */
    static Dataset small() {
        Dataset.Builder b = Dataset.builder().ratings(new RatingScale(1, 5));
        // user 1: (item, rating, time)
        int[][] one = {{7, 5, 100}, {1, 4, 100}, {3, 2, 10}, {2, 3, 20}, {4, 1, 200}, {6, 5, 300},
                {5, 4, 50}, {10, 2, 60}, {15, 5, 70}, {20, 3, 80}, {25, 4, 90}};
        for (int[] x : one) {
            b.addInteraction("1", Integer.toString(x[0]), x[1], x[2]);
        }
        b.addInteraction("2", "1", 4, 5);
        for (String i : List.of("5", "10", "15")) {
            b.addInteraction("3", i, 3, 7);
        }
        for (int p = 0; p < 25; p++) {
            b.addInteraction("5", EXISTING.get(p), 1 + p % 5, 1000 + p);
        }
        for (int p = 0; p < 5; p++) {
            b.addInteraction("5", NEW.get(p), 5 - p % 5, 2000 + p);
        }
        for (int p = 0; p < 24; p++) {
            b.addInteraction("10", EXISTING.get(31 - p), 3, 10 + p);
        }
        for (int p = 0; p < 4; p++) {
            b.addInteraction("10", NEW.get(7 - p), 2, 50 + p);
        }
        return b.build();
    }

    /**
     * MovieLens-100k cut by the protocol, read once per JVM; the test is skipped (with how to
     * get the data) where it is absent. Call from {@code @BeforeEach}: surefire reports a
     * class-level skip without its message.
     */
    static synchronized ProtocolSplit ml100k() {
        Path path = MovieLens.defaultPath();
        Skip.unlessMovieLens(path);
        if (ml100k == null) {
            ml100k = ColdStartProtocol.cs100k().split(MovieLens.load100k(path));
        }
        return ml100k;
    }
}
