package io.github.metarec4j.internal.meta;

import io.github.metarec4j.Fixtures;
import io.github.metarec4j.TestBase;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.SyntheticData;
import io.github.metarec4j.meta.MamlConfig.SelectionMetric;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.meta.TrainingDivergedException;
import io.github.metarec4j.meta.TrainingListener;
import io.github.metarec4j.model.AdaptationScope;
import io.github.metarec4j.model.Objective;
import io.github.metarec4j.model.ScorerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MamlTrainerTest extends TestBase {

    private static final Dataset SMALL = SyntheticData.builder().users(120).items(80).seed(2).build().generate();
    private static final ScorerConfig TINY = ScorerConfig.builder().towerSize(8).hiddenLayers(16)
            .itemIdEmbeddingSize(4).build();

    @Test
    void sameSeedGivesTheSameModel() {
        MamlConfig config = MamlConfig.builder().epochs(2).metaBatchSize(16).seed(9).build();
        MetaModel a = new MamlTrainer(TINY, config, List.of()).fit(SMALL);
        MetaModel b = new MamlTrainer(TINY, config, List.of()).fit(SMALL);
        // bit for bit: TestBase runs ND4J single-threaded (see Nd4jThreads)
        assertArrayEquals(a.parameters(), b.parameters());
        MetaModel c = new MamlTrainer(TINY, config.toBuilder().seed(10).build(), List.of()).fit(SMALL);
        assertTrue(!java.util.Arrays.equals(a.parameters(), c.parameters()), "another seed, other weights");
    }

    @Test
    void divergenceStopsTrainingNamingEpochAndStep() {
        MamlConfig wild = MamlConfig.builder().epochs(3).outerLearningRate(1e6).innerLearningRate(1e4)
                .gradientClipNorm(0).seed(1).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new MamlTrainer(TINY, wild, List.of()).fit(SMALL));
        assertTrue(e.epoch() >= 1 && e.step() >= 1);
        assertTrue(e.getMessage().startsWith("meta-training diverged at epoch " + e.epoch() + ", meta-step " + e.step()),
                e.getMessage());
        assertTrue(e.getMessage().contains("Lower outerLearningRate (now 1000000.0)")
                && e.getMessage().contains("gradientClipNorm (now off)"), e.getMessage());
    }

    /** The probe's configuration: one huge update, and nothing after it that looks at the weights. */
    private static MamlConfig.Builder oneHugeUpdate() {
        return MamlConfig.builder().epochs(1).metaBatchSize(100_000).outerLearningRate(1e38).gradientClipNorm(0)
                .threads(1).seed(1);
    }

    private static TrainingDivergedException divergesInEpochOne(MamlConfig config) {
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new MamlTrainer(TINY, config, List.of()).fit(SMALL));
        assertEquals(1, e.epoch());
        return e;
    }

    /** Issue 12, finding 2: weights ruined by the last update were returned, and every score was NaN. */
    @Test
    void weightsRuinedByTheLastUpdateStopTraining() {
        TrainingDivergedException e = divergesInEpochOne(oneHugeUpdate().validationFraction(0).build());
        assertTrue(e.getMessage().startsWith("meta-training diverged at epoch 1, meta-step 1: after the update"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Lower outerLearningRate (now 1.0E38)"), e.getMessage());
    }

    /** Issue 12, finding 3: a NaN validation score counted as "no improvement" and the initial weights came back. */
    @Test
    void aValidationScoreThatIsNotANumberStopsTraining() {
        TrainingDivergedException e = divergesInEpochOne(oneHugeUpdate().validationFraction(0.1).build());
        // the weights are finite (about 1e38), their scores are not
        assertEquals(0, e.step());
        assertTrue(e.getMessage().startsWith("meta-training diverged at epoch 1, in validation: the validation "
                + "users' loss is NaN. Lower outerLearningRate (now 1.0E38)"), e.getMessage());
    }

    /** Issue 12, finding 4: losses thousands of times the starting level were trained on without a word. */
    @Test
    void aLossFarAboveWhatAnUntrainedModelScoresStopsTraining() {
        MamlConfig config = MamlConfig.builder().epochs(2).innerLearningRate(5).ridgePenalty(0).threads(1)
                .seed(3).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new MamlTrainer(Fixtures.smallScorer(), config, List.of()).fit(SMALL));
        assertTrue(e.getMessage().startsWith("meta-training diverged at epoch 1, meta-step 1: the query loss "),
                e.getMessage());
        assertTrue(e.getMessage().contains(" times the loss of a model that outputs 0 for every row ("),
                e.getMessage());
        assertTrue(e.getMessage().contains("innerLearningRate (now 5.0)"), e.getMessage());
        // a steep but sound inner rate trains: the check leaves room for a start well above the reference
        new MamlTrainer(TINY, config.toBuilder().innerLearningRate(1).ridgePenalty(10).epochs(1).build(), List.of())
                .fit(SMALL);
    }

    @Test
    void listenersSeeEveryStepAndEpochAndEarlyStoppingKeepsTheBestEpoch() {
        List<TrainingListener.EpochSummary> epochs = new ArrayList<>();
        int[] steps = {0};
        TrainingListener.TrainingSummary[] end = {null};
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void onMetaStep(TrainingProgress progress) {
                steps[0]++;
                assertTrue(Double.isFinite(progress.loss()));
            }

            @Override
            public void onEpochEnd(EpochSummary summary) {
                epochs.add(summary);
            }

            @Override
            public void onTrainingEnd(TrainingSummary summary) {
                end[0] = summary;
            }
        };
        // a large outer learning rate makes validation worse after a while: patience 1 stops early
        MamlConfig config = MamlConfig.builder().epochs(40).patience(1).outerLearningRate(0.03).metaBatchSize(16)
                .selection(SelectionMetric.MAE).seed(4).build();
        MetaModel model = new MamlTrainer(TINY, config, List.of(recorder)).fit(SMALL);
        assertTrue(steps[0] > 0);
        assertEquals(epochs.size(), end[0].epochsRun());
        assertTrue(end[0].stoppedEarly() && end[0].epochsRun() < 40, "stopped early: " + end[0]);
        TrainingListener.EpochSummary best = epochs.stream()
                .min((x, y) -> Double.compare(x.validationScore(), y.validationScore())).orElseThrow();
        assertEquals(best.epoch(), end[0].bestEpoch());
        assertEquals(best.validationScore(), model.provenance().bestValidationScore(), 1e-12);
        assertEquals(end[0].epochsRun(), model.provenance().epochsRun());
    }

    @Test
    void theSecondPhaseTrainsTheEngagementHeadAloneFromTheBestRatingEpoch() {
        MamlConfig mae = MamlConfig.builder().epochs(12).patience(2).outerLearningRate(0.01).metaBatchSize(16)
                .selection(SelectionMetric.MAE).seed(6).build();
        MetaModel first = new MamlTrainer(TINY, mae, List.of()).fit(SMALL);
        MetaModel both = new MamlTrainer(TINY, mae.toBuilder().selection(SelectionMetric.MAE_THEN_RECALL).build(),
                List.of()).fit(SMALL);
        boolean[] engagement = both.network().layout().ownedBy(both.objective().engagementHead());
        float[] a = first.parameters();
        float[] b = both.parameters();
        int moved = 0;
        for (int i = 0; i < a.length; i++) {
            if (!engagement[i]) {
                assertEquals(a[i], b[i], 0, "parameter " + i + " is not the engagement head's own: kept as at the "
                        + "best MAE");
            } else if (a[i] != b[i]) {
                moved++;
            }
        }
        assertTrue(both.provenance().epochsRun() > first.provenance().epochsRun(), "a second phase ran");
        assertTrue(moved > 0 || both.provenance().bestEpoch() == first.provenance().bestEpoch(),
                "the engagement head trained on, unless its first Recall stayed the best");
    }

    @Test
    void loggingAndProgressBarListenersReport() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MamlConfig config = MamlConfig.builder().epochs(2).seed(1).build();
        new MamlTrainer(TINY, config, List.of(TrainingListener.progressBar(new PrintStream(out, true,
                StandardCharsets.UTF_8)), TrainingListener.logging(java.time.Duration.ofMillis(1)))).fit(SMALL);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("epoch 1/2") && text.contains("epoch 2/2") && text.contains("done: 2 epochs"), text);
        assertTrue(text.contains("tasks/s"), text);
    }

    @ParameterizedTest
    @EnumSource(AdaptationScope.class)
    void everyAdaptationScopeTrainsAndAdapts(AdaptationScope scope) {
        // adapting the output layer too takes a gentler inner rate: at the default 1 its first query
        // losses are thousands of times the reference, and the divergence check (rightly) stops it
        MamlConfig config = MamlConfig.builder().epochs(2).adaptationScope(scope)
                .innerLearningRate(scope == AdaptationScope.HEAD ? 0.1 : 1).seed(1).build();
        MetaModel model = new MamlTrainer(TINY, config, List.of()).fit(SMALL);
        float[] user = model.encodeUser(SMALL.userFeatures("u1"));
        float[] initial = model.adapt(user, new int[0], new float[0]);
        float[] adapted = model.adapt(user, new int[]{0, 1, 2}, new float[]{5, 4, 1});
        assertEquals(model.adaptedSize(), adapted.length);
        assertTrue(!java.util.Arrays.equals(initial, adapted), "the inner loop moved the weights");
        float[][] scores = model.outputs(user, adapted, new int[]{3, 4});
        for (float[] row : scores) {
            for (float v : row) {
                assertTrue(Float.isFinite(v));
            }
        }
    }

    @Test
    void supervisedTrainerFitsTheSameScorer() {
        ScorerConfig rating = TINY.toBuilder().objective(Objective.RATING).build();
        MetaModel model = new SupervisedTrainer(rating, MamlConfig.builder().epochs(2).innerSteps(0).seed(1).build(),
                List.of()).fit(SMALL);
        assertEquals(model.network().layout().size(), new MamlTrainer(rating, MamlConfig.builder().epochs(1).build(),
                List.of()).fit(SMALL).network().layout().size());
        assertTrue(model.provenance().bestValidationScore() < 1.2, "a validation MAE of a model that learned "
                + "something: " + model.provenance());
    }

    @Test
    void trainsOnFixturesWithoutValidation() {
        MetaModel model = new MamlTrainer(TINY, MamlConfig.builder().epochs(1).validationFraction(0).build(),
                List.of()).fit(Fixtures.training());
        assertEquals(0, model.provenance().validationUsers());
        assertTrue(Double.isNaN(model.provenance().bestValidationScore()));
    }
}
