package io.github.metarec4j.internal.model;

import io.github.metarec4j.TestBase;
import io.github.metarec4j.data.FeatureSchema;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.IdIndex;
import io.github.metarec4j.internal.data.FeatureEncoder;
import io.github.metarec4j.model.AdaptationScope;
import io.github.metarec4j.model.Objective;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Scoring the whole catalogue with the user-independent part computed once gives what the
 * network computes item by item (the fast path pair "catalogue scorer / per-item scoring" of
 * docs/architecture.md).
 */
class CatalogueScorerTest extends TestBase {

    @ParameterizedTest
    @MethodSource("io.github.metarec4j.internal.model.NetworkGradientTest#networks")
    void theCatalogueScoresAreTheNetworksItemByItem(Objective objective, AdaptationScope scope, int[] hidden,
                                                    int factors) {
        NetworkFixture f = new NetworkFixture(objective, scope, hidden, factors, 17);
        float[] theta = f.floatTheta();
        FeatureSchema schema = FeatureSchema.builder().multiCategorical("tags").build();
        List<String> ids = new ArrayList<>();
        List<Features> features = new ArrayList<>();
        Random random = new Random(4);
        for (int i = 0; i < 40; i++) {
            ids.add("item" + i);
            features.add(Features.builder().put("tags", List.of("t" + i % 6, "t" + random.nextInt(6))).build());
        }
        // six tags and the "unknown" slot: the fixture network's 7 item inputs
        FeatureEncoder encoder = FeatureEncoder.fit(schema, features);
        assertEquals(NetworkFixture.ITEM_INPUTS, encoder.dimension());
        int[] idRows = new int[ids.size()];
        for (int i = 0; i < idRows.length; i++) {
            idRows[i] = i % NetworkFixture.ID_ROWS;
        }
        ItemCatalogue catalogue = ItemCatalogue.of(IdIndex.of(ids), features, encoder, idRows);
        float[][] inputs = new float[ids.size()][];
        for (int i = 0; i < ids.size(); i++) {
            inputs[i] = catalogue.inputRow(i);
        }
        double[] adapted = f.network.adapt(new JavaTensors(f.layout, theta, null), f.user, f.support, 3, 0.1);
        float[][] all = new CatalogueScorer(f.network, theta, catalogue).score(f.user, adapted);
        double[][] byItem = f.network.score(new JavaTensors(f.layout, theta, null), f.user, adapted, inputs, idRows);
        assertEquals(ids.size(), all.length);
        for (int i = 0; i < all.length; i++) {
            for (int h = 0; h < all[i].length; h++) {
                assertEquals(byItem[i][h], all[i][h], 1e-5 * Math.max(1, Math.abs(byItem[i][h])), "item " + i);
            }
        }
    }
}
