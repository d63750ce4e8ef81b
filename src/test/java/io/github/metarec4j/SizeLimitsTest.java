package io.github.metarec4j;

import io.github.metarec4j.internal.model.ParameterLayout;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.model.ScorerConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, finding 5: sizes that overflowed into a 32 GiB allocation, ND4J's raw
 * {@code std::bad_alloc}, or an unbounded inner loop are refused where they are set, or
 * before anything is allocated, naming the setting.
 */
class SizeLimitsTest extends TestBase {

    @Test
    void aTowerTooWideForAnIntIsRefusedByTheBuilder() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScorerConfig.builder().towerSize(Integer.MAX_VALUE).build());
        assertEquals("towerSize must be at most 65536, got 2147483647; widths of 8 to 256 suit the scorer",
                e.getMessage());
    }

    @Test
    void hiddenLayersOfAMillionAreRefusedByTheBuilder() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScorerConfig.builder().hiddenLayers(1 << 20, 1 << 20).build());
        assertEquals("every hidden layer width (got [1048576, 1048576]) must be at most 65536, got 1048576; "
                + "widths of 8 to 256 suit the scorer", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ScorerConfig.builder().userFactors(1 << 17).build());
        assertEquals("userFactors must be at most 65536, got 131072; widths of 8 to 256 suit the scorer",
                e.getMessage());
    }

    @Test
    void innerStepsAreBounded() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MamlConfig.builder().innerSteps(100_000).build());
        assertEquals("innerSteps must be at most 100, got 100000: each step is a pass over the user's support in "
                + "training and in adapt; try 1 to 10", e.getMessage());
        MamlConfig.builder().innerSteps(MamlConfig.MAX_INNER_STEPS).build();
    }

    @Test
    void aScorerOfTooManyParametersIsRefusedBeforeAllocating() {
        ScorerConfig big = ScorerConfig.builder().towerSize(65_536).hiddenLayers(65_536, 65_536).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetaTrainer.builder()
                .scorer(big).training(Fixtures.quickTraining().build()).build().fit(Fixtures.tiny()));
        assertEquals("the scorer would have 12,906,341,881 parameters, more than the 268,435,456 allowed; its "
                + "largest block, dense1 (131,105 x 65,536), is set by hiddenLayers, towerSize and "
                + "itemIdEmbeddingSize: lower it", e.getMessage());
    }

    @Test
    void aScorerThatWouldNotFitInTheHeapIsRefusedBeforeAllocating() {
        // about 246 million parameters: within the limit, and 6.9 GB for training on one thread
        ScorerConfig wide = ScorerConfig.builder().towerSize(8192).hiddenLayers(10_000, 8192).build();
        Skip.unless(Runtime.getRuntime().maxMemory() < 6_000_000_000L,
                "the heap is large enough to train this scorer; the check cannot be seen");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetaTrainer.builder()
                .scorer(wide).training(Fixtures.quickTraining().build()).build().fit(Fixtures.tiny()));
        assertTrue(e.getMessage().matches("training a scorer of [0-9,]+ parameters needs about [0-9,]+ MiB of heap "
                + "\\(7 copies of the weights\\), but this JVM may use [0-9,]+ MiB: lower towerSize, hiddenLayers, "
                + "userFactors or itemIdEmbeddingSize, or raise the heap \\(-Xmx\\)"), e.getMessage());
        assertTrue(ParameterLayout.MAX_PARAMETERS > 246_000_000L, "this scorer is within the parameter limit");
    }
}
