package io.github.metarec4j.internal.meta;


import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.SyntheticData;
import io.github.metarec4j.internal.model.Nd4jThreads;
import io.github.metarec4j.internal.model.ParameterInit;
import io.github.metarec4j.internal.task.MetaBatchSampler;
import io.github.metarec4j.internal.task.Task;
import io.github.metarec4j.internal.task.TaskSplitter;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.model.ScorerConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One meta-step of 32 users (supports of 10, queries of up to 20, 3 inner steps, the library's
 * default scorer with both heads and 50 negatives per side), on 1 and 2 threads. Data:
 * synthetic, MovieLens-100k-sized (943 users, 1,682 items, 20 to 200 ratings each). Time per
 * meta-step; tasks per second = 32 / time. The rows (negatives, dropout) are drawn in the
 * set-up, as training draws them before the step runs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MetaStepBenchmark {

    /** The data, the parameters and one meta-batch of 32 tasks. */
    @State(Scope.Benchmark)
    public static class Batch {
        TrainingRun run;
        float[] params;
        float[] gradient;
        List<Task> tasks;

        @Setup(Level.Trial)
        public void setUp() {
            Nd4jThreads.singleThreaded();
            Dataset data = SyntheticData.builder().users(943).items(1682).ratingsPerUser(20, 200).seed(1).build()
                    .generate();
            MamlConfig config = MamlConfig.builder().supportSize(10, 10).maxQuery(20).validationFraction(0).build();
            run = new TrainingRun(data, ScorerConfig.builder().build(), config, List.of());
            params = ParameterInit.initialParameters(run.network.layout(), run.network.config().weightInit(), 1,
                    run.data.userEncoder.unknownSlots(), run.data.itemEncoder.unknownSlots(), run.data.itemBiasInit,
                    config.innerLearningRate(), config.adaptationDamping(), config.ridgePenalty(), DataType.FLOAT).toFloatVector();
            gradient = new float[params.length];
            tasks = new MetaBatchSampler(run.data.fit, TaskSplitter.temporalKShot(10, 10, 20), 32, 1).epoch(1).get(0);
        }
    }

    /** The meta-step's thread pool. */
    @State(Scope.Benchmark)
    public static class Threads {
        @Param({"1", "2"})
        public int threads;
        ExecutorService pool;
        MetaStep step;

        @Setup(Level.Trial)
        public void setUp(Batch b) {
            pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1) : null;
            step = new MetaStep(b.run, b.tasks, new SplittableRandom(3), 0.2, pool, threads,
                    b.run.config.innerSteps());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    @Benchmark
    public double metaStep(Batch b, Threads t) {
        return t.step.lossAndGradient(b.params, b.gradient);
    }
}
