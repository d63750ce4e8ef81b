package io.github.metarec4j.internal.meta;

import io.github.metarec4j.internal.model.CatalogueScorer;
import io.github.metarec4j.internal.model.JavaTensors;
import io.github.metarec4j.internal.model.Network;
import io.github.metarec4j.internal.model.Rows;
import io.github.metarec4j.internal.task.Task;
import io.github.metarec4j.internal.task.TaskSplitter;
import io.github.metarec4j.internal.task.UserHistory;
import io.github.metarec4j.internal.util.Seeds;
import io.github.metarec4j.internal.util.StableHash;
import io.github.metarec4j.internal.util.TopK;
import io.github.metarec4j.meta.MamlConfig.SelectionMetric;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.model.Objective;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The new-user scores of held-out validation users, cut by the cold-start protocols' rules:
 * with timestamps (CS100K), each adapts on their first {@code validationSupport} interactions
 * and is scored on those from position {@code validationQueryStart} on; without (CS-LFM),
 * their interactions are shuffled once, by a generator seeded from the configuration, and
 * the query is everything after the support. The rows (and their sampled negatives) are
 * drawn once, so every epoch is scored on exactly the same tasks.
 *
 * <p>Three scores: the query loss (the training objective), the MAE of the rating head on
 * the rating scale (predictions clipped), and Recall@20 of {@code recommend}'s ranking over
 * the items with an ID row, the user's first {@code validationQueryStart} items left out;
 * relevant are all query items for implicit feedback, and for ratings those in the top
 * quarter of the scale (4 and 5 on 1 to 5). {@link SelectionMetric} says which one picks the
 * epoch.
 */
final class Validator {

    /** The list length of the Recall score. */
    static final int RECALL_AT = 20;

    private final TrainingData data;
    private final Network network;
    private final MamlConfig config;
    private final double minRating;
    private final double maxRating;
    private final SelectionMetric selection;
    private final List<Task> tasks = new ArrayList<>();
    private final List<Rows> supports = new ArrayList<>();
    private final List<Rows> queries = new ArrayList<>();
    private final List<boolean[]> excluded = new ArrayList<>();
    private final long[] tieKeys;

    /** A validation pass's three scores (NaN where a score does not apply). */
    record Scores(double loss, double mae, double recall) {
    }

    Validator(TrainingData data, Network network, RowSampler sampler, MamlConfig config, double minRating,
              double maxRating) {
        this.data = data;
        this.network = network;
        this.config = config;
        this.minRating = minRating;
        this.maxRating = maxRating;
        this.selection = resolve(config.selection(), data.objective, network.layout().factorHeads() == 2);
        this.tieKeys = new long[data.catalogue.size()];
        for (int i = 0; i < tieKeys.length; i++) {
            tieKeys[i] = StableHash.fnv1a32(data.catalogue.ids().id(i));
        }
        int queryStart = data.timeOrdered ? config.validationQueryStart() : config.validationSupport();
        TaskSplitter splitter = TaskSplitter.protocol(config.validationSupport(), queryStart,
                MamlConfig.MIN_VALIDATION_QUERY, config.maxValidationQuery());
        SplittableRandom random = new SplittableRandom(Seeds.derive(config.seed(), 4));
        for (UserHistory history : data.validation) {
            UserHistory h = data.timeOrdered ? history : history.shuffled(random);
            splitter.split(h, random).ifPresent(task -> {
                int[] avoid = data.itemsOf(task.user());
                tasks.add(task);
                supports.add(sampler.rows(task.supportItems(), task.supportValues(), avoid, 0, random));
                queries.add(sampler.rows(task.queryItems(), task.queryValues(), avoid, 0, random));
                boolean[] out = new boolean[data.catalogue.size()];
                for (int i = 0; i < Math.min(h.size(), queryStart); i++) {
                    out[h.item(i)] = true;
                }
                excluded.add(out);
            });
        }
    }

    /** The metric that picks the epoch for a model with this objective. */
    static SelectionMetric resolve(SelectionMetric requested, Objective objective, boolean separateHeads) {
        if (requested != SelectionMetric.AUTO) {
            if ((requested == SelectionMetric.MAE || requested == SelectionMetric.MAE_THEN_RECALL)
                    && !objective.hasRatingHead()) {
                throw new IllegalArgumentException("selection " + requested + " needs a rating head, but the "
                        + "objective is " + objective + "; use LOSS or RECALL");
            }
            if (requested == SelectionMetric.MAE_THEN_RECALL && !separateHeads) {
                throw new IllegalArgumentException("selection MAE_THEN_RECALL trains the engagement head's own "
                        + "parameters on after the rating head's best epoch, but objective " + objective
                        + (objective == Objective.JOINT ? " with shared factors" : "") + " has no head with parameters "
                        + "of its own beside a rating head; use Objective.JOINT with separateFactors, or MAE");
            }
            return requested;
        }
        if (objective == Objective.ENGAGEMENT) {
            return SelectionMetric.RECALL;
        }
        return separateHeads ? SelectionMetric.MAE_THEN_RECALL : SelectionMetric.MAE;
    }

    /** The metric of a training phase: the first of {@link SelectionMetric#MAE_THEN_RECALL} is MAE, the second Recall. */
    SelectionMetric phase(int phase) {
        if (selection != SelectionMetric.MAE_THEN_RECALL) {
            return selection;
        }
        return phase == 1 ? SelectionMetric.MAE : SelectionMetric.RECALL;
    }

    /** Whether there is anything to validate on. */
    boolean isEmpty() {
        return tasks.isEmpty();
    }

    /** Number of validation users with a task. */
    int users() {
        return tasks.size();
    }

    /** The metric that picks the epoch. */
    SelectionMetric selection() {
        return selection;
    }

    /** The value of {@code scores} by the metric of training phase {@code phase} (1, or 2 of two phases). */
    double selectionScore(Scores scores, int phase) {
        return switch (phase(phase)) {
            case MAE -> scores.mae();
            case RECALL -> scores.recall();
            default -> scores.loss();
        };
    }

    /**
     * Whether {@code candidate} is better than {@code best} by the metric of training phase
     * {@code phase} (any number beats NaN).
     */
    boolean better(double candidate, double best, int phase) {
        if (Double.isNaN(best)) {
            return !Double.isNaN(candidate);
        }
        return phase(phase) == SelectionMetric.RECALL ? candidate > best : candidate < best;
    }

    /** The scores of {@code params}, which must not change during the call. */
    Scores score(float[] params) {
        JavaTensors t = new JavaTensors(network.layout(), params, null);
        CatalogueScorer catalogue = new CatalogueScorer(network, params, data.catalogue);
        int heads = network.layout().heads();
        int ratingHead = network.objective().ratingHead();
        double loss = 0;
        double errors = 0;
        long rated = 0;
        double recall = 0;
        int recalled = 0;
        for (int u = 0; u < tasks.size(); u++) {
            Task task = tasks.get(u);
            float[] userInput = data.userInput(task.user());
            double[] adapted = network.adapt(t, userInput, supports.get(u), config.innerSteps(),
                    config.innerLearningRate());
            Rows query = queries.get(u);
            double[][] y = network.score(t, userInput, adapted, query.inputs(), query.ids());
            loss += network.loss(y, query, 1, new double[y.length][heads]) / tasks.size();
            if (ratingHead >= 0) {
                for (int r = 0; r < query.positives(); r++) {
                    double base = data.ratingOffset + data.catalogue.offset(task.queryItems()[r]);
                    double predicted = Math.max(minRating, Math.min(maxRating, y[r][ratingHead] + base));
                    errors += Math.abs(predicted - (query.targets()[r] + base));
                    rated++;
                }
            }
            double r = recall(catalogue.score(userInput, adapted), task, excluded.get(u));
            if (!Double.isNaN(r)) {
                recall += r;
                recalled++;
            }
        }
        return new Scores(loss, rated == 0 ? Double.NaN : errors / rated,
                recalled == 0 ? Double.NaN : recall / recalled);
    }

    /** Recall@20 of one user's ranking of the items with an ID row, their first items left out. */
    private double recall(float[][] outputs, Task task, boolean[] out) {
        boolean explicit = network.objective().hasRatingHead();
        double threshold = minRating + 0.75 * (maxRating - minRating);
        boolean[] relevant = new boolean[outputs.length];
        int count = 0;
        for (int r = 0; r < task.queryItems().length; r++) {
            int item = task.queryItems()[r];
            if ((!explicit || task.queryValues()[r] >= threshold) && !relevant[item] && !out[item]) {
                relevant[item] = true;
                count++;
            }
        }
        if (count == 0) {
            return Double.NaN;
        }
        float[] score = new float[data.itemsWithIds.length];
        for (int i = 0; i < score.length; i++) {
            int item = data.itemsWithIds[i];
            double base = data.ratingOffset + data.catalogue.offset(item);
            score[i] = (float) network.rankingScore(outputs[item], base, minRating, maxRating);
        }
        int[] top = TopK.best(score, i -> out[data.itemsWithIds[i]] ? -1 : data.itemsWithIds[i], tieKeys,
                score.length, RECALL_AT);
        int hits = 0;
        for (int i : top) {
            if (relevant[data.itemsWithIds[i]]) {
                hits++;
            }
        }
        return (double) hits / Math.min(RECALL_AT, count);
    }
}
