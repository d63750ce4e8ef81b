package io.github.metarec4j.meta;

import io.github.metarec4j.internal.util.Checks;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where and how often training saves its state, so that a run stopped (a crash, a stop
 * request, an interrupt) can resume: every {@code everyEpochs} epochs the weights, Adam's
 * moments and step count, the best epoch's weights and score, the early-stopping count and the
 * epoch reached are written to {@code file}, atomically (a temporary file renamed over it),
 * in a versioned format with a checksum.
 *
 * <p>When training starts and {@code file} holds a checkpoint of the same configuration and
 * data, training resumes from it; every random draw of an epoch depends on the seed and the
 * epoch only, so a resumed run ends with the same weights as an uninterrupted one (on one
 * thread, or the same thread count). A checkpoint of another configuration or other data is
 * refused with a message, never silently used or overwritten.
 *
 * <pre>{@code
 * MetaRecommender rec = MetaTrainer.builder()
 *         .checkpoints(new Checkpoints(Path.of("run.ckpt"), 5))
 *         .build().fit(data);            // run again after a crash: it goes on from the last checkpoint
 * }</pre>
 *
 * <p>Immutable value; thread-safe.
 *
 * @param file        the checkpoint file; its directory must exist
 * @param everyEpochs how many epochs between two checkpoints (1 or more)
 */
public record Checkpoints(Path file, int everyEpochs) {

    public Checkpoints {
        Checks.notNull(file, "checkpoint file");
        Checks.positive(everyEpochs, "everyEpochs (epochs between checkpoints)");
        Path parent = file.toAbsolutePath().getParent();
        Checks.argument(parent != null && Files.isDirectory(parent), "the checkpoint file " + file.toAbsolutePath()
                + " is not in an existing directory; create the directory first");
        Checks.argument(!Files.isDirectory(file), "the checkpoint file " + file.toAbsolutePath()
                + " is a directory; give a file path such as " + file.resolve("training.ckpt"));
    }
}
