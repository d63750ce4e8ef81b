package io.github.metarec4j.io;

import io.github.metarec4j.TestBase;
import io.github.metarec4j.data.FeedbackType;
import io.github.metarec4j.data.RatingScale;
import io.github.metarec4j.meta.MetaModel;
import io.github.metarec4j.model.MlpScorerConfig;
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

/**
 * A model saved in format version 1 still loads, and predicts what it predicted when it was
 * made (as Tribuo's and DL4J's regression tests do with models of old releases).
 *
 * <p>The file {@code golden-v1.mr4j} beside this class in the test resources, and the values
 * below, come from {@link GoldenModelGenerator} (its Javadoc says how to run it). Once
 * released, neither may change: if this test fails, the change under test breaks models that
 * users have saved. Either fix the change, or give the format a new version with a reader for
 * version 1 (and a new golden file and test beside these).
 */
class GoldenModelTest extends TestBase {

    // recorded by GoldenModelGenerator when golden-v1.mr4j was made
    private static final String CREATED_AT = "2026-11-28T02:29:33.514525377Z";
    private static final String PARAMETERS_SHA256 = "46140ed2e833bc6b1a1b3f84cee724bce5d063e8e7e75079a0cd275d0096e527";
    private static final float[][] SCORES = {
            {3.0582943f, 3.1017413f, 2.9291992f, 2.969602f, 2.9228194f, 2.9446971f, 3.1012113f, 2.9654562f, 2.9723203f, 2.9784958f, 3.077779f, 3.0505385f},
            {3.0084448f, 3.0683687f, 2.983152f, 3.0263271f, 2.9805655f, 2.9929616f, 3.0704703f, 2.9781957f, 2.9931161f, 3.00562f, 3.0630255f, 3.0465195f},
            {3.4327047f, 3.4344244f, 3.3784785f, 3.415491f, 3.372036f, 3.3912485f, 3.4365919f, 3.4080331f, 3.4147239f, 3.3989048f, 3.4327047f, 3.4264553f},
    };
    /**
     * Loading is exact (the parameters are compared bit for bit, by their hash), but the scores
     * come from BLAS, whose kernels differ by CPU (and by platform, e.g. linux-arm64) in the
     * order they add: a few float ulps (2.4e-7 near 3) may differ from the machine that made
     * the file. DL4J's regression tests allow the same, through INDArray.equals' 1e-5.
     */
    private static final float SCORE_TOLERANCE = 1e-5f;

    @Test
    void theVersion1GoldenFileLoadsAndPredictsAsRecorded() throws URISyntaxException, NoSuchAlgorithmException {
        URL resource = getClass().getResource("golden-v1.mr4j");
        assertNotNull(resource, "golden-v1.mr4j is missing from the test resources; it must never be deleted");
        MetaModel model = ModelFile.read(Path.of(resource.toURI()));

        assertEquals(Instant.parse(CREATED_AT), model.provenance().createdAt());
        assertEquals("0.1.0-SNAPSHOT", model.provenance().libraryVersion());
        // the file predates itemBiasOffset (now on by default): it must load with the behaviour it was made with
        assertEquals(MlpScorerConfig.builder().towerSize(3).hiddenLayers(4).itemIdEmbeddingSize(2)
                        .itemBiasOffset(false).build(),
                model.scorer().config());
        assertEquals(Objective.RATING, model.scorer().objective());
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
}
