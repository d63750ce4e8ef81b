package io.github.metarec4j.model;

import io.github.metarec4j.internal.util.Checks;

import java.util.Arrays;
import java.util.List;

/**
 * Shape and regularisation of the scorer (the maths: docs/algorithm.md in the source repository).
 *
 * <pre>{@code
 * ScorerConfig scorer = ScorerConfig.builder()
 *         .towerSize(32).hiddenLayers(64).itemIdEmbeddingSize(32).userFactors(32).build();
 * }</pre>
 *
 * <p>Immutable value; thread-safe.
 *
 * @param towerSize            width of the user tower and of the item tower (each one dense ReLU layer)
 * @param hiddenLayers         widths of the dense ReLU layers after the concatenation {@code [h_u, h_v, e]}
 *                             (may be empty: the heads are then linear in the concatenation)
 * @param itemIdEmbeddingSize  width of the item-ID embedding fed to the dense layers; 0 disables it
 * @param userFactors          length k of the user's factor vector, which meets each item's factors
 *                             (the item's own, learned from its ID, plus a map of its content); 0 leaves
 *                             only the per-head user biases in the user state
 * @param separateFactors      with two heads, whether each head has its own factors, item and user: a
 *                             user vector per head (the history encoder starts the engagement head's),
 *                             so that what the items a user chose move does not blur their ratings;
 *                             otherwise one user vector and one set of item factors serve both
 * @param historyEncoder       whether the user's starting factor vector adds the support items'
 *                             history embeddings, {@code |S|^-1/2 sum Y[item]} (as FISM), to the part
 *                             computed from the user's features
 * @param itemIdDropout        during training, the probability that a row's item ID is hidden, so that
 *                             the content-only fallback that new items need is trained too (none when
 *                             the items have no features: there is no fallback to train)
 * @param objective            which heads the scorer has (see {@link Objective})
 * @param weightInit           initialisation of the dense weight matrices (DL4J's schemes of the same names); biases start at 0
 * @param negatives            items drawn from the catalogue per task side against which the engagement
 *                             head ranks the interacted items (its sampled softmax)
 * @param engagementWeight     with both heads, the weight of the engagement loss beside the rating loss
 * @param strengthWeights      whether an interaction's value (play count, ...) weighs its row in the
 *                             engagement loss, by {@code 1 + ln(value)}; otherwise every interaction weighs 1
 * @param itemBiasOffset       for the rating head: predict the rating relative to each item's bias in the
 *                             training ratings ({@code mu + b_i + network}), the raters' own biases taken out
 * @param itemBiasDamping      the damping count d of {@code b_i = sum(r - mu - b_u) / (n_i + d)}
 * @param rankingRatingWeight  with both heads, {@code recommend} ranks by
 *                             {@code engagement + rankingRatingWeight * predicted rating}
 * @param innerEngagementLoss  the engagement head's loss in the inner loop (the outer loop's is the
 *                             sampled softmax): binary cross-entropy by default, under which every support
 *                             item pulls the user towards it however well it already ranks
 */
public record ScorerConfig(int towerSize, List<Integer> hiddenLayers, int itemIdEmbeddingSize, int userFactors,
                           boolean separateFactors, boolean historyEncoder, double itemIdDropout,
                           Objective objective, WeightInit weightInit, int negatives, double engagementWeight,
                           boolean strengthWeights, boolean itemBiasOffset, double itemBiasDamping,
                           double rankingRatingWeight, EngagementLoss innerEngagementLoss) {

    /**
     * The largest width of any layer, embedding or factor vector ({@value}): far above what a
     * scorer of users' few ratings needs (tens), and low enough that no product of widths
     * overflows an {@code int}. The whole model is bounded too: at most 2<sup>28</sup> parameters.
     */
    public static final int MAX_WIDTH = 1 << 16;

    /** The most hidden layers ({@value}). */
    public static final int MAX_HIDDEN_LAYERS = 16;

    /** The largest {@code engagementWeight} ({@value}): far beyond it the losses overflow. */
    public static final double MAX_WEIGHT = 1000;

    /** The most sampled negatives per task side ({@value}). */
    public static final int MAX_NEGATIVES = 100_000;

    public ScorerConfig {
        Checks.positive(towerSize, "towerSize");
        atMostMaxWidth(towerSize, "towerSize");
        Checks.notNull(hiddenLayers, "hiddenLayers");
        hiddenLayers = List.copyOf(hiddenLayers);
        Checks.argument(hiddenLayers.size() <= MAX_HIDDEN_LAYERS, "hiddenLayers has " + hiddenLayers.size()
                + " layers, more than the " + MAX_HIDDEN_LAYERS + " allowed; try one or two");
        for (int h : hiddenLayers) {
            Checks.positive(h, "every hidden layer width (got " + hiddenLayers + ")");
            atMostMaxWidth(h, "every hidden layer width (got " + hiddenLayers + ")");
        }
        Checks.nonNegative(itemIdEmbeddingSize, "itemIdEmbeddingSize");
        atMostMaxWidth(itemIdEmbeddingSize, "itemIdEmbeddingSize");
        Checks.nonNegative(userFactors, "userFactors");
        atMostMaxWidth(userFactors, "userFactors");
        Checks.fraction(itemIdDropout, "itemIdDropout");
        Checks.notNull(objective, "objective");
        Checks.notNull(weightInit, "weightInit");
        Checks.positive(negatives, "negatives");
        Checks.argument(negatives <= MAX_NEGATIVES, "negatives must be at most " + MAX_NEGATIVES + ", got "
                + negatives + "; try 100");
        Checks.nonNegative(engagementWeight, "engagementWeight", "the weight of the engagement loss beside "
                + "the rating loss; try 1");
        Checks.argument(engagementWeight <= MAX_WEIGHT, "engagementWeight must be at most " + MAX_WEIGHT + ", got "
                + engagementWeight + ": it weighs the engagement loss beside the rating loss; try 1");
        Checks.nonNegative(itemBiasDamping, "itemBiasDamping", "a count of pseudo-ratings at the mean; try 5");
        Checks.finite(rankingRatingWeight, "rankingRatingWeight");
        Checks.notNull(innerEngagementLoss, "innerEngagementLoss");
        Checks.argument(!historyEncoder || userFactors > 0, "historyEncoder adds to the user's factor vector, "
                + "but userFactors is 0; set userFactors > 0 or turn the history encoder off");
    }

    /** Fails unless {@code value <= MAX_WIDTH}, naming the setting. */
    private static void atMostMaxWidth(int value, String name) {
        if (value > MAX_WIDTH) {
            throw new IllegalArgumentException(name + " must be at most " + MAX_WIDTH + ", got " + value
                    + "; widths of 8 to 256 suit the scorer");
        }
    }

    /**
     * A builder holding the defaults (chosen on validation folds, docs/benchmarks.md "Tuning"):
     * towers of 32, no hidden layer (the heads linear in {@code [h_u, h_v, e]}), item IDs of 32
     * with dropout 0.2, 64 user factors with factors per head, the history encoder, 100 negatives.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.towerSize = towerSize;
        b.hiddenLayers = hiddenLayers;
        b.itemIdEmbeddingSize = itemIdEmbeddingSize;
        b.userFactors = userFactors;
        b.separateFactors = separateFactors;
        b.historyEncoder = historyEncoder;
        b.itemIdDropout = itemIdDropout;
        b.objective = objective;
        b.weightInit = weightInit;
        b.negatives = negatives;
        b.engagementWeight = engagementWeight;
        b.strengthWeights = strengthWeights;
        b.itemBiasOffset = itemBiasOffset;
        b.itemBiasDamping = itemBiasDamping;
        b.rankingRatingWeight = rankingRatingWeight;
        b.innerEngagementLoss = innerEngagementLoss;
        return b;
    }

    /** Builds a validated {@link ScorerConfig}; not thread-safe. */
    public static final class Builder {
        private int towerSize = 32;
        private List<Integer> hiddenLayers = List.of();
        private int itemIdEmbeddingSize = 32;
        private int userFactors = 64;
        private boolean separateFactors = true;
        private boolean historyEncoder = true;
        private double itemIdDropout = 0.2;
        private Objective objective = Objective.AUTO;
        private WeightInit weightInit = WeightInit.RELU;
        private int negatives = 100;
        private double engagementWeight = 1;
        private boolean strengthWeights = false;
        private boolean itemBiasOffset = true;
        private double itemBiasDamping = 1;
        private double rankingRatingWeight = 1;
        private EngagementLoss innerEngagementLoss = EngagementLoss.BINARY;

        private Builder() {
        }

        /** Width of each tower (default 32). */
        public Builder towerSize(int size) {
            this.towerSize = size;
            return this;
        }

        /** Widths of the hidden dense layers after the towers (default none). */
        public Builder hiddenLayers(int... widths) {
            Checks.notNull(widths, "widths");
            this.hiddenLayers = Arrays.stream(widths).boxed().toList();
            return this;
        }

        /** Width of the item-ID embedding fed to the dense layers (default 32; 0 for none). */
        public Builder itemIdEmbeddingSize(int size) {
            this.itemIdEmbeddingSize = size;
            return this;
        }

        /** Length of the user's factor vector (default 64; 0 adapts only the per-head user biases). */
        public Builder userFactors(int k) {
            this.userFactors = k;
            return this;
        }

        /** With two heads, whether each has its own user and item factors (default true). */
        public Builder separateFactors(boolean on) {
            this.separateFactors = on;
            return this;
        }

        /** Whether the support items' history embeddings start the user's factor vector (default true). */
        public Builder historyEncoder(boolean on) {
            this.historyEncoder = on;
            return this;
        }

        /** Training-time probability of hiding a row's item ID (default 0.2). */
        public Builder itemIdDropout(double probability) {
            this.itemIdDropout = probability;
            return this;
        }

        /** The heads (default {@link Objective#AUTO}: from the data). */
        public Builder objective(Objective objective) {
            this.objective = objective;
            return this;
        }

        /** Initialisation of the dense weight matrices (default {@link WeightInit#RELU}). */
        public Builder weightInit(WeightInit init) {
            this.weightInit = init;
            return this;
        }

        /** Sampled catalogue items per task side for the engagement head (default 100). */
        public Builder negatives(int count) {
            this.negatives = count;
            return this;
        }

        /** Weight of the engagement loss beside the rating loss, with both heads (default 1). */
        public Builder engagementWeight(double weight) {
            this.engagementWeight = weight;
            return this;
        }

        /** Whether interaction values weigh the engagement loss by {@code 1 + ln(value)} (default false). */
        public Builder strengthWeights(boolean on) {
            this.strengthWeights = on;
            return this;
        }

        /** Predict ratings relative to each item's damped training bias (default true). */
        public Builder itemBiasOffset(boolean on) {
            this.itemBiasOffset = on;
            return this;
        }

        /** The damping count of the item bias (default 1). */
        public Builder itemBiasDamping(double count) {
            this.itemBiasDamping = count;
            return this;
        }

        /** With both heads, the weight of the predicted rating in {@code recommend}'s score (default 1). */
        public Builder rankingRatingWeight(double weight) {
            this.rankingRatingWeight = weight;
            return this;
        }

        /** The engagement head's loss in the inner loop (default {@link EngagementLoss#BINARY}). */
        public Builder innerEngagementLoss(EngagementLoss loss) {
            this.innerEngagementLoss = loss;
            return this;
        }

        /** The validated configuration. */
        public ScorerConfig build() {
            return new ScorerConfig(towerSize, hiddenLayers, itemIdEmbeddingSize, userFactors, separateFactors,
                    historyEncoder, itemIdDropout, objective, weightInit, negatives, engagementWeight,
                    strengthWeights, itemBiasOffset, itemBiasDamping, rankingRatingWeight, innerEngagementLoss);
        }
    }

    /**
     * Initialisation of the dense weight matrices, by DL4J's scheme of the same name (biases
     * start at 0). An enum: immutable and thread-safe.
     */
    public enum WeightInit {
        /** He et al.: normal with variance 2 / fan-in; for ReLU layers (the default). */
        RELU,
        /** He et al., uniform with the same variance. */
        RELU_UNIFORM,
        /** Glorot and Bengio: normal with variance 2 / (fan-in + fan-out). */
        XAVIER,
        /** Glorot and Bengio, uniform with the same variance. */
        XAVIER_UNIFORM,
        /** LeCun: normal with variance 1 / fan-in. */
        LECUN_NORMAL,
        /** LeCun, uniform with the same variance. */
        LECUN_UNIFORM
    }

    /**
     * How the engagement head's loss compares a user's items with the sampled negatives. An enum:
     * immutable and thread-safe.
     */
    public enum EngagementLoss {
        /**
         * A sampled softmax: each positive against all the negatives at once; it stops pulling once
         * the positive outranks them. The outer loop's loss.
         */
        SOFTMAX,
        /**
         * Binary cross-entropy: every positive against 1, every negative against 0, on its own. In the
         * inner loop it moves the user towards every support item, however well it already ranks: on
         * the CS-LFM validation split, Recall@20 rose to 0.35 over 50 epochs where the softmax in the
         * inner loop plateaued at 0.32 (PyTorch prototype of the same network).
         */
        BINARY
    }
}
