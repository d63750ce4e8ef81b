package io.github.metarec4j.internal.model;

import io.github.metarec4j.model.AdaptationScope;
import io.github.metarec4j.model.Objective;
import io.github.metarec4j.model.ScorerConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/**
 * A small network with random parameters and random task rows, for the gradient checks and
 * the tests that pin the fast path to the reference: 6 user inputs, 7 item inputs (some zero,
 * as one-hot blocks are), 10 ID rows, towers of 4.
 */
final class NetworkFixture {

    static final int USER_INPUTS = 6;
    static final int ITEM_INPUTS = 7;
    static final int ID_ROWS = 10;

    final ScorerConfig config;
    final ParameterLayout layout;
    final Network network;
    /** The parameters in double precision: N(0, 0.3^2) added to the initial ones; moderate log rates and counts. */
    final INDArray theta;
    final float[] user;
    final Rows support;
    final Rows query;

    NetworkFixture(Objective objective, AdaptationScope scope, int[] hidden, int factors, long seed) {
        Random random = new Random(seed);
        this.config = ScorerConfig.builder().towerSize(4).hiddenLayers(hidden).itemIdEmbeddingSize(3)
                .userFactors(factors).historyEncoder(factors > 0).negatives(4).engagementWeight(0.7).build();
        // the ridge wherever it applies (the rating head's own user values under USER scope)
        this.layout = new ParameterLayout(config, objective, scope, true, true, true, USER_INPUTS, ITEM_INPUTS,
                ID_ROWS);
        this.network = new Network(config, objective, layout);
        Nd4j.getRandom().setSeed(seed);
        this.theta = ParameterInit.initialParameters(layout, ScorerConfig.WeightInit.RELU, seed, new int[0], new int[0], null, 0.3,
                4, 3, DataType.DOUBLE);
        theta.addi(Nd4j.randn(DataType.DOUBLE, 1, layout.size()).muli(0.3));
        ParameterLayout.Block rates = layout.block(ParameterLayout.INNER_RATES);
        ParameterLayout.view(theta, rates).assign(Nd4j.randn(DataType.DOUBLE, 1, rates.cols()).muli(0.2).subi(1.5));
        ParameterLayout.Block damping = layout.block(ParameterLayout.INNER_DAMPING);
        ParameterLayout.view(theta, damping).assign(Nd4j.randn(DataType.DOUBLE, 1, damping.cols()).muli(0.5).addi(1.5));
        if (layout.ridge()) {
            ParameterLayout.Block ridge = layout.block(ParameterLayout.INNER_RIDGE);
            ParameterLayout.view(theta, ridge).assign(Nd4j.randn(DataType.DOUBLE, 1, ridge.cols()).muli(0.5).addi(1));
        }
        this.user = matrix(1, USER_INPUTS, 0.7, random)[0];
        boolean negatives = objective.hasEngagementHead();
        this.support = rows(5, negatives ? 4 : 0, random);
        this.query = rows(6, negatives ? 5 : 0, random);
    }

    /** The parameters as float values. */
    float[] floatTheta() {
        return theta.castTo(DataType.FLOAT).toFloatVector();
    }

    static float[][] matrix(int n, int c, double density, Random random) {
        float[][] m = new float[n][c];
        for (float[] r : m) {
            for (int j = 0; j < c; j++) {
                r[j] = random.nextDouble() < density ? (float) random.nextGaussian() : 0f;
            }
        }
        return m;
    }

    private static Rows rows(int positives, int negatives, Random random) {
        int n = positives + negatives;
        float[] targets = new float[n];
        float[] strengths = new float[n];
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            targets[i] = (float) random.nextGaussian();
            strengths[i] = 1 + random.nextFloat();
            ids[i] = random.nextInt(ID_ROWS);
        }
        return new Rows(matrix(n, ITEM_INPUTS, 0.6, random), ids, targets, strengths, positives);
    }
}
