package io.github.metarec4j.meta;

import io.github.metarec4j.model.AdaptationScope;
import io.github.metarec4j.model.MlpScorer;
import io.github.metarec4j.model.Objective;
import io.github.metarec4j.model.RowBatch;
import io.github.metarec4j.task.Task;
import io.github.metarec4j.task.TaskSplitter;
import io.github.metarec4j.task.UserHistory;
import io.github.metarec4j.util.Seeds;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The new-user error of held-out validation users: each adapts on their first K
 * interactions, and is scored on the following ones. The batches are built once, so every
 * epoch is scored on exactly the same support and query sets (and the same negatives).
 *
 * <p>Score: MAE on the rating scale (predictions clipped to it) for ratings; the mean
 * cross-entropy over positives and sampled negatives for implicit feedback. Lower is better.
 */
final class Validator {

    private static final int USERS_PER_BATCH = 64;

    private final List<RowBatch> supports = new ArrayList<>();
    private final List<RowBatch> queries = new ArrayList<>();
    private final List<float[]> bases = new ArrayList<>();
    private final Objective objective;
    private final double minRating;
    private final double maxRating;

    Validator(TrainingData data, BatchAssembler assembler, MamlConfig config, double minRating, double maxRating) {
        this.objective = data.objective;
        this.minRating = minRating;
        this.maxRating = maxRating;
        TaskSplitter splitter = TaskSplitter.temporalFirstK(config.validationSupport(), config.maxValidationQuery());
        SplittableRandom random = new SplittableRandom(Seeds.derive(config.seed(), 4));
        List<Task> tasks = new ArrayList<>();
        for (UserHistory h : data.validation) {
            splitter.split(h, random).ifPresent(tasks::add);
        }
        for (int from = 0; from < tasks.size(); from += USERS_PER_BATCH) {
            List<Task> chunk = tasks.subList(from, Math.min(tasks.size(), from + USERS_PER_BATCH));
            int[] rows = chunk.stream().mapToInt(Task::user).toArray();
            supports.add(assembler.build(chunk, BatchAssembler.Side.SUPPORT, data.userInputs, rows,
                    t -> data.itemsOf(chunk.get(t).user()), 0, random, t -> 1, DataType.FLOAT));
            // query weights 1/n per user; the score below re-weights to a micro-average for MAE
            BatchAssembler.Laid query = assembler.lay(chunk, BatchAssembler.Side.QUERY,
                    t -> data.itemsOf(chunk.get(t).user()), 0, random, t -> 1);
            queries.add(assembler.toRowBatch(query, data.userInputs, rows, DataType.FLOAT));
            // what each padded query row's prediction and target are relative to
            float[] base = new float[chunk.size() * query.rows()];
            for (int t = 0; t < chunk.size(); t++) {
                for (int r = 0; r < query.items()[t].length; r++) {
                    base[t * query.rows() + r] = (float) data.ratingOffset
                            + data.catalogue.offset(query.items()[t][r]);
                }
            }
            bases.add(base);
        }
    }

    /** Whether there is anything to validate on. */
    boolean isEmpty() {
        return supports.isEmpty();
    }

    /** Number of validation users with a task. */
    int users() {
        return supports.stream().mapToInt(RowBatch::tasks).sum();
    }

    double score(MlpScorer scorer, INDArray params, AdaptationScope scope, int steps, double learningRate) {
        double total = 0;
        double count = 0;
        for (int i = 0; i < supports.size(); i++) {
            try (MemoryWorkspace ignored = Workspaces.open("metarec4j-validation")) {
                INDArray adapted = InnerLoop.adapt(scorer, params, scope, supports.get(i), steps, learningRate);
                RowBatch query = queries.get(i);
                MlpScorer.Pass pass = scorer.forward(scorer.prefix(params, scope, query), adapted);
                if (objective == Objective.RATING) {
                    float[] predicted = pass.predictions(scorer).data().asFloat();
                    float[] target = query.targets().data().asFloat();
                    float[] weight = query.weights().data().asFloat();
                    float[] base = bases.get(i);
                    for (int r = 0; r < predicted.length; r++) {
                        if (weight[r] > 0) {
                            double p = Math.max(minRating, Math.min(maxRating, predicted[r] + base[r]));
                            total += Math.abs(p - (target[r] + base[r]));
                            count++;
                        }
                    }
                } else {
                    total += scorer.lossGradient(pass);
                    count += query.tasks();
                }
            }
        }
        return total / count;
    }
}
