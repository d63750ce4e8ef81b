package io.github.metarec4j.io;

import io.github.metarec4j.TestBase;
import io.github.metarec4j.data.FeedbackType;
import io.github.metarec4j.data.RatingScale;
import io.github.metarec4j.meta.MetaModel;
import io.github.metarec4j.model.ScorerConfig;
import io.github.metarec4j.model.Objective;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    private static final String CREATED_AT = "2026-11-29T07:59:35.664772185Z";
    private static final String PARAMETERS_SHA256 = "89cabd5d069d45b2772deee92a3a7888e971aa64c1ee0e759a7858c7b116f76c";
    private static final float[][] SCORES = {
            {3.35251f, 4.748516f, 4.2643414f, 4.3295693f, 3.129276f, 3.0934026f, 3.9328735f, 3.3313086f, 3.2745497f, 3.3392317f, 3.1874993f, 4.2451196f},
            {3.949379f, 4.358792f, 3.9751642f, 3.926912f, 3.4474213f, 3.5794249f, 3.3987494f, 3.8680568f, 3.7516546f, 3.5149767f, 3.5871823f, 3.830018f},
            {4.249333f, 4.2280836f, 4.1831665f, 3.839313f, 3.5748339f, 3.8729281f, 3.2565236f, 4.289836f, 4.1598153f, 3.7597766f, 3.90613f, 3.7257648f},
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
        assertEquals("0.1.0-SNAPSHOT", model.provenance().libraryVersion());
        assertEquals(ScorerConfig.builder().towerSize(3).hiddenLayers(4).itemIdEmbeddingSize(2).userFactors(2)
                        .negatives(3).build(),
                model.network().config());
        assertEquals(Objective.JOINT, model.network().objective());
        assertEquals(FeedbackType.EXPLICIT, model.feedbackType());
        assertEquals(new RatingScale(1, 5), model.ratingScale().orElseThrow());
        assertEquals(List.of("i0", "i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8", "i9", "i10", "i11"),
                model.catalogue().ids().ids());
        assertEquals(PARAMETERS_SHA256, GoldenModelGenerator.parameterHash(model), "parameters must load bit for bit");

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
