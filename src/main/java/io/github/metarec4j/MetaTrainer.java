package io.github.metarec4j;

import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.internal.meta.MamlTrainer;
import io.github.metarec4j.internal.meta.MetaModel;
import io.github.metarec4j.internal.meta.SupervisedTrainer;
import io.github.metarec4j.internal.meta.TaskGradient;
import io.github.metarec4j.internal.util.Checks;
import io.github.metarec4j.meta.Checkpoints;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.meta.TrainingListener;
import io.github.metarec4j.model.ScorerConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Meta-trains recommenders: a scorer configuration, a training configuration and listeners,
 * whose {@link #fit} turns a {@link Dataset} into a fitted {@link MetaRecommender}.
 *
 * <pre>{@code
 * MetaTrainer trainer = MetaTrainer.builder()
 *         .scorer(ScorerConfig.builder().userFactors(64).build())
 *         .training(MamlConfig.builder().epochs(30).seed(42).build())
 *         .listener(TrainingListener.logging(Duration.ofSeconds(5)))
 *         .build();
 * MetaRecommender rec = trainer.fit(data);
 * }</pre>
 *
 * <p>A trainer is a reusable recipe: {@code fit} never changes it, and each call trains a new,
 * independent model. Immutable. {@code fit} may run on several threads at once when the
 * trainer has no checkpoints (two fits of one trainer would write the same checkpoint file)
 * and its listeners are thread-safe (they see the fits' calls interleaved; the logging
 * listener keeps its last log time unsynchronised, so give each concurrent fit its own).
 */
public final class MetaTrainer {

    /** How the shared weights are learned. An enum: immutable and thread-safe. */
    public enum Algorithm {
        /**
         * First-order MAML with meta-learned inner learning rates (Meta-SGD), the rating head
         * fitted in closed form: the weights are trained so that adapting to a user's support
         * predicts their query well (docs/algorithm.md).
         */
        FIRST_ORDER_MAML,
        /**
         * Second-order MAML: as {@link #FIRST_ORDER_MAML}, but the meta-gradient is the exact
         * derivative of the query loss through the inner loop (the support loss's Hessian-vector
         * products, by central differences, and the closed-form fit's dependence on the item
         * factors). Costs more per task (docs/benchmarks.md has the ablation).
         */
        SECOND_ORDER_MAML,
        /**
         * Reptile (Nichol et al., 2018): for each user, a few plain gradient steps on all shared
         * weights, on their support and then their query, and the outer update moves the weights
         * toward where those steps led. First order and no inner loop through the model's own
         * adaptation, so the inner learning rates, damping and ridge penalties keep their starting
         * values. Needs {@code MamlConfig.innerSteps >= 2}; its step size is
         * {@link MamlConfig#reptileStepSize()}.
         */
        REPTILE,
        /**
         * No meta-learning: the same scorer trained as an ordinary supervised model on every
         * training interaction, from each user's features alone; users are still adapted on
         * their support at serving time as {@link MamlConfig} says. The ablation that shows
         * what meta-learning adds, and a strong baseline (docs/benchmarks.md).
         */
        SUPERVISED
    }

    private final ScorerConfig scorerConfig;
    private final MamlConfig trainingConfig;
    private final List<TrainingListener> listeners;
    private final Optional<Checkpoints> checkpoints;
    private final Algorithm algorithm;
    private final Optional<MetaRecommender> transferSource;

    private MetaTrainer(Builder b) {
        this.scorerConfig = b.scorer;
        this.trainingConfig = b.training;
        this.listeners = List.copyOf(b.listeners);
        this.checkpoints = Optional.ofNullable(b.checkpoints);
        this.algorithm = b.algorithm;
        this.transferSource = Optional.ofNullable(b.transferSource);
    }

    /** A builder holding the default configuration. */
    public static Builder builder() {
        return new Builder();
    }

    /** A trainer with the default configuration and no listeners. */
    public static MetaTrainer defaults() {
        return builder().build();
    }

    /**
     * Meta-trains on {@code data} and returns the fitted recommender.
     *
     * <p>A listener's {@link TrainingListener#stopRequested()} or an interrupt of the calling
     * thread ends training early without an exception (the interrupt flag is left set), with the
     * best weights so far; with {@link Builder#checkpoints}, a later fit resumes from the last
     * checkpoint.
     *
     * @throws IllegalArgumentException if {@code data} is null or cannot be trained on (no user
     *                                  with two interactions, a rating objective on implicit
     *                                  feedback), or the checkpoint file is damaged or from
     *                                  another run
     * @throws java.io.UncheckedIOException if a checkpoint cannot be read or written
     * @throws io.github.metarec4j.meta.TrainingDivergedException if training blows up
     */
    public MetaRecommender fit(Dataset data) {
        Checks.notNull(data, "dataset");
        Optional<MetaModel> source = transferSource.map(MetaRecommender::model);
        MetaModel trained = switch (algorithm) {
            case SUPERVISED -> new SupervisedTrainer(scorerConfig, trainingConfig, listeners, source).fit(data);
            case FIRST_ORDER_MAML -> metaTrain(new TaskGradient.FirstOrder(), source, data);
            case SECOND_ORDER_MAML -> metaTrain(new TaskGradient.SecondOrder(
                    TaskGradient.SecondOrder.SINGLE_PRECISION_STEP), source, data);
            case REPTILE -> metaTrain(new TaskGradient.Reptile(trainingConfig.reptileStepSize()), source, data);
        };
        return new MetaRecommender(trained);
    }

    /** Meta-trains by {@code rule}, with the checkpoints if there are any. */
    private MetaModel metaTrain(TaskGradient rule, Optional<MetaModel> source, Dataset data) {
        MamlTrainer trainer = new MamlTrainer(scorerConfig, trainingConfig, listeners, source, rule);
        return checkpoints.map(trainer::withCheckpoints).orElse(trainer).fit(data);
    }

    /** The scorer configuration. */
    public ScorerConfig scorerConfig() {
        return scorerConfig;
    }

    /** The training configuration. */
    public MamlConfig trainingConfig() {
        return trainingConfig;
    }

    /** How the weights are learned. */
    public Algorithm algorithm() {
        return algorithm;
    }

    /** The model whose transferable weights training starts from; empty for fresh weights. */
    public Optional<MetaRecommender> transferSource() {
        return transferSource;
    }

    @Override
    public String toString() {
        return "MetaTrainer[" + algorithm + ", " + scorerConfig + ", " + trainingConfig + "]";
    }

    /** Collects a trainer's configuration; not thread-safe. */
    public static final class Builder {
        private ScorerConfig scorer = ScorerConfig.builder().build();
        private MamlConfig training = MamlConfig.builder().build();
        private final List<TrainingListener> listeners = new ArrayList<>();
        private Checkpoints checkpoints;
        private Algorithm algorithm = Algorithm.FIRST_ORDER_MAML;
        private MetaRecommender transferSource;

        private Builder() {
        }

        /** The scorer's shape (default: {@code ScorerConfig.builder().build()}). */
        public Builder scorer(ScorerConfig config) {
            this.scorer = Checks.notNull(config, "scorer config");
            return this;
        }

        /** How to meta-train and adapt (default: {@code MamlConfig.builder().build()}). */
        public Builder training(MamlConfig config) {
            Checks.notNull(config, "training config");
            checkReptileSteps(algorithm, config);
            this.training = config;
            return this;
        }

        private static void checkReptileSteps(Algorithm algorithm, MamlConfig training) {
            Checks.argument(algorithm != Algorithm.REPTILE || training.innerSteps() >= 2, "algorithm REPTILE needs "
                    + "at least 2 inner steps (one on the support, one on the query), but the training config has "
                    + "innerSteps " + training.innerSteps() + "; set MamlConfig.builder().innerSteps(2) or more");
        }

        /** Adds a listener to training progress. */
        public Builder listener(TrainingListener listener) {
            listeners.add(Checks.notNull(listener, "listener"));
            return this;
        }

        /**
         * Saves training's state as {@code checkpoints} says, and resumes a fit from a checkpoint
         * of the same configuration and data already there (default: no checkpoints). Only
         * the meta-learning algorithms checkpoint ({@link Algorithm#SUPERVISED} does not).
         *
         * @throws IllegalArgumentException if the algorithm is {@link Algorithm#SUPERVISED}
         */
        public Builder checkpoints(Checkpoints checkpoints) {
            Checks.notNull(checkpoints, "checkpoints");
            Checks.argument(transferSource == null, "checkpoints cannot be combined with transferFrom: a "
                    + "checkpoint does not record the source model; drop one of the two");
            Checks.argument(algorithm != Algorithm.SUPERVISED, "checkpoints cannot be combined with algorithm "
                    + "SUPERVISED: only the meta-learning algorithms save and resume training; drop one of the two");
            this.checkpoints = checkpoints;
            return this;
        }

        /**
         * How the weights are learned (default {@link Algorithm#FIRST_ORDER_MAML}).
         *
         * @throws IllegalArgumentException if {@link Algorithm#SUPERVISED} is asked for after
         *                                  {@link #checkpoints}
         */
        public Builder algorithm(Algorithm algorithm) {
            Checks.notNull(algorithm, "algorithm");
            Checks.argument(algorithm != Algorithm.SUPERVISED || checkpoints == null, "algorithm SUPERVISED "
                    + "cannot be combined with checkpoints: only the meta-learning algorithms save and resume "
                    + "training; drop one of the two");
            checkReptileSteps(algorithm, training);
            this.algorithm = algorithm;
            return this;
        }


        /**
         * Starts training from {@code source}, a model trained on another platform's data (other
         * users, other items, possibly other features), instead of fresh weights: what says how
         * a user adapts carries over (the inner learning rates, damping and ridge penalties,
         * the hidden and output layers, the starting user state), and a feature tower when both
         * data sets encode that side's features identically; the item tables (ID embeddings,
         * factors, biases) never do, since the catalogues share no item. A block carries over
         * only when it has the same shape in both models (the same {@link ScorerConfig} sizes).
         * The target data's own mean rating calibrates its ratings. Measured effect:
         * docs/transfer.md.
         *
         * @throws IllegalArgumentException if {@code source} is null, or checkpoints were set
         */
        public Builder transferFrom(MetaRecommender source) {
            Checks.notNull(source, "transfer source");
            Checks.argument(checkpoints == null, "transferFrom cannot be combined with checkpoints: a checkpoint "
                    + "does not record the source model; drop one of the two");
            this.transferSource = source;
            return this;
        }

        /** The trainer. */
        public MetaTrainer build() {
            return new MetaTrainer(this);
        }
    }
}
