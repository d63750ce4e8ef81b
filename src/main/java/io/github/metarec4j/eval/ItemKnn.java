package io.github.metarec4j.eval;

import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.internal.util.Checks;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Item-kNN behind {@link Methods#itemKnn()} and {@link Methods#popularityKnnBlend(double)}.
 *
 * <p>Fit: the cosine similarity of every two items over the training users, on the binary
 * matrix of who interacted with what ({@link TrainingMatrix}: ratings and play counts alike
 * count as 1), {@code sim(i, j) = c_ij / sqrt(n_i n_j)} with {@code c_ij} the users of both
 * and {@code n_i} the users of i; an item is not its own neighbour. Kept as sparse rows
 * (only pairs with a common user), built from the users' item lists in
 * {@code sum over users of (items of the user)^2} steps.
 *
 * <p>Adapt: {@code knn(i) = sum over the support items j of sim(j, i)}, unweighted by the
 * support values (on the CS100K anchors, weighting by the rating gave P@10 0.199 against the
 * 0.192 of the anchor; rating-valued instead of binary cosine 0.215). Items without training
 * interactions score 0. With a popularity weight {@code w}, the score is
 * {@code log(1 + count(i)) + w * knn(i) / |S|}, {@code count} the item's training
 * interactions (as {@link Methods#popularity()} counts) and {@code |S|} the number of
 * distinct support items (0 for an empty support: popularity alone).
 *
 * <p>Immutable; thread-safe, as are its fitted models.
 */
final class ItemKnn implements EvaluatedMethod {

    private final String name;
    /** The weight of the kNN term in the blend; empty for plain item-kNN. */
    private final Optional<Double> popularityBlend;

    private ItemKnn(String name, Optional<Double> popularityBlend) {
        this.name = name;
        this.popularityBlend = popularityBlend;
    }

    /** Plain item-kNN, {@code item-knn}. */
    static ItemKnn plain() {
        return new ItemKnn("item-knn", Optional.empty());
    }

    /** {@code log(1 + count) + weight * knn / |S|}, {@code pop+knn(weight)}. */
    static ItemKnn blendedWithPopularity(double weight) {
        Checks.nonNegative(weight, "weight", "the weight of the item-kNN term per support item against "
                + "log(1 + training count); 2 is the anchor's, 0 gives popularity alone");
        return new ItemKnn("pop+knn(" + Baselines.formatNumber(weight) + ")", Optional.of(weight));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public FittedMethod fit(Dataset training) {
        return new Fitted(this, Neighbours.of(TrainingMatrix.of(Checks.notNull(training, "training"))));
    }

    @Override
    public String toString() {
        return name;
    }

    /** Cosine similarities as sparse rows: row i holds the items sharing a user with i, ascending. */
    record Neighbours(TrainingMatrix matrix, int[] rowStart, int[] columns, double[] similarities) {

        static Neighbours of(TrainingMatrix matrix) {
            int n = matrix.itemCount();
            int[] rowStart = new int[n + 1];
            int[] columns = new int[Math.max(16, n)];
            double[] sims = new double[columns.length];
            int[] common = new int[n];
            int[] touched = new int[n];
            int size = 0;
            for (int i = 0; i < n; i++) {
                int count = 0;
                for (int user : matrix.usersOf(i)) {
                    for (int j : matrix.itemsOf(user)) {
                        if (j != i && common[j]++ == 0) {
                            touched[count++] = j;
                        }
                    }
                }
                Arrays.sort(touched, 0, count);
                if (size + count > columns.length) {
                    int grown = Math.max(columns.length * 2, size + count);
                    columns = Arrays.copyOf(columns, grown);
                    sims = Arrays.copyOf(sims, grown);
                }
                double ni = matrix.usersOf(i).length;
                for (int t = 0; t < count; t++) {
                    int j = touched[t];
                    columns[size] = j;
                    sims[size] = common[j] / Math.sqrt(ni * matrix.usersOf(j).length);
                    size++;
                    common[j] = 0;
                }
                rowStart[i + 1] = size;
            }
            return new Neighbours(matrix, rowStart, Arrays.copyOf(columns, size), Arrays.copyOf(sims, size));
        }

        /** {@code sim(i, j)}, 0 for items with no common user and for {@code i == j}. */
        double similarity(int i, int j) {
            int at = Arrays.binarySearch(columns, rowStart[i], rowStart[i + 1], j);
            return at >= 0 ? similarities[at] : 0;
        }

        /** {@code sum over j in support of sim(j, i)} for every item i. */
        double[] sums(int[] support) {
            double[] out = new double[matrix.itemCount()];
            for (int j : support) {
                for (int at = rowStart[j]; at < rowStart[j + 1]; at++) {
                    out[columns[at]] += similarities[at];
                }
            }
            return out;
        }
    }

    private record Fitted(ItemKnn method, Neighbours neighbours) implements FittedMethod {

        @Override
        public AdaptedUser adapt(String userId, Features features, List<Interaction> support) {
            Checks.notNull(support, "support");
            double[] scores = neighbours.sums(neighbours.matrix().supportIndices(support));
            if (method.popularityBlend.isPresent()) {
                long distinct = support.stream().map(Interaction::itemId).distinct().count();
                double perItem = distinct == 0 ? 0 : method.popularityBlend.get() / distinct;
                for (int i = 0; i < scores.length; i++) {
                    scores[i] = Math.log1p(neighbours.matrix().interactionCount(i)) + perItem * scores[i];
                }
            }
            return new ItemScores(method.name, false, neighbours.matrix().items(), scores, 0);
        }

        @Override
        public boolean predictsRatings() {
            return false;
        }
    }
}
