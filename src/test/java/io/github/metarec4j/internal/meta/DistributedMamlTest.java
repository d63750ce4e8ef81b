package io.github.metarec4j.internal.meta;

import io.github.metarec4j.TestBase;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.SyntheticData;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.model.ScorerConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine of the Spark trainer without Spark: the driver's plans, computed shard by shard
 * by {@link DistributedMaml.Kernel} and summed, train the local trainer's weights.
 */
class DistributedMamlTest extends TestBase {

    private static final ScorerConfig TINY = ScorerConfig.builder().towerSize(8).hiddenLayers(16)
            .itemIdEmbeddingSize(4).build();
    private static final Dataset EXPLICIT = SyntheticData.builder().users(120).items(80).seed(2).build().generate();
    private static final Dataset IMPLICIT = SyntheticData.builder().users(100).items(60).implicit().seed(4).build()
            .generate();

    /** Sums the kernel's partials over {@code shards}, last shard first (another order than the local trainer's). */
    static DistributedMaml.Gradients over(DistributedMaml run, int shardCount) {
        List<DistributedMaml.Shard> shards = run.shards(shardCount);
        DistributedMaml.Kernel kernel = DistributedMaml.Kernel.of(run.kernelBytes());
        return (plan, params) -> {
            DistributedMaml.Partial sum = DistributedMaml.Partial.empty();
            for (int s = shards.size() - 1; s >= 0; s--) {
                sum = sum.plus(kernel.compute(plan, params, shards.get(s)));
            }
            return sum;
        };
    }

    /** The gradient a partial sum holds, as the trainer reads it. */
    static float[] dense(DistributedMaml.Partial sum, int size) {
        float[] g = new float[size];
        sum.addTo(g);
        return g;
    }

    /**
     * The largest difference between two gradients, relative to the larger's largest entry: float
     * tolerance for sums of the same terms in another order.
     */
    static double relativeDifference(float[] a, float[] b) {
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            scale = Math.max(scale, Math.max(Math.abs(a[i]), Math.abs(b[i])));
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return scale == 0 ? 0 : worst / scale;
    }

    @Test
    void oneShardTrainsTheLocalWeightsBitForBit() {
        MamlConfig explicit = MamlConfig.builder().epochs(2).metaBatchSize(16).threads(1).seed(9).build();
        MamlConfig implicit = MamlConfig.builder().epochs(2).metaBatchSize(10).threads(1).validationFraction(0)
                .seed(5).build();
        for (var c : List.of(new Object[]{EXPLICIT, explicit}, new Object[]{IMPLICIT, implicit})) {
            Dataset data = (Dataset) c[0];
            MamlConfig config = (MamlConfig) c[1];
            MetaModel local = new MamlTrainer(TINY, config, List.of()).fit(data);
            DistributedMaml run = new DistributedMaml(data, TINY, config, List.of());
            MetaModel remote = run.train(over(run, 1));
            assertArrayEquals(local.parameters(), remote.parameters());
            assertEquals(local.provenance().trainingTasks(), remote.provenance().trainingTasks());
            assertEquals(local.provenance().bestEpoch(), remote.provenance().bestEpoch());
            assertEquals(local.provenance().bestValidationScore(), remote.provenance().bestValidationScore());
        }
    }

    @Test
    void everyStepsGradientOverShardsIsTheOneShardSumToFloatTolerance() {
        MamlConfig config = MamlConfig.builder().epochs(2).metaBatchSize(10).seed(5).build();
        DistributedMaml run = new DistributedMaml(IMPLICIT, TINY, config, List.of());
        DistributedMaml.Gradients three = over(run, 3);
        DistributedMaml.Gradients one = over(run, 1);
        int[] steps = {0};
        run.train((plan, params) -> {
            DistributedMaml.Partial a = three.compute(plan, params);
            DistributedMaml.Partial b = one.compute(plan, params);
            double d = relativeDifference(dense(a, params.length), dense(b, params.length));
            assertTrue(d < 1e-6, "step " + steps[0] + ": relative difference " + d);
            assertEquals(b.loss(), a.loss(), 1e-9 * Math.abs(b.loss()));
            assertEquals(plan.tasks(), a.tasks());
            steps[0]++;
            return a;
        });
        assertTrue(steps[0] >= 10, steps[0] + " steps");
    }

    @Test
    void aMissingShardIsNoticed() {
        MamlConfig config = MamlConfig.builder().epochs(1).metaBatchSize(10).seed(5).build();
        DistributedMaml run = new DistributedMaml(IMPLICIT, TINY, config, List.of());
        List<DistributedMaml.Shard> shards = run.shards(2);
        DistributedMaml.Kernel kernel = DistributedMaml.Kernel.of(run.kernelBytes());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run.train((plan, params) -> kernel.compute(plan, params, shards.get(0))));
        assertTrue(e.getMessage().startsWith("the meta-step has 10 tasks, but "), e.getMessage());
        assertTrue(e.getMessage().endsWith("were computed: a shard is missing or a user is in two"), e.getMessage());
    }
}
