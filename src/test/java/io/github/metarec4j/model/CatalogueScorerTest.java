package io.github.metarec4j.model;

import io.github.metarec4j.TestBase;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalogue scorer against the plain-Java kernel ({@link UserKernel#score}, itself
 * tested against the ND4J forward pass), whole and split into parallel parts.
 */
class CatalogueScorerTest extends TestBase {

    private static final int SHARED = 5;
    private static final int ITEM_WIDTH = 7;

    @Test
    void everyPartitionScoresWhatTheKernelScores() throws Exception {
        for (int[] hidden : new int[][]{{}, {6}, {9, 4}, {8, 6, 5}}) {
            List<ParameterLayout.Block> layers = layers(hidden);
            SplittableRandom random = new SplittableRandom(hidden.length);
            int items = 23;
            float[][] rows = randomRows(random, items, ITEM_WIDTH);
            INDArray itemSide = Nd4j.create(rows).castTo(DataType.FLOAT);
            float[] dense = randomVector(random, new UserKernel(layers, 0, Objective.RATING).parameterCount());
            float[] user = randomVector(random, SHARED);
            float[] expected = new UserKernel(layers, 0, Objective.RATING).score(dense, user, rows);

            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (int parts : new int[]{1, 2, 3, items}) {
                    CatalogueScorer scorer = new CatalogueScorer(layers, SHARED, itemSide, parts, pool);
                    assertEquals(parts, scorer.parts());
                    for (int call = 0; call < 3; call++) { // buffers are reused from call to call
                        float[] actual = scorer.score(dense, user);
                        for (int i = 0; i < items; i++) {
                            assertEquals(expected[i], actual[i], 1e-4 * Math.max(1, Math.abs(expected[i])),
                                    "hidden " + hidden.length + " layers, " + parts + " parts, item " + i);
                        }
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void partsRunOnTheGivenExecutor() {
        List<ParameterLayout.Block> layers = layers(new int[]{6});
        SplittableRandom random = new SplittableRandom(1);
        INDArray itemSide = Nd4j.create(randomRows(random, 10, ITEM_WIDTH)).castTo(DataType.FLOAT);
        AtomicInteger submitted = new AtomicInteger();
        CatalogueScorer scorer = new CatalogueScorer(layers, SHARED, itemSide, 3, task -> {
            submitted.incrementAndGet();
            task.run();
        });
        scorer.score(randomVector(random, new UserKernel(layers, 0, Objective.RATING).parameterCount()),
                randomVector(random, SHARED));
        assertEquals(2, submitted.get(), "the calling thread scores the first part, the executor the others");
    }

    @Test
    void partsAnExecutorDoesNotRunAreScoredByTheCaller() {
        List<ParameterLayout.Block> layers = layers(new int[]{6});
        SplittableRandom random = new SplittableRandom(3);
        float[][] rows = randomRows(random, 12, ITEM_WIDTH);
        INDArray itemSide = Nd4j.create(rows).castTo(DataType.FLOAT);
        float[] dense = randomVector(random, new UserKernel(layers, 0, Objective.RATING).parameterCount());
        float[] user = randomVector(random, SHARED);
        float[] expected = new CatalogueScorer(layers, SHARED, itemSide).score(dense, user);
        List<Runnable> neverRun = new java.util.ArrayList<>();
        Executor[] stalled = {
                neverRun::add,                                                   // queued forever
                task -> {
                    throw new java.util.concurrent.RejectedExecutionException("full");  // refuses
                }};
        for (Executor executor : stalled) {
            float[] actual = new CatalogueScorer(layers, SHARED, itemSide, 4, executor).score(dense, user);
            assertArrayEquals(expected, actual, 1e-5f);
        }
        neverRun.forEach(Runnable::run); // late runs find their parts claimed and do nothing
        assertEquals(3, neverRun.size());
    }

    @Test
    void rejectsMorePartsThanItems() {
        INDArray itemSide = Nd4j.create(randomRows(new SplittableRandom(2), 4, ITEM_WIDTH)).castTo(DataType.FLOAT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CatalogueScorer(layers(new int[]{6}), SHARED, itemSide, 5, Runnable::run));
        assertTrue(e.getMessage().contains("parts must be between 1 and the number of items (4), got 5"),
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
