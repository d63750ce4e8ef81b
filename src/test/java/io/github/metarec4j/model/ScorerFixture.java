package io.github.metarec4j.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

/** A tiny scorer and batch with random inputs, for gradient and reference checks. */
final class ScorerFixture {
    static final int USER_INPUTS = 4;
    static final int ITEM_INPUTS = 5;
    static final int ID_ROWS = 6;

    final MlpScorer scorer;
    final INDArray params;
    final RowBatch batch;

    ScorerFixture(Objective objective, DataType type, int tasks, int rows, boolean padLastRow, int idSize,
                  long seed) {
        MlpScorerConfig config = MlpScorerConfig.builder().towerSize(3).hiddenLayers(4, 3)
                .itemIdEmbeddingSize(idSize).build();
        ParameterLayout layout = new ParameterLayout(config, USER_INPUTS, ITEM_INPUTS, ID_ROWS);
        this.scorer = new MlpScorer(config, objective, layout);
        // no zeroed "unknown" rows here: every weight must matter for the check
        INDArray init = scorer.initialParameters(seed, 0.3, new int[0], new int[0], type);
        // biases start at exactly 0, which can put a pre-activation exactly on ReLU's kink
        // (where finite differences are meaningless): nudge every parameter off it
        Nd4j.getRandom().setSeed(seed);
        this.params = init.addi(Nd4j.randn(type, init.shape()).muli(0.1));
        SplittableRandom rnd = new SplittableRandom(seed);
        RowBatch.Builder b = RowBatch.builder(tasks, rows, USER_INPUTS, ITEM_INPUTS);
        for (int t = 0; t < tasks; t++) {
            b.user(t, randoms(rnd, USER_INPUTS), 0);
            int valid = padLastRow && t == 0 ? rows - 1 : rows;
            for (int r = 0; r < valid; r++) {
                float target = objective == Objective.RATING ? (float) rnd.nextDouble(-2, 2)
                        : rnd.nextBoolean() ? 1f : 0f;
                b.row(t, r, randoms(rnd, ITEM_INPUTS), 0, rnd.nextInt(ID_ROWS), target, 1f / (valid * tasks));
            }
        }
        this.batch = b.build(type);
    }

    private static float[] randoms(SplittableRandom rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rnd.nextDouble(-1, 1);
        }
        return x;
    }
}
