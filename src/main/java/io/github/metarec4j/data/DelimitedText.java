package io.github.metarec4j.data;

import io.github.metarec4j.internal.util.Checks;
import io.github.metarec4j.internal.util.Decimals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * Reads a text file of delimited cells line by line, for the data readers
 * ({@link CsvDataset}, {@link MovieLens}), so that they share one way of splitting,
 * trimming and reporting errors by file, line and column.
 *
 * <p>Rules: empty lines are skipped; cells are trimmed; a byte-order mark at the start
 * is dropped (spreadsheets write one). When {@code quoted}, a cell that starts with
 * {@code "} runs to the matching closing quote and may contain the delimiter, with
 * {@code ""} standing for one quote (RFC 4180); its inner spaces are kept. A quoted cell
 * cannot span lines, so that every error has one line number.
 *
 * @param delimiter the character between cells
 * @param quoted    whether cells may be double-quoted (off for formats that never quote,
 *                  where a {@code "} is just a character)
 * @param charset   the encoding of the file
 */
record DelimitedText(char delimiter, boolean quoted, Charset charset) {

    private static final char QUOTE = '"';
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    DelimitedText {
        Checks.argument(delimiter != QUOTE && delimiter != '\n' && delimiter != '\r',
                "the delimiter cannot be a double quote or a line break; use ',', ';', '\\t' or '|'");
        Checks.notNull(charset, "charset");
    }

    /**
     * One non-empty line, split into trimmed cells. The accessors take 0-based cell
     * indexes and report 1-based columns.
     *
     * @param file    the file it comes from
     * @param line    its 1-based line number
     * @param ordinal its position among the non-empty lines (0 for the first, the header
     *                if there is one)
     * @param cells   its cells
     */
    record Row(Path file, int line, int ordinal, List<String> cells) {

        /** Number of cells. */
        int size() {
            return cells.size();
        }

        /** Cell {@code index}, trimmed. */
        String cell(int index) {
            return cells.get(index);
        }

        /**
         * Whether this is the first line of a tab-separated file whose header is {@code header}:
         * false for every later line; for the first, true if it is the header, else an error
         * that shows both with their tabs as {@code <tab>}.
         */
        boolean isTabHeader(List<String> header) {
            if (ordinal != 0) {
                return false;
            }
            if (!cells.equals(header)) {
                throw lineError("expected the header '" + String.join("<tab>", header) + "', found '"
                        + Checks.shown(String.join("<tab>", cells)) + "'");
            }
            return true;
        }

        /** Fails unless the row has {@code expected} cells; {@code layout} lists the columns expected. */
        void requireColumns(int expected, String layout) {
            if (size() != expected) {
                throw wrongWidth(expected + " (" + layout + ")");
            }
        }

        /** The row has the wrong number of cells; {@code expected} says how many it should have. */
        DataFormatException wrongWidth(String expected) {
            return lineError("found " + size() + (size() == 1 ? " column" : " columns") + ", expected " + expected);
        }

        /** Cell {@code index}, which must be an id ({@link Checks#id}): kept exactly as written. */
        String id(int index, String name) {
            String s = cell(index);
            if (s.isEmpty()) {
                throw error(index, name, "the " + name + " is blank; every row needs one");
            }
            try {
                return Checks.id(s, "the " + name);
            } catch (IllegalArgumentException e) {
                throw error(index, name, e.getMessage());
            }
        }

        /** Cell {@code index} as a finite plain decimal ({@link Decimals}). */
        double number(int index, String name) {
            String s = cell(index);
            OptionalDouble d = Decimals.parse(s);
            if (d.isEmpty()) {
                throw error(index, name, "'" + Checks.shown(s) + "' is not a number; expected a decimal number such "
                        + "as 4 or 3.5");
            }
            return d.getAsDouble();
        }

        /** Cell {@code index} as a whole number. */
        long integer(int index, String name) {
            String s = cell(index);
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw error(index, name, "'" + Checks.shown(s) + "' is not an integer; expected a whole number such as 881250949");
            }
        }

        /** An error in cell {@code index}, which holds {@code name}. */
        DataFormatException error(int index, String name, String problem) {
            return new DataFormatException(file, line, index + 1, name, problem);
        }

        /** An error in the whole line. */
        DataFormatException lineError(String problem) {
            return new DataFormatException(file, line, problem);
        }
    }

    /**
     * Where this machine keeps a data set: the folder that system property {@code property}
     * names if it is set, else {@code fallback} (relative to the working directory).
     */
    static Path configuredFolder(String property, Path fallback) {
        String configured = System.getProperty(property);
        return configured == null || configured.isBlank() ? fallback : Path.of(configured.trim());
    }

    /**
     * Fails with {@link IllegalArgumentException} unless {@code folder} is a folder; the
     * message names it as "{what} {absolute path}" and ends with {@code hint}.
     */
    static void requireFolder(Path folder, String what, String hint) {
        Checks.notNull(folder, what);
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(what + " " + folder.toAbsolutePath().normalize()
                    + (Files.exists(folder) ? " is not a folder" : " does not exist") + hint);
        }
    }

    /**
     * Fails with {@link IllegalArgumentException} unless {@code file} is a readable regular
     * file; the message names it as "{what} {absolute path}" and ends with {@code hint}.
     */
    static void requireFile(Path file, String what, String hint) {
        Checks.notNull(file, what);
        Path shown = file.toAbsolutePath().normalize();
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(what + " " + shown + " does not exist" + hint);
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException(what + " " + shown + " is not a readable file" + hint);
        }
    }

    /**
     * Splits every non-empty line of {@code file} and hands it to {@code action}, in order.
     *
     * @return the number of non-empty lines
     *
     * @throws DataFormatException  if a quoted cell is malformed, the bytes do not decode
     *                              in the charset (at the line and column where they start), or
     *                              {@code action} finds a problem
     * @throws UncheckedIOException if the file cannot be read
     */
    int forEachRow(Path file, Consumer<Row> action) {
        int ordinal = 0;
        try (StrictLines in = new StrictLines(Files.newInputStream(file), charset)) {
            for (String line = in.next(file); line != null; line = in.next(file)) {
                int lineNo = in.lineNumber();
                if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                action.accept(new Row(file, lineNo, ordinal++, split(line, file, lineNo)));
            }
            return ordinal;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath().normalize() + ": " + e, e);
        }
    }

    /**
     * The lines of a stream, decoded strictly: bytes that are not valid text in the charset
     * fail with the exact line and column where they start (a {@link BufferedReader} decodes
     * ahead of the line it returns, so its error could be hundreds of lines early). Lines end
     * at {@code \n}, {@code \r} or {@code \r\n}, as {@link BufferedReader#readLine()}'s do.
     */
    private static final class StrictLines implements AutoCloseable {
        private final InputStream in;
        private final Charset charset;
        private final CharsetDecoder decoder;
        private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
        private final CharBuffer chars = CharBuffer.allocate(1 << 16);
        private final StringBuilder line = new StringBuilder();
        private boolean endOfInput;
        private boolean malformed;
        private boolean afterCarriageReturn;
        private int lineNumber;

        StrictLines(InputStream in, Charset charset) {
            this.in = in;
            this.charset = charset;
            this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            chars.flip(); // empty, in read mode
        }

        /** The 1-based number of the line {@link #next} returned last. */
        int lineNumber() {
            return lineNumber;
        }

        /** The next line without its terminator, or null at the end. */
        String next(Path file) throws IOException {
            while (true) {
                while (chars.hasRemaining()) {
                    char c = chars.get();
                    if (afterCarriageReturn) {
                        afterCarriageReturn = false;
                        if (c == '\n') {
                            continue; // the second half of \r\n
                        }
                    }
                    if (c == '\n' || c == '\r') {
                        afterCarriageReturn = c == '\r';
                        return take();
                    }
                    line.append(c);
                }
                if (malformed) {
                    // every character before the bad bytes has been handed out: they start here
                    throw new DataFormatException(file, lineNumber + 1, line.length() + 1, "", "these bytes are not "
                            + "valid " + charset.name() + " text; the file is in another encoding (CsvDataset "
                            + "reads other encodings with .charset(...), e.g. StandardCharsets.ISO_8859_1)");
                }
                if (endOfInput) {
                    return line.length() > 0 ? take() : null;
                }
                fill();
            }
        }

        private String take() {
            lineNumber++;
            String s = line.toString();
            line.setLength(0);
            return s;
        }

        /** Decodes more bytes into {@link #chars}; notes the end of input and bytes that do not decode. */
        private void fill() throws IOException {
            int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (read > 0) {
                bytes.position(bytes.position() + read);
            }
            boolean last = read < 0;
            bytes.flip();
            chars.clear();
            CoderResult result = decoder.decode(bytes, chars, last);
            if (result.isError()) {
                malformed = true;
            } else if (last) {
                decoder.flush(chars); // malformed input at the end was reported by decode(.., true) above
                endOfInput = true;
            }
            bytes.compact();
            chars.flip();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** The trimmed cells of {@code line}. */
    List<String> split(String line, Path file, int lineNo) {
        List<String> cells = new ArrayList<>();
        int n = line.length();
        int i = 0;
        while (true) {
            // skip the spaces before a cell, but never the delimiter itself (it may be a tab)
            while (i < n && line.charAt(i) != delimiter && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            int column = cells.size() + 1;
            if (quoted && i < n && line.charAt(i) == QUOTE) {
                StringBuilder cell = new StringBuilder();
                i = readQuoted(line, i + 1, cell, file, lineNo, column);
                cells.add(cell.toString());
                while (i < n && line.charAt(i) != delimiter && Character.isWhitespace(line.charAt(i))) {
                    i++;
                }
                if (i < n && line.charAt(i) != delimiter) {
                    throw new DataFormatException(file, lineNo, column, "", "text after the closing quote of a "
                            + "quoted cell; expected the delimiter '" + printable(delimiter) + "' next (write a "
                            + "quote inside a quoted cell as \"\")");
                }
            } else {
                int end = line.indexOf(delimiter, i);
                end = end < 0 ? n : end;
                // strip(), not trim(): trim() also drops control characters, so "u\0\7" became user "u"
                cells.add(line.substring(i, end).strip());
                i = end;
            }
            if (i >= n) {
                return cells;
            }
            i++; // past the delimiter: another cell follows, possibly empty
            if (i == n) {
                cells.add("");
                return cells;
            }
        }
    }

    /** Reads a quoted cell's text from {@code start} (just after the opening quote); returns the index after the closing one. */
    private static int readQuoted(String line, int start, StringBuilder cell, Path file, int lineNo, int column) {
        int i = start;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c != QUOTE) {
                cell.append(c);
                i++;
            } else if (i + 1 < line.length() && line.charAt(i + 1) == QUOTE) {
                cell.append(QUOTE);
                i += 2;
            } else {
                return i + 1;
            }
        }
        throw new DataFormatException(file, lineNo, column, "", "a quoted cell has no closing quote; expected a "
                + "closing \" on the same line (cells cannot span lines; write a quote inside a cell as \"\")");
    }

    private static String printable(char c) {
        return c == '\t' ? "\\t" : String.valueOf(c);
    }
}
