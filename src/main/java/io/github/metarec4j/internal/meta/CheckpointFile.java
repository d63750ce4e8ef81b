package io.github.metarec4j.internal.meta;

import io.github.metarec4j.internal.util.AtomicFiles;
import io.github.metarec4j.internal.util.Checks;
import io.github.metarec4j.internal.util.Crc32Trailer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The file of {@link Checkpoints}: a training run's state at the end of an epoch. Format
 * {@value #FORMAT}: the magic number "MRCK", the format, the run's key (a digest of its
 * configuration and data), the counters, the best score, then the weights, Adam's two moments
 * and the best epoch's weights as float32, and a CRC-32 of everything before it.
 *
 * <p>Stateless; thread-safe.
 */
final class CheckpointFile {

    private static final int MAGIC = 0x4D52434B; // "MRCK"
    private static final int FORMAT = 1;
    /** The magic number and the format, before the content. */
    private static final int HEADER = 8;

    private CheckpointFile() {
    }

    /** The state of a run at the end of epoch {@code epoch}; the arrays are the run's own (not copied). */
    record State(int epoch, int phase, int iteration, long tasks, long elapsedNanos, double best, int bestEpoch,
                 int sinceBest, float[] params, float[] firstMoments, float[] secondMoments, float[] bestParams) {
    }

    /** Writes {@code state} of the run {@code key} to {@code file}, atomically. */
    static void write(Path file, String key, State state) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
             DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeUTF(key);
            out.writeInt(state.epoch());
            out.writeInt(state.phase());
            out.writeInt(state.iteration());
            out.writeLong(state.tasks());
            out.writeLong(state.elapsedNanos());
            out.writeDouble(state.best());
            out.writeInt(state.bestEpoch());
            out.writeInt(state.sinceBest());
            out.writeInt(state.params().length);
            for (float[] values : new float[][]{state.params(), state.firstMoments(), state.secondMoments(),
                    state.bestParams()}) {
                for (float v : values) {
                    out.writeFloat(v);
                }
            }
            out.flush();
            AtomicFiles.write(file, Crc32Trailer.append(bytes.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the training checkpoint " + file.toAbsolutePath() + ": " + e
                    + "; check that its directory is writable and has free space", e);
        }
    }

    /**
     * The state in {@code file}, or empty if there is no file.
     *
     * @throws IllegalArgumentException if the file is not a checkpoint, is damaged, or belongs to
     *                                  another run (configuration or data) than {@code key}
     */
    static Optional<State> read(Path file, String key, int size) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String where = "the training checkpoint " + file.toAbsolutePath();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + where + ": " + e, e);
        }
        Checks.argument(bytes.length >= HEADER + Crc32Trailer.LENGTH && ByteBuffer.wrap(bytes).getInt() == MAGIC, where
                + " is not a metarec4j checkpoint; delete it or give another checkpoint file");
        int format = ByteBuffer.wrap(bytes).getInt(4);
        Checks.argument(format == FORMAT, where + " is of checkpoint format " + format + ", this metarec4j reads "
                + FORMAT + "; delete it to train from the start");
        Checks.argument(Crc32Trailer.matches(bytes), where
                + " is damaged (its checksum does not match); delete it to train from the start");
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, HEADER,
                bytes.length - HEADER - Crc32Trailer.LENGTH))) {
            Checks.argument(in.readUTF().equals(key), where + " was written by a run of another configuration or "
                    + "other data; delete it, or give this run another checkpoint file");
            int epoch = in.readInt();
            int phase = in.readInt();
            int iteration = in.readInt();
            long tasks = in.readLong();
            long elapsed = in.readLong();
            double best = in.readDouble();
            int bestEpoch = in.readInt();
            int sinceBest = in.readInt();
            Checks.argument(in.readInt() == size, where + " holds another number of weights than this run's "
                    + size + "; delete it to train from the start");
            float[][] arrays = new float[4][size];
            for (float[] values : arrays) {
                for (int i = 0; i < size; i++) {
                    values[i] = in.readFloat();
                }
            }
            return Optional.of(new State(epoch, phase, iteration, tasks, elapsed, best, bestEpoch, sinceBest,
                    arrays[0], arrays[1], arrays[2], arrays[3]));
        } catch (IOException e) {
            throw new IllegalArgumentException(where + " is truncated; delete it to train from the start", e);
        }
    }
}
