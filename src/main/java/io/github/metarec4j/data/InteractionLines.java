package io.github.metarec4j.data;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The line of every interaction a reader adds to a {@link Dataset.Builder}, so that a user and
 * item given twice, which the dataset refuses naming the ids, is refused naming both lines too.
 * Not thread-safe: one per file read.
 */
final class InteractionLines {

    private final Path file;
    private int[] lines = new int[1024];
    private int size;

    /** For the interactions of {@code file}, which holds the item id in column 2. */
    InteractionLines(Path file) {
        this.file = file;
    }

    /** The interaction just added came from {@code line}. */
    void added(int line) {
        if (size == lines.length) {
            lines = Arrays.copyOf(lines, size * 2);
        }
        lines[size++] = line;
    }

    /**
     * Fails with a {@link DataFormatException} at the second line of the first user and item
     * added twice, if {@code b}'s duplicate policy refuses them.
     */
    void checkRepeats(Dataset.Builder b) {
        Interactions.Repeat repeat = b.rejectedRepeat();
        if (repeat != null) {
            throw new DataFormatException(file, lines[repeat.again()], 2, "item id",
                    repeat.problem(", first on line " + lines[repeat.first()]));
        }
    }
}
