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

    /** Popularity (artists by their number of training listeners), then the meta-learned recommender. */
    static final List<BenchmarkMethod> ALL = List.of(
            BenchmarkMethod.of("popularity", false, (scorer, training, listeners) -> Methods.popularity()),
            // the library's defaults; the data's implicit feedback selects the implicit objective
            BenchmarkMethod.of("meta-learned", true, Methods::metaLearned));

    private CsLfmMethods() {
    }
}
