package io.github.metarec4j.meta;

import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.model.AdaptationScope;
import io.github.metarec4j.model.MlpScorerConfig;
import io.github.metarec4j.task.MetaBatchSampler;
import io.github.metarec4j.task.TaskSplitter;
import io.github.metarec4j.util.Checks;
import io.github.metarec4j.util.Seeds;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

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
 * <p>Two engines compute this (see {@link TrainingEngine}): batched ND4J operations over the
 * whole meta-batch, or a plain-Java kernel per user spread over threads; they give the same
 * meta-gradient.
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
        boolean kernel = engine() == TrainingEngine.KERNEL;
        int threads = kernel ? config.effectiveThreads() : 1;
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1, daemonThreads()) : null;
        try {
            return run.train(epoch -> sampler.epoch(epoch).stream()
                    .map(batch -> kernel
                            ? (TrainingRun.Step) new KernelStep(run, config, batch, random,
                            scorerConfig.itemIdDropout(), pool, threads)
                            : new BatchedStep(run, config, batch, random, scorerConfig.itemIdDropout())).toList());
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /** The engine that will run: AUTO picks the kernel where it applies. */
    private TrainingEngine engine() {
        boolean towersAdapted = config.adaptationScope() == AdaptationScope.ALL;
        if (config.engine() == TrainingEngine.KERNEL && towersAdapted) {
            throw new IllegalArgumentException("the KERNEL training engine serves the HEAD and DENSE adaptation "
                    + "scopes; with ALL (towers adapted per user) use TrainingEngine.BATCHED or AUTO");
        }
        if (config.engine() == TrainingEngine.AUTO) {
            return towersAdapted ? TrainingEngine.BATCHED : TrainingEngine.KERNEL;
        }
        return config.engine();
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
