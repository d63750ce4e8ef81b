package io.github.metarec4j.meta;

import io.github.metarec4j.internal.util.Checks;
import io.github.metarec4j.model.AdaptationScope;

/**
 * How meta-training runs (first-order MAML with learned inner learning rates) and how a user
 * is adapted.
 *
 * <pre>{@code
 * MamlConfig training = MamlConfig.builder().innerSteps(3).innerLearningRate(0.3)
 *         .metaBatchSize(32).epochs(30).seed(42).build();
 * }</pre>
 *
 * <p>Immutable value; thread-safe.
 *
 * @param innerSteps           gradient steps on a user's support set (also at serving time, in {@code adapt})
 * @param innerLearningRate    the step size of those steps: the starting value of every learned rate, or
 *                             the fixed rate when {@code learnInnerRates} is off
 * @param learnInnerRates      whether each adapted value's step size is learned in the outer loop (Meta-SGD)
 * @param adaptationDamping    the starting count d of the damping that shrinks the inner loop's change by the
 *                             support's size n, {@code n / (n + d)}, learned per adapted value; 0 disables the
 *                             damping (the inner loss is a mean, so without it 5 ratings move a user as far
 *                             as 500)
 * @param ridgePenalty         the starting penalty of the ridge regression that solves the rating head's user
 *                             values in closed form (its factors and bias, when they are the rating head's
 *                             own and only the user state is adapted), learned per value; 0 adapts them by
 *                             the inner loop's steps instead
 * @param outerLearningRate    Adam's learning rate for the shared parameters
 * @param metaBatchSize        tasks (users) per outer update
 * @param epochs               passes over the training users (an upper bound with early stopping)
 * @param minSupport           smallest support set of a training task
 * @param maxSupport           largest support set of a training task; each task draws its size in
 *                             {@code [minSupport, maxSupport]}, so the shared parameters suit any support
 *                             size a new user may bring
 * @param maxQuery             largest query set of a training task
 * @param adaptationScope      which parameters the inner loop adapts
 * @param taskOrder            how training users are cut into support and query sets
 * @param gradientClipNorm     rescales the meta-gradient to this L2 norm when it is longer; 0 disables
 * @param itemL2               L2 penalty on the item tables' rows a query row reads (ID embedding, factors,
 *                             biases), per row, as matrix factorisation regularises by SGD
 * @param validationFraction   share of the users (among those with enough interactions) held out to pick
 *                             the best epoch and stop early; 0 disables validation and early stopping
 * @param validationSupport    support size of a validation user: their first interactions
 * @param validationQueryStart where a validation user's query starts (0-based position), as the
 *                             cold-start protocol skips a new user's interactions between the support and
 *                             the query; users need {@code validationQueryStart + 5} interactions
 * @param maxValidationQuery   largest query set of a validation user
 * @param patience             epochs without a better validation score before training stops; 0 trains
 *                             all epochs (still keeping the best epoch's parameters)
 * @param selection            what picks the best epoch
 * @param seed                 the seed of every random choice (initial weights, validation users, task
 *                             splits, dropout, negatives)
 * @param threads              threads meta-steps spread users over; 0 uses every available processor.
 *                             Results are bit-reproducible for a seed and a thread count
 * @param reptileStepSize      the learning rate of Reptile's inner steps on the shared parameters
 *                             ({@code MetaTrainer.Algorithm.REPTILE}; the other algorithms ignore it)
 */
public record MamlConfig(int innerSteps, double innerLearningRate, boolean learnInnerRates,
                         double adaptationDamping, double ridgePenalty, double outerLearningRate,
                         int metaBatchSize, int epochs, int minSupport, int maxSupport, int maxQuery,
                         AdaptationScope adaptationScope, TaskOrder taskOrder, double gradientClipNorm,
                         double itemL2, double validationFraction, int validationSupport, int validationQueryStart,
                         int maxValidationQuery, int patience, SelectionMetric selection, long seed, int threads,
                         double reptileStepSize) {

    /** The fewest query interactions a validation user needs after {@code validationQueryStart}. */
    public static final int MIN_VALIDATION_QUERY = 5;

    /**
     * The most inner steps ({@value}): each costs a forward and backward pass per user per
     * meta-step and per {@code adapt}, and a few (1 to 10) are what MAML uses.
     */
    public static final int MAX_INNER_STEPS = 100;

    public MamlConfig {
        Checks.nonNegative(innerSteps, "innerSteps");
        Checks.argument(innerSteps <= MAX_INNER_STEPS, "innerSteps must be at most " + MAX_INNER_STEPS + ", got "
                + innerSteps + ": each step is a pass over the user's support in training and in adapt; try 1 to 10");
        Checks.positive(innerLearningRate, "innerLearningRate",
                "the inner loop's step size on a user's support set; try 0.1 to 1");
        Checks.nonNegative(adaptationDamping, "adaptationDamping", "a count of pseudo-interactions at the "
                + "starting state; try 5, or 0 for no damping");
        Checks.nonNegative(ridgePenalty, "ridgePenalty", "the prior's weight in the rating head's closed-form "
                + "fit, in ratings; try 10, or 0 to adapt by steps");
        Checks.positive(outerLearningRate, "outerLearningRate",
                "Adam's step size for the shared parameters; try 1e-4 to 1e-2");
        Checks.positive(metaBatchSize, "metaBatchSize");
        Checks.positive(epochs, "epochs");
        Checks.positive(minSupport, "minSupport");
        Checks.argument(maxSupport >= minSupport,
                "maxSupport (" + maxSupport + ") must be >= minSupport (" + minSupport + ")");
        Checks.positive(maxQuery, "maxQuery");
        Checks.notNull(adaptationScope, "adaptationScope");
        Checks.notNull(taskOrder, "taskOrder");
        Checks.nonNegative(gradientClipNorm, "gradientClipNorm", "use 0 to disable clipping");
        Checks.nonNegative(itemL2, "itemL2", "use 0 for no penalty on the item tables' rows");
        Checks.fraction(validationFraction, "validationFraction");
        Checks.positive(validationSupport, "validationSupport");
        Checks.argument(validationQueryStart >= validationSupport, "validationQueryStart ("
                + validationQueryStart + ") must be >= validationSupport (" + validationSupport
                + "): the query comes after the support");
        Checks.positive(maxValidationQuery, "maxValidationQuery");
        Checks.nonNegative(patience, "patience");
        Checks.notNull(selection, "selection");
        Checks.nonNegative(threads, "threads");
        Checks.positive(reptileStepSize, "reptileStepSize", "the learning rate of Reptile's inner steps on the "
                + "shared parameters; try 0.03 to 0.3");
    }

    /** The number of threads meta-steps use: {@link #threads()}, or every available processor for 0. */
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
                .learnInnerRates(learnInnerRates).adaptationDamping(adaptationDamping).ridgePenalty(ridgePenalty)
                .outerLearningRate(outerLearningRate).metaBatchSize(metaBatchSize)
                .epochs(epochs).supportSize(minSupport, maxSupport).maxQuery(maxQuery)
                .adaptationScope(adaptationScope).taskOrder(taskOrder).gradientClipNorm(gradientClipNorm)
                .itemL2(itemL2).validationFraction(validationFraction).validationSupport(validationSupport)
                .validationQueryStart(validationQueryStart).maxValidationQuery(maxValidationQuery)
                .patience(patience).selection(selection).seed(seed).threads(threads)
                .reptileStepSize(reptileStepSize);
    }

    /** Builds a validated {@link MamlConfig}; not thread-safe. */
    public static final class Builder {
        private int innerSteps = 3;
        private double innerLearningRate = 1;
        private boolean learnInnerRates = true;
        private double adaptationDamping = 0;
        private double ridgePenalty = 10;
        private double outerLearningRate = 3e-3;
        private int metaBatchSize = 32;
        private int epochs = 100;
        private int minSupport = 5;
        private int maxSupport = 20;
        private int maxQuery = 40;
        private AdaptationScope adaptationScope = AdaptationScope.USER;
        private TaskOrder taskOrder = TaskOrder.AUTO;
        private double gradientClipNorm = 10;
        private double itemL2 = 0.05;
        private double validationFraction = 0.1;
        private int validationSupport = 10;
        private int validationQueryStart = 20;
        private int maxValidationQuery = 100;
        private int patience = 10;
        private SelectionMetric selection = SelectionMetric.AUTO;
        private long seed = 42;
        private int threads = 0;
        private double reptileStepSize = 0.1;

        private Builder() {
        }

        /**
         * The learning rate of Reptile's inner steps on the shared parameters (default 0.1, chosen
         * on the CS100K validation users: docs/benchmarks.md); only
         * {@code MetaTrainer.Algorithm.REPTILE} reads it.
         */
        public Builder reptileStepSize(double stepSize) {
            this.reptileStepSize = stepSize;
            return this;
        }

        /** Gradient steps of the inner loop, in training and in {@code adapt} (default 3; 0 serves the starting state). */
        public Builder innerSteps(int steps) {
            this.innerSteps = steps;
            return this;
        }

        /** Step size of the inner loop, or the starting value of the learned ones (default 1). */
        public Builder innerLearningRate(double rate) {
            this.innerLearningRate = rate;
            return this;
        }

        /** Whether every adapted value's step size is learned (Meta-SGD; default true). */
        public Builder learnInnerRates(boolean on) {
            this.learnInnerRates = on;
            return this;
        }

        /** The starting damping count of the inner loop's change (default 0: off; see the tuning table in docs/benchmarks.md). */
        public Builder adaptationDamping(double count) {
            this.adaptationDamping = count;
            return this;
        }

        /** The starting penalty of the rating head's closed-form fit (default 10; 0 adapts by steps). */
        public Builder ridgePenalty(double penalty) {
            this.ridgePenalty = penalty;
            return this;
        }

        /** Adam's learning rate for the shared parameters (default 3e-3). */
        public Builder outerLearningRate(double rate) {
            this.outerLearningRate = rate;
            return this;
        }

        /** Users per outer update (default 32). */
        public Builder metaBatchSize(int tasks) {
            this.metaBatchSize = tasks;
            return this;
        }

        /** Most passes over the training users (default 100; early stopping may end sooner). */
        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /** Support sets of training tasks draw their size uniformly from {@code [min, max]} (default 5 to 20). */
        public Builder supportSize(int min, int max) {
            this.minSupport = min;
            this.maxSupport = max;
            return this;
        }

        /** Largest query set of a training task (default 40). */
        public Builder maxQuery(int rows) {
            this.maxQuery = rows;
            return this;
        }

        /** Which parameters the inner loop adapts (default {@link AdaptationScope#USER}). */
        public Builder adaptationScope(AdaptationScope scope) {
            this.adaptationScope = scope;
            return this;
        }

        /** How training users are cut into support and query (default {@link TaskOrder#AUTO}). */
        public Builder taskOrder(TaskOrder order) {
            this.taskOrder = order;
            return this;
        }

        /** Largest L2 norm of the meta-gradient (default 10; 0 disables clipping). */
        public Builder gradientClipNorm(double norm) {
            this.gradientClipNorm = norm;
            return this;
        }

        /** L2 penalty per item-table row read by a query row (default 0.05). */
        public Builder itemL2(double penalty) {
            this.itemL2 = penalty;
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

        /** Position where a validation user's query starts (default 20, as CS100K's new users). */
        public Builder validationQueryStart(int position) {
            this.validationQueryStart = position;
            return this;
        }

        /** Largest query set of a validation user (default 100). */
        public Builder maxValidationQuery(int rows) {
            this.maxValidationQuery = rows;
            return this;
        }

        /** Epochs without a better validation score before training stops (default 10; 0 never stops early). */
        public Builder patience(int epochs) {
            this.patience = epochs;
            return this;
        }

        /** What picks the best epoch (default {@link SelectionMetric#AUTO}). */
        public Builder selection(SelectionMetric metric) {
            this.selection = metric;
            return this;
        }

        /** The seed of every random choice (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Threads of the meta-steps (default 0: every available processor). */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** The validated configuration. */
        public MamlConfig build() {
            return new MamlConfig(innerSteps, innerLearningRate, learnInnerRates, adaptationDamping, ridgePenalty,
                    outerLearningRate, metaBatchSize,
                    epochs, minSupport, maxSupport, maxQuery, adaptationScope, taskOrder, gradientClipNorm, itemL2,
                    validationFraction, validationSupport, validationQueryStart, maxValidationQuery, patience,
                    selection, seed, threads, reptileStepSize);
        }
    }

    /**
     * How a training user's history is cut into a support set and a query set at every epoch.
     * An enum: immutable and thread-safe.
     */
    public enum TaskOrder {
        /** {@link #TEMPORAL} when the data's interactions have distinct timestamps, {@link #RANDOM} otherwise. */
        AUTO,
        /**
         * The support is the user's first interactions, the query drawn from the later ones: the
         * situation of a new user, whose first interactions must predict what they do next.
         */
        TEMPORAL,
        /** Support and query drawn at random from the whole history (for data without time order). */
        RANDOM
    }

    /**
     * What picks the best epoch on the validation users (and stops training early). An enum:
     * immutable and thread-safe.
     */
    public enum SelectionMetric {
        /**
         * {@link #MAE} for a rating model, {@link #RECALL} for an engagement model, and for both heads
         * {@link #MAE_THEN_RECALL} when each head has its own factors ({@link #MAE} when they share
         * them). On the CS100K validation folds the rating head overfits from the first epochs while
         * the engagement head keeps learning: the loss, which the engagement term dominates, picked
         * epochs that cost 0.009 of MAE for 0.011 of P@10.
         */
        AUTO,
        /** The validation users' query loss, the training objective itself (lower is better). */
        LOSS,
        /** Mean absolute error of the predicted ratings, on the rating scale (lower is better). */
        MAE,
        /**
         * Recall@20 of {@code recommend}'s ranking over the catalogue: the share of each validation
         * user's relevant query items (every one for implicit feedback; for ratings, those in the
         * top quarter of the scale) among their top 20, the support left out (higher is better).
         */
        RECALL,
        /**
         * Two phases, for both heads with their own factors: the epoch with the best MAE ends the
         * first; its parameters are kept and training goes on with only the engagement head's own
         * parameters (its factors, biases, columns, rates; see {@code ParameterLayout.ownedBy}) free,
         * until Recall@20 stops improving. The rating head, and the towers both heads read, stay
         * exactly as they were at the best MAE.
         */
        MAE_THEN_RECALL
    }
}
