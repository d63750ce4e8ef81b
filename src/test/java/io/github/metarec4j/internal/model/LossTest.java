package io.github.metarec4j.internal.model;

import io.github.metarec4j.TestBase;
import io.github.metarec4j.model.AdaptationScope;
import io.github.metarec4j.model.Objective;
import io.github.metarec4j.model.ScorerConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Network#loss} against answers computed by hand, and its gradient against finite differences. */
class LossTest extends TestBase {

    private static Network network(Objective objective, double engagementWeight) {
        ScorerConfig config = ScorerConfig.builder().towerSize(2).hiddenLayers().itemIdEmbeddingSize(0)
                .userFactors(0).historyEncoder(false).engagementWeight(engagementWeight).build();
        return new Network(config, objective, new ParameterLayout(config, objective, AdaptationScope.USER, false,
                false, false, 1, 1, 3));
    }

    /** Two positives (targets 1 and -1, strengths 1 and 3) and two negatives. */
    private static Rows rows() {
        float[][] inputs = {{0}, {0}, {0}, {0}};
        return new Rows(inputs, new int[]{1, 2, 1, 2}, new float[]{1, -1, 0, 0}, new float[]{1, 3, 0, 0}, 2);
    }

    @Test
    void theRatingLossIsHalfTheMeanSquaredErrorOfThePositivesTimesTheWeight() {
        double[][] y = {{1.5}, {0}, {9}, {9}};
        double[][] dY = new double[4][1];
        double loss = network(Objective.RATING, 1).loss(y, rows(), 2, dY);
        assertEquals(2 * (0.25 + 1) / 2 / 2, loss, 1e-12);
        assertEquals(2 * 0.5 / 2, dY[0][0], 1e-12);
        assertEquals(2 * 1.0 / 2, dY[1][0], 1e-12);
        assertEquals(0, dY[2][0], 0, "negatives carry no rating");
    }

    @Test
    void theEngagementLossRanksEachPositiveAboveTheNegativesWeightedByStrength() {
        double[][] y = {{2}, {0}, {1}, {-1}};
        double[][] dY = new double[4][1];
        double loss = network(Objective.ENGAGEMENT, 1).loss(y, rows(), 1, dY);
        double negatives = Math.log(Math.exp(1) + Math.exp(-1));
        double first = Math.log1p(Math.exp(negatives - 2));
        double second = Math.log1p(Math.exp(negatives));
        assertEquals((1 * first + 3 * second) / 4, loss, 1e-12);
        checkGradient(network(Objective.ENGAGEMENT, 1), y, 1);
    }

    @Test
    void bothHeadsAddTheirLossesWithTheEngagementWeight() {
        double[][] y = {{1.5, 2}, {0, 0}, {9, 1}, {9, -1}};
        Network joint = network(Objective.JOINT, 0.5);
        double rating = network(Objective.RATING, 1).loss(new double[][]{{1.5}, {0}, {9}, {9}}, rows(), 1,
                new double[4][1]);
        double engagement = network(Objective.ENGAGEMENT, 1).loss(new double[][]{{2}, {0}, {1}, {-1}}, rows(), 1,
                new double[4][1]);
        assertEquals(rating + 0.5 * engagement, joint.loss(y, rows(), 1, new double[4][2]), 1e-12);
        checkGradient(joint, y, 0.25);
    }

    @Test
    void rowsWithoutPositivesHaveNoLossAndMismatchedArraysAreNamed() {
        Rows none = new Rows(new float[][]{{0}}, new int[]{1}, new float[]{0}, new float[]{0}, 0);
        assertEquals(0, network(Objective.JOINT, 1).loss(new double[][]{{3, 3}}, none, 1, new double[1][2]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> network(Objective.RATING, 1).loss(new double[3][1], rows(), 1, new double[3][1]));
        assertTrue(e.getMessage().contains("outputs for 3 rows and a gradient for 3, but 4 rows"), e.getMessage());
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class, () -> new Rows(new float[2][1],
                new int[1], new float[2], new float[2], 1));
        assertTrue(rows.getMessage().contains("every row needs an id, a target and a strength: 2 inputs, 1 ids"),
                rows.getMessage());
    }

    private static void checkGradient(Network network, double[][] y, double weight) {
        double[][] dY = new double[y.length][y[0].length];
        network.loss(y, rows(), weight, dY);
        for (int r = 0; r < y.length; r++) {
            for (int h = 0; h < y[r].length; h++) {
                double old = y[r][h];
                y[r][h] = old + 1e-6;
                double up = network.loss(y, rows(), weight, new double[y.length][y[0].length]);
                y[r][h] = old - 1e-6;
                double down = network.loss(y, rows(), weight, new double[y.length][y[0].length]);
                y[r][h] = old;
                assertEquals((up - down) / 2e-6, dY[r][h], 1e-7, "row " + r + ", head " + h);
            }
        }
    }
}
