package io.github.metarec4j.internal.meta;

import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.internal.task.MetaBatchSampler;
import io.github.metarec4j.internal.task.Task;
import io.github.metarec4j.internal.task.TaskSplitter;
import io.github.metarec4j.internal.task.UserHistory;
import io.github.metarec4j.internal.util.Checks;
import io.github.metarec4j.internal.util.Seeds;
import io.github.metarec4j.meta.Checkpoints;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.meta.TrainingListener;
import io.github.metarec4j.model.ScorerConfig;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * First-order MAML with learned inner learning rates (Meta-SGD): learns shared parameters,
 * and a starting user state computed from a user's features and support items, from which a
 * few gradient steps on the user's support set give good predictions on their query set.
 *
 * <p>Per meta-batch of B users (tasks), with parameters θ (see {@code model.Network}):
 * <ol>
 *   <li>inner loop: from the user's starting state, {@code A <- A - exp(rho) ∇_A L_S(A)},
 *       {@code innerSteps} times, on the adapted values only;</li>
 *   <li>outer loop: {@code g = (1/B) Σ_u ∇_θ L_Q(u)} at each user's adapted values, those
 *       treated as their start plus a constant (first order); optionally rescaled to
 *       {@code gradientClipNorm}; θ updated by Adam.</li>
 * </ol>
 * Training tasks are cut afresh at every epoch ({@link TaskOrder}: by default the user's
 * first interactions as support and later ones as query). After each epoch, held-out
 * validation users are adapted on their first interactions and scored on later ones, as the
 * cold-start protocol scores new users; the best epoch's parameters are kept and training
 * stops after {@code patience} epochs without improvement.
 *
 * <p>Users of a meta-batch are spread over {@code threads} threads, each running the
 * plain-Java fast path; results are bit-reproducible for a seed and a thread count.
 *
 * <p>Immutable configuration; {@link #fit} may run on several threads at once, but the
 * listeners then see interleaved calls.
 */
public final class MamlTrainer {

    /** How {@link io.github.metarec4j.meta.Provenance#algorithm()} names this trainer's default algorithm. */
    public static final String ALGORITHM = new TaskGradient.FirstOrder().name();

    private final ScorerConfig scorerConfig;
    private final MamlConfig config;
    private final List<TrainingListener> listeners;
    private final Optional<Checkpoints> checkpoints;
    private final Optional<MetaModel> transferSource;
    private final TaskGradient rule;

    /**
     * @param scorerConfig the scorer to train
     * @param config       how to meta-train (and later adapt)
     * @param listeners    told of progress; may be empty
     */
    public MamlTrainer(ScorerConfig scorerConfig, MamlConfig config, List<TrainingListener> listeners) {
        this(scorerConfig, config, listeners, Optional.empty());
    }

    /**
     * @param transferSource a model of another data set whose transferable weights training
     *                       starts from ({@link Transfer}); empty for fresh weights
     */
    public MamlTrainer(ScorerConfig scorerConfig, MamlConfig config, List<TrainingListener> listeners,
                       Optional<MetaModel> transferSource) {
        this(scorerConfig, config, listeners, transferSource, new TaskGradient.FirstOrder());
    }

    /**
     * @param rule how each task adds its share of the meta-gradient: first-order MAML,
     *             second-order MAML or Reptile
     */
    public MamlTrainer(ScorerConfig scorerConfig, MamlConfig config, List<TrainingListener> listeners,
                       Optional<MetaModel> transferSource, TaskGradient rule) {
        this.rule = Checks.notNull(rule, "rule");
        if (rule instanceof TaskGradient.Reptile) {
            Checks.argument(config.innerSteps() >= 2, "Reptile needs at least 2 inner steps (one on the support, "
                    + "one on the query), got innerSteps " + config.innerSteps() + "; set innerSteps(2) or more");
        }
        this.scorerConfig = Checks.notNull(scorerConfig, "scorerConfig");
        this.config = Checks.notNull(config, "config");
        this.listeners = List.copyOf(Checks.notNull(listeners, "listeners"));
        this.checkpoints = Optional.empty();
        this.transferSource = Checks.notNull(transferSource, "transferSource");
    }

    private MamlTrainer(MamlTrainer trainer, Checkpoints checkpoints) {
        this.scorerConfig = trainer.scorerConfig;
        this.config = trainer.config;
        this.listeners = trainer.listeners;
        this.checkpoints = Optional.of(checkpoints);
        this.transferSource = trainer.transferSource;
        this.rule = trainer.rule;
    }

    /**
     * This trainer, saving its state as {@code checkpoints} says and resuming from a checkpoint
     * of the same configuration and data that is already there (see {@link Checkpoints}). Two
     * fits running at once must not share a checkpoint file: each would overwrite the other's.
     */
    public MamlTrainer withCheckpoints(Checkpoints checkpoints) {
        return new MamlTrainer(this, Checks.notNull(checkpoints, "checkpoints"));
    }

    /**
     * Meta-trains on {@code data}.
     *
     * <p>Training ends early, without an exception, when a listener's
     * {@link TrainingListener#stopRequested()} says so or the calling thread is interrupted
     * (the flag is left set): see {@link TrainingListener.StopReason}.
     *
     * @throws IllegalArgumentException  if the data cannot be trained on (no user with two
     *                                   interactions, a rating objective on implicit data), or
     *                                   the checkpoint file holds a checkpoint of another
     *                                   configuration or other data, or is damaged
     * @throws java.io.UncheckedIOException if a checkpoint cannot be read or written
     * @throws TrainingDivergedException if the loss stops being a finite number, grows far
     *                                   beyond its starting level, or the weights or the
     *                                   validation score stop being finite numbers
     */
    public MetaModel fit(Dataset data) {
        TrainingRun run = new TrainingRun(Checks.notNull(data, "dataset"), scorerConfig, config, listeners);
        MetaBatchSampler sampler = batchSampler(run, run.data.fit);
        return trainWith(run, epoch -> sampler.epoch(epoch), config.innerSteps(), run.idDropout(), checkpoints,
                rule, rule.name(), transferSource);
    }

    /**
     * The sampler of the training users' meta-batches: tasks cut as the configuration's task
     * order says, {@code histories} (the training users' histories, or stand-ins of the same
     * sizes: the cuts' draws depend on a history's size only) in the order of {@code run.data.fit}.
     */
    static MetaBatchSampler batchSampler(TrainingRun run, List<UserHistory> histories) {
        MamlConfig config = run.config;
        TaskSplitter splitter = run.temporal()
                ? TaskSplitter.temporalKShot(config.minSupport(), config.maxSupport(), config.maxQuery())
                : TaskSplitter.randomKShot(config.minSupport(), config.maxSupport(), config.maxQuery());
        return new MetaBatchSampler(histories, splitter, config.metaBatchSize(), Seeds.derive(config.seed(), 1));
    }

    /** What draws the rows' negatives and ID dropout of epoch {@code epoch}: the seed and the epoch only. */
    static SplittableRandom rowDraws(MamlConfig config, int epoch) {
        return new SplittableRandom(Seeds.derive(Seeds.derive(config.seed(), 2), epoch));
    }

    /**
     * Runs {@code run} on the meta-batches {@code batches} gives for each epoch, spreading each
     * batch's users over the configured threads.
     */
    static MetaModel trainWith(TrainingRun run, IntFunction<List<List<Task>>> batches, int innerSteps,
                               double idDropout, Optional<Checkpoints> checkpoints, TaskGradient rule,
                               String algorithm, Optional<MetaModel> transferSource) {
        MamlConfig config = run.config;
        int threads = config.effectiveThreads();
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1, daemonThreads()) : null;
        try {
            return run.train(epoch -> {
                // the rows' draws of an epoch depend on the seed and the epoch only, so a resumed run repeats them
                SplittableRandom random = rowDraws(config, epoch);
                return batches.apply(epoch).stream()
                        .map(batch -> (TrainingRun.Step) new MetaStep(run, batch, random, idDropout, pool, threads,
                                innerSteps, rule)).toList();
            }, checkpoints, algorithm, transferSource);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, "metarec4j-trainer-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
