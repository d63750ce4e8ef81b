package io.github.metarec4j.eval;

import io.github.metarec4j.MetaTrainer;
import io.github.metarec4j.internal.util.Checks;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.meta.TrainingListener;
import io.github.metarec4j.model.ScorerConfig;

import java.util.List;

/**
 * The methods the library evaluates: baselines and adapters for its learned recommenders,
 * all {@link EvaluatedMethod}s for the {@link Evaluator}.
 *
 * <pre>{@code
 * List<EvaluatedMethod> methods = List.of(
 *         Methods.globalMean(), Methods.itemMean(), Methods.userMean(), Methods.dampedBias(5),
 *         Methods.popularity(), Methods.biasedMf(), Methods.itemKnn(), Methods.popularityKnnBlend(2),
 *         Methods.ease(300),
 *         Methods.metaLearned(scorer, maml),
 *         Methods.supervisedAsIs(scorer, maml), Methods.supervisedFineTuned(scorer, maml));
 * }</pre>
 *
 * <p>Every baseline learns only from the training data it is fitted on, and works on
 * implicit feedback too (values such as play counts; no rating scale, no features needed):
 * item-kNN, EASE and the blend read only who interacted with what. Stateless and
 * thread-safe; so are the methods it returns.
 */
public final class Methods {

    private Methods() {
    }

    /** The mean of all training ratings, for every user and item. Name {@code global-mean}. */
    public static EvaluatedMethod globalMean() {
        return Baselines.globalMean();
    }

    /**
     * The item's mean training rating; the global mean for an item without training ratings.
     * Name {@code item-mean}.
     */
    public static EvaluatedMethod itemMean() {
        return Baselines.itemMean();
    }

    /**
     * The mean of the user's support ratings, for every item; the global mean for an empty
     * support. Name {@code user-mean}.
     */
    public static EvaluatedMethod userMean() {
        return Baselines.userMean();
    }

    /**
     * The damped bias baseline {@code mu + b_i + b_u}: {@code mu} the training mean,
     * {@code b_i = sum(r - mu) / (n_i + d)} over the item's training ratings,
     * {@code b_u = sum(r - mu - b_i) / (n_u + d)} over the user's support ratings, with
     * {@code d = damping} (a bias over no ratings is 0). Name {@code damped-bias(d)}.
     *
     * @param damping d, the weight of the prior that a bias is 0, in ratings; 5 is usual
     * @throws IllegalArgumentException if {@code damping} is negative or not finite
     */
    public static EvaluatedMethod dampedBias(double damping) {
        return Baselines.dampedBias(damping);
    }

    /**
     * Ranks items by their number of training interactions (the same list for every user);
     * predicts no ratings, so it has ranking metrics only. Name {@code popularity}.
     */
    public static EvaluatedMethod popularity() {
        return Baselines.popularity();
    }

    /**
     * Biased matrix factorisation with the settings of the CS100K anchors
     * ({@link BiasedMfConfig#builder()}'s defaults: 20 factors, L2 10 on the factors and 1 on
     * the biases, 15 ALS sweeps, a folded-in user's bias damped by 5). Name {@code biased-mf}.
     *
     * @see #biasedMf(BiasedMfConfig)
     */
    public static EvaluatedMethod biasedMf() {
        return biasedMf(BiasedMfConfig.builder().build());
    }

    /**
     * Biased matrix factorisation {@code r = mu + b_u + b_i + p_u . q_i}, fitted by alternating
     * least squares on the training ratings; each user, warm or new, is folded in from their
     * support without retraining: {@code (b_u, p_u)} by ridge regression of
     * {@code r - mu - b_i} on {@code [1, q_i]}, L2 {@code factorL2} on {@code p_u} and
     * {@code foldInBiasDamping} on {@code b_u}. Predicts ratings (explicit feedback) and ranks
     * by them; on implicit feedback it fits the values as given and only ranks. Name
     * {@code biased-mf}.
     */
    public static EvaluatedMethod biasedMf(BiasedMfConfig config) {
        return new BiasedMf(config);
    }

    /**
     * Item-kNN: cosine similarity of items over the training users (who interacted with what,
     * values ignored); an item's score is the sum of its similarities to the support items.
     * Ranks only. Name {@code item-knn}.
     */
    public static EvaluatedMethod itemKnn() {
        return ItemKnn.plain();
    }

    /**
     * Popularity blended with item-kNN: {@code log(1 + count) + weight * knn / |S|},
     * {@code count} the item's training interactions (as {@link #popularity()}), {@code knn}
     * the {@link #itemKnn()} score, {@code |S|} the number of distinct support items (an empty
     * support leaves popularity alone). Ranks only. Name {@code pop+knn(weight)}.
     *
     * @param weight the weight of the kNN term; 2 is the CS100K anchor's
     * @throws IllegalArgumentException if {@code weight} is negative or not finite
     */
    public static EvaluatedMethod popularityKnnBlend(double weight) {
        return ItemKnn.blendedWithPopularity(weight);
    }

    /**
     * EASE (Steck 2019) over every item with training interactions: {@code B} the closed-form
     * item-item weights of {@code X^T X + lambda I} on the binary training matrix, a user's
     * scores {@code x_u B} with {@code x_u} their binary support. Ranks only. Name
     * {@code ease(lambda)}.
     *
     * @param lambda the L2 weight on B; 300 is the CS100K anchor's
     * @throws IllegalArgumentException if {@code lambda} is not positive and finite
     */
    public static EvaluatedMethod ease(double lambda) {
        return new Ease(lambda, 1);
    }

    /**
     * {@link #ease(double)} over the items with at least {@code minUsers} distinct training
     * users (the Last.fm benchmark: lambda 500, 3 users, a few thousand of its 15k artists);
     * items left out rank below every item modelled. Name {@code ease(lambda)}, or
     * {@code ease(lambda,min-users=m)} for {@code minUsers > 1}.
     *
     * @throws IllegalArgumentException if {@code lambda} is not positive and finite, or
     *                                  {@code minUsers < 1}
     */
    public static EvaluatedMethod ease(double lambda, int minUsers) {
        return new Ease(lambda, minUsers);
    }

    /**
     * Any configured trainer's recommender (a transfer source, an algorithm, listeners): fitted by
     * {@code trainer.fit}, each user adapted by {@link io.github.metarec4j.MetaRecommender#adapt}.
     *
     * @throws IllegalArgumentException if {@code name} is blank or {@code trainer} null
     */
    public static EvaluatedMethod learned(String name, MetaTrainer trainer) {
        return new LearnedMethod(name, trainer);
    }

    /**
     * The meta-learned {@code MetaRecommender}: meta-trained with {@code training}, each user
     * adapted on their support by its inner loop. Name {@code meta-learned}.
     */
    public static EvaluatedMethod metaLearned(ScorerConfig scorer, MamlConfig training) {
        return metaLearned(scorer, training, List.of());
    }

    /** {@link #metaLearned(ScorerConfig, MamlConfig)}, with listeners told of training progress. */
    public static EvaluatedMethod metaLearned(ScorerConfig scorer, MamlConfig training,
                                              List<TrainingListener> listeners) {
        return new LearnedMethod("meta-learned", MetaTrainer.Algorithm.FIRST_ORDER_MAML, scorer, training, listeners);
    }

    /**
     * The library's recommender meta-learned by second-order MAML
     * ({@code MetaTrainer.Algorithm.SECOND_ORDER_MAML}), otherwise as {@link #metaLearned}. Name
     * {@code second-order MAML}.
     */
    public static EvaluatedMethod secondOrderMaml(ScorerConfig scorer, MamlConfig training,
                                                  List<TrainingListener> listeners) {
        return new LearnedMethod("second-order MAML", MetaTrainer.Algorithm.SECOND_ORDER_MAML, scorer, training,
                listeners);
    }

    /**
     * The library's recommender meta-learned by Reptile ({@code MetaTrainer.Algorithm.REPTILE},
     * its default step size), otherwise as {@link #metaLearned}; {@code training.innerSteps()} must
     * be at least 2. Name {@code Reptile}.
     */
    public static EvaluatedMethod reptile(ScorerConfig scorer, MamlConfig training,
                                          List<TrainingListener> listeners) {
        return new LearnedMethod("Reptile", MetaTrainer.Algorithm.REPTILE, scorer, training, listeners);
    }

    /**
     * The same scorer trained without meta-learning ({@code meta.SupervisedTrainer}, with
     * {@code training}'s optimiser settings) and served as is: {@code innerSteps} set to 0,
     * so no user is adapted. Name {@code supervised}.
     */
    public static EvaluatedMethod supervisedAsIs(ScorerConfig scorer, MamlConfig training) {
        return supervisedAsIs(scorer, training, List.of());
    }

    /** {@link #supervisedAsIs(ScorerConfig, MamlConfig)}, with listeners told of training progress. */
    public static EvaluatedMethod supervisedAsIs(ScorerConfig scorer, MamlConfig training,
                                                 List<TrainingListener> listeners) {
        Checks.notNull(training, "training config");
        return new LearnedMethod("supervised", MetaTrainer.Algorithm.SUPERVISED, scorer,
                training.toBuilder().innerSteps(0).build(), listeners);
    }

    /**
     * The same scorer trained without meta-learning and fine-tuned on each user's support
     * with {@code training}'s inner-loop settings, exactly as a meta-learned model adapts:
     * the two differ only in how the initial weights were learned. Name
     * {@code supervised+fine-tuning}.
     *
     * @throws IllegalArgumentException if {@code training.innerSteps()} is 0 (nothing to fine-tune;
     *                                  use {@link #supervisedAsIs})
     */
    public static EvaluatedMethod supervisedFineTuned(ScorerConfig scorer, MamlConfig training) {
        return supervisedFineTuned(scorer, training, List.of());
    }

    /** {@link #supervisedFineTuned(ScorerConfig, MamlConfig)}, with listeners told of training progress. */
    public static EvaluatedMethod supervisedFineTuned(ScorerConfig scorer, MamlConfig training,
                                                      List<TrainingListener> listeners) {
        Checks.notNull(training, "training config");
        Checks.argument(training.innerSteps() > 0, "supervisedFineTuned needs innerSteps > 0 to fine-tune each "
                + "user; got 0: use supervisedAsIs for the model served as is");
        return new LearnedMethod("supervised+fine-tuning", MetaTrainer.Algorithm.SUPERVISED, scorer, training,
                listeners);
    }
}
