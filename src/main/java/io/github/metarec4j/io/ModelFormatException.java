package io.github.metarec4j.io;

import java.nio.file.Path;

/**
 * A model file cannot be loaded: it does not exist, is not a metarec4j model file, is
 * damaged, or was written in a newer format than this metarec4j reads. The message names
 * the file, says what was wrong and what to do, for example {@code "/models/ml.mr4j is
 * damaged: its checksum does not match its contents; restore it from a backup or save the
 * model again"}; {@link #problem()} says which of those cases it is, for code that reacts
 * to it.
 *
 * <p>Unchecked, and an {@link IllegalArgumentException} like
 * {@link io.github.metarec4j.data.DataFormatException} for data files: the file given
 * cannot be used. An I/O failure while reading a file that exists (no permission, a disk
 * error) is an {@link java.io.UncheckedIOException} instead, as elsewhere in the library.
 *
 * <p>Immutable; thread-safe. The file is not serialised with the exception (a {@link Path}
 * is not serialisable); the message, which names it, is.
 */
public class ModelFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Why a model file could not be loaded. */
    public enum Problem {
        /** No file at the path. */
        MISSING,
        /** The file is not a metarec4j model file (not a ZIP archive, or no metarec4j manifest in it). */
        NOT_A_MODEL,
        /**
         * The file is a metarec4j model file but damaged: a broken ZIP structure, a checksum that
         * does not match, a missing entry, or a manifest whose contents cannot make a model.
         */
        DAMAGED,
        /** The file was written in a newer model format version than this metarec4j reads. */
        NEWER_FORMAT,
        /**
         * The file was written in an older model format version, for a scorer this metarec4j no
         * longer has (format 1: the 0.1 scorer, before the user state and the engagement head).
         */
        OLDER_FORMAT
    }

    private final transient Path file;
    private final Problem problem;

    /**
     * @param file    the model file
     * @param problem which kind of failure
     * @param message the whole message: names the file, says what was wrong and what to do
     * @param cause   the underlying exception (from the ZIP or JSON library), or null
     */
    // public for the model file reader (an internal package); applications only catch it
    public ModelFormatException(Path file, Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.problem = problem;
    }

    /** The file that could not be loaded (null only after deserialisation). */
    public Path file() {
        return file;
    }

    /** Why it could not be loaded. */
    public Problem problem() {
        return problem;
    }
}
