package io.github.metarec4j.meta;

import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.FeedbackType;
import io.github.metarec4j.data.RatingScale;
import io.github.metarec4j.model.AdaptationScope;
import io.github.metarec4j.model.MlpScorer;
import io.github.metarec4j.model.MlpScorerConfig;
import io.github.metarec4j.model.Objective;
import io.github.metarec4j.model.ParameterLayout;
import io.github.metarec4j.model.RowBatch;
import io.github.metarec4j.task.MetaBatchSampler;
import io.github.metarec4j.task.Task;
import io.github.metarec4j.task.TaskSplitter;
import io.github.metarec4j.util.Checks;
import io.github.metarec4j.util.Seeds;
import io.github.metarec4j.util.Version;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

import java.time.Duration;
import java.time.Instant;
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
 * <p>Not thread-safe while {@link #fit} runs (it drives the listeners); {@code fit} can be
 * called again, each run independent.
 */
public final class MetaTrainer {

    private final MlpScorerConfig scorerConfig;
    private final MamlConfig config;
    private final List<TrainingListener> listeners;

    public MetaTrainer(MlpScorerConfig scorerConfig, MamlConfig config, List<TrainingListener> listeners) {
        this.scorerConfig = Checks.notNull(scorerConfig, "scorerConfig");
        this.config = Checks.notNull(config, "config");
        this.listeners = List.copyOf(Checks.notNull(listeners, "listeners"));
    }

    /**
     * Meta-trains on {@code data}.
     *
     * @throws IllegalArgumentException    if the data cannot be trained on (no user with two
     *                                     interactions, a rating objective on implicit data)
     * @throws TrainingDivergedException   if the loss stops being a finite number
     */
    public MetaModel fit(Dataset data) {
        Checks.notNull(data, "dataset");
        long start = System.nanoTime();
        TrainingData td = TrainingData.prepare(data, scorerConfig, config);
        ParameterLayout layout = new ParameterLayout(scorerConfig, td.userEncoder.dimension(),
                td.itemEncoder.dimension(), td.idRows);
        MlpScorer scorer = new MlpScorer(scorerConfig, td.objective, layout);
        double outputBias = td.objective == Objective.RATING ? 0
                : -Math.log(scorerConfig.negativesPerPositive()); // logit of the positive rate 1 / (1 + negatives)
        INDArray params = scorer.initialParameters(Seeds.derive(config.seed(), 0), outputBias,
                td.userEncoder.unknownSlots(), td.itemEncoder.unknownSlots(), DataType.FLOAT);
        BatchAssembler assembler = new BatchAssembler(td.catalogue, td.userWidth, td.objective, td.ratingOffset,
                scorerConfig.negativesPerPositive());
        RatingScale scale = data.ratingScale().orElse(null);
        Validator validator = new Validator(td, assembler, config, scale == null ? 0 : scale.min(),
                scale == null ? 0 : scale.max());

        Adam adam = new Adam(config.outerLearningRate());
        INDArray adamState = Nd4j.zeros(DataType.FLOAT, 1, adam.stateSize(layout.size()));
        GradientUpdater<?> updater = adam.instantiate(adamState, true);
        MetaBatchSampler sampler = new MetaBatchSampler(td.fit,
                TaskSplitter.randomKShot(config.minSupport(), config.maxSupport(), config.maxQuery()),
                config.metaBatchSize(), Seeds.derive(config.seed(), 1));
        SplittableRandom random = new SplittableRandom(Seeds.derive(config.seed(), 2));
        AdaptationScope scope = config.adaptationScope();
        INDArray gradient = params.ulike();

        TrainingListener.TrainingPlan plan = new TrainingListener.TrainingPlan(config.epochs(), td.fit.size(),
                validator.users(), config.metaBatchSize(), layout.size());
        listeners.forEach(l -> l.onTrainingStart(plan));

        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        INDArray bestParams = params.dup();
        int sinceBest = 0;
        long tasks = 0;
        int iteration = 0;
        int epoch = 0;
        boolean stoppedEarly = false;
        while (epoch < config.epochs()) {
            epoch++;
            long epochStart = System.nanoTime();
            long epochTasks = 0;
            List<List<Task>> batches = sampler.epoch(epoch);
            double lossSum = 0;
            for (int step = 1; step <= batches.size(); step++) {
                List<Task> batch = batches.get(step - 1);
                int[] userRows = batch.stream().mapToInt(Task::user).toArray();
                RowBatch support = assembler.build(batch, BatchAssembler.Side.SUPPORT, td.userInputs, userRows,
                        t -> td.itemsOf(batch.get(t).user()), scorerConfig.itemIdDropout(), random, 1,
                        DataType.FLOAT);
                RowBatch query = assembler.build(batch, BatchAssembler.Side.QUERY, td.userInputs, userRows,
                        t -> td.itemsOf(batch.get(t).user()), scorerConfig.itemIdDropout(), random,
                        1.0 / batch.size(), DataType.FLOAT);
                INDArray adapted = InnerLoop.adapt(scorer, params, scope, support, config.innerSteps(),
                        config.innerLearningRate());
                MlpScorer.Pass pass = scorer.forward(scorer.prefix(params, scope, query), adapted);
                double loss = scorer.lossGradient(pass);
                if (!Double.isFinite(loss)) {
                    throw new TrainingDivergedException(epoch, step, loss, config);
                }
                scorer.backward(pass, adapted.ulike(), gradient);
                clip(gradient);
                updater.applyUpdater(gradient, iteration++, epoch - 1);
                params.subi(gradient);
                lossSum += loss;
                tasks += batch.size();
                epochTasks += batch.size();
                TrainingListener.TrainingProgress progress = new TrainingListener.TrainingProgress(epoch,
                        config.epochs(), step, batches.size(), loss, tasks, Duration.ofNanos(System.nanoTime() - start));
                listeners.forEach(l -> l.onMetaStep(progress));
            }
            double epochSeconds = (System.nanoTime() - epochStart) / 1e9;
            double score = validator.isEmpty() ? Double.NaN
                    : validator.score(scorer, params, scope, config.innerSteps(), config.innerLearningRate());
            boolean improved = validator.isEmpty() || score < best;
            if (improved) {
                best = validator.isEmpty() ? Double.NaN : score;
                bestEpoch = epoch;
                bestParams.assign(params);
                sinceBest = 0;
            } else {
                sinceBest++;
            }
            TrainingListener.EpochSummary summary = new TrainingListener.EpochSummary(epoch, config.epochs(),
                    lossSum / Math.max(1, batches.size()), score, improved, tasks,
                    Duration.ofNanos(System.nanoTime() - epochStart), epochTasks / Math.max(1e-9, epochSeconds));
            listeners.forEach(l -> l.onEpochEnd(summary));
            if (config.patience() > 0 && sinceBest >= config.patience()) {
                stoppedEarly = epoch < config.epochs();
                break;
            }
        }
        Duration time = Duration.ofNanos(System.nanoTime() - start);
        TrainingListener.TrainingSummary summary = new TrainingListener.TrainingSummary(epoch, bestEpoch, best,
                tasks, time, stoppedEarly);
        listeners.forEach(l -> l.onTrainingEnd(summary));
        Provenance provenance = new Provenance(Version.current(), Instant.now(), config.seed(), data.fingerprint(),
                td.fit.size(), validator.users(), epoch, bestEpoch, best, tasks, time.toNanos() / 1e9);
        return new MetaModel(scorer, config, bestParams, td.userEncoder, td.itemEncoder, td.catalogue,
                td.ratingOffset, data.feedbackType(), data.feedbackType() == FeedbackType.EXPLICIT ? scale : null,
                provenance);
    }

    private void clip(INDArray gradient) {
        if (config.gradientClipNorm() > 0) {
            double norm = gradient.norm2Number().doubleValue();
            if (norm > config.gradientClipNorm()) {
                gradient.muli(config.gradientClipNorm() / norm);
            }
        }
    }
}
