package io.github.metarec4j.internal.meta;

import io.github.metarec4j.internal.model.ParameterLayout;
import io.github.metarec4j.internal.model.ParameterLayout.Block;
import io.github.metarec4j.model.AdaptationScope;
import io.github.metarec4j.model.Objective;
import io.github.metarec4j.model.ScorerConfig;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which blocks a transfer copies, on layouts of two data sets: another catalogue, other features. */
class TransferTest {

    private static final ScorerConfig SCORER = ScorerConfig.builder().towerSize(8).hiddenLayers(16)
            .itemIdEmbeddingSize(4).userFactors(6).build();

    private static ParameterLayout layout(int userInputs, int itemInputs, int idRows) {
        return new ParameterLayout(SCORER, Objective.JOINT, AdaptationScope.USER, true, false, true, userInputs,
                itemInputs, idRows);
    }

    private static float[] filled(ParameterLayout layout, float value) {
        float[] p = new float[(int) layout.size()];
        Arrays.fill(p, value);
        return p;
    }

    private static float[] block(float[] params, Block b) {
        return Arrays.copyOfRange(params, (int) b.offset(), (int) (b.offset() + b.length()));
    }

    @Test
    void howToAdaptCarriesOverAndTheCatalogueNever() {
        ParameterLayout source = layout(30, 19, 1683);
        ParameterLayout target = layout(0, 0, 3001);
        float[] fresh = filled(target, -1);
        Transfer.Report report = Transfer.apply(fresh, target, filled(source, 7), source, false, false);
        for (Block b : target.blocks()) {
            float[] values = block(fresh, b);
            boolean copied = report.copied().contains(b.name());
            switch (b.name()) {
                case ParameterLayout.ITEM_ID, ParameterLayout.ITEM_FACTOR, ParameterLayout.ITEM_BIAS,
                        ParameterLayout.ITEM_HISTORY, ParameterLayout.USER_TOWER, ParameterLayout.ITEM_TOWER,
                        ParameterLayout.FACTOR_CONTENT -> {
                    assertTrue(!copied, b.name());
                    for (float v : values) {
                        assertEquals(-1, v, b.name() + " stays fresh");
                    }
                }
                case ParameterLayout.STATE_INIT -> {
                    // its inputs (the user tower's outputs) mean other things: only the shared start moves
                    int bias = b.inputs() * b.cols();
                    for (int i = 0; i < values.length; i++) {
                        assertEquals(i >= bias ? 7 : -1, values[i], "stateInit value " + i);
                    }
                }
                default -> {
                    assertTrue(copied, b.name() + " carries over");
                    for (float v : values) {
                        assertEquals(7, v, b.name());
                    }
                }
            }
        }
        assertEquals(List.of(ParameterLayout.STATE_INIT), report.biasOnly());
        assertTrue(report.copied().containsAll(List.of(ParameterLayout.INNER_RATES, ParameterLayout.INNER_RIDGE,
                ParameterLayout.OUTPUT)), report.toString());
    }

    @Test
    void towersCarryOverWhenBothDataSetsEncodeFeaturesAlike() {
        ParameterLayout source = layout(30, 19, 1683);
        ParameterLayout target = layout(30, 19, 500);
        float[] fresh = filled(target, -1);
        float[] sourceParams = filled(source, 7);
        Transfer.Report report = Transfer.apply(fresh, target, sourceParams, source, true, true);
        for (String name : List.of(ParameterLayout.USER_TOWER, ParameterLayout.ITEM_TOWER,
                ParameterLayout.FACTOR_CONTENT, ParameterLayout.STATE_INIT)) {
            assertTrue(report.copied().contains(name), report.toString());
            assertArrayEquals(block(sourceParams, source.block(name)), block(fresh, target.block(name)), name);
        }
        assertEquals(List.of(), report.biasOnly());
        // the same features, other sizes: nothing of another shape is copied
        ParameterLayout wider = new ParameterLayout(ScorerConfig.builder().towerSize(8).hiddenLayers(32)
                .itemIdEmbeddingSize(4).userFactors(6).build(), Objective.JOINT, AdaptationScope.USER, true, false, true,
                30, 19, 500);
        float[] other = filled(wider, -1);
        Transfer.Report partial = Transfer.apply(other, wider, sourceParams, source, true, true);
        assertTrue(!partial.copied().contains(ParameterLayout.OUTPUT) && !partial.copied().contains("dense1"),
                partial.toString());
        assertTrue(partial.copied().contains(ParameterLayout.USER_TOWER), partial.toString());
    }
}
