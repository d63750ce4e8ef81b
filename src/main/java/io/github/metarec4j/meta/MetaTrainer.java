package io.github.metarec4j.meta;

import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.model.AdaptationScope;
import io.github.metarec4j.model.MlpScorer;
import io.github.metarec4j.model.MlpScorerConfig;
import io.github.metarec4j.model.RowBatch;
import io.github.metarec4j.task.MetaBatchSampler;
import io.github.metarec4j.task.Task;
import io.github.metarec4j.task.TaskSplitter;
import io.github.metarec4j.util.Checks;
import io.github.metarec4j.util.Seeds;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.SplittableRandom;

/**
 * First-order MAML: learns shared initial weights from which a few SGD steps on a user's
 * support set give good predictions on that user's query set.
 *
 * <p>Per meta-batch of B users (tasks), with parameters θ:
 * <ol>
 *   <li>inner loop: {@code θ'_u = θ - α ∇L_S(u)(θ)}, {@code innerSteps} times, on the
 *       adapted parameters only, all B users at once;</li>
 *   <li>outer loop: {@code g = (1/B) Σ_u ∇L_Q(u)(θ'_u)}, the adapted weights treated as
 *       constants (first order); optionally rescaled to {@code gradientClipNorm}; θ updated
 *       by Adam.</li>
 * </ol>
 * Training tasks are cut afresh at every epoch (random support of size in
 * {@code [minSupport, maxSupport]}). After each epoch, held-out validation users are
 * adapted on their first interactions and scored on the next ones; the best epoch's
 * weights are kept and training stops after {@code patience} epochs without improvement.
 *
 * <p>Immutable configuration; {@link #fit} may run on several threads at once, but the
 * listeners then see interleaved calls.
 */
public final class MetaTrainer {

    private final MlpScorerConfig scorerConfig;
    private final MamlConfig config;
    private final List<TrainingListener> listeners;

    /**
     * @param scorerConfig the scorer to train
     * @param config       how to meta-train (and later adapt)
     * @param listeners    told of progress; may be empty
     */
    public MetaTrainer(MlpScorerConfig scorerConfig, MamlConfig config, List<TrainingListener> listeners) {
        this.scorerConfig = Checks.notNull(scorerConfig, "scorerConfig");
        this.config = Checks.notNull(config, "config");
        this.listeners = List.copyOf(Checks.notNull(listeners, "listeners"));
    }

    /**
     * Meta-trains on {@code data}.
     *
     * @throws IllegalArgumentException  if the data cannot be trained on (no user with two
     *                                   interactions, a rating objective on implicit data)
     * @throws TrainingDivergedException if the loss stops being a finite number
     */
    public MetaModel fit(Dataset data) {
        TrainingRun run = new TrainingRun(Checks.notNull(data, "dataset"), scorerConfig, config, listeners);
        MetaBatchSampler sampler = new MetaBatchSampler(run.data.fit,
                TaskSplitter.randomKShot(config.minSupport(), config.maxSupport(), config.maxQuery()),
                config.metaBatchSize(), Seeds.derive(config.seed(), 1));
        SplittableRandom random = new SplittableRandom(Seeds.derive(config.seed(), 2));
        return run.train(epoch -> sampler.epoch(epoch).stream()
                .map(batch -> (TrainingRun.Step) new MamlStep(run, batch, random)).toList());
    }

    /** One meta-batch: inner loop on the supports, query gradient at the adapted weights. */
    private final class MamlStep implements TrainingRun.Step {
        private final TrainingRun run;
        private final List<Task> batch;
        private final SplittableRandom random;

        MamlStep(TrainingRun run, List<Task> batch, SplittableRandom random) {
            this.run = run;
            this.batch = batch;
            this.random = random;
        }

        @Override
        public double lossAndGradient(INDArray params, INDArray gradient) {
            TrainingData td = run.data;
            MlpScorer scorer = run.scorer;
            AdaptationScope scope = config.adaptationScope();
            int[] userRows = batch.stream().mapToInt(Task::user).toArray();
            double dropout = scorerConfig.itemIdDropout();
            RowBatch support = run.assembler.build(batch, BatchAssembler.Side.SUPPORT, td.userInputs, userRows,
                    t -> td.itemsOf(batch.get(t).user()), dropout, random, t -> 1, DataType.FLOAT);
            RowBatch query = run.assembler.build(batch, BatchAssembler.Side.QUERY, td.userInputs, userRows,
                    t -> td.itemsOf(batch.get(t).user()), dropout, random, t -> 1.0 / batch.size(),
                    DataType.FLOAT);
            INDArray adapted = InnerLoop.adapt(scorer, params, scope, support, config.innerSteps(),
                    config.innerLearningRate());
            MlpScorer.Pass pass = scorer.forward(scorer.prefix(params, scope, query), adapted);
            double loss = scorer.lossGradient(pass);
            scorer.backward(pass, adapted.ulike(), gradient);
            return loss;
        }

        @Override
        public int tasks() {
            return batch.size();
        }
    }
}
