package io.github.metarec4j.benchmarks;

import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.model.ScorerConfig;

import java.util.List;
import java.util.stream.LongStream;

/**
 * What the learned methods of one benchmark run are trained with: one scorer and one
 * training configuration, and the seeds, each giving one training per learned method.
 *
 * <p>Immutable value; thread-safe.
 *
 * @param scorer   the scorer of every learned method
 * @param training the training configuration; its seed is replaced by each of {@code seeds}
 * @param seeds    the seeds, the first the library's default so that one run reproduces the defaults
 */
record BenchmarkConfig(ScorerConfig scorer, MamlConfig training, List<Long> seeds) {

    /** Copies the seeds. */
    BenchmarkConfig {
        seeds = List.copyOf(seeds);
    }

    /**
     * The library's defaults ({@code ScorerConfig.builder().build()},
     * {@code MamlConfig.builder().build()}), or with {@code --quick} a tiny scorer trained
     * for 2 epochs; then {@code --epochs} if given. Seeds count up from the library's
     * default seed.
     */
    static BenchmarkConfig of(BenchmarkOptions options) {
        ScorerConfig scorer = options.quick()
                ? ScorerConfig.builder().towerSize(8).hiddenLayers(16).itemIdEmbeddingSize(8).userFactors(8).negatives(10).build()
                : ScorerConfig.builder().build();
        MamlConfig.Builder training = options.quick()
                ? MamlConfig.builder().epochs(2).metaBatchSize(8).maxValidationQuery(20)
                : MamlConfig.builder();
        options.epochs().ifPresent(training::epochs);
        MamlConfig config = options.overrides().training(training.build());
        scorer = options.overrides().scorer(scorer);
        List<Long> seeds = LongStream.range(0, options.seeds()).map(i -> config.seed() + i).boxed().toList();
        return new BenchmarkConfig(scorer, config, seeds);
    }

    /** The training configuration with {@code seed}. */
    MamlConfig training(long seed) {
        return training.toBuilder().seed(seed).build();
    }
}
