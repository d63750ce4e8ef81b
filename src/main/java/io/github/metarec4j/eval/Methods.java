package io.github.metarec4j.eval;

import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.meta.TrainingListener;
import io.github.metarec4j.model.MlpScorerConfig;
import io.github.metarec4j.util.Checks;

import java.util.List;

/**
 * The methods the library evaluates: baselines and adapters for its learned recommenders,
 * all {@link EvaluatedMethod}s for the {@link Evaluator}.
 *
 * <pre>{@code
 * List<EvaluatedMethod> methods = List.of(
 *         Methods.globalMean(), Methods.itemMean(), Methods.userMean(), Methods.dampedBias(5),
 *         Methods.popularity(),
 *         Methods.metaLearned(scorer, maml),
 *         Methods.supervisedAsIs(scorer, maml), Methods.supervisedFineTuned(scorer, maml));
 * }</pre>
 *
 * <p>Every baseline learns only from the training data it is fitted on. Stateless and
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
     * The meta-learned {@code MetaRecommender}: meta-trained with {@code training}, each user
     * adapted on their support by its inner loop. Name {@code meta-learned}.
     */
    public static EvaluatedMethod metaLearned(MlpScorerConfig scorer, MamlConfig training) {
        return metaLearned(scorer, training, List.of());
    }

    /** {@link #metaLearned(MlpScorerConfig, MamlConfig)}, with listeners told of training progress. */
    public static EvaluatedMethod metaLearned(MlpScorerConfig scorer, MamlConfig training,
                                              List<TrainingListener> listeners) {
        return new LearnedMethod("meta-learned", LearnedMethod.Training.META, scorer, training, listeners);
    }

    /**
     * The same scorer trained without meta-learning ({@code meta.SupervisedTrainer}, with
     * {@code training}'s optimiser settings) and served as is: {@code innerSteps} set to 0,
     * so no user is adapted. Name {@code supervised}.
     */
    public static EvaluatedMethod supervisedAsIs(MlpScorerConfig scorer, MamlConfig training) {
        return supervisedAsIs(scorer, training, List.of());
    }

    /** {@link #supervisedAsIs(MlpScorerConfig, MamlConfig)}, with listeners told of training progress. */
    public static EvaluatedMethod supervisedAsIs(MlpScorerConfig scorer, MamlConfig training,
                                                 List<TrainingListener> listeners) {
        Checks.notNull(training, "training config");
        return new LearnedMethod("supervised", LearnedMethod.Training.SUPERVISED, scorer,
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
    public static EvaluatedMethod supervisedFineTuned(MlpScorerConfig scorer, MamlConfig training) {
        return supervisedFineTuned(scorer, training, List.of());
    }

    /** {@link #supervisedFineTuned(MlpScorerConfig, MamlConfig)}, with listeners told of training progress. */
    public static EvaluatedMethod supervisedFineTuned(MlpScorerConfig scorer, MamlConfig training,
                                                      List<TrainingListener> listeners) {
        Checks.notNull(training, "training config");
        Checks.argument(training.innerSteps() > 0, "supervisedFineTuned needs innerSteps > 0 to fine-tune each "
                + "user; got 0: use supervisedAsIs for the model served as is");
        return new LearnedMethod("supervised+fine-tuning", LearnedMethod.Training.SUPERVISED, scorer, training,
                listeners);
    }
}
