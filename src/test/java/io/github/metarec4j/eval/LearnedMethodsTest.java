package io.github.metarec4j.eval;

import io.github.metarec4j.Fixtures;
import io.github.metarec4j.MetaRecommender;
import io.github.metarec4j.MetaTrainer;
import io.github.metarec4j.RecommendRequest;
import io.github.metarec4j.TestBase;
import io.github.metarec4j.UserModel;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.SyntheticData;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.model.Objective;
import io.github.metarec4j.model.ScorerConfig;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library's learned methods run through the harness (on synthetic data, split by the
 * stable hash of its non-numeric ids) and give sane, finite figures and timings. Tiny
 * configurations: this checks the plumbing, not the quality.
 */
class LearnedMethodsTest extends TestBase {

    private static final MamlConfig TRAINING = MamlConfig.builder().epochs(2).patience(0).seed(5).build();
    private static ProtocolSplit split;

    private static synchronized ProtocolSplit split() {
        if (split == null) {
            // 200 users (about 40 new) and 150 items keep the evaluation to a few hundred users
            split = ColdStartProtocol.cs100k().withIdKey(IdKey.STABLE_HASH)
                    .split(SyntheticData.builder().users(200).items(150).seed(11).build().generate());
        }
        return split;
    }

    @Test
    void metaLearnedRunsThroughEveryScenario() {
        MethodResult r = Evaluator.cs100k().evaluate(Methods.metaLearned(Fixtures.smallScorer(), TRAINING), split());
        assertEquals("meta-learned", r.method());
        assertSane(r, true);
        assertEquals(split().scenarios().size(), r.scenarios().size());
    }

    @Test
    void theSupervisedAblationRunsAsIsAndFineTuned() {
        Evaluator evaluator = Evaluator.builder().scenarios(Scenario.newUser(10), Scenario.NEW_ITEM).build();
        MethodResult asIs = evaluator.evaluate(Methods.supervisedAsIs(Fixtures.smallScorer(), TRAINING), split());
        MethodResult tuned = evaluator.evaluate(Methods.supervisedFineTuned(Fixtures.smallScorer(), TRAINING), split());
        assertEquals("supervised", asIs.method());
        assertEquals("supervised+fine-tuning", tuned.method());
        assertSane(asIs, true);
        assertSane(tuned, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Methods.supervisedFineTuned(
                Fixtures.smallScorer(), TRAINING.toBuilder().innerSteps(0).build()));
        assertTrue(e.getMessage().contains("use supervisedAsIs"), e.getMessage());
    }

    @Test
    void aModelThatRanksWithTheEngagementObjectiveHasNoRatingError() {
        ScorerConfig implicit = Fixtures.smallScorer().toBuilder().objective(Objective.ENGAGEMENT).build();
        MethodResult r = Evaluator.builder().scenarios(Scenario.newUser(10)).build()
                .evaluate(Methods.metaLearned(implicit, TRAINING), split());
        assertSane(r, false);
        assertTrue(r.scenarios().get(0).metric("MAE").isEmpty());
    }

    @Test
    void theAdapterScoresAsTheFacadePredicts() {
        EvaluationUser user = split().scenario(Scenario.newUser(10)).orElseThrow().users().get(0);
        Features features = split().training().userFeatures(user.userId());
        AdaptedUser adapted = Methods.metaLearned(Fixtures.smallScorer(), TRAINING).fit(split().training())
                .adapt(user.userId(), features, user.support());
        // training is bit-reproducible for a seed: the same recipe gives the same model
        MetaRecommender rec = MetaTrainer.builder().scorer(Fixtures.smallScorer()).training(TRAINING).build()
                .fit(split().training());
        UserModel model = rec.adapt(features, user.support());
        List<String> items = user.candidates();
        double[] scores = adapted.rankingScores(items);
        double[] ratings = adapted.predictRatings(items);
        for (int i = 0; i < items.size(); i++) {
            assertEquals(rec.predict(model, items.get(i)), ratings[i], 1e-6);
        }
        // recommend ranks by the ranking score (both heads), not by the predicted rating
        assertEquals(rec.recommend(model, RecommendRequest.top(1).candidates(items).build()).get(0).score(), Arrays.stream(scores).max().orElseThrow(), 1e-5);
    }

    private static void assertSane(MethodResult r, boolean ratings) {
        assertTrue(r.fitSeconds() > 0, "fit time " + r.fitSeconds());
        TrainingStats stats = r.training().orElseThrow();
        assertTrue(stats.tasks() > 0 && stats.seconds() > 0 && stats.tasksPerSecond() > 0, stats.toString());
        for (ScenarioResult s : r.scenarios()) {
            String where = r.method() + " " + s.scenario() + " " + s.metrics();
            if (ratings) {
                double mae = s.metric("MAE").orElseThrow();
                double rmse = s.metric("RMSE").orElseThrow();
                assertTrue(mae > 0 && mae <= 4 && rmse >= mae && rmse <= 4, where);
            }
            for (String m : new String[]{"nDCG@3", "nDCG@10", "P@10", "R@10", "F1@10"}) {
                double v = s.metric(m).orElseThrow();
                assertTrue(v >= 0 && v <= 1, where);
            }
            assertEquals(s.users(), s.adaptation().count(), where);
            assertEquals(s.users(), s.topN().count(), where);
            assertTrue(s.adaptation().medianMillis() > 0 && s.adaptation().p99Millis() >= s.adaptation().medianMillis(),
                    where + " " + s.adaptation());
            assertTrue(s.topN().medianMillis() > 0 && s.topN().p99Millis() >= s.topN().medianMillis(),
                    where + " " + s.topN());
        }
    }
}
