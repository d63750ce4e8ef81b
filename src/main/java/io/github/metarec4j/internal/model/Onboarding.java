package io.github.metarec4j.internal.model;

import io.github.metarec4j.internal.util.Checks;

/**
 * How much a user's feedback on each catalogue item would teach their adapted values: the
 * expected reduction of the uncertainty in their predictions over the catalogue, from the
 * closed-form view of the head's user values (docs/onboarding.md).
 *
 * <p>The head's output is linear in the user's values {@code w} (its factors and bias) with
 * the item's row {@code x = [q, 1]}, and adapting fits {@code w} to the support with a
 * Gaussian prior of precision {@code diag(lambda)}: the rating head's learned ridge penalties,
 * or for a head whose values are stepped, the reciprocal of each value's inner learning rate (a
 * gradient step of rate {@code eta} from the prior is the ridge of penalty {@code 1 / eta} to
 * first order). With {@code Sigma = (X_S^T X_S + diag(lambda))^-1} given the items already
 * rated, a rating of item {@code i} (unit noise, the ridge's loss) lowers the predictive
 * variance of item {@code j} by {@code (x_j^T Sigma x_i)^2 / (1 + x_i^T Sigma x_i)}; its gain is
 * that summed over the catalogue with weights {@code c_j}:
 * {@code x_i^T Sigma C Sigma x_i / (1 + x_i^T Sigma x_i)}, {@code C = sum_j c_j x_j x_j^T}.
 *
 * <p>Stateless; thread-safe.
 */
public final class Onboarding {

    private Onboarding() {
    }

    /**
     * Each catalogue item's gain (see the class comment), in catalogue order.
     *
     * @param network the scorer's definition
     * @param params  its parameters
     * @param scorer  the catalogue's cached item part (its item factors)
     * @param rated   catalogue indices of the items the user has already given feedback on
     * @param weights each catalogue item's weight {@code c_j} in the variance summed (non-negative)
     * @param fixedRate the inner learning rate when the rates are not learned
     */
    public static double[] gains(Network network, JavaTensors.Parameters params, CatalogueScorer scorer, int[] rated,
                                 double[] weights, double fixedRate) {
        Network.Items<JavaTensors.Matrix> items = scorer.items();
        int n = items.size();
        Checks.argument(weights.length == n, "one weight per item: " + n + " items, " + weights.length + " weights");
        ParameterLayout layout = network.layout();
        int head = network.objective().hasRatingHead() ? network.objective().ratingHead()
                : network.objective().engagementHead();
        int k = layout.factorHeads() == 0 ? 0 : layout.factors();
        int from = layout.factorHeads() == 2 ? head * k : 0;
        int d = k + 1;
        double[] lambda = penalties(network, params, head, from, k, fixedRate);
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                x[i][j] = items.q.a[i][from + j];
            }
            x[i][k] = 1;
        }
        double[][] support = new double[rated.length][];
        for (int s = 0; s < rated.length; s++) {
            support[s] = x[rated[s]];
        }
        Ridge posterior = Ridge.solve(support, new double[rated.length], lambda, new double[d]);
        double[][] c = new double[d][d];
        double[][] sx = new double[n][];
        for (int i = 0; i < n; i++) {
            sx[i] = posterior.inverseTimes(x[i]);
            double w = weights[i];
            if (w == 0) {
                continue;
            }
            for (int a = 0; a < d; a++) {
                double wa = w * x[i][a];
                for (int b = 0; b < d; b++) {
                    c[a][b] += wa * x[i][b];
                }
            }
        }
        double[] gain = new double[n];
        double[] cv = new double[d];
        for (int i = 0; i < n; i++) {
            double[] v = sx[i];
            double quadratic = 0;
            for (int a = 0; a < d; a++) {
                double sum = 0;
                for (int b = 0; b < d; b++) {
                    sum += c[a][b] * v[b];
                }
                cv[a] = sum;
            }
            double variance = 0;
            for (int a = 0; a < d; a++) {
                quadratic += v[a] * cv[a];
                variance += x[i][a] * v[a];
            }
            gain[i] = quadratic / (1 + variance);
        }
        return gain;
    }

    /** The prior precisions of the head's values: its factors from {@code from}, then its bias. */
    private static double[] penalties(Network network, JavaTensors.Parameters params, int head, int from, int k,
                                      double fixedRate) {
        ParameterLayout layout = network.layout();
        JavaTensors t = new JavaTensors(params);
        double[] lambda = new double[k + 1];
        if (layout.ridge() && network.objective().hasRatingHead() && head == network.objective().ratingHead()) {
            double[] log = t.values(t.param(layout.block(ParameterLayout.INNER_RIDGE)))[0];
            for (int j = 0; j <= k; j++) {
                lambda[j] = Math.exp(log[j]);
            }
            return lambda;
        }
        double[] logRates = network.logRates(t, fixedRate);
        for (int j = 0; j < k; j++) {
            lambda[j] = Math.exp(-logRates[from + j]);
        }
        lambda[k] = Math.exp(-logRates[layout.biasOffset() + head]);
        return lambda;
    }
}
