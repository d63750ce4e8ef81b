package io.github.metarec4j.meta;

import io.github.metarec4j.model.AdaptationScope;
import io.github.metarec4j.model.MlpScorer;
import io.github.metarec4j.model.RowBatch;
import io.github.metarec4j.task.Task;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.SplittableRandom;

/**
 * One meta-batch of first-order MAML in batched ND4J operations
 * ({@link TrainingEngine#BATCHED}, the reference implementation): the inner loop on all
 * supports at once, then the query gradient at the adapted weights, inside a workspace.
 */
final class BatchedStep implements TrainingRun.Step {

    private final TrainingRun run;
    private final MamlConfig config;
    private final List<Task> batch;
    private final SplittableRandom random;
    private final double idDropout;

    BatchedStep(TrainingRun run, MamlConfig config, List<Task> batch, SplittableRandom random, double idDropout) {
        this.run = run;
        this.config = config;
        this.batch = batch;
        this.random = random;
        this.idDropout = idDropout;
    }

    @Override
    public double lossAndGradient(INDArray params, INDArray gradient) {
        try (MemoryWorkspace ignored = Workspaces.open("metarec4j-meta-step")) {
            TrainingData td = run.data;
            MlpScorer scorer = run.scorer;
            AdaptationScope scope = config.adaptationScope();
            int[] userRows = batch.stream().mapToInt(Task::user).toArray();
            RowBatch support = run.assembler.build(batch, BatchAssembler.Side.SUPPORT, td.userInputs, userRows,
                    t -> td.itemsOf(batch.get(t).user()), idDropout, random, t -> 1, DataType.FLOAT);
            RowBatch query = run.assembler.build(batch, BatchAssembler.Side.QUERY, td.userInputs, userRows,
                    t -> td.itemsOf(batch.get(t).user()), idDropout, random, t -> 1.0 / batch.size(),
                    DataType.FLOAT);
            INDArray adapted = InnerLoop.adapt(scorer, params, scope, support, config.innerSteps(),
                    config.innerLearningRate());
            return scorer.lossAndParamGradient(scorer.prefix(params, scope, query), adapted, gradient);
        }
    }

    @Override
    public int tasks() {
        return batch.size();
    }
}
