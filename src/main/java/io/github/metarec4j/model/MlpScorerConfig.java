package io.github.metarec4j.model;

import io.github.metarec4j.util.Checks;
import org.deeplearning4j.nn.weights.WeightInit;

import java.util.Arrays;
import java.util.List;

/**
 * Shape and regularisation of the two-tower MLP scorer.
 *
 * <pre>{@code
 * MlpScorerConfig scorer = MlpScorerConfig.builder()
 *         .towerSize(32).hiddenLayers(64, 64).itemIdEmbeddingSize(32).itemIdDropout(0.2).build();
 * }</pre>
 *
 * <p>Immutable value; thread-safe.
 *
 * @param towerSize           width of the user tower and of the item tower (each one dense ReLU layer)
 * @param hiddenLayers        widths of the dense ReLU layers after the concatenation (may be empty)
 * @param itemIdEmbeddingSize width of the item-ID embedding concatenated beside the towers; 0 disables it
 * @param itemIdDropout       during training, the probability that a row's item ID is replaced by the
 *                            shared "unknown" embedding, so the model learns the content-only fallback
 *                            it needs for new items
 * @param objective           rating regression or implicit-feedback classification
 * @param weightInit          initialisation of the weight matrices (DL4J's schemes); biases start at 0
 * @param negativesPerPositive for {@link Objective#IMPLICIT}: sampled negative items per positive one
 * @param itemBiasOffset      for {@link Objective#RATING}: predict the rating relative to each
 *                            item's damped bias in the training ratings ({@code mu + b_i + network}),
 *                            so the network spends its capacity on what a user's taste adds
 * @param itemBiasDamping     the damping count d of {@code b_i = sum(r - mu) / (n_i + d)}
 */
public record MlpScorerConfig(int towerSize, List<Integer> hiddenLayers, int itemIdEmbeddingSize,
                              double itemIdDropout, Objective objective, WeightInit weightInit,
                              int negativesPerPositive, boolean itemBiasOffset, double itemBiasDamping) {

    public MlpScorerConfig {
        Checks.positive(towerSize, "towerSize");
        Checks.notNull(hiddenLayers, "hiddenLayers");
        hiddenLayers = List.copyOf(hiddenLayers);
        for (int h : hiddenLayers) {
            Checks.positive(h, "every hidden layer width (got " + hiddenLayers + ")");
        }
        Checks.nonNegative(itemIdEmbeddingSize, "itemIdEmbeddingSize");
        Checks.fraction(itemIdDropout, "itemIdDropout");
        Checks.notNull(objective, "objective");
        Checks.notNull(weightInit, "weightInit");
        Checks.positive(negativesPerPositive, "negativesPerPositive");
        Checks.nonNegative(itemBiasDamping, "itemBiasDamping", "a count of pseudo-ratings at the mean; try 5");
    }

    /** A builder holding the defaults: towers of 32, hidden layers 64-64, item IDs of 32 with dropout 0.2. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.towerSize = towerSize;
        b.hiddenLayers = hiddenLayers;
        b.itemIdEmbeddingSize = itemIdEmbeddingSize;
        b.itemIdDropout = itemIdDropout;
        b.objective = objective;
        b.weightInit = weightInit;
        b.negativesPerPositive = negativesPerPositive;
        b.itemBiasOffset = itemBiasOffset;
        b.itemBiasDamping = itemBiasDamping;
        return b;
    }

    /** Builds a validated {@link MlpScorerConfig}; not thread-safe. */
    public static final class Builder {
        private int towerSize = 32;
        private List<Integer> hiddenLayers = List.of(64, 64);
        private int itemIdEmbeddingSize = 32;
        private double itemIdDropout = 0.2;
        private Objective objective = Objective.AUTO;
        private WeightInit weightInit = WeightInit.RELU;
        private int negativesPerPositive = 4;
        private boolean itemBiasOffset = true;
        private double itemBiasDamping = 5;

        private Builder() {
        }

        /** Width of each tower (default 32). */
        public Builder towerSize(int size) {
            this.towerSize = size;
            return this;
        }

        /** Widths of the dense layers after the towers (default 64, 64; none is allowed). */
        public Builder hiddenLayers(int... widths) {
            Checks.notNull(widths, "widths");
            this.hiddenLayers = Arrays.stream(widths).boxed().toList();
            return this;
        }

        /** Width of the item-ID embedding (default 32; 0 scores items from content alone). */
        public Builder itemIdEmbeddingSize(int size) {
            this.itemIdEmbeddingSize = size;
            return this;
        }

        /** Training-time probability of hiding a row's item ID (default 0.2). */
        public Builder itemIdDropout(double probability) {
            this.itemIdDropout = probability;
            return this;
        }

        /** Rating regression or implicit classification (default {@link Objective#AUTO}: from the data). */
        public Builder objective(Objective objective) {
            this.objective = objective;
            return this;
        }

        /** Initialisation of the weight matrices (default {@link WeightInit#RELU}). */
        public Builder weightInit(WeightInit init) {
            this.weightInit = init;
            return this;
        }

        /** Sampled negatives per positive, for implicit feedback (default 4). */
        public Builder negativesPerPositive(int count) {
            this.negativesPerPositive = count;
            return this;
        }

        /** Predict ratings relative to each item's damped training bias (default true). */
        public Builder itemBiasOffset(boolean on) {
            this.itemBiasOffset = on;
            return this;
        }

        /** The damping count of the item bias (default 5). */
        public Builder itemBiasDamping(double count) {
            this.itemBiasDamping = count;
            return this;
        }

        /** The validated configuration. */
        public MlpScorerConfig build() {
            return new MlpScorerConfig(towerSize, hiddenLayers, itemIdEmbeddingSize, itemIdDropout, objective,
                    weightInit, negativesPerPositive, itemBiasOffset, itemBiasDamping);
        }
    }
}
