package io.github.metarec4j.internal.meta;

import io.github.metarec4j.TestBase;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.SyntheticData;
import io.github.metarec4j.internal.model.Nd4jTensors;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.model.AdaptationScope;
import io.github.metarec4j.model.Objective;
import io.github.metarec4j.model.ScorerConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A served model's paths agree: adaptation on the fast path and on the ND4J reference; the
 * outputs of a few items (scored item by item), of many (read off the cached catalogue) and
 * of the reference; the ranking scores of the whole catalogue and those of each item.
 */
class ServingPathsTest extends TestBase {

    private static final Dataset DATA = SyntheticData.builder().users(150).items(200).seed(8).build().generate();

    /**
     * The ranking scores {@code recommend} ranks the whole catalogue by (the flat pass, for a
     * scorer without hidden layers under the USER scope) are each item's ranking score from its
     * outputs, item by item; new items (no ID row of their own) included.
     */
    @ParameterizedTest
    @EnumSource(value = Objective.class, names = {"JOINT", "RATING", "ENGAGEMENT"})
    void theCataloguesRankingScoresAreEachItemsRankingScore(Objective objective) {
        MetaModel trained = new MamlTrainer(ScorerConfig.builder().towerSize(8).itemIdEmbeddingSize(4).userFactors(4)
                .negatives(8).objective(objective).rankingRatingWeight(0.5).build(),
                MamlConfig.builder().epochs(1).seed(3).build(), List.of()).fit(DATA);
        MetaModel model = trained.withItems(Map.of("new1", DATA.itemFeatures("i4"), "new2", DATA.itemFeatures("i9")));
        assertTrue(model.network().linearInUser());
        float[] user = model.encodeUser(DATA.userFeatures("u7"));
        float[] adapted = model.adapt(user, new int[]{3, 17, 42}, new float[]{5, 2, 4});
        double[] all = model.rankingScoresAll(user, adapted);
        assertEquals(model.catalogue().size(), all.length);
        for (int i = 0; i < all.length; i++) {
            double byItem = model.rankingScore(model.outputs(user, adapted, new int[]{i})[0], i);
            assertEquals(byItem, all[i], 1e-5 * Math.max(1, Math.abs(byItem)), "item " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(AdaptationScope.class)
    void adaptationAndEveryScoringPathAgree(AdaptationScope scope) {
        MetaModel model = new MamlTrainer(ScorerConfig.builder().towerSize(8).hiddenLayers(8).itemIdEmbeddingSize(4)
                .userFactors(4).negatives(8).build(), MamlConfig.builder().epochs(2).adaptationScope(scope).seed(3)
                .build(), List.of()).fit(DATA);
        float[] user = model.encodeUser(DATA.userFeatures("u7"));
        int[] support = {3, 17, 42, 99, 150};
        float[] ratings = {5, 2, 4, 1, 3};
        float[] adapted = model.adapt(user, support, ratings);

        Nd4jTensors reference = new Nd4jTensors(model.network().layout(),
                Nd4j.create(model.parameters(), new long[]{1, model.parameters().length}, DataType.FLOAT), null);
        double[] referenceAdapted = model.network().adapt(reference, user, model.supportRows(support, ratings),
                model.training().innerSteps(), model.training().innerLearningRate());
        for (int j = 0; j < adapted.length; j++) {
            assertEquals(referenceAdapted[j], adapted[j], 1e-4 * Math.max(1, Math.abs(referenceAdapted[j])),
                    "adapted value " + j);
        }

        int[] all = IntStream.range(0, model.catalogue().size()).toArray();
        float[][] many = model.outputs(user, adapted, all);
        float[][] catalogue = model.outputsAll(user, adapted);
        int[] few = {0, 5, 77, 199};
        float[][] fewOutputs = model.outputs(user, adapted, few);
        float[][] inputs = new float[few.length][];
        int[] ids = new int[few.length];
        for (int i = 0; i < few.length; i++) {
            inputs[i] = model.catalogue().inputRow(few[i]);
            ids[i] = model.catalogue().idRow(few[i]);
        }
        double[] a = new double[adapted.length];
        for (int j = 0; j < a.length; j++) {
            a[j] = adapted[j];
        }
        double[][] fromReference = model.network().score(reference, user, a, inputs, ids);
        for (int i = 0; i < few.length; i++) {
            for (int h = 0; h < fewOutputs[i].length; h++) {
                assertEquals(many[few[i]][h], fewOutputs[i][h], 1e-5, "item " + few[i] + ": few against many");
                assertEquals(catalogue[few[i]][h], many[few[i]][h], 0, "item " + few[i] + ": many is the catalogue");
                assertEquals(fromReference[i][h], fewOutputs[i][h], 1e-4, "item " + few[i] + ": the reference");
            }
        }
    }
}
