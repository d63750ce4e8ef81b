package io.github.metarec4j.internal.meta;

import io.github.metarec4j.MetaTrainer;
import io.github.metarec4j.TestBase;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.SyntheticData;
import io.github.metarec4j.meta.Checkpoints;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.meta.TrainingListener;
import io.github.metarec4j.model.ScorerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 12, "stop and resume": stop requests, interrupts, and checkpoints that resume to the same weights. */
class StopAndResumeTest extends TestBase {

    private static final Dataset DATA = SyntheticData.builder().users(100).items(60).ratingsPerUser(10, 30).seed(4)
            .build().generate();
    private static final ScorerConfig SCORER = ScorerConfig.builder().towerSize(8).itemIdEmbeddingSize(4)
            .userFactors(4).negatives(10).build();
    private static final MamlConfig TRAINING = MamlConfig.builder().epochs(5).metaBatchSize(16).patience(0)
            .validationFraction(0.2).validationSupport(3).validationQueryStart(5).threads(1).seed(8).build();

    @TempDir
    Path dir;

    /** Records the end of training, and asks to stop once {@code stopAt} meta-steps of epoch {@code epoch} are done. */
    private static final class Stopper implements TrainingListener {
        private final int epoch;
        private final int stopAt;
        private boolean stop;
        TrainingSummary end;

        Stopper(int epoch, int stopAt) {
            this.epoch = epoch;
            this.stopAt = stopAt;
        }

        @Override
        public void onMetaStep(TrainingProgress p) {
            stop |= p.epoch() == epoch && p.step() >= stopAt;
        }

        @Override
        public boolean stopRequested() {
            return stop;
        }

        @Override
        public void onTrainingEnd(TrainingSummary summary) {
            end = summary;
        }
    }

    @Test
    void aListenerCanStopTrainingWithoutAnException() {
        Stopper stopper = new Stopper(2, 2);
        MetaModel model = new MamlTrainer(SCORER, TRAINING, List.of(stopper)).fit(DATA);
        assertEquals(TrainingListener.StopReason.REQUESTED, stopper.end.stopReason());
        assertEquals(1, stopper.end.epochsRun(), "stopped in epoch 2: one epoch completed");
        assertEquals(1, model.provenance().bestEpoch());
        assertFalse(stopper.end.stoppedEarly(), "not early stopping");
    }

    @Test
    void anInterruptStopsTrainingCleanlyAndStaysSet() throws InterruptedException {
        List<TrainingListener.TrainingSummary> ends = new ArrayList<>();
        MetaModel[] model = {null};
        boolean[] stillInterrupted = {false};
        Thread trainer = new Thread(() -> {
            TrainingListener interrupter = new TrainingListener() {
                @Override
                public void onMetaStep(TrainingProgress p) {
                    if (p.epoch() == 2 && p.step() == 1) {
                        Thread.currentThread().interrupt();
                    }
                }

                @Override
                public void onTrainingEnd(TrainingSummary s) {
                    ends.add(s);
                }
            };
            model[0] = new MamlTrainer(SCORER, TRAINING.toBuilder().threads(2).build(), List.of(interrupter))
                    .fit(DATA);
            stillInterrupted[0] = Thread.currentThread().isInterrupted();
        });
        trainer.start();
        trainer.join(120_000);
        assertEquals(1, ends.size());
        assertEquals(TrainingListener.StopReason.INTERRUPTED, ends.get(0).stopReason());
        assertTrue(model[0] != null && model[0].provenance().epochsRun() == 1, "a model of the completed epoch");
        assertTrue(stillInterrupted[0], "the flag is left set for the caller");
    }

    @Test
    void aResumedRunEndsWithTheSameWeightsAsAnUninterruptedOne() {
        MetaModel uninterrupted = new MamlTrainer(SCORER, TRAINING, List.of()).fit(DATA);

        Checkpoints checkpoints = new Checkpoints(dir.resolve("run.ckpt"), 2);
        Stopper stopper = new Stopper(4, 3);
        new MamlTrainer(SCORER, TRAINING, List.of(stopper)).withCheckpoints(checkpoints).fit(DATA);
        assertEquals(TrainingListener.StopReason.REQUESTED, stopper.end.stopReason());
        assertTrue(Files.exists(checkpoints.file()), "epoch 2's checkpoint");

        // a new trainer (as after a crash) goes on from epoch 2's checkpoint
        List<Integer> epochs = new ArrayList<>();
        TrainingListener seen = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochSummary s) {
                epochs.add(s.epoch());
            }
        };
        MetaModel resumed = new MamlTrainer(SCORER, TRAINING, List.of(seen)).withCheckpoints(checkpoints).fit(DATA);
        assertEquals(List.of(3, 4, 5), epochs, "epochs 1 and 2 came from the checkpoint");
        assertArrayEquals(uninterrupted.parameters(), resumed.parameters(), "bit for bit");
        assertEquals(uninterrupted.provenance().bestEpoch(), resumed.provenance().bestEpoch());
        assertEquals(uninterrupted.provenance().bestValidationScore(), resumed.provenance().bestValidationScore());
    }

    @Test
    void theFacadeWritesAndResumesCheckpoints() {
        Checkpoints checkpoints = new Checkpoints(dir.resolve("facade.ckpt"), 5);
        io.github.metarec4j.MetaTrainer recipe = io.github.metarec4j.MetaTrainer.builder().scorer(SCORER)
                .training(TRAINING).checkpoints(checkpoints).build();
        String first = recipe.fit(DATA).toString();
        assertTrue(Files.exists(checkpoints.file()));
        // the last epoch's checkpoint: a second fit resumes after it and returns the same model (the
        // recommender's name holds a digest of its weights)
        assertTrue(first.matches("MetaRecommender\\[\\d+ items, model [0-9a-f]{16}\\]"), first);
        assertEquals(first, recipe.fit(DATA).toString());
    }

    @Test
    void aCheckpointOfAnotherRunOrDamagedIsRefused() throws IOException {
        Checkpoints checkpoints = new Checkpoints(dir.resolve("run.ckpt"), 1);
        new MamlTrainer(SCORER, TRAINING.toBuilder().epochs(1).build(), List.of()).withCheckpoints(checkpoints)
                .fit(DATA);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MamlTrainer(SCORER,
                TRAINING.toBuilder().seed(9).build(), List.of()).withCheckpoints(checkpoints).fit(DATA));
        assertEquals("the training checkpoint " + checkpoints.file().toAbsolutePath() + " was written by a run of "
                + "another configuration or other data; delete it, or give this run another checkpoint file",
                e.getMessage());
        byte[] bytes = Files.readAllBytes(checkpoints.file());
        bytes[bytes.length / 2] ^= 1;
        Files.write(checkpoints.file(), bytes);
        e = assertThrows(IllegalArgumentException.class, () -> new MamlTrainer(SCORER, TRAINING, List.of())
                .withCheckpoints(checkpoints).fit(DATA));
        assertEquals("the training checkpoint " + checkpoints.file().toAbsolutePath() + " is damaged (its checksum "
                + "does not match); delete it to train from the start", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Checkpoints(dir.resolve("no/such/run.ckpt"), 1));
        assertTrue(e.getMessage().endsWith("is not in an existing directory; create the directory first"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Checkpoints(dir.resolve("run.ckpt"), 0));
        assertEquals("everyEpochs (epochs between checkpoints) must be positive, got 0", e.getMessage());
    }
}
