package io.github.metarec4j.internal.meta;

import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.FeedbackType;
import io.github.metarec4j.data.RatingScale;
import io.github.metarec4j.internal.model.Network;
import io.github.metarec4j.internal.model.ParameterInit;
import io.github.metarec4j.internal.model.ParameterLayout;
import io.github.metarec4j.internal.util.Checks;
import io.github.metarec4j.internal.util.Digests;
import io.github.metarec4j.internal.util.Seeds;
import io.github.metarec4j.internal.util.Version;
import io.github.metarec4j.meta.Checkpoints;
import io.github.metarec4j.meta.MamlConfig.SelectionMetric;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.meta.Provenance;
import io.github.metarec4j.meta.TrainingDivergedException;
import io.github.metarec4j.meta.TrainingListener;
import io.github.metarec4j.model.ScorerConfig;
import org.nd4j.linalg.api.buffer.DataType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * What every trainer shares: preparing the data, laying out and initialising the network,
 * the epoch loop with Adam updates, gradient clipping, divergence checks, validation, early
 * stopping, listeners, and assembling the {@link MetaModel}. A trainer supplies only the steps
 * of an epoch, each of which computes a loss and its gradient.
 */
final class TrainingRun {

    /** One update: computes the loss of some tasks and its gradient. */
    interface Step {
        /** Writes the gradient of the step's loss at {@code params} into {@code gradient} (overwriting it); returns the loss. */
        double lossAndGradient(float[] params, float[] gradient);

        /** Tasks (users, or user chunks) the step covers, for throughput figures. */
        int tasks();

        /**
         * The loss the step's rows would have if every output were 0 (no adaptation, no
         * training): the level a sound run starts near, against which a blow-up is measured.
         */
        double referenceLoss();
    }

    /**
     * A step's loss beyond this many times its {@link Step#referenceLoss()} is a blow-up. Sound runs
     * stay well below: a steep inner rate of 100 on a scorer with hidden layers starts at about 18
     * times the reference and falls; an inner loop that overshoots starts hundreds of times above it
     * and never comes down (issue 12, finding 4).
     */
    static final double BLOW_UP_FACTOR = 100;

    /** How {@code Provenance.engine} names the local trainers' engine. */
    static final String LOCAL_ENGINE = "plain-Java kernel";

    final TrainingData data;
    /** Named as the trainers' progress lines are, so that one logger setting covers training. */
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MamlTrainer.class);

    final Network network;
    final RowSampler sampler;
    final MamlConfig config;
    private final Dataset dataset;
    private final List<TrainingListener> listeners;
    private final Validator validator;
    private final RatingScale scale;

    TrainingRun(Dataset dataset, ScorerConfig scorerConfig, MamlConfig config, List<TrainingListener> listeners) {
        this.dataset = Checks.notNull(dataset, "dataset");
        this.config = config;
        this.listeners = listeners;
        this.data = TrainingData.prepare(dataset, scorerConfig, config);
        ParameterLayout layout = new ParameterLayout(scorerConfig, data.objective, config.adaptationScope(),
                config.learnInnerRates(), config.adaptationDamping() > 0, config.ridgePenalty() > 0,
                data.userEncoder.dimension(), data.itemEncoder.dimension(), data.idRows);
        checkHeap(layout.size(), config.effectiveThreads());
        this.network = new Network(scorerConfig, data.objective, layout);
        this.sampler = new RowSampler(data.catalogue, data.objective, data.ratingOffset, scorerConfig.negatives(),
                scorerConfig.strengthWeights(), data.itemsWithIds);
        this.scale = dataset.ratingScale().orElse(null);
        this.validator = new Validator(data, network, sampler, config, scale == null ? 0 : scale.min(),
                scale == null ? 0 : scale.max());
    }

    /**
     * Copies of the weights training holds besides the threads' gradient accumulators: the weights,
     * the gradient, Adam's two moments, the best epoch's weights, and the fast path's unpacked layers.
     */
    static final int TRAINING_COPIES = 6;

    /**
     * Refuses, before anything is allocated, a scorer whose training would not fit in the heap, so
     * that an oversized configuration fails with its sizes named rather than with an
     * {@link OutOfMemoryError} (or ND4J's allocation errors) part way in.
     */
    static void checkHeap(long parameters, int threads) {
        long needed = parameters * Float.BYTES * (TRAINING_COPIES + threads);
        long available = Runtime.getRuntime().maxMemory();
        if (needed > available) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "training a scorer of %,d "
                    + "parameters needs about %,d MiB of heap (%d copies of the weights), but this JVM may use "
                    + "%,d MiB: lower towerSize, hiddenLayers, userFactors or itemIdEmbeddingSize, or raise the "
                    + "heap (-Xmx)", parameters, needed >> 20, TRAINING_COPIES + threads, available >> 20));
        }
    }

    /**
     * The item-ID dropout of training rows: the configured probability, or 0 when the items have
     * no features (the dropout trains the content-only fallback of new items, and without
     * content there is none to train: it would only hide a fifth of the signal).
     */
    double idDropout() {
        return data.itemEncoder.dimension() == 0 ? 0 : network.config().itemIdDropout();
    }

    /** Whether the data's interactions are cut in time order ({@link TaskOrder}). */
    boolean temporal() {
        return switch (config.taskOrder()) {
            case TEMPORAL -> true;
            case RANDOM -> false;
            default -> data.timeOrdered;
        };
    }

    /**
     * Fails with {@link TrainingDivergedException} if {@code loss}, {@code what} of meta-step
     * {@code s}, is not a finite number or is more than {@link #BLOW_UP_FACTOR} times the step's
     * reference loss.
     */
    private void checkLoss(int epoch, int s, String what, double loss, Step step) {
        if (!Double.isFinite(loss)) {
            throw new TrainingDivergedException(epoch, s, what + " is " + loss, config);
        }
        double reference = step.referenceLoss();
        if (reference > 0 && loss > BLOW_UP_FACTOR * reference) {
            throw new TrainingDivergedException(epoch, s, String.format(java.util.Locale.ROOT,
                    "%s is %.4g, more than %.0f times the loss of a model that outputs 0 for every row (%.4g): "
                            + "the inner or outer steps overshoot", what, loss, BLOW_UP_FACTOR, reference), config);
        }
    }

    /** Fails with {@link TrainingDivergedException} if an update left a weight that is not a finite number. */
    private void checkWeights(int epoch, int s, float[] params) {
        for (int i = 0; i < params.length; i++) {
            if (!Float.isFinite(params[i])) {
                throw new TrainingDivergedException(epoch, s, "after the update, weight " + i + " (in block "
                        + network.layout().blockAt(i).name() + ") is " + params[i], config);
            }
        }
    }

    /** The heap below which ND4J's backend may fail to start (measured: 12 MiB fails, 16 MiB starts). */
    static final long ND4J_HEAP = 32L << 20;

    /**
     * The initial weights, drawn by DL4J's initialisers: the library's first use of ND4J, whose
     * backend, short of heap while it loads, says only that it "is probably missing
     * dependencies". That case is reported as what it is.
     */
    private float[] initialParameters(ParameterLayout layout) {
        try {
            return ParameterInit.initialParameters(layout, network.config().weightInit(),
                    Seeds.derive(config.seed(), 0), data.userEncoder.unknownSlots(), data.itemEncoder.unknownSlots(),
                    data.itemBiasInit, config.innerLearningRate(), config.adaptationDamping(), config.ridgePenalty(),
                    DataType.FLOAT).toFloatVector();
        } catch (LinkageError | RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof OutOfMemoryError) {
                    throw new IllegalStateException(String.format(java.util.Locale.ROOT, "ND4J, which draws the "
                            + "initial weights, could not start: the heap ran out (this JVM may use %,d MiB). "
                            + "metarec4j needs at least %d MiB of heap, more for large models and data: start "
                            + "Java with -Xmx256m or more", Runtime.getRuntime().maxMemory() >> 20,
                            ND4J_HEAP >> 20), e);
                }
            }
            throw e;
        }
    }

    /**
     * Trains with the steps {@code epochSteps} gives for each epoch (1-based), resuming from and
     * writing {@code checkpoints} when given. {@code epochSteps} must depend on the epoch only (its
     * random draws seeded by the seed and the epoch), so that a resumed run repeats the epochs an
     * uninterrupted one would have run.
     */
    MetaModel train(IntFunction<List<Step>> epochSteps, Optional<Checkpoints> checkpoints, String algorithm,
                    Optional<MetaModel> transferSource) {
        return train(epochSteps, checkpoints, algorithm, transferSource, LOCAL_ENGINE, config.effectiveThreads());
    }

    /**
     * {@link #train(IntFunction, Optional, String, Optional)}, the model's {@code Provenance} naming
     * {@code engine} and {@code threads} (a distributed trainer's cluster, say).
     */
    MetaModel train(IntFunction<List<Step>> epochSteps, Optional<Checkpoints> checkpoints, String algorithm,
                    Optional<MetaModel> transferSource, String engine, int threads) {
        ParameterLayout layout = network.layout();
        float[] params = initialParameters(layout);
        transferSource.ifPresent(source -> {
            Transfer.Report report = Transfer.apply(params, layout, source.parameters(), source.network().layout(),
                    Transfer.sameEncoding(source.userEncoder(), data.userEncoder),
                    Transfer.sameEncoding(source.itemEncoder(), data.itemEncoder));
            LOG.info("starting from the source model's weights: {}", report);
        });
        float[] gradient = new float[params.length];
        AdamUpdate updater = new AdamUpdate(params.length, config.outerLearningRate(), config.gradientClipNorm());

        double best = Double.NaN;
        int bestEpoch = 0;
        float[] bestParams = params.clone();
        int sinceBest = 0;
        long tasks = 0;
        int iteration = 0;
        int epoch = 0;
        int phase = 1;
        long elapsedBefore = 0;
        String fingerprint = dataset.fingerprint(); // a pass over every row: once, for the key and the provenance
        String key = runKey(layout, fingerprint, algorithm);
        Optional<CheckpointFile.State> resumed = checkpoints.flatMap(c -> CheckpointFile.read(c.file(), key,
                params.length));
        if (resumed.isPresent()) {
            CheckpointFile.State r = resumed.get();
            epoch = r.epoch();
            phase = r.phase();
            iteration = r.iteration();
            tasks = r.tasks();
            elapsedBefore = r.elapsedNanos();
            best = r.best();
            bestEpoch = r.bestEpoch();
            sinceBest = r.sinceBest();
            System.arraycopy(r.params(), 0, params, 0, params.length);
            System.arraycopy(r.firstMoments(), 0, updater.firstMoments(), 0, params.length);
            System.arraycopy(r.secondMoments(), 0, updater.secondMoments(), 0, params.length);
            System.arraycopy(r.bestParams(), 0, bestParams, 0, params.length);
        }
        long start = System.nanoTime() - elapsedBefore;
        boolean[] frozen = phase == 2 ? frozenInPhaseTwo(layout) : null;

        TrainingListener.TrainingPlan plan = new TrainingListener.TrainingPlan(config.epochs(), data.fit.size(),
                validator.users(), config.metaBatchSize(), layout.size());
        listeners.forEach(l -> l.onTrainingStart(plan));

        boolean twoPhases = validator.selection() == SelectionMetric.MAE_THEN_RECALL && !validator.isEmpty();
        TrainingListener.StopReason stopReason = TrainingListener.StopReason.COMPLETED;
        Step lastStep = null;
        int lastStepIndex = 0;
        epochs:
        while (epoch < config.epochs()) {
            epoch++;
            long epochStart = System.nanoTime();
            long epochTasks = 0;
            List<Step> steps = epochSteps.apply(epoch);
            double lossSum = 0;
            for (int s = 1; s <= steps.size(); s++) {
                Step step = steps.get(s - 1);
                double loss = step.lossAndGradient(params, gradient);
                checkLoss(epoch, s, "the query loss", loss, step);
                if (frozen != null) {
                    for (int i = 0; i < params.length; i++) {
                        if (frozen[i]) {
                            gradient[i] = 0; // not in the clipping norm, and not moved below
                        }
                    }
                }
                updater.apply(params, gradient, iteration++);
                if (frozen != null) {
                    for (int i = 0; i < params.length; i++) {
                        if (frozen[i]) {
                            params[i] = bestParams[i]; // Adam's momentum would still move them
                        }
                    }
                }
                checkWeights(epoch, s, params);
                lastStep = step;
                lastStepIndex = s;
                lossSum += loss;
                tasks += step.tasks();
                epochTasks += step.tasks();
                TrainingListener.TrainingProgress progress = new TrainingListener.TrainingProgress(epoch,
                        config.epochs(), s, steps.size(), loss, tasks, Duration.ofNanos(System.nanoTime() - start));
                listeners.forEach(l -> l.onMetaStep(progress));
                TrainingListener.StopReason asked = stopAsked();
                if (asked != null) {
                    // mid-epoch: the epoch is not validated, and the weights returned are those of the
                    // best (or, without validation, the last) completed epoch
                    stopReason = asked;
                    lastStep = null;
                    epoch--;
                    break epochs;
                }
            }
            double epochSeconds = (System.nanoTime() - epochStart) / 1e9;
            double score = Double.NaN;
            Validator.Scores scores = new Validator.Scores(Double.NaN, Double.NaN, Double.NaN);
            if (!validator.isEmpty()) {
                scores = validator.score(params);
                if (!Double.isFinite(scores.loss())) {
                    // a NaN score is never "better", so without this the untrained weights would come back
                    throw new TrainingDivergedException(epoch, 0, "the validation users' loss is " + scores.loss(),
                            config);
                }
                score = validator.selectionScore(scores, phase);
            }
            boolean improved = validator.isEmpty() || validator.better(score, best, phase);
            if (improved) {
                best = score;
                bestEpoch = epoch;
                System.arraycopy(params, 0, bestParams, 0, params.length);
                sinceBest = 0;
            } else {
                sinceBest++;
            }
            TrainingListener.EpochSummary summary = new TrainingListener.EpochSummary(epoch, config.epochs(),
                    lossSum / Math.max(1, steps.size()), score, improved, tasks,
                    Duration.ofNanos(System.nanoTime() - epochStart), epochTasks / Math.max(1e-9, epochSeconds),
                    scores.mae(), scores.recall());
            listeners.forEach(l -> l.onEpochEnd(summary));
            if (config.patience() > 0 && sinceBest >= config.patience()) {
                if (twoPhases && phase == 1) {
                    // the rating head is done: back to its best epoch, and on with the engagement head's own
                    // parameters alone, judged by Recall from where they stand
                    phase = 2;
                    System.arraycopy(bestParams, 0, params, 0, params.length);
                    frozen = frozenInPhaseTwo(layout);
                    best = validator.selectionScore(validator.score(params), phase);
                    sinceBest = 0;
                    updater = new AdamUpdate(params.length, config.outerLearningRate(), config.gradientClipNorm());
                    iteration = 0;
                } else {
                    stopReason = epoch < config.epochs() ? TrainingListener.StopReason.EARLY_STOPPING
                            : TrainingListener.StopReason.COMPLETED;
                    break;
                }
            }
            if (checkpoints.isPresent() && epoch % checkpoints.get().everyEpochs() == 0) {
                CheckpointFile.write(checkpoints.get().file(), key, new CheckpointFile.State(epoch, phase, iteration,
                        tasks, System.nanoTime() - start, best, bestEpoch, sinceBest, params, updater.firstMoments(),
                        updater.secondMoments(), bestParams));
            }
        }
        if (lastStep != null && validator.isEmpty()) {
            // the weights returned are the last update's: every other update is judged by the loss of the
            // step after it, the last one only here
            double loss = lastStep.lossAndGradient(params, gradient);
            checkLoss(epoch, lastStepIndex, "after the update, the query loss", loss, lastStep);
        }
        Duration time = Duration.ofNanos(System.nanoTime() - start);
        TrainingListener.TrainingSummary summary = new TrainingListener.TrainingSummary(epoch, bestEpoch, best,
                tasks, time, stopReason);
        listeners.forEach(l -> l.onTrainingEnd(summary));
        Provenance provenance = new Provenance(Version.current(), Instant.now(), config.seed(),
                fingerprint, data.fit.size(), validator.users(), epoch, bestEpoch, best, tasks,
                time.toNanos() / 1e9, algorithm, engine, threads,
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version"), System.getProperty("os.arch"));
        return new MetaModel(network, config, bestParams, data.userEncoder, data.itemEncoder, data.catalogue,
                data.ratingOffset, dataset.feedbackType(),
                dataset.feedbackType() == FeedbackType.EXPLICIT ? scale : null, provenance);
    }

    /** Why training should stop now, or null: the thread's interrupt (left set), or a listener's request. */
    private TrainingListener.StopReason stopAsked() {
        if (Thread.currentThread().isInterrupted()) {
            return TrainingListener.StopReason.INTERRUPTED;
        }
        for (TrainingListener l : listeners) {
            if (l.stopRequested()) {
                return TrainingListener.StopReason.REQUESTED;
            }
        }
        return null;
    }

    /** The parameters the second phase of {@link SelectionMetric#MAE_THEN_RECALL} keeps still. */
    private boolean[] frozenInPhaseTwo(ParameterLayout layout) {
        boolean[] own = layout.ownedBy(data.objective.engagementHead());
        boolean[] frozen = new boolean[own.length];
        for (int i = 0; i < own.length; i++) {
            frozen[i] = !own[i];
        }
        return frozen;
    }

    /**
     * What a checkpoint must match to be resumed: the configurations (but the thread count and the
     * number of epochs, which a resumed run may change), the data's fingerprint and the layout.
     */
    private String runKey(ParameterLayout layout, String fingerprint, String algorithm) {
        String run = network.config() + "|" + config.toBuilder().threads(1).epochs(1).build() + "|"
                + fingerprint + "|" + layout.blocks();
        if (!algorithm.equals(MamlTrainer.ALGORITHM)) {
            run += "|" + algorithm; // a checkpoint of one algorithm never resumes another's training
        }
        return java.util.HexFormat.of().formatHex(Digests.sha256()
                .digest(run.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
