package io.github.metarec4j.benchmarks;

import io.github.metarec4j.TestBase;
import io.github.metarec4j.meta.MamlConfig.SelectionMetric;
import io.github.metarec4j.meta.MamlConfig.TaskOrder;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.model.AdaptationScope;
import io.github.metarec4j.model.Objective;
import io.github.metarec4j.model.ScorerConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code --set} settings: each applied to its builder over the defaults, and the messages for bad text. */
class ConfigOverridesTest extends TestBase {

    private static final ScorerConfig SCORER = ScorerConfig.builder().build();
    private static final MamlConfig TRAINING = MamlConfig.builder().build();

    @Test
    void scorerSettingsOfEveryKindAreApplied() throws BenchmarkOptions.UsageException {
        ScorerConfig s = ConfigOverrides.parse("towerSize=16; itemIdDropout=0.35;historyEncoder=false;"
                + "objective=rating;hiddenLayers=64,64;userFactors=8").scorer(SCORER);
        assertEquals(16, s.towerSize());
        assertEquals(0.35, s.itemIdDropout());
        assertFalse(s.historyEncoder());
        assertEquals(Objective.RATING, s.objective(), "enum names in any case");
        assertEquals(List.of(64, 64), s.hiddenLayers());
        assertEquals(8, s.userFactors());
        assertEquals(SCORER.negatives(), s.negatives(), "what is not set keeps the default");
        assertEquals(List.of(), ConfigOverrides.parse("hiddenLayers=none").scorer(SCORER).hiddenLayers());
        assertEquals(SCORER, ConfigOverrides.parse("innerSteps=5").scorer(SCORER), "a training setting");
    }

    @Test
    void trainingSettingsOfEveryKindAreApplied() throws BenchmarkOptions.UsageException {
        MamlConfig t = ConfigOverrides.parse("epochs=7;innerLearningRate=0.5;learnInnerRates=false;"
                + "adaptationScope=head;taskOrder=RANDOM;selection=mae;supportSize=5-50").training(TRAINING);
        assertEquals(7, t.epochs());
        assertEquals(0.5, t.innerLearningRate());
        assertFalse(t.learnInnerRates());
        assertEquals(AdaptationScope.HEAD, t.adaptationScope());
        assertEquals(TaskOrder.RANDOM, t.taskOrder());
        assertEquals(SelectionMetric.MAE, t.selection());
        assertEquals(5, t.minSupport());
        assertEquals(50, t.maxSupport());
        assertEquals(TRAINING.seed(), t.seed(), "what is not set keeps the default");
        MamlConfig fixed = ConfigOverrides.parse("supportSize=8").training(TRAINING);
        assertEquals(8, fixed.minSupport());
        assertEquals(8, fixed.maxSupport());
        assertEquals(TRAINING, ConfigOverrides.parse("towerSize=16").training(TRAINING), "a scorer setting");
    }

    @Test
    void theSettingsReadBackAsGivenAndNothingIsEmpty() throws BenchmarkOptions.UsageException {
        ConfigOverrides o = ConfigOverrides.parse(" selection=LOSS ;hiddenLayers=64,64;;epochs=3;towerSize=8");
        assertEquals("selection=LOSS;hiddenLayers=64,64;epochs=3;towerSize=8", o.toString(), "in the order given");
        assertFalse(o.isEmpty());
        assertTrue(ConfigOverrides.parse("").isEmpty());
        assertTrue(ConfigOverrides.parse(" ; ").isEmpty());
        assertTrue(ConfigOverrides.none().isEmpty());
        assertEquals("", ConfigOverrides.none().toString());
    }

    private static String error(String text) {
        return assertThrows(BenchmarkOptions.UsageException.class, () -> ConfigOverrides.parse(text)).getMessage();
    }

    @Test
    void badSettingsAreNamedInTheMessage() {
        assertTrue(error("towersize=8").startsWith("--set does not know 'towersize'; it knows [towerSize, "
                + "itemIdEmbeddingSize, userFactors, negatives, innerSteps, "), error("towersize=8"));
        assertTrue(error("towersize=8").endsWith(", objective, innerEngagementLoss, adaptationScope, taskOrder, "
                + "selection]"), error("towersize=8"));
        assertEquals("--set gives 'epochs' twice; give it once", error("epochs=3;towerSize=8;epochs=4"));
        assertEquals("--set needs name=value pairs separated by ';', got 'towerSize'", error("towerSize;epochs=3"));
        assertEquals("--set needs name=value pairs separated by ';', got '=5'", error("epochs=3;=5"));
        assertEquals("--set needs name=value pairs separated by ';', got '=5'", error(" =5"));
        assertEquals("--set objective=both: objective must be one of [AUTO, RATING, ENGAGEMENT, JOINT], got 'both'",
                error("objective=both"));
        assertEquals("--set selection=best: selection must be one of " + java.util.Arrays.toString(
                io.github.metarec4j.meta.MamlConfig.SelectionMetric.values()) + ", got 'best'", error("selection=best"));
        assertEquals("--set towerSize=big: 'big' is not a whole number", error("towerSize=big"));
        assertEquals("--set itemL2=lots: 'lots' is not a number", error("itemL2=lots"));
        assertEquals("--set historyEncoder=yes: 'yes' is not true or false", error("historyEncoder=yes"));
        assertEquals("--set hiddenLayers=64,x: 'x' is not a whole number", error("hiddenLayers=64,x"));
        assertEquals("--set towerSize=0: towerSize must be positive, got 0", error("towerSize=0"));
        assertEquals("--set supportSize=50-5: maxSupport (5) must be >= minSupport (50)", error("supportSize=50-5"));
    }
}
