package io.github.metarec4j.data;

import io.github.metarec4j.internal.util.Checks;

import java.nio.file.Path;

/**
 * A data file is malformed: a cell is not a number, a line has the wrong number of
 * columns, a header lacks a field. Says where (file, line, column) and what was wrong,
 * for example {@code "ratings.csv, line 17, column 3 (rating): 'abc' is not a number;
 * expected a decimal number such as 4 or 3.5"}.
 *
 * <p>Immutable; thread-safe. The file is not serialised with the exception (a
 * {@link Path} is not serialisable); the message, which names it, is.
 */
public class DataFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The malformed file. */
    private final transient Path file;
    /** The 1-based line number. */
    private final int line;
    /** The 1-based column number, or 0 for the whole line. */
    private final int column;

    /**
     * A problem with a whole line (its number of columns, say).
     *
     * @param file    the file being read
     * @param line    the 1-based line number
     * @param problem what was wrong and what was expected
     */
    public DataFormatException(Path file, int line, String problem) {
        this(file, line, 0, "", problem);
    }

    /**
     * A problem with one cell.
     *
     * @param file       the file being read
     * @param line       the 1-based line number
     * @param column     the 1-based column number, or 0 if the whole line is at fault
     * @param columnName what the column holds ("rating", "age"), or "" if it has no name
     * @param problem    what was wrong and what was expected
     */
    public DataFormatException(Path file, int line, int column, String columnName, String problem) {
        super(message(file, line, column, columnName, problem));
        this.file = file;
        this.line = line;
        this.column = column;
    }

    private static String message(Path file, int line, int column, String columnName, String problem) {
        Checks.notNull(file, "file");
        Checks.positive(line, "line");
        Checks.nonNegative(column, "column");
        Checks.notNull(columnName, "columnName");
        Checks.notBlank(problem, "problem");
        StringBuilder m = new StringBuilder().append(file.getFileName()).append(", line ").append(line);
        if (column > 0) {
            m.append(", column ").append(column);
            if (!columnName.isBlank()) {
                m.append(" (").append(columnName).append(')');
            }
        }
        return m.append(": ").append(problem).toString();
    }

    /** The file that is malformed (null only after deserialisation). */
    public Path file() {
        return file;
    }

    /** The 1-based number of the line at fault. */
    public int line() {
        return line;
    }

    /** The 1-based number of the column at fault, or 0 if the whole line is at fault. */
    public int column() {
        return column;
    }
}
