package io.github.metarec4j.internal.meta;

import io.github.metarec4j.TestBase;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.SyntheticData;
import io.github.metarec4j.internal.model.JavaTensors;
import io.github.metarec4j.internal.model.ParameterInit;
import io.github.metarec4j.internal.task.MetaBatchSampler;
import io.github.metarec4j.internal.task.Task;
import io.github.metarec4j.internal.task.TaskSplitter;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.model.ScorerConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A meta-step spread over threads computes the mean of its users' meta-gradients, bit for bit
 * the same for a thread count, and the same to float tolerance for any thread count.
 */
class MetaStepTest extends TestBase {

    private static final Dataset DATA = SyntheticData.builder().users(90).items(60).seed(4).build().generate();

    @Test
    void aStepIsTheMeanOfItsUsersMetaGradientsOnAnyNumberOfThreads() {
        MamlConfig config = MamlConfig.builder().supportSize(5, 10).maxQuery(10).validationFraction(0).seed(2).build();
        TrainingRun run = new TrainingRun(DATA, ScorerConfig.builder().towerSize(8).hiddenLayers(8)
                .itemIdEmbeddingSize(4).userFactors(4).negatives(6).build(), config, List.of());
        float[] params = ParameterInit.initialParameters(run.network.layout(), run.network.config().weightInit(), 1,
                run.data.userEncoder.unknownSlots(), run.data.itemEncoder.unknownSlots(), run.data.itemBiasInit,
                0.3, 5, 10, DataType.FLOAT).toFloatVector();
        List<Task> batch = new MetaBatchSampler(run.data.fit, TaskSplitter.temporalKShot(5, 10, 10), 12, 3)
                .epoch(1).get(0);

        float[] one = gradient(run, batch, params, 1, 0.2);
        float[] again = gradient(run, batch, params, 1, 0.2);
        assertArrayEquals(one, again, "one thread, twice: bit for bit");
        float[] three = gradient(run, batch, params, 3, 0.2);
        assertArrayEquals(three, gradient(run, batch, params, 3, 0.2), "three threads, twice: bit for bit");
        for (int i = 0; i < one.length; i++) {
            assertEquals(one[i], three[i], 1e-6 + 1e-5 * Math.abs(one[i]), "parameter " + i);
        }

        // the same rows, task by task: the step is the mean of the tasks' meta-gradients
        MetaStep step = new MetaStep(run, batch, new SplittableRandom(9), 0, null, 1, config.innerSteps());
        float[] stepGradient = new float[params.length];
        double loss = step.lossAndGradient(params, stepGradient);
        JavaTensors.Gradient sum = new JavaTensors.Gradient(run.network.layout());
        double sumLoss = 0;
        SplittableRandom random = new SplittableRandom(9);
        for (Task task : batch) {
            int[] avoid = run.data.itemsOf(task.user());
            var support = run.sampler.rows(task.supportItems(), task.supportValues(), avoid, 0, random);
            var query = run.sampler.rows(task.queryItems(), task.queryValues(), avoid, 0, random);
            sumLoss += run.network.metaGradient(new JavaTensors(run.network.layout(), params, sum),
                    run.data.userInput(task.user()), support, query, config.innerSteps(), config.innerLearningRate(),
                    config.itemL2(), 1.0 / batch.size());
        }
        float[] expected = new float[params.length];
        sum.addTo(expected);
        assertEquals(sumLoss, loss, 1e-9);
        assertArrayEquals(expected, stepGradient);
    }

    private static float[] gradient(TrainingRun run, List<Task> batch, float[] params, int threads, double dropout) {
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1) : null;
        try {
            float[] g = new float[params.length];
            new MetaStep(run, batch, new SplittableRandom(5), dropout, pool, threads, run.config.innerSteps())
                    .lossAndGradient(params, g);
            return g;
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }
}
