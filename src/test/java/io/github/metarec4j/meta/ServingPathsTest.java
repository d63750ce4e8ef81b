package io.github.metarec4j.meta;

import io.github.metarec4j.TestBase;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.SyntheticData;
import io.github.metarec4j.model.AdaptationScope;
import io.github.metarec4j.model.MlpScorerConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The serving paths (the Java kernel for adaptation and small candidate sets, ND4J over the
 * cached catalogue for large ones) compute what the batched ND4J path used in training
 * computes, to float tolerance, for every adaptation scope they serve and both objectives.
 */
class ServingPathsTest extends TestBase {

    private static final double TOLERANCE = 2e-5;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (boolean implicit : new boolean[]{false, true}) {
            for (AdaptationScope scope : List.of(AdaptationScope.DENSE, AdaptationScope.HEAD)) {
                cases.add(Arguments.of(implicit, scope));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "implicit={0} {1}")
    @MethodSource("cases")
    void kernelAndCatalogueScorerMatchTheBatchedNd4jPath(boolean implicit, AdaptationScope scope) {
        SyntheticData.Builder b = SyntheticData.builder().users(80).items(200).seed(3);
        Dataset data = (implicit ? b.implicit() : b).build().generate();
        MetaModel model = new MetaTrainer(MlpScorerConfig.builder().towerSize(8).hiddenLayers(16, 12)
                .itemIdEmbeddingSize(4).build(), MamlConfig.builder().epochs(2).adaptationScope(scope)
                .innerLearningRate(0.2).seed(5).build(), List.of()).fit(data);
        SplittableRandom random = new SplittableRandom(9);
        for (int user = 0; user < 6; user++) {
            String id = data.interactions().users().id(user);
            float[] input = model.encodeUser(data.userFeatures(id));
            int n = 1 + random.nextInt(15);
            int[] items = new int[n];
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                items[i] = random.nextInt(model.catalogue().size());
                values[i] = implicit ? 1 : 1 + random.nextInt(5);
            }
            float[] fast = model.adapt(input, items, values);
            float[] reference = model.adaptWithNd4j(input, items, values);
            assertClose(reference, fast, "adapted weights of user " + user);

            int[] few = random.ints(7, 0, model.catalogue().size()).toArray();
            assertClose(model.scoreWithNd4j(input, fast, few), model.score(input, fast, few), "few scores");
            int[] all = java.util.stream.IntStream.range(0, model.catalogue().size()).toArray();
            float[] reference2 = model.scoreWithNd4j(input, fast, all);
            assertClose(reference2, model.score(input, fast, all), "catalogue scores");
            assertClose(reference2, model.scoreAll(input, fast), "scoreAll");
        }
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            double tolerance = TOLERANCE * Math.max(1, Math.abs(expected[i]));
            if (!(Math.abs(expected[i] - actual[i]) <= tolerance)) {
                fail(what + "[" + i + "]: " + expected[i] + " (ND4J) vs " + actual[i]);
            }
        }
    }
}
