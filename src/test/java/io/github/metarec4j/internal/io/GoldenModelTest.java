package io.github.metarec4j.internal.io;

import io.github.metarec4j.TestBase;
import io.github.metarec4j.data.FeedbackType;
import io.github.metarec4j.data.RatingScale;
import io.github.metarec4j.internal.meta.MetaModel;
import io.github.metarec4j.io.ModelFormatException;
import io.github.metarec4j.model.Objective;
import io.github.metarec4j.model.ScorerConfig;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A model saved in format version 2 still loads, and predicts what it predicted when it was
 * made (as Tribuo's and DL4J's regression tests do with models of old releases); one saved in
 * format version 1 (metarec4j 0.1, whose scorer this version no longer has) is refused with a
 * message that says so.
 *
 * <p>The file {@code golden-v2.mr4j} beside this class in the test resources, and the values
 * below, come from {@link GoldenModelGenerator} (its Javadoc says how to run it). Once
 * released, neither may change: if this test fails, the change under test breaks models that
 * users have saved. Either fix the change, or give the format a new version with a reader for
 * version 2 (and a new golden file and test beside these). {@code golden-v1.mr4j} was written
 * by metarec4j 0.1.0-SNAPSHOT.
 */
class GoldenModelTest extends TestBase {

    // recorded by GoldenModelGenerator when golden-v2.mr4j was made
    private static final String CREATED_AT = "2026-11-29T10:04:34.136439514Z";
    private static final String PARAMETERS_SHA256 = "36829cc49da27d32a21d7fb78a6a05c4754e1ce382114279518eabd7490fd47a";
    private static final float[][] SCORES = {
            {4.065576f, 4.7104363f, 3.9344916f, 4.2503314f, 3.42759f, 3.6500604f, 3.7289317f, 3.9550226f, 3.8427632f, 3.4428272f, 3.6649306f, 4.105108f},
            {3.7309036f, 3.8699245f, 3.5270092f, 3.6775184f, 2.9992087f, 3.3012078f, 2.998137f, 3.5230641f, 3.5230033f, 3.001866f, 3.3069327f, 3.3988788f},
            {3.8281393f, 3.893971f, 3.5925264f, 3.6571767f, 3.0423996f, 3.3782182f, 2.9657533f, 3.648386f, 3.592229f, 3.1173174f, 3.3509457f, 3.373863f},
    };
    /**
     * Loading is exact (the parameters are compared bit for bit, by their hash), and the scores
     * come from plain-Java loops whose order of additions is fixed; the tolerance allows a few
     * float ulps anyway (e.g. for a JVM that fuses multiply-adds), as DL4J's regression tests
     * allow through INDArray.equals' 1e-5.
     */
    private static final float SCORE_TOLERANCE = 1e-5f;

    @Test
    void theVersion2GoldenFileLoadsAndPredictsAsRecorded() throws URISyntaxException, NoSuchAlgorithmException {
        URL resource = getClass().getResource("golden-v2.mr4j");
        assertNotNull(resource, "golden-v2.mr4j is missing from the test resources; it must never be deleted");
        MetaModel model = ModelFile.read(Path.of(resource.toURI()));

        assertEquals(Instant.parse(CREATED_AT), model.provenance().createdAt());
        assertEquals("0.2.0-SNAPSHOT", model.provenance().libraryVersion());
        assertEquals(ScorerConfig.builder().towerSize(3).hiddenLayers(4).itemIdEmbeddingSize(2).userFactors(2)
                        .negatives(3).build(),
                model.network().config());
        assertEquals(Objective.JOINT, model.network().objective());
        assertEquals(FeedbackType.EXPLICIT, model.feedbackType());
        assertEquals(new RatingScale(1, 5), model.ratingScale().orElseThrow());
        assertEquals(List.of("i0", "i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8", "i9", "i10", "i11"),
                model.catalogue().ids().ids());
        assertEquals(PARAMETERS_SHA256, GoldenModelGenerator.parameterHash(model), "parameters must load bit for bit");
        // written before the items' training counts were stored: they are unknown, and onboarding
        // suggestions fall back on what the model keeps (here the engagement head)
        assertFalse(model.catalogue().hasCounts());
        double[] worth = model.onboardingScores(new float[model.userEncoder().dimension()], new int[0], new float[0]);
        assertEquals(model.catalogue().size(), worth.length);
        for (double w : worth) {
            assertTrue(w > 0 && Double.isFinite(w), "every item's onboarding worth is a positive number, got " + w);
        }

        float[][] scores = GoldenModelGenerator.probeScores(model);
        assertEquals(SCORES.length, scores.length);
        for (int u = 0; u < SCORES.length; u++) {
            assertEquals(SCORES[u].length, scores[u].length);
            for (int i = 0; i < SCORES[u].length; i++) {
                assertEquals(SCORES[u][i], scores[u][i], SCORE_TOLERANCE, "probe user " + u + ", item " + i);
            }
        }
    }

    @Test
    void theVersion1GoldenFileIsRefusedWithAMessageThatSaysWhy() throws URISyntaxException {
        URL resource = getClass().getResource("golden-v1.mr4j");
        assertNotNull(resource, "golden-v1.mr4j is missing from the test resources; it must never be deleted");
        Path file = Path.of(resource.toURI());
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(file));
        assertEquals(ModelFormatException.Problem.OLDER_FORMAT, e.problem());
        assertTrue(e.getMessage().contains("was written in model format version 1 by metarec4j 0.1.0-SNAPSHOT")
                && e.getMessage().contains("train the model again"), e.getMessage());
    }
}
