package io.github.metarec4j.meta;

import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.FeedbackType;
import io.github.metarec4j.data.RatingScale;
import io.github.metarec4j.model.MlpScorer;
import io.github.metarec4j.model.MlpScorerConfig;
import io.github.metarec4j.model.Objective;
import io.github.metarec4j.model.ParameterLayout;
import io.github.metarec4j.util.Checks;
import io.github.metarec4j.util.Seeds;
import io.github.metarec4j.util.Version;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.IntFunction;

/**
 * What every trainer shares: preparing the data, initialising the scorer, the epoch loop
 * with Adam updates, gradient clipping, divergence checks, validation, early stopping,
 * listeners, and assembling the {@link MetaModel}. A trainer supplies only the steps of
 * an epoch, each of which computes a loss and its gradient.
 */
final class TrainingRun {

    /** One update: computes the loss of some tasks and writes its gradient. */
    interface Step {
        /** Writes the gradient of the step's loss at {@code params} into {@code gradient}; returns the loss. */
        double lossAndGradient(INDArray params, INDArray gradient);

        /** Tasks (users, or user chunks) the step covers, for throughput figures. */
        int tasks();
    }

    final TrainingData data;
    final MlpScorer scorer;
    final BatchAssembler assembler;
    private final Dataset dataset;
    private final MamlConfig config;
    private final List<TrainingListener> listeners;
    private final Validator validator;
    private final RatingScale scale;

    TrainingRun(Dataset dataset, MlpScorerConfig scorerConfig, MamlConfig config, List<TrainingListener> listeners) {
        this.dataset = Checks.notNull(dataset, "dataset");
        this.config = config;
        this.listeners = listeners;
        this.data = TrainingData.prepare(dataset, scorerConfig, config);
        ParameterLayout layout = new ParameterLayout(scorerConfig, data.userEncoder.dimension(),
                data.itemEncoder.dimension(), data.idRows);
        this.scorer = new MlpScorer(scorerConfig, data.objective, layout);
        this.assembler = new BatchAssembler(data.catalogue, data.userWidth, data.objective, data.ratingOffset,
                scorerConfig.negativesPerPositive());
        this.scale = dataset.ratingScale().orElse(null);
        this.validator = new Validator(data, assembler, config, scale == null ? 0 : scale.min(),
                scale == null ? 0 : scale.max());
    }

    /** Trains with the steps {@code epochSteps} gives for each epoch (1-based). */
    MetaModel train(IntFunction<List<Step>> epochSteps) {
        long start = System.nanoTime();
        MlpScorerConfig scorerConfig = scorer.config();
        double outputBias = data.objective == Objective.RATING ? 0
                : -Math.log(scorerConfig.negativesPerPositive()); // logit of the positive rate 1 / (1 + negatives)
        INDArray params = scorer.initialParameters(Seeds.derive(config.seed(), 0), outputBias,
                data.userEncoder.unknownSlots(), data.itemEncoder.unknownSlots(), DataType.FLOAT);
        long size = scorer.layout().size();
        Adam adam = new Adam(config.outerLearningRate());
        GradientUpdater<?> updater = adam.instantiate(Nd4j.zeros(DataType.FLOAT, 1, adam.stateSize(size)), true);
        INDArray gradient = params.ulike();

        TrainingListener.TrainingPlan plan = new TrainingListener.TrainingPlan(config.epochs(), data.fit.size(),
                validator.users(), config.metaBatchSize(), size);
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
            List<Step> steps = epochSteps.apply(epoch);
            double lossSum = 0;
            for (int s = 1; s <= steps.size(); s++) {
                Step step = steps.get(s - 1);
                double loss = step.lossAndGradient(params, gradient);
                if (!Double.isFinite(loss)) {
                    throw new TrainingDivergedException(epoch, s, loss, config);
                }
                try (MemoryWorkspace ignored = Workspaces.open("metarec4j-update")) {
                    clip(gradient);
                    updater.applyUpdater(gradient, iteration++, epoch - 1);
                    params.subi(gradient);
                }
                lossSum += loss;
                tasks += step.tasks();
                epochTasks += step.tasks();
                TrainingListener.TrainingProgress progress = new TrainingListener.TrainingProgress(epoch,
                        config.epochs(), s, steps.size(), loss, tasks, Duration.ofNanos(System.nanoTime() - start));
                listeners.forEach(l -> l.onMetaStep(progress));
            }
            double epochSeconds = (System.nanoTime() - epochStart) / 1e9;
            double score = validator.isEmpty() ? Double.NaN : validator.score(scorer, params,
                    config.adaptationScope(), config.innerSteps(), config.innerLearningRate());
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
                    lossSum / Math.max(1, steps.size()), score, improved, tasks,
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
        Provenance provenance = new Provenance(Version.current(), Instant.now(), config.seed(),
                dataset.fingerprint(), data.fit.size(), validator.users(), epoch, bestEpoch, best, tasks,
                time.toNanos() / 1e9);
        return new MetaModel(scorer, config, bestParams, data.userEncoder, data.itemEncoder, data.catalogue,
                data.ratingOffset, dataset.feedbackType(),
                dataset.feedbackType() == FeedbackType.EXPLICIT ? scale : null, provenance);
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
