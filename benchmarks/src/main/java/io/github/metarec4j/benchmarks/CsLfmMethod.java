package io.github.metarec4j.benchmarks;

import io.github.metarec4j.eval.EvaluatedMethod;
import io.github.metarec4j.eval.Methods;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.meta.TrainingListener;
import io.github.metarec4j.model.MlpScorerConfig;

import java.util.List;

/**
 * The methods the CS-LFM benchmark can run, by the names its {@code --methods} option takes,
 * in the order it runs them (baselines first, then the learned methods once per seed). A
 * method joins with one line: its name, whether it trains, and how {@link Methods} makes it
 * (a baseline ignores the configurations and listeners). An enum: immutable and thread-safe.
 */
enum CsLfmMethod implements BenchmarkMethod {

    /** {@link Methods#popularity()}: artists by their number of training listeners. */
    POPULARITY("popularity", false, (scorer, training, listeners) -> Methods.popularity()),
    /**
     * {@link Methods#metaLearned}: the library's recommender with its defaults; the data's
     * implicit feedback selects the implicit objective (sigmoid, sampled negatives).
     */
    META_LEARNED("meta-learned", true, Methods::metaLearned);

    /** How a method is made from the learned methods' configuration. */
    @FunctionalInterface
    interface Factory {
        EvaluatedMethod create(MlpScorerConfig scorer, MamlConfig training, List<TrainingListener> listeners);
    }

    private final String cliName;
    private final boolean learned;
    private final Factory factory;

    CsLfmMethod(String cliName, boolean learned, Factory factory) {
        this.cliName = cliName;
        this.learned = learned;
        this.factory = factory;
    }

    @Override
    public String cliName() {
        return cliName;
    }

    @Override
    public boolean learned() {
        return learned;
    }

    @Override
    public EvaluatedMethod create(MlpScorerConfig scorer, MamlConfig training, List<TrainingListener> listeners) {
        return factory.create(scorer, training, listeners);
    }
}
