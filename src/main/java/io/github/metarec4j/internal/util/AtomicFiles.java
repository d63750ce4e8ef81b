package io.github.metarec4j.internal.util;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a file so that a crash leaves either the old file or the new one under its name,
 * never half of one: for model files and training checkpoints.
 *
 * <p>Stateless; thread-safe. Concurrent writes to one target each write their own temporary
 * file, and the target ends up holding one of them whole (the last rename wins).
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Writes {@code bytes} to a new temporary file beside {@code target}, forces it to disk, and
     * renames it to {@code target}. The temporary file is removed on failure.
     *
     * @throws IOException if the file cannot be written (the target is then left as it was)
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        Checks.notNull(target, "target");
        Checks.notNull(bytes, "bytes");
        Path directory = target.toAbsolutePath().getParent();
        Checks.argument(directory != null, target + " is not a file path");
        // created with the process's default permissions (unlike Files.createTempFile's owner-only ones),
        // so the file gets the permissions any other file written there would get
        Path temporary = directory.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                // some file systems (certain network and FUSE mounts) cannot rename atomically;
                // a replacing move is the best they offer
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(directory);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // the write itself succeeded or has already failed with its own message; a stray
                // temporary file (hidden, named after the target) is the lesser harm
            }
        }
    }

    /**
     * Forces the directory entry of the rename to disk, so the new file survives a power cut
     * right after {@link #write} returns. Best effort: some platforms (Windows) cannot open a
     * directory, and the file's content is already on disk.
     */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // see above: best effort only
        }
    }
}
