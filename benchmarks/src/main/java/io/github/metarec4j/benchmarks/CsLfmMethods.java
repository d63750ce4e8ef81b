package io.github.metarec4j.benchmarks;

import io.github.metarec4j.eval.Methods;

import java.util.List;

/**
 * The methods the CS-LFM benchmark can run, by the names its {@code --methods} option takes,
 * in the order it runs them (baselines once, then the learned methods once per seed). A
 * method joins with one line: its name, whether it trains, and how {@link Methods} makes it
 * (a baseline ignores the configurations and listeners). Stateless and thread-safe.
 */
final class CsLfmMethods {

    private static final double EASE_LAMBDA = 500;
    private static final int EASE_MIN_USERS = 3;
    private static final double BLEND_WEIGHT = 2;

    /**
     * The baselines of the anchors (popularity, item-kNN, EASE with lambda 500 over artists
     * with at least 3 training listeners, log-popularity + 2 x item-kNN / |S|), then the
     * meta-learned recommender.
     */
    static final List<BenchmarkMethod> ALL = List.of(
            BenchmarkMethod.of("popularity", false, (scorer, training, listeners) -> Methods.popularity()),
            BenchmarkMethod.of("item-knn", false, (scorer, training, listeners) -> Methods.itemKnn()),
            BenchmarkMethod.of("ease", false, (scorer, training, listeners) -> Methods.ease(EASE_LAMBDA,
                    EASE_MIN_USERS)),
            BenchmarkMethod.of("pop-knn", false, (scorer, training, listeners) -> Methods.popularityKnnBlend(
                    BLEND_WEIGHT)),
            // the library's defaults; the data's implicit feedback selects the implicit objective
            BenchmarkMethod.of("meta-learned", true, Methods::metaLearned));

    private CsLfmMethods() {
    }
}
