package io.github.metarec4j.meta;

import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.model.MlpScorer;
import io.github.metarec4j.model.MlpScorerConfig;
import io.github.metarec4j.model.RowBatch;
import io.github.metarec4j.task.Task;
import io.github.metarec4j.task.UserHistory;
import io.github.metarec4j.util.Checks;
import io.github.metarec4j.util.Permutations;
import io.github.metarec4j.util.Seeds;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The same scorer trained without meta-learning: one regression (or classification) over
 * all training interactions, every interaction weighing the same, with Adam. The
 * ablation that shows what meta-learning adds.
 *
 * <p>The {@link MamlConfig} supplies the optimiser settings ({@code outerLearningRate},
 * {@code epochs}, {@code seed}, validation, early stopping, clipping) and the adaptation a
 * served user gets: with {@code innerSteps(0)} the model is used as is; with the MAML
 * inner-loop settings it is fine-tuned on each user's support set exactly as a
 * meta-trained model would be, so the two differ only in how the initial weights were
 * learned. {@code metaBatchSize} counts user chunks of up to {@link #ROWS_PER_CHUNK}
 * interactions per update.
 *
 * <p>Immutable configuration; thread-safe as {@link MetaTrainer}.
 */
public final class SupervisedTrainer {

    /** Interactions of one user per row group of a batch; longer histories are split. */
    public static final int ROWS_PER_CHUNK = 32;

    private final MlpScorerConfig scorerConfig;
    private final MamlConfig config;
    private final List<TrainingListener> listeners;

    /**
     * @param scorerConfig the scorer to train
     * @param config       optimiser settings, and the adaptation served users get
     * @param listeners    told of progress; may be empty
     */
    public SupervisedTrainer(MlpScorerConfig scorerConfig, MamlConfig config, List<TrainingListener> listeners) {
        this.scorerConfig = Checks.notNull(scorerConfig, "scorerConfig");
        this.config = Checks.notNull(config, "config");
        this.listeners = List.copyOf(Checks.notNull(listeners, "listeners"));
    }

    /** Trains on every interaction of the training users of {@code data}. */
    public MetaModel fit(Dataset data) {
        TrainingRun run = new TrainingRun(Checks.notNull(data, "dataset"), scorerConfig, config, listeners);
        SplittableRandom random = new SplittableRandom(Seeds.derive(config.seed(), 5));
        return run.train(epoch -> steps(run, random));
    }

    private List<TrainingRun.Step> steps(TrainingRun run, SplittableRandom random) {
        // every interaction once per epoch, in random order, cut into per-user chunks
        List<Task> chunks = new ArrayList<>();
        for (UserHistory h : run.data.fit) {
            int[] order = Permutations.of(h.size(), random);
            for (int from = 0; from < order.length; from += ROWS_PER_CHUNK) {
                int to = Math.min(order.length, from + ROWS_PER_CHUNK);
                int[] items = new int[to - from];
                float[] values = new float[to - from];
                for (int i = from; i < to; i++) {
                    items[i - from] = h.item(order[i]);
                    values[i - from] = h.value(order[i]);
                }
                chunks.add(new Task(h.user(), new int[0], new float[0], items, values));
            }
        }
        int[] shuffled = Permutations.of(chunks.size(), random);
        List<TrainingRun.Step> steps = new ArrayList<>();
        for (int from = 0; from < shuffled.length; from += config.metaBatchSize()) {
            List<Task> batch = new ArrayList<>();
            for (int i = from; i < Math.min(shuffled.length, from + config.metaBatchSize()); i++) {
                batch.add(chunks.get(shuffled[i]));
            }
            steps.add(new RegressionStep(run, batch, random));
        }
        return steps;
    }

    /** One minibatch: the loss over all its interactions, each weighing the same. */
    private final class RegressionStep implements TrainingRun.Step {
        private final TrainingRun run;
        private final List<Task> batch;
        private final SplittableRandom random;

        RegressionStep(TrainingRun run, List<Task> batch, SplittableRandom random) {
            this.run = run;
            this.batch = batch;
            this.random = random;
        }

        @Override
        public double lossAndGradient(INDArray params, INDArray gradient) {
            try (MemoryWorkspace ignored = Workspaces.open("metarec4j-supervised-step")) {
                return compute(params, gradient);
            }
        }

        private double compute(INDArray params, INDArray gradient) {
            TrainingData td = run.data;
            MlpScorer scorer = run.scorer;
            int[] userRows = batch.stream().mapToInt(Task::user).toArray();
            int rows = batch.stream().mapToInt(Task::querySize).sum();
            // task weight proportional to its rows: every interaction weighs 1 / rows in the batch
            RowBatch query = run.assembler.build(batch, BatchAssembler.Side.QUERY, td.userInputs, userRows,
                    t -> td.itemsOf(batch.get(t).user()), scorerConfig.itemIdDropout(), random,
                    t -> (double) batch.get(t).querySize() / rows, DataType.FLOAT);
            return scorer.lossAndParamGradient(scorer.prefix(params, config.adaptationScope(), query),
                    scorer.adaptedCopies(params, config.adaptationScope(), batch.size()), gradient);
        }

        @Override
        public int tasks() {
            return batch.size();
        }
    }
}
