package io.github.metarec4j.meta;

import io.github.metarec4j.model.AdaptationScope;
import io.github.metarec4j.model.Objective;
import io.github.metarec4j.model.RowBatch;
import io.github.metarec4j.model.UserKernel;
import io.github.metarec4j.task.Task;
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
 * the MeLU peer's configuration, on {@link MetaStepBenchmark}'s data and meta-batch: for the
 * whole meta-batch of 32 users in the batched ND4J engine, and for one user in the plain-Java
 * kernel that {@code adapt} and the kernel engine use.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InnerStepBenchmark {

    /** The meta-batch's support rows, as the batched engine builds them. */
    @State(Scope.Benchmark)
    public static class Support {
        RowBatch rows;

        @Setup(Level.Trial)
        public void setUp(MetaStepBenchmark.Batch b) {
            List<Task> tasks = b.tasks;
            int[] userRows = tasks.stream().mapToInt(Task::user).toArray();
            rows = b.run.assembler.build(tasks, BatchAssembler.Side.SUPPORT, b.run.data.userInputs, userRows,
                    t -> b.run.data.itemsOf(tasks.get(t).user()), 0, new SplittableRandom(2), t -> 1,
                    DataType.FLOAT);
        }
    }

    /** One user's support for the kernel: 10 catalogue rows of {@code [h_v, e]}, random targets. */
    @State(Scope.Benchmark)
    public static class OneUser {
        UserKernel kernel;
        float[] dense;
        float[] user;
        float[][] rows = new float[10][];
        float[] targets = new float[10];
        float[] weights = new float[10];

        @Setup(Level.Trial)
        public void setUp(MetaStepBenchmark.Batch b) {
            kernel = new UserKernel(b.run.scorer.layout().denseLayers(), 0, Objective.RATING);
            dense = b.run.scorer.denseParameters(b.params);
            INDArray items = b.run.scorer.itemSide(b.params, b.run.data.catalogue);
            SplittableRandom random = new SplittableRandom(3);
            user = new float[b.run.scorer.layout().towerSize()];
            for (int k = 0; k < user.length; k++) {
                user[k] = (float) random.nextDouble();
            }
            for (int r = 0; r < rows.length; r++) {
                rows[r] = items.getRow(random.nextInt((int) items.size(0))).toFloatVector();
                targets[r] = random.nextInt(5) - 2;
            }
            Arrays.fill(weights, 1f / rows.length);
        }
    }

    /**
     * One step for 32 users at once in batched ND4J ({@link TrainingEngine#BATCHED}), in a
     * workspace as training runs it, with its set-up (copies of the adapted slice, the towers
     * forward).
     */
    @Benchmark
    public double batchedMetaBatch(MetaStepBenchmark.Batch b, Support s) {
        try (MemoryWorkspace ignored = Workspaces.open("metarec4j-meta-step")) {
            return InnerLoop.adapt(b.run.scorer, b.params, AdaptationScope.DENSE, s.rows, 1, 0.01).getDouble(0);
        }
    }

    /** One step for one user: the plain-Java kernel ({@code adapt}, {@link TrainingEngine#KERNEL}). */
    @Benchmark
    public float[] kernelOneUser(OneUser u) {
        return u.kernel.adapt(u.dense, u.user, u.rows, u.targets, u.weights, 1, 0.01f);
    }
}
