package io.github.metarec4j.meta;

import io.github.metarec4j.TestBase;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.SyntheticData;
import io.github.metarec4j.model.AdaptationScope;
import io.github.metarec4j.model.MlpScorerConfig;
import io.github.metarec4j.task.MetaBatchSampler;
import io.github.metarec4j.task.Task;
import io.github.metarec4j.task.TaskSplitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The two training engines compute the same meta-gradient on a fixed meta-batch (same rows,
 * same dropout, same negatives), to float tolerance, whatever the thread count.
 */
class TrainingEnginesTest extends TestBase {

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (boolean implicit : new boolean[]{false, true}) {
            for (AdaptationScope scope : List.of(AdaptationScope.DENSE, AdaptationScope.HEAD)) {
                cases.add(Arguments.of(implicit, scope, 1));
                cases.add(Arguments.of(implicit, scope, 3));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "implicit={0} {1} threads={2}")
    @MethodSource("cases")
    void kernelAndBatchedEnginesGiveTheSameMetaGradient(boolean implicit, AdaptationScope scope, int threads) {
        SyntheticData.Builder b = SyntheticData.builder().users(60).items(90).seed(4);
        Dataset data = (implicit ? b.implicit() : b).build().generate();
        MlpScorerConfig scorer = MlpScorerConfig.builder().towerSize(6).hiddenLayers(10, 8).itemIdEmbeddingSize(3)
                .itemIdDropout(0.3).build();
        MamlConfig config = MamlConfig.builder().adaptationScope(scope).innerSteps(3).innerLearningRate(0.3)
                .validationFraction(0).seed(2).build();
        TrainingRun run = new TrainingRun(data, scorer, config, List.of());
        INDArray params = run.scorer.initialParameters(7, 0.1, new int[0], new int[0], DataType.FLOAT);
        List<Task> batch = new MetaBatchSampler(run.data.fit, TaskSplitter.randomKShot(2, 6, 8), 12, 3).epoch(1)
                .get(0);

        INDArray batched = params.ulike();
        double batchedLoss = new BatchedStep(run, config, batch, new SplittableRandom(5), 0.3)
                .lossAndGradient(params, batched);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        INDArray kernel = params.ulike();
        double kernelLoss;
        try {
            kernelLoss = new KernelStep(run, config, batch, new SplittableRandom(5), 0.3, pool, threads)
                    .lossAndGradient(params, kernel);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(batchedLoss, kernelLoss, 1e-5 * Math.max(1, Math.abs(batchedLoss)), "query loss");
        float[] x = batched.toFloatVector();
        float[] y = kernel.toFloatVector();
        double scale = 0;
        for (float v : x) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertTrue(scale > 0, "a non-zero gradient");
        for (int i = 0; i < x.length; i++) {
            if (Math.abs(x[i] - y[i]) > 1e-4 * scale) {
                fail("gradient[" + i + "] (" + run.scorer.layout() + "): batched " + x[i] + " vs kernel " + y[i]);
            }
        }
    }

    @Test
    void kernelStepOnJavaArraysOverwritesTheGradientAsOnIndArrays() {
        Dataset data = SyntheticData.builder().users(60).items(90).seed(4).build().generate();
        MlpScorerConfig scorer = MlpScorerConfig.builder().towerSize(6).hiddenLayers(10, 8).itemIdEmbeddingSize(3)
                .itemIdDropout(0.3).build();
        MamlConfig config = MamlConfig.builder().innerSteps(3).innerLearningRate(0.3).validationFraction(0).seed(2)
                .build();
        TrainingRun run = new TrainingRun(data, scorer, config, List.of());
        INDArray params = run.scorer.initialParameters(7, 0.1, new int[0], new int[0], DataType.FLOAT);
        List<Task> batch = new MetaBatchSampler(run.data.fit, TaskSplitter.randomKShot(2, 6, 8), 12, 3).epoch(1)
                .get(0);
        INDArray viaNd4j = params.ulike();
        double lossNd4j = new KernelStep(run, config, batch, new SplittableRandom(5), 0.3, null, 1)
                .lossAndGradient(params, viaNd4j);
        float[] gradient = new float[(int) params.length()];
        java.util.Arrays.fill(gradient, 123f); // a stale gradient must not leak into the new one
        KernelStep step = new KernelStep(run, config, batch, new SplittableRandom(5), 0.3, null, 1);
        double lossJava = step.lossAndGradient(params.toFloatVector(), gradient);
        assertEquals(lossNd4j, lossJava, 0.0);
        assertArrayEquals(viaNd4j.toFloatVector(), gradient);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> step.lossAndGradient(new float[3], new float[3]));
        assertTrue(e.getMessage().contains("got 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> step.lossAndGradient(params.toFloatVector(), new float[2]));
        assertTrue(e.getMessage().contains("a gradient of 2 values"), e.getMessage());
    }

    @Test
    void kernelEngineGivesTheSameModelForTheSameSeedAndThreads() {
        Dataset data = SyntheticData.builder().users(80).items(60).seed(8).build().generate();
        MlpScorerConfig scorer = MlpScorerConfig.builder().towerSize(6).hiddenLayers(10).itemIdEmbeddingSize(3).build();
        MamlConfig config = MamlConfig.builder().epochs(2).engine(TrainingEngine.KERNEL).threads(2).seed(1).build();
        float[] a = new MetaTrainer(scorer, config, List.of()).fit(data).parameters().toFloatVector();
        float[] c = new MetaTrainer(scorer, config, List.of()).fit(data).parameters().toFloatVector();
        assertArrayEquals(a, c);
    }

    @Test
    void kernelEngineRefusesTheAllScope() {
        MamlConfig config = MamlConfig.builder().engine(TrainingEngine.KERNEL).adaptationScope(AdaptationScope.ALL)
                .build();
        Dataset data = SyntheticData.builder().users(20).items(80).seed(8).build().generate();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MetaTrainer(MlpScorerConfig.builder().build(), config, List.of()).fit(data));
        assertTrue(e.getMessage().contains("KERNEL training engine serves the HEAD and DENSE"), e.getMessage());
    }
}
