package io.github.metarec4j.eval;

import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.IdIndex;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.internal.util.Checks;

import java.util.ArrayList;
import java.util.List;

/**
 * EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019) behind
 * {@link Methods#ease(double)}.
 *
 * <p>Fit: {@code X} the binary training matrix ({@link TrainingMatrix}: ratings and play
 * counts alike count as 1) restricted to the items with at least {@code minUsers} distinct
 * training users; {@code P = (X^T X + lambda I)^-1} ({@link SymmetricInverse}, double
 * precision); {@code B = I - P diag(1 / diag(P))}, that is {@code B_ij = -P_ij / P_jj} off the
 * diagonal and {@code B_jj = 0}, the closed form of
 * {@code min ||X - X B||^2 + lambda ||B||^2} subject to {@code diag(B) = 0}.
 *
 * <p>Adapt: the support folded in as {@code x_u B}, {@code x_u} the binary vector of the
 * support items (values ignored; on the CS100K anchor, a rating-valued {@code x_u} gave P@10
 * 0.149 against the anchor's 0.142, and a rating-valued {@code X} 0.130). Items the model
 * does not hold (too few training users, or none) score below every item it holds:
 * {@code min(0, min(x_u B)) - 1}, since a score of 0 would rank them above the items
 * {@code x_u B} pushes below 0.
 *
 * <p>Immutable; thread-safe, as are its fitted models.
 */
final class Ease implements EvaluatedMethod {

    private final double lambda;
    private final int minUsers;

    Ease(double lambda, int minUsers) {
        this.lambda = Checks.positive(lambda, "lambda", "EASE's L2 weight on B; the anchors use 300 on "
                + "MovieLens-100k and 500 on Last.fm");
        this.minUsers = Checks.positive(minUsers, "minUsers (the fewest training users an item needs to be "
                + "modelled)");
    }

    @Override
    public String name() {
        String lambdaText = Baselines.formatNumber(lambda);
        return minUsers <= 1 ? "ease(" + lambdaText + ")" : "ease(" + lambdaText + ",min-users=" + minUsers + ")";
    }

    @Override
    public FittedMethod fit(Dataset training) {
        TrainingMatrix matrix = TrainingMatrix.of(Checks.notNull(training, "training"));
        List<String> kept = new ArrayList<>();
        int[] column = new int[matrix.itemCount()];
        for (int i = 0; i < matrix.itemCount(); i++) {
            column[i] = matrix.usersOf(i).length >= minUsers ? kept.size() : -1;
            if (column[i] >= 0) {
                kept.add(matrix.items().id(i));
            }
        }
        int n = kept.size();
        Checks.argument(n > 0, name() + " models the items with at least " + minUsers + " training users, and "
                + "no item has that many; lower minUsers");
        double[] gram = new double[n * n];
        int[] row = new int[n];
        for (int u = 0; u < matrix.userCount(); u++) {
            int count = 0;
            for (int i : matrix.itemsOf(u)) {
                if (column[i] >= 0) {
                    row[count++] = column[i];
                }
            }
            for (int a = 0; a < count; a++) {
                int base = row[a] * n;
                for (int b = 0; b < count; b++) {
                    gram[base + row[b]]++;
                }
            }
        }
        for (int j = 0; j < n; j++) {
            gram[j * n + j] += lambda;
        }
        double[] weights = SymmetricInverse.of(gram, n);
        double[] diagonal = new double[n];
        for (int j = 0; j < n; j++) {
            diagonal[j] = weights[j * n + j];
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                weights[i * n + j] = i == j ? 0 : -weights[i * n + j] / diagonal[j];
            }
        }
        return new Fitted(name(), IdIndex.of(kept), weights);
    }

    @Override
    public String toString() {
        return name();
    }

    /**
     * A fitted EASE model.
     *
     * @param items   the items modelled, numbered as the rows and columns of {@code weights}
     * @param weights {@code B}, row-major
     */
    record Fitted(String name, IdIndex items, double[] weights) implements FittedMethod {

        /** {@code B_ij}. */
        double weight(int i, int j) {
            return weights[i * items.size() + j];
        }

        @Override
        public AdaptedUser adapt(String userId, Features features, List<Interaction> support) {
            Checks.notNull(support, "support");
            int n = items.size();
            double[] scores = new double[n];
            support.stream().map(Interaction::itemId).distinct().forEach(id -> items.indexOf(id).ifPresent(i -> {
                for (int j = 0; j < n; j++) {
                    scores[j] += weights[i * n + j];
                }
            }));
            double lowest = 0;
            for (double s : scores) {
                lowest = Math.min(lowest, s);
            }
            return new ItemScores(name, false, items, scores, lowest - 1);
        }

        @Override
        public boolean predictsRatings() {
            return false;
        }
    }
}
