package io.github.metarec4j.internal.model;

import io.github.metarec4j.TestBase;
import io.github.metarec4j.data.FeatureSchema;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.IdIndex;
import io.github.metarec4j.internal.data.FeatureEncoder;
import io.github.metarec4j.internal.util.TopK;
import io.github.metarec4j.model.AdaptationScope;
import io.github.metarec4j.model.Objective;
import io.github.metarec4j.model.ScorerConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link CatalogueScorer}'s flat pass (the outputs as a linear form in the user, read off flat
 * arrays of item constants and factors) gives the outputs of the general path,
 * {@link CatalogueScorer#score} over {@link Network#outputs}, to float rounding, and the same
 * top-k: the fast path pair "flat pass / catalogue scorer" of docs/architecture.md.
 */
class FlatPassTest extends TestBase {

    private static final int ITEMS = 60;
    private static final double MIN = 1;
    private static final double MAX = 5;

    /** objective, separate factors, item-ID embedding size, factors per head. */
    static Stream<Arguments> linearScorers() {
        return Stream.of(
                Arguments.of(Objective.JOINT, true, 3, 5),
                Arguments.of(Objective.JOINT, false, 3, 5),
                Arguments.of(Objective.JOINT, true, 0, 5),
                Arguments.of(Objective.JOINT, false, 0, 0),
                Arguments.of(Objective.RATING, true, 3, 5),
                Arguments.of(Objective.RATING, false, 0, 4),
                Arguments.of(Objective.ENGAGEMENT, true, 3, 5),
                Arguments.of(Objective.ENGAGEMENT, false, 0, 4),
                Arguments.of(Objective.ENGAGEMENT, true, 3, 0));
    }

    @ParameterizedTest
    @MethodSource("linearScorers")
    void theFlatPassGivesTheGeneralPathsOutputsAndTopK(Objective objective, boolean separate, int idSize,
                                                        int factors) {
        ScorerConfig config = ScorerConfig.builder().towerSize(4).itemIdEmbeddingSize(idSize).userFactors(factors)
                .separateFactors(separate).historyEncoder(factors > 0).negatives(4).rankingRatingWeight(0.8)
                .build();
        ParameterLayout layout = new ParameterLayout(config, objective, AdaptationScope.USER, true, true, true,
                NetworkFixture.USER_INPUTS, NetworkFixture.ITEM_INPUTS, NetworkFixture.ID_ROWS);
        Network network = new Network(config, objective, layout);
        assertTrue(network.linearInUser(), "the USER scope without hidden layers takes the flat pass");
        Random random = new Random(31 + idSize + factors + (separate ? 1 : 0) + objective.ordinal());
        float[] theta = new float[Math.toIntExact(layout.size())];
        for (int j = 0; j < theta.length; j++) {
            theta[j] = (float) (0.5 * random.nextGaussian());
        }
        double[] adapted = new double[layout.adaptedSize()];
        for (int j = 0; j < adapted.length; j++) {
            adapted[j] = random.nextGaussian();
        }
        float[] user = NetworkFixture.matrix(1, NetworkFixture.USER_INPUTS, 0.7, random)[0];
        ItemCatalogue catalogue = catalogue(random);
        double[] base = new double[ITEMS]; // the rating offset plus the item's, as MetaModel passes it
        for (int i = 0; i < ITEMS; i++) {
            base[i] = 3 + random.nextGaussian();
        }

        CatalogueScorer scorer = new CatalogueScorer(network, theta, catalogue);
        float[][] general = scorer.score(user, adapted);
        float[][] flat = new float[ITEMS][];
        double[] flatScores = scorer.rankingScores(user, adapted, (y, i) -> {
            flat[i] = y.clone();
            return network.rankingScore(y, base[i], MIN, MAX);
        });
        float[] generalRanked = new float[ITEMS];
        float[] flatRanked = new float[ITEMS];
        for (int i = 0; i < ITEMS; i++) {
            for (int h = 0; h < layout.heads(); h++) {
                assertEquals(general[i][h], flat[i][h], 1e-5 * Math.max(1, Math.abs(general[i][h])),
                        "item " + i + ", head " + h);
            }
            double expected = network.rankingScore(general[i], base[i], MIN, MAX);
            assertEquals(expected, flatScores[i], 1e-5 * Math.max(1, Math.abs(expected)), "item " + i);
            generalRanked[i] = (float) expected;
            flatRanked[i] = (float) flatScores[i];
        }
        long[] tieKeys = new long[ITEMS];
        for (int k : new int[]{1, 10, ITEMS}) {
            assertArrayEquals(TopK.best(generalRanked, p -> p, tieKeys, ITEMS, k),
                    TopK.best(flatRanked, p -> p, tieKeys, ITEMS, k), "top " + k);
        }
    }

    /** Items with tags, a third of them without an ID row of their own (row 0). */
    private static ItemCatalogue catalogue(Random random) {
        FeatureSchema schema = FeatureSchema.builder().multiCategorical("tags").build();
        List<String> ids = new ArrayList<>();
        List<Features> features = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            ids.add("item" + i);
            features.add(Features.builder().put("tags", List.of("t" + i % 6, "t" + random.nextInt(6))).build());
        }
        // six tags and the "unknown" slot: the fixture's 7 item inputs
        FeatureEncoder encoder = FeatureEncoder.fit(schema, features);
        assertEquals(NetworkFixture.ITEM_INPUTS, encoder.dimension());
        int[] idRows = new int[ITEMS];
        for (int i = 0; i < ITEMS; i++) {
            idRows[i] = i % 3 == 0 ? 0 : 1 + random.nextInt(NetworkFixture.ID_ROWS - 1);
        }
        return ItemCatalogue.of(IdIndex.of(ids), features, encoder, idRows);
    }
}
