package io.github.metarec4j.meta;

import io.github.metarec4j.Nd4jThreads;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.SyntheticData;
import io.github.metarec4j.model.AdaptationScope;
import io.github.metarec4j.model.MlpScorerConfig;
import io.github.metarec4j.model.Objective;
import io.github.metarec4j.model.RowBatch;
import io.github.metarec4j.model.UserKernel;
import io.github.metarec4j.task.MetaBatchSampler;
import io.github.metarec4j.task.Task;
import io.github.metarec4j.task.TaskSplitter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One inner-loop SGD step (forward, loss gradient, backward, update of the dense layers) in
 * the MeLU peer's configuration (towers and ID embedding 32, dense 64-64, supports of 10):
 * for a whole meta-batch of 32 users in the batched ND4J engine, and for one user in the
 * plain-Java kernel that {@code adapt} and the kernel engine use. Same synthetic data as
 * {@link MetaStepBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InnerStepBenchmark {

    private TrainingRun run;
    private INDArray params;
    private RowBatch support;
    private UserKernel kernel;
    private float[] dense;
    private float[] user;
    private float[][] rows;
    private float[] targets;
    private float[] weights;

    @Setup(Level.Trial)
    public void setUp() {
        Nd4jThreads.singleThreaded();
        Dataset data = SyntheticData.builder().users(943).items(1682).ratingsPerUser(20, 200).seed(1).build()
                .generate();
        MlpScorerConfig scorer = MlpScorerConfig.builder().towerSize(32).hiddenLayers(64, 64)
                .itemIdEmbeddingSize(32).build();
        MamlConfig config = MamlConfig.builder().supportSize(10, 10).maxQuery(20).validationFraction(0).build();
        run = new TrainingRun(data, scorer, config, List.of());
        params = run.scorer.initialParameters(1, 0, run.data.userEncoder.unknownSlots(),
                run.data.itemEncoder.unknownSlots(), DataType.FLOAT);
        List<Task> tasks = new MetaBatchSampler(run.data.fit, TaskSplitter.randomKShot(10, 10, 20), 32, 1)
                .epoch(1).get(0);
        int[] userRows = tasks.stream().mapToInt(Task::user).toArray();
        support = run.assembler.build(tasks, BatchAssembler.Side.SUPPORT, run.data.userInputs, userRows,
                t -> run.data.itemsOf(tasks.get(t).user()), 0, new SplittableRandom(2), t -> 1, DataType.FLOAT);

        // one user's support for the kernel: 10 rows of [h_v, e] from the catalogue
        kernel = new UserKernel(run.scorer.layout().denseLayers(), 0, Objective.RATING);
        dense = run.scorer.denseParameters(params);
        INDArray items = run.scorer.itemSide(params, run.data.catalogue);
        SplittableRandom random = new SplittableRandom(3);
        user = new float[run.scorer.layout().towerSize()];
        for (int k = 0; k < user.length; k++) {
            user[k] = (float) random.nextDouble();
        }
        rows = new float[10][];
        targets = new float[10];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = items.getRow(random.nextInt((int) items.size(0))).toFloatVector();
            targets[r] = (float) (random.nextInt(5) - 2);
        }
        weights = new float[rows.length];
        Arrays.fill(weights, 1f / rows.length);
    }

    /**
     * One step for 32 users at once in batched ND4J ({@link TrainingEngine#BATCHED}), in a
     * workspace as training runs it, with its set-up (copies of the adapted slice, the towers
     * forward).
     */
    @Benchmark
    public double batchedMetaBatch() {
        try (MemoryWorkspace ignored = Workspaces.open("metarec4j-meta-step")) {
            return InnerLoop.adapt(run.scorer, params, AdaptationScope.DENSE, support, 1, 0.01).getDouble(0);
        }
    }

    /** One step for one user: the plain-Java kernel ({@code adapt}, {@link TrainingEngine#KERNEL}). */
    @Benchmark
    public float[] kernelOneUser() {
        return kernel.adapt(dense, user, rows, targets, weights, 1, 0.01f);
    }
}
