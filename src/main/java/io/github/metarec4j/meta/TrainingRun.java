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
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
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

    /**
     * A step that also computes on Java arrays, the form training keeps the parameters in: it
     * then takes neither the copy of the parameters into an INDArray nor the copy of the
     * gradient out of one.
     */
    interface JavaStep extends Step {
        /**
         * As {@link #lossAndGradient(INDArray, INDArray)}, on flat arrays in layout order;
         * overwrites {@code gradient}.
         */
        double lossAndGradient(float[] params, float[] gradient);
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
        // the parameters live in Java arrays; INDArray mirrors serve the steps and the validator that need them
        INDArray paramsNd = scorer.initialParameters(Seeds.derive(config.seed(), 0), outputBias,
                data.userEncoder.unknownSlots(), data.itemEncoder.unknownSlots(), DataType.FLOAT);
        INDArray gradientNd = paramsNd.ulike();
        float[] params = paramsNd.toFloatVector();
        float[] gradient = new float[params.length];
        long size = scorer.layout().size();
        AdamUpdate updater = new AdamUpdate(params.length, config.outerLearningRate(), config.gradientClipNorm());

        TrainingListener.TrainingPlan plan = new TrainingListener.TrainingPlan(config.epochs(), data.fit.size(),
                validator.users(), config.metaBatchSize(), size);
        listeners.forEach(l -> l.onTrainingStart(plan));

        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        float[] bestParams = params.clone();
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
                double loss;
                if (step instanceof JavaStep java) {
                    loss = java.lossAndGradient(params, gradient);
                } else {
                    copy(params, paramsNd);
                    loss = step.lossAndGradient(paramsNd, gradientNd);
                    copy(gradientNd, gradient);
                }
                if (!Double.isFinite(loss)) {
                    throw new TrainingDivergedException(epoch, s, loss, config);
                }
                updater.apply(params, gradient, iteration++);
                lossSum += loss;
                tasks += step.tasks();
                epochTasks += step.tasks();
                TrainingListener.TrainingProgress progress = new TrainingListener.TrainingProgress(epoch,
                        config.epochs(), s, steps.size(), loss, tasks, Duration.ofNanos(System.nanoTime() - start));
                listeners.forEach(l -> l.onMetaStep(progress));
            }
            double epochSeconds = (System.nanoTime() - epochStart) / 1e9;
            double score = Double.NaN;
            if (!validator.isEmpty()) {
                copy(params, paramsNd);
                score = validator.score(scorer, paramsNd, config.adaptationScope(), config.innerSteps(),
                        config.innerLearningRate());
            }
            boolean improved = validator.isEmpty() || score < best;
            if (improved) {
                best = validator.isEmpty() ? Double.NaN : score;
                bestEpoch = epoch;
                System.arraycopy(params, 0, bestParams, 0, params.length);
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
        return new MetaModel(scorer, config, Nd4j.create(bestParams, paramsNd.shape(), DataType.FLOAT),
                data.userEncoder, data.itemEncoder, data.catalogue, data.ratingOffset, dataset.feedbackType(),
                dataset.feedbackType() == FeedbackType.EXPLICIT ? scale : null, provenance);
    }

    /** Copies {@code from} into {@code to}, a dense array of as many values. */
    static void copy(float[] from, INDArray to) {
        Checks.argument(to.length() == from.length && !to.isView(),
                "copying " + from.length + " values into a dense array of " + to.length());
        FloatBuffer buffer = to.data().asNioFloat();
        buffer.position((int) to.offset());
        buffer.put(from);
    }

    /** Copies {@code from}, a dense array, into {@code to} of as many values. */
    static void copy(INDArray from, float[] to) {
        Checks.argument(from.length() == to.length && !from.isView(),
                "copying a dense array of " + from.length() + " values into " + to.length);
        FloatBuffer buffer = from.data().asNioFloat();
        buffer.position((int) from.offset());
        buffer.get(to);
    }
}
