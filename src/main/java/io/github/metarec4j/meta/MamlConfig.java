package io.github.metarec4j.meta;

import io.github.metarec4j.model.AdaptationScope;
import io.github.metarec4j.util.Checks;

/**
 * How meta-training runs (first-order MAML) and how a user is adapted.
 *
 * <pre>{@code
 * MamlConfig training = MamlConfig.builder().innerSteps(5).innerLearningRate(0.05)
 *         .metaBatchSize(32).epochs(30).seed(42).build();
 * }</pre>
 *
 * <p>Immutable value; thread-safe.
 *
 * @param innerSteps          SGD steps on a user's support set (also at serving time, in {@code adapt})
 * @param innerLearningRate   step size of those steps
 * @param outerLearningRate   Adam's learning rate for the shared initial weights
 * @param metaBatchSize       tasks (users) per outer update
 * @param epochs              passes over the training users (an upper bound with early stopping)
 * @param minSupport          smallest support set of a training task
 * @param maxSupport          largest support set of a training task; each task draws its size in
 *                            {@code [minSupport, maxSupport]}, so the initial weights suit any
 *                            support size a new user may bring
 * @param maxQuery            largest query set of a training task
 * @param adaptationScope     which parameters the inner loop adapts
 * @param gradientClipNorm    rescales the meta-gradient to this L2 norm when it is longer; 0 disables
 * @param validationFraction  share of training users held out to pick the best epoch and stop early;
 *                            0 disables validation (and early stopping)
 * @param validationSupport   support size of a validation user (their first interactions); the rest,
 *                            up to {@code maxValidationQuery}, is their query
 * @param maxValidationQuery  largest query set of a validation user
 * @param patience            epochs without a better validation score before training stops; 0
 *                            trains all epochs (still keeping the best epoch's weights)
 * @param seed                the seed of every random choice (initial weights, validation users,
 *                            task splits, dropout, negatives)
 * @param engine              how meta-steps are computed (same result, different speed)
 * @param threads             threads the {@link TrainingEngine#KERNEL} engine spreads users over; 0 uses
 *                            every available processor. Results are bit-reproducible for a seed and a
 *                            thread count (with {@code Nd4jThreads.singleThreaded()})
 */
public record MamlConfig(int innerSteps, double innerLearningRate, double outerLearningRate, int metaBatchSize,
                         int epochs, int minSupport, int maxSupport, int maxQuery, AdaptationScope adaptationScope,
                         double gradientClipNorm, double validationFraction, int validationSupport,
                         int maxValidationQuery, int patience, long seed, TrainingEngine engine, int threads) {

    public MamlConfig {
        Checks.nonNegative(innerSteps, "innerSteps");
        Checks.positive(innerLearningRate, "innerLearningRate",
                "the inner loop takes SGD steps of this size on a user's support set; try 0.01 to 0.1");
        Checks.positive(outerLearningRate, "outerLearningRate",
                "Adam's step size for the shared weights; try 1e-4 to 1e-2");
        Checks.positive(metaBatchSize, "metaBatchSize");
        Checks.positive(epochs, "epochs");
        Checks.positive(minSupport, "minSupport");
        Checks.argument(maxSupport >= minSupport,
                "maxSupport (" + maxSupport + ") must be >= minSupport (" + minSupport + ")");
        Checks.positive(maxQuery, "maxQuery");
        Checks.notNull(adaptationScope, "adaptationScope");
        Checks.nonNegative(gradientClipNorm, "gradientClipNorm", "use 0 to disable clipping");
        Checks.fraction(validationFraction, "validationFraction");
        Checks.positive(validationSupport, "validationSupport");
        Checks.positive(maxValidationQuery, "maxValidationQuery");
        Checks.nonNegative(patience, "patience");
        Checks.notNull(engine, "engine");
        Checks.nonNegative(threads, "threads");
    }

    /** The number of threads the kernel engine uses: {@link #threads()}, or every available processor for 0. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        return new Builder().innerSteps(innerSteps).innerLearningRate(innerLearningRate)
                .outerLearningRate(outerLearningRate).metaBatchSize(metaBatchSize).epochs(epochs)
                .supportSize(minSupport, maxSupport).maxQuery(maxQuery).adaptationScope(adaptationScope)
                .gradientClipNorm(gradientClipNorm).validationFraction(validationFraction)
                .validationSupport(validationSupport).maxValidationQuery(maxValidationQuery).patience(patience)
                .seed(seed).engine(engine).threads(threads);
    }

    /** Builds a validated {@link MamlConfig}; not thread-safe. */
    public static final class Builder {
        private int innerSteps = 5;
        private double innerLearningRate = 0.05;
        private double outerLearningRate = 1e-3;
        private int metaBatchSize = 32;
        private int epochs = 30;
        private int minSupport = 5;
        private int maxSupport = 20;
        private int maxQuery = 20;
        private AdaptationScope adaptationScope = AdaptationScope.DENSE;
        private double gradientClipNorm = 10;
        private double validationFraction = 0.1;
        private int validationSupport = 10;
        private int maxValidationQuery = 100;
        private int patience = 5;
        private long seed = 42;
        private TrainingEngine engine = TrainingEngine.AUTO;
        private int threads = 0;

        private Builder() {
        }

        /** SGD steps of the inner loop, in training and in {@code adapt} (default 5; 0 serves the shared weights as they are). */
        public Builder innerSteps(int steps) {
            this.innerSteps = steps;
            return this;
        }

        /** Step size of the inner loop (default 0.05). */
        public Builder innerLearningRate(double rate) {
            this.innerLearningRate = rate;
            return this;
        }

        /** Adam's learning rate for the shared weights (default 1e-3). */
        public Builder outerLearningRate(double rate) {
            this.outerLearningRate = rate;
            return this;
        }

        /** Users per outer update (default 32). */
        public Builder metaBatchSize(int tasks) {
            this.metaBatchSize = tasks;
            return this;
        }

        /** Most passes over the training users (default 30; early stopping may end sooner). */
        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /** Support sets of training tasks draw their size uniformly from {@code [min, max]}. */
        public Builder supportSize(int min, int max) {
            this.minSupport = min;
            this.maxSupport = max;
            return this;
        }

        /** Largest query set of a training task (default 20). */
        public Builder maxQuery(int rows) {
            this.maxQuery = rows;
            return this;
        }

        /** Which parameters the inner loop adapts (default {@link AdaptationScope#DENSE}). */
        public Builder adaptationScope(AdaptationScope scope) {
            this.adaptationScope = scope;
            return this;
        }

        /** Largest L2 norm of the meta-gradient (default 10; 0 disables clipping). */
        public Builder gradientClipNorm(double norm) {
            this.gradientClipNorm = norm;
            return this;
        }

        /** Share of users held out for validation and early stopping (default 0.1; 0 disables). */
        public Builder validationFraction(double fraction) {
            this.validationFraction = fraction;
            return this;
        }

        /** Support size of a validation user, their first interactions (default 10). */
        public Builder validationSupport(int k) {
            this.validationSupport = k;
            return this;
        }

        /** Largest query set of a validation user (default 100). */
        public Builder maxValidationQuery(int rows) {
            this.maxValidationQuery = rows;
            return this;
        }

        /** Epochs without a better validation score before training stops (default 5; 0 never stops early). */
        public Builder patience(int epochs) {
            this.patience = epochs;
            return this;
        }

        /** The seed of every random choice (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** How meta-steps are computed (default {@link TrainingEngine#AUTO}). */
        public Builder engine(TrainingEngine engine) {
            this.engine = engine;
            return this;
        }

        /** Threads of the kernel engine (default 0: every available processor). */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** The validated configuration. */
        public MamlConfig build() {
            return new MamlConfig(innerSteps, innerLearningRate, outerLearningRate, metaBatchSize, epochs,
                    minSupport, maxSupport, maxQuery, adaptationScope, gradientClipNorm, validationFraction,
                    validationSupport, maxValidationQuery, patience, seed, engine, threads);
        }
    }
}
