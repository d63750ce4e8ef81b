package io.github.metarec4j.meta;

import io.github.metarec4j.Nd4jThreads;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.SyntheticData;
import io.github.metarec4j.model.MlpScorerConfig;
import io.github.metarec4j.task.MetaBatchSampler;
import io.github.metarec4j.task.Task;
import io.github.metarec4j.task.TaskSplitter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
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
 * One meta-step (inner loop of 5 steps on 32 users' supports of 10, query gradient on up to
 * 20 query ratings each, the MeLU peer's configuration: towers and ID embedding 32, dense
 * 64-64) in each training engine. Data: synthetic, MovieLens-100k-sized (943 users, 1,682
 * items, 20 to 200 ratings each). Time per meta-step; tasks per second = 32 / time.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MetaStepBenchmark {

    /** The data, the parameters and one meta-batch of 32 tasks. */
    @State(Scope.Benchmark)
    public static class Batch {
        TrainingRun run;
        MamlConfig config;
        INDArray params;
        INDArray gradient;
        List<Task> tasks;

        @Setup(Level.Trial)
        public void setUp() {
            Nd4jThreads.singleThreaded();
            Dataset data = SyntheticData.builder().users(943).items(1682).ratingsPerUser(20, 200).seed(1).build()
                    .generate();
            MlpScorerConfig scorer = MlpScorerConfig.builder().towerSize(32).hiddenLayers(64, 64)
                    .itemIdEmbeddingSize(32).build();
            config = MamlConfig.builder().supportSize(10, 10).maxQuery(20).validationFraction(0).build();
            run = new TrainingRun(data, scorer, config, List.of());
            params = run.scorer.initialParameters(1, 0, run.data.userEncoder.unknownSlots(),
                    run.data.itemEncoder.unknownSlots(), DataType.FLOAT);
            gradient = params.ulike();
            tasks = new MetaBatchSampler(run.data.fit, TaskSplitter.randomKShot(10, 10, 20), 32, 1).epoch(1).get(0);
        }
    }

    /** The kernel engine's thread pool. */
    @State(Scope.Benchmark)
    public static class Threads {
        @Param({"1", "2"})
        public int threads;
        ExecutorService pool;

        @Setup(Level.Trial)
        public void setUp() {
            pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1) : null;
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    @Benchmark
    public double kernelEngine(Batch b, Threads t) {
        return new KernelStep(b.run, b.config, b.tasks, new SplittableRandom(3), 0.2, t.pool, t.threads)
                .lossAndGradient(b.params, b.gradient);
    }

    @Benchmark
    public double batchedEngine(Batch b) {
        return new BatchedStep(b.run, b.config, b.tasks, new SplittableRandom(3), 0.2)
                .lossAndGradient(b.params, b.gradient);
    }
}
