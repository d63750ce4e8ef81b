package io.github.metarec4j.benchmarks;

import io.github.metarec4j.eval.EvaluatedMethod;
import io.github.metarec4j.eval.Methods;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.meta.TrainingListener;
import io.github.metarec4j.model.ScorerConfig;

import java.util.List;

/**
 * The methods the CS100K benchmark can run, by the names its {@code --methods} option takes
 * (plain words, so that no shell needs quoting: the results use the methods' own names,
 * such as {@code damped-bias(5)} or {@code pop+knn(2)}). An enum: immutable and thread-safe.
 */
enum MethodChoice implements BenchmarkMethod {

    /** {@link Methods#globalMean()}. */
    GLOBAL_MEAN("global-mean", false),
    /** {@link Methods#itemMean()}. */
    ITEM_MEAN("item-mean", false),
    /** {@link Methods#userMean()}. */
    USER_MEAN("user-mean", false),
    /** {@link Methods#dampedBias(double)} with the usual damping of 5 ratings. */
    DAMPED_BIAS("damped-bias", false),
    /** {@link Methods#popularity()}. */
    POPULARITY("popularity", false),
    /** {@link Methods#biasedMf()}: ALS with biases, the anchors' settings. */
    BIASED_MF("biased-mf", false),
    /** {@link Methods#itemKnn()}. */
    ITEM_KNN("item-knn", false),
    /** {@link Methods#popularityKnnBlend(double)} with the anchor's weight of 2. */
    POP_KNN("pop-knn", false),
    /** {@link Methods#ease(double)} with the anchor's lambda of 300. */
    EASE("ease", false),
    /** {@link Methods#metaLearned}: the library's recommender with its defaults. */
    META_LEARNED("meta-learned", true),
    /** {@link Methods#secondOrderMaml}: the library's recommender meta-learned by second-order MAML. */
    SECOND_ORDER("second-order", true),
    /** {@link Methods#reptile}: the library's recommender meta-learned by Reptile. */
    REPTILE("reptile", true),
    /** {@link Methods#supervisedAsIs}: the same MLP trained without meta-learning, served as is. */
    SUPERVISED("supervised", true),
    /** {@link Methods#supervisedFineTuned}: that MLP fine-tuned on each user as the meta-learned one adapts. */
    SUPERVISED_FINE_TUNED("supervised-fine-tuned", true);

    private static final double DAMPING = 5;
    private static final double BLEND_WEIGHT = 2;
    private static final double EASE_LAMBDA = 300;

    private final String cliName;
    private final boolean learned;

    MethodChoice(String cliName, boolean learned) {
        this.cliName = cliName;
        this.learned = learned;
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
    public EvaluatedMethod create(ScorerConfig scorer, MamlConfig training, List<TrainingListener> listeners) {
        return switch (this) {
            case GLOBAL_MEAN -> Methods.globalMean();
            case ITEM_MEAN -> Methods.itemMean();
            case USER_MEAN -> Methods.userMean();
            case DAMPED_BIAS -> Methods.dampedBias(DAMPING);
            case POPULARITY -> Methods.popularity();
            case BIASED_MF -> Methods.biasedMf();
            case ITEM_KNN -> Methods.itemKnn();
            case POP_KNN -> Methods.popularityKnnBlend(BLEND_WEIGHT);
            case EASE -> Methods.ease(EASE_LAMBDA);
            case META_LEARNED -> Methods.metaLearned(scorer, training, listeners);
            case SECOND_ORDER -> Methods.secondOrderMaml(scorer, training, listeners);
            case REPTILE -> Methods.reptile(scorer, training, listeners);
            case SUPERVISED -> Methods.supervisedAsIs(scorer, training, listeners);
            case SUPERVISED_FINE_TUNED -> Methods.supervisedFineTuned(scorer, training, listeners);
        };
    }
}
