package io.github.metarec4j.internal.meta;

import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.internal.task.Task;
import io.github.metarec4j.internal.task.UserHistory;
import io.github.metarec4j.internal.util.Checks;
import io.github.metarec4j.internal.util.Permutations;
import io.github.metarec4j.internal.util.Seeds;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.meta.TrainingListener;
import io.github.metarec4j.model.ScorerConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The same scorer trained without meta-learning: every training interaction a query row
 * of its user with no support and no inner loop, so the network learns to score from the
 * user's features alone, with Adam. The ablation that shows what meta-learning adds.
 *
 * <p>The {@link MamlConfig} supplies the optimiser settings ({@code outerLearningRate},
 * {@code epochs}, {@code seed}, validation, early stopping, clipping, {@code itemL2}) and the
 * adaptation a served user gets: with {@code innerSteps(0)} the model is used as is; with
 * the MAML inner-loop settings it is fine-tuned on each user's support exactly as a
 * meta-trained model would be, so the two differ only in how the shared parameters were
 * learned. {@code metaBatchSize} counts user chunks of up to {@link #ROWS_PER_CHUNK}
 * interactions per update.
 *
 * <p>Immutable configuration; thread-safe as {@link MamlTrainer}.
 */
public final class SupervisedTrainer {

    /** Interactions of one user per chunk; longer histories are split. */
    public static final int ROWS_PER_CHUNK = 32;

    /** How {@link io.github.metarec4j.meta.Provenance#algorithm()} names this trainer. */
    public static final String ALGORITHM = "supervised";

    private final ScorerConfig scorerConfig;
    private final MamlConfig config;
    private final List<TrainingListener> listeners;
    private final java.util.Optional<MetaModel> transferSource;

    /**
     * @param scorerConfig the scorer to train
     * @param config       optimiser settings, and the adaptation served users get
     * @param listeners    told of progress; may be empty
     */
    public SupervisedTrainer(ScorerConfig scorerConfig, MamlConfig config, List<TrainingListener> listeners) {
        this(scorerConfig, config, listeners, java.util.Optional.empty());
    }

    /**
     * @param transferSource a model of another data set whose transferable weights training
     *                       starts from ({@link Transfer}); empty for fresh weights
     */
    public SupervisedTrainer(ScorerConfig scorerConfig, MamlConfig config, List<TrainingListener> listeners,
                             java.util.Optional<MetaModel> transferSource) {
        this.transferSource = Checks.notNull(transferSource, "transferSource");
        this.scorerConfig = Checks.notNull(scorerConfig, "scorerConfig");
        this.config = Checks.notNull(config, "config");
        this.listeners = List.copyOf(Checks.notNull(listeners, "listeners"));
    }

    /** Trains on every interaction of the training users of {@code data}. */
    public MetaModel fit(Dataset data) {
        TrainingRun run = new TrainingRun(Checks.notNull(data, "dataset"), scorerConfig, config, listeners);
        return MamlTrainer.trainWith(run, epoch -> batches(run,
                new SplittableRandom(Seeds.derive(Seeds.derive(config.seed(), 5), epoch))), 0, run.idDropout(),
                java.util.Optional.empty(), new TaskGradient.FirstOrder(), ALGORITHM, transferSource);
    }

    /** Every interaction once, in random order, cut into per-user chunks, dealt into batches. */
    private List<List<Task>> batches(TrainingRun run, SplittableRandom random) {
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
        List<List<Task>> batches = new ArrayList<>();
        for (int from = 0; from < shuffled.length; from += config.metaBatchSize()) {
            List<Task> batch = new ArrayList<>();
            for (int i = from; i < Math.min(shuffled.length, from + config.metaBatchSize()); i++) {
                batch.add(chunks.get(shuffled[i]));
            }
            batches.add(batch);
        }
        return batches;
    }
}
