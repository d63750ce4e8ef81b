package io.github.metarec4j.model;

import io.github.metarec4j.TestBase;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalogue scorer against the plain-Java kernel ({@link UserKernel#score}, itself
 * tested against the ND4J forward pass), and its checks of bad input.
 */
class CatalogueScorerTest extends TestBase {

    private static final int SHARED = 5;
    private static final int ITEM_WIDTH = 7;

    @Test
    void scoresWhatTheKernelScoresForAnyDepth() {
        for (int[] hidden : new int[][]{{}, {6}, {9, 4}, {8, 6, 5}}) {
            List<ParameterLayout.Block> layers = layers(hidden);
            SplittableRandom random = new SplittableRandom(hidden.length);
            int items = 23;
            float[][] rows = randomRows(random, items, ITEM_WIDTH);
            INDArray itemSide = Nd4j.create(rows).castTo(DataType.FLOAT);
            UserKernel kernel = new UserKernel(layers, 0, Objective.RATING);
            CatalogueScorer scorer = new CatalogueScorer(layers, SHARED, itemSide);
            assertEquals(items, scorer.size());
            for (int call = 0; call < 3; call++) { // buffers are reused from call to call
                float[] dense = randomVector(random, kernel.parameterCount());
                float[] user = randomVector(random, SHARED);
                float[] expected = kernel.score(dense, user, rows);
                float[] actual = scorer.score(dense, user);
                for (int i = 0; i < items; i++) {
                    assertEquals(expected[i], actual[i], 1e-4 * Math.max(1, Math.abs(expected[i])),
                            hidden.length + " hidden layers, call " + call + ", item " + i);
                }
            }
        }
    }

    @Test
    void rejectsAnItemSideOfTheWrongWidthAndAUserOfTheWrongSize() {
        List<ParameterLayout.Block> layers = layers(new int[]{6});
        INDArray narrow = Nd4j.create(randomRows(new SplittableRandom(2), 4, ITEM_WIDTH - 1)).castTo(DataType.FLOAT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CatalogueScorer(layers, SHARED, narrow));
        assertTrue(e.getMessage().contains("item side must be [items, " + ITEM_WIDTH + "], got [4, 6]"),
                e.getMessage());
        INDArray itemSide = Nd4j.create(randomRows(new SplittableRandom(2), 4, ITEM_WIDTH)).castTo(DataType.FLOAT);
        CatalogueScorer scorer = new CatalogueScorer(layers, SHARED, itemSide);
        float[] dense = new float[new UserKernel(layers, 0, Objective.RATING).parameterCount()];
        e = assertThrows(IllegalArgumentException.class, () -> scorer.score(dense, new float[SHARED + 1]));
        assertTrue(e.getMessage().contains("h_u must have " + SHARED + " values, got " + (SHARED + 1)),
                e.getMessage());
    }

    /** Dense blocks for an input of SHARED + ITEM_WIDTH, the given hidden widths, and one output. */
    private static List<ParameterLayout.Block> layers(int[] hidden) {
        List<ParameterLayout.Block> blocks = new java.util.ArrayList<>();
        int in = SHARED + ITEM_WIDTH;
        long at = 0;
        for (int l = 0; l <= hidden.length; l++) {
            int out = l < hidden.length ? hidden[l] : 1;
            blocks.add(new ParameterLayout.Block("dense" + (l + 1), in + 1, out, at));
            at += (long) (in + 1) * out;
            in = out;
        }
        return blocks;
    }

    private static float[][] randomRows(SplittableRandom random, int n, int width) {
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = randomVector(random, width);
        }
        return rows;
    }

    private static float[] randomVector(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return v;
    }
}
