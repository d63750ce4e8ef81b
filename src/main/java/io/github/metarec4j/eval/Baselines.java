package io.github.metarec4j.eval;

import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.data.Interactions;
import io.github.metarec4j.internal.util.Checks;

import java.util.List;
import java.util.OptionalInt;
import java.util.function.BiFunction;
import java.util.function.ToDoubleFunction;

/**
 * The non-learned methods behind {@link Methods}: each fits a few training statistics and
 * scores an item for a user by a formula. Immutable; thread-safe.
 */
final class Baselines {

    private Baselines() {
    }

    /** A baseline: a name, and a formula that turns the training statistics and a support set into item scores. */
    record Baseline(String name, boolean predictsRatings,
                    BiFunction<Statistics, List<Interaction>, ToDoubleFunction<String>> formula)
            implements EvaluatedMethod {

        @Override
        public FittedMethod fit(Dataset training) {
            Statistics stats = new Statistics(Checks.notNull(training, "training"));
            return new Fitted(stats, this);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private record Fitted(Statistics stats, Baseline baseline) implements FittedMethod {

        @Override
        public AdaptedUser adapt(String userId, Features features, List<Interaction> support) {
            Checks.notNull(support, "support");
            ToDoubleFunction<String> score = baseline.formula.apply(stats, support);
            return new AdaptedUser() {
                @Override
                public double[] predictRatings(List<String> items) {
                    if (!baseline.predictsRatings) {
                        throw new UnsupportedOperationException(baseline.name + " ranks items but does not "
                                + "predict ratings");
                    }
                    return rankingScores(items);
                }

                @Override
                public double[] rankingScores(List<String> items) {
                    return Checks.notNull(items, "items").stream().mapToDouble(score).toArray();
                }
            };
        }

        @Override
        public boolean predictsRatings() {
            return baseline.predictsRatings;
        }
    }

    /** The training mean, and each item's count and sum of training values. */
    static final class Statistics {
        final double mean;
        private final Interactions table;
        private final int[] count;
        private final double[] sum;

        Statistics(Dataset training) {
            this.table = training.interactions();
            this.count = new int[table.items().size()];
            this.sum = new double[table.items().size()];
            double total = 0;
            for (int r = 0; r < table.size(); r++) {
                count[table.itemIndex(r)]++;
                sum[table.itemIndex(r)] += table.value(r);
                total += table.value(r);
            }
            this.mean = total / table.size();
        }

        /** Training interactions of {@code item}; 0 for an item without any. */
        int count(String item) {
            // no stream here: this runs once per candidate per user (millions of times on a large catalogue)
            OptionalInt i = table.items().indexOf(item);
            return i.isPresent() ? count[i.getAsInt()] : 0;
        }

        /** Sum of the training values of {@code item}; 0 for an item without any. */
        double sum(String item) {
            OptionalInt i = table.items().indexOf(item);
            return i.isPresent() ? sum[i.getAsInt()] : 0;
        }

        /** The item's mean training value, or the global mean for an item without any. */
        double itemMean(String item) {
            int n = count(item);
            return n == 0 ? mean : sum(item) / n;
        }

        /**
         * The damped item bias {@code sum(r - mu) / (n + d)}, computed as
         * {@code (sum(r) - n mu) / (n + d)} so that items with the same ratings get exactly the
         * same bias (and tie).
         */
        double itemBias(String item, double damping) {
            return ratio(sum(item) - count(item) * mean, count(item) + damping);
        }
    }

    /** {@code a / b}, or 0 when {@code b} is 0 (no ratings and no damping: no bias). */
    static double ratio(double a, double b) {
        return b == 0 ? 0 : a / b;
    }

    static EvaluatedMethod globalMean() {
        return new Baseline("global-mean", true, (s, support) -> item -> s.mean);
    }

    static EvaluatedMethod itemMean() {
        return new Baseline("item-mean", true, (s, support) -> s::itemMean);
    }

    static EvaluatedMethod userMean() {
        return new Baseline("user-mean", true, (s, support) -> {
            double m = support.isEmpty() ? s.mean : support.stream().mapToDouble(Interaction::value).average()
                    .orElseThrow();
            return item -> m;
        });
    }

    static EvaluatedMethod dampedBias(double damping) {
        Checks.nonNegative(damping, "damping", "it shrinks the biases towards 0 like that many extra ratings "
                + "at the mean; 5 is usual, 0 gives plain means");
        return new Baseline("damped-bias(" + formatNumber(damping) + ")", true, (s, support) -> {
            double residual = 0;
            for (Interaction x : support) {
                residual += x.value() - s.mean - s.itemBias(x.itemId(), damping);
            }
            double userBias = ratio(residual, support.size() + damping);
            return item -> s.mean + s.itemBias(item, damping) + userBias;
        });
    }

    static EvaluatedMethod popularity() {
        return new Baseline("popularity", false, (s, support) -> s::count);
    }

    /** A setting for a method's name: {@code 5} for 5.0, {@code 2.5} for 2.5. */
    static String formatNumber(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
