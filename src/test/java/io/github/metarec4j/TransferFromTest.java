package io.github.metarec4j;

import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.SyntheticData;
import io.github.metarec4j.internal.meta.MetaModel;
import io.github.metarec4j.internal.model.ParameterLayout;
import io.github.metarec4j.internal.model.ParameterLayout.Block;
import io.github.metarec4j.meta.Checkpoints;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MetaTrainer.transferFrom: training on one platform's data starts from another platform's model. */
class TransferFromTest {

    private static float[] block(MetaModel m, String name) {
        Block b = m.network().layout().block(name);
        return Arrays.copyOfRange(m.parameters(), (int) b.offset(), (int) (b.offset() + b.length()));
    }

    @Test
    void theTargetStartsFromTheSourcesWayOfAdapting() {
        MetaRecommender source = Fixtures.recommender();
        // another platform: other users, other items
        Dataset target = SyntheticData.builder().users(120).items(80).seed(99).build().generate();
        // a learning rate so small that one epoch leaves the starting weights as they were
        MetaRecommender transferred = MetaTrainer.builder().scorer(source.scorerConfig())
                .training(source.trainingConfig().toBuilder().epochs(1).outerLearningRate(1e-12).build())
                .transferFrom(source).build().fit(target);
        MetaRecommender fresh = MetaTrainer.builder().scorer(source.scorerConfig())
                .training(source.trainingConfig().toBuilder().epochs(1).outerLearningRate(1e-12).build())
                .build().fit(target);
        for (String name : new String[]{ParameterLayout.INNER_RATES, ParameterLayout.INNER_RIDGE, ParameterLayout.OUTPUT,
                "dense1"}) {
            assertArrayEquals(block(source.model(), name), block(transferred.model(), name), 1e-6f, name);
            assertFalse(Arrays.equals(block(source.model(), name), block(fresh.model(), name)), name);
        }
        assertEquals(target.catalogue().ids(), transferred.catalogue(), "the target's own catalogue");
        // same schema, but the numeric features scaled by another data set's statistics: the towers
        // mean other things, and start fresh (as the model trained from scratch, same seed)
        for (String name : new String[]{ParameterLayout.USER_TOWER, ParameterLayout.ITEM_TOWER, ParameterLayout.ITEM_ID}) {
            assertArrayEquals(block(fresh.model(), name), block(transferred.model(), name), 1e-6f, name);
        }
    }

    @Test
    void transferFromRefusesBadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MetaTrainer.builder().transferFrom(null));
        assertEquals("transfer source must not be null", e.getMessage());
        Checkpoints checkpoints = new Checkpoints(Path.of("run.ckpt"), 1);
        e = assertThrows(IllegalArgumentException.class,
                () -> MetaTrainer.builder().checkpoints(checkpoints).transferFrom(Fixtures.recommender()));
        assertEquals("transferFrom cannot be combined with checkpoints: a checkpoint does not record the source "
                + "model; drop one of the two", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MetaTrainer.builder().transferFrom(Fixtures.recommender()).checkpoints(checkpoints));
        assertEquals("checkpoints cannot be combined with transferFrom: a checkpoint does not record the source "
                + "model; drop one of the two", e.getMessage());
        assertTrue(MetaTrainer.builder().transferFrom(Fixtures.recommender()).build().transferSource().isPresent());
        assertTrue(MetaTrainer.defaults().transferSource().isEmpty());
    }
}
