package io.github.metarec4j.eval;

import io.github.metarec4j.internal.util.Checks;

/**
 * Settings of the biased matrix-factorisation baseline ({@link Methods#biasedMf(BiasedMfConfig)}):
 * the model {@code r = mu + b_u + b_i + p_u . q_i} fitted by alternating least squares, a
 * user folded in from their support by the same least squares.
 *
 * <pre>{@code
 * BiasedMfConfig config = BiasedMfConfig.builder().factors(20).factorL2(10).biasL2(1).sweeps(15).build();
 * EvaluatedMethod mf = Methods.biasedMf(config);
 * }</pre>
 *
 * <p>Immutable value; thread-safe.
 *
 * @param factors           k, the length of {@code p_u} and {@code q_i}
 * @param factorL2          the L2 weight on each {@code p_u} and {@code q_i} in every least-squares step
 *                          (not scaled by the number of ratings), at training and at fold-in
 * @param biasL2            the L2 weight on each {@code b_u} and {@code b_i} during training
 * @param sweeps            ALS sweeps, each solving every user, then every item
 * @param initStd           the standard deviation of the normal draws the item factors start from
 * @param foldInBiasDamping the L2 weight on a folded-in user's bias {@code b_u}: with no factors it is
 *                          the damped mean {@code sum(r - mu - b_i) / (n + d)}
 * @param seed              the seed of the initial item factors
 */
public record BiasedMfConfig(int factors, double factorL2, double biasL2, int sweeps, double initStd,
                             double foldInBiasDamping, long seed) {

    /** Fails (IllegalArgumentException, with the value) on a setting out of range. */
    public BiasedMfConfig {
        Checks.positive(factors, "factors");
        Checks.positive(factorL2, "factorL2", "the L2 weight on the factors; 10 is the anchors' (a positive "
                + "weight keeps every least-squares step well posed)");
        Checks.nonNegative(biasL2, "biasL2", "the L2 weight on the biases during training; 1 is the anchors'");
        Checks.positive(sweeps, "sweeps");
        Checks.positive(initStd, "initStd", "the spread of the initial item factors; 0.1 is usual");
        Checks.nonNegative(foldInBiasDamping, "foldInBiasDamping", "the L2 weight on a folded-in user's bias, "
                + "in ratings at the mean; 5 is the anchors'");
    }

    /** A builder holding the defaults, the settings that reproduce the CS100K anchors. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        return new Builder().factors(factors).factorL2(factorL2).biasL2(biasL2).sweeps(sweeps).initStd(initStd)
                .foldInBiasDamping(foldInBiasDamping).seed(seed);
    }

    /** Collects settings; {@link #build} checks them. Not thread-safe. */
    public static final class Builder {
        private int factors = 20;
        private double factorL2 = 10;
        private double biasL2 = 1;
        private int sweeps = 15;
        private double initStd = 0.1;
        private double foldInBiasDamping = 5;
        private long seed = 42;

        private Builder() {
        }

        /** Length of the factor vectors (default 20). */
        public Builder factors(int factors) {
            this.factors = factors;
            return this;
        }

        /** L2 weight on the factors, in training and at fold-in (default 10). */
        public Builder factorL2(double weight) {
            this.factorL2 = weight;
            return this;
        }

        /** L2 weight on the biases in training (default 1). */
        public Builder biasL2(double weight) {
            this.biasL2 = weight;
            return this;
        }

        /** ALS sweeps (default 15). */
        public Builder sweeps(int sweeps) {
            this.sweeps = sweeps;
            return this;
        }

        /** Standard deviation of the initial item factors (default 0.1). */
        public Builder initStd(double std) {
            this.initStd = std;
            return this;
        }

        /** L2 weight on a folded-in user's bias (default 5). */
        public Builder foldInBiasDamping(double damping) {
            this.foldInBiasDamping = damping;
            return this;
        }

        /** Seed of the initial item factors (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The configuration; fails (IllegalArgumentException) on a setting out of range. */
        public BiasedMfConfig build() {
            return new BiasedMfConfig(factors, factorL2, biasL2, sweeps, initStd, foldInBiasDamping, seed);
        }
    }
}
