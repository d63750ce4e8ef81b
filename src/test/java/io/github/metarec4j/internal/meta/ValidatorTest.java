package io.github.metarec4j.internal.meta;

import io.github.metarec4j.TestBase;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.SyntheticData;
import io.github.metarec4j.internal.model.ParameterInit;
import io.github.metarec4j.meta.MamlConfig.SelectionMetric;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.model.Objective;
import io.github.metarec4j.model.ScorerConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The validation users' scores on small synthetic data sets (at the initial parameters: the
 * plumbing, not the figures), and how the selection metric is chosen and compared.
 */
class ValidatorTest extends TestBase {

    private static final Dataset RATINGS = SyntheticData.builder().users(80).items(50).ratingsPerUser(25, 40)
            .seed(3).build().generate();
    private static final Dataset PLAYS = SyntheticData.builder().users(80).items(120).ratingsPerUser(70, 110)
            .implicit().seed(3).build().generate();

    private static TrainingRun run(Dataset data, Objective objective, SelectionMetric selection) {
        MamlConfig config = MamlConfig.builder().validationFraction(0.2).selection(selection).seed(5).build();
        return new TrainingRun(data, ScorerConfig.builder().towerSize(8).hiddenLayers(8).itemIdEmbeddingSize(4)
                .userFactors(4).negatives(6).objective(objective).build(), config, List.of());
    }

    private static Validator validator(TrainingRun run) {
        boolean explicit = run.data.objective.hasRatingHead();
        return new Validator(run.data, run.network, run.sampler, run.config, explicit ? 1 : 0, explicit ? 5 : 0);
    }

    private static float[] initialParameters(TrainingRun run) {
        return ParameterInit.initialParameters(run.network.layout(), run.network.config().weightInit(), 1,
                run.data.userEncoder.unknownSlots(), run.data.itemEncoder.unknownSlots(), run.data.itemBiasInit,
                0.3, 5, 10, DataType.FLOAT).toFloatVector();
    }

    @Test
    void everyScoreOfARatingModelIsFiniteAndInRange() {
        for (Objective objective : List.of(Objective.JOINT, Objective.RATING)) {
            TrainingRun run = run(RATINGS, objective, SelectionMetric.AUTO);
            Validator validator = validator(run);
            assertEquals(16, run.data.validation.size(), "a fifth of 80 users");
            assertEquals(16, validator.users(), "every validation user has 25 or more ratings, so a task");
            Validator.Scores scores = validator.score(initialParameters(run));
            assertTrue(Double.isFinite(scores.loss()) && scores.loss() > 0, objective + ": " + scores);
            assertTrue(scores.mae() > 0 && scores.mae() <= 4, "an MAE on 1 to 5 stars: " + scores);
            assertTrue(scores.recall() >= 0 && scores.recall() <= 1, objective + ": " + scores);
            assertEquals(scores, validator.score(initialParameters(run)), "the same tasks and rows every time");
        }
    }

    @Test
    void anEngagementModelHasNoMae() {
        TrainingRun run = run(PLAYS, Objective.AUTO, SelectionMetric.AUTO);
        assertEquals(Objective.ENGAGEMENT, run.data.objective);
        Validator validator = validator(run);
        assertFalse(validator.isEmpty());
        assertEquals(SelectionMetric.RECALL, validator.selection());
        Validator.Scores scores = validator.score(initialParameters(run));
        assertTrue(Double.isNaN(scores.mae()), "no rating head: " + scores);
        assertTrue(Double.isFinite(scores.loss()) && scores.loss() > 0, scores.toString());
        assertTrue(scores.recall() >= 0 && scores.recall() <= 1, scores.toString());
        assertEquals(scores.recall(), validator.selectionScore(scores, 1));
    }

    @Test
    void autoSelectionFollowsTheObjectiveAndMaeNeedsARatingHead() {
        assertEquals(SelectionMetric.MAE, Validator.resolve(SelectionMetric.AUTO, Objective.RATING, false));
        assertEquals(SelectionMetric.RECALL, Validator.resolve(SelectionMetric.AUTO, Objective.ENGAGEMENT, false));
        assertEquals(SelectionMetric.MAE_THEN_RECALL, Validator.resolve(SelectionMetric.AUTO, Objective.JOINT, true));
        assertEquals(SelectionMetric.MAE, Validator.resolve(SelectionMetric.AUTO, Objective.JOINT, false));
        assertEquals(SelectionMetric.MAE, Validator.resolve(SelectionMetric.MAE, Objective.JOINT, true));
        assertEquals(SelectionMetric.RECALL, Validator.resolve(SelectionMetric.RECALL, Objective.RATING, false));
        assertEquals(SelectionMetric.LOSS, Validator.resolve(SelectionMetric.LOSS, Objective.ENGAGEMENT, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Validator.resolve(SelectionMetric.MAE, Objective.ENGAGEMENT, false));
        assertEquals("selection MAE needs a rating head, but the objective is ENGAGEMENT; use LOSS or RECALL",
                e.getMessage());
        IllegalArgumentException shared = assertThrows(IllegalArgumentException.class,
                () -> Validator.resolve(SelectionMetric.MAE_THEN_RECALL, Objective.JOINT, false));
        assertTrue(shared.getMessage().contains("objective JOINT with shared factors has no head with parameters "
                + "of its own beside a rating head"), shared.getMessage());
    }

    @Test
    void twoPhasesJudgeByMaeThenByRecall() {
        Validator v = validator(run(RATINGS, Objective.JOINT, SelectionMetric.MAE_THEN_RECALL));
        Validator.Scores scores = new Validator.Scores(0.9, 0.8, 0.3);
        assertEquals(0.8, v.selectionScore(scores, 1));
        assertEquals(0.3, v.selectionScore(scores, 2));
        assertTrue(v.better(0.2, 0.3, 1), "MAE: lower is better");
        assertTrue(v.better(0.3, 0.2, 2), "Recall: higher is better");
    }

    @Test
    void recallIsBetterHigherLossAndMaeLowerAndAnyNumberBeatsNaN() {
        Validator.Scores scores = new Validator.Scores(0.9, 0.8, 0.3);
        for (SelectionMetric metric : List.of(SelectionMetric.LOSS, SelectionMetric.MAE, SelectionMetric.RECALL)) {
            Validator v = validator(run(RATINGS, Objective.JOINT, metric));
            assertEquals(metric, v.selection());
            boolean higher = metric == SelectionMetric.RECALL;
            assertEquals(higher, v.better(0.3, 0.2, 1), metric.toString());
            assertEquals(!higher, v.better(0.2, 0.3, 1), metric.toString());
            assertFalse(v.better(0.2, 0.2, 1), "a tie does not improve");
            assertTrue(v.better(0.2, Double.NaN, 1), "anything beats no score yet");
            assertFalse(v.better(Double.NaN, Double.NaN, 1));
            assertFalse(v.better(Double.NaN, 0.2, 1), "NaN is the worst score");
            double expected = switch (metric) {
                case LOSS -> 0.9;
                case MAE -> 0.8;
                default -> 0.3;
            };
            assertEquals(expected, v.selectionScore(scores, 1));
        }
    }
}
