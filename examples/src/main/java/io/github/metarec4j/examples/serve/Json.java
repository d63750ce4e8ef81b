package io.github.metarec4j.examples.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON codec, so the example needs no library: {@link #write} turns maps, lists,
 * strings, numbers, booleans and null into JSON text, and {@link #parse} reads JSON text back
 * into the same types (objects as {@code Map<String, Object>} in key order, arrays as
 * {@code List<Object>}, numbers as {@code Double}). Enough for the service's small request and
 * response bodies; a real service would use its framework's codec. Stateless and thread-safe.
 */
public final class Json {

    private Json() {
    }

    /** Malformed JSON text; the message says what was expected and where. */
    public static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message);
        }
    }

    /** JSON text of {@code value}: a Map with String keys, a List, a String, a Number, a Boolean or null. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            quote(s, out);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            out.append(Double.isFinite(d) ? (d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d)
                    : Double.toString(d)) : "null");
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            String separator = "";
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(separator);
                quote(String.valueOf(e.getKey()), out);
                out.append(':');
                write(e.getValue(), out);
                separator = ",";
            }
            out.append('}');
        } else if (value instanceof Iterable<?> list) {
            out.append('[');
            String separator = "";
            for (Object element : list) {
                out.append(separator);
                write(element, out);
                separator = ",";
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * Parses JSON text.
     *
     * @throws MalformedException saying what was expected at which character position
     */
    public static Object parse(String text) throws MalformedException {
        Parser p = new Parser(text);
        p.skipSpace();
        Object value = p.value();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("end of input");
        }
        return value;
    }

    /** A recursive-descent parser over one text; not thread-safe. */
    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        MalformedException error(String expected) {
            String found = pos < text.length() ? "'" + text.charAt(pos) + "'" : "the end";
            return new MalformedException("malformed JSON: expected " + expected + " at position " + pos
                    + ", found " + found);
        }

        void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        Object value() throws MalformedException {
            if (pos >= text.length()) {
                throw error("a value");
            }
            char c = text.charAt(pos);
            if (c == '{') {
                return object();
            } else if (c == '[') {
                return array();
            } else if (c == '"') {
                return string();
            } else if (c == '-' || c >= '0' && c <= '9') {
                return number();
            }
            for (String word : List.of("true", "false", "null")) {
                if (text.startsWith(word, pos)) {
                    pos += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word);
                }
            }
            throw error("a value");
        }

        private Map<String, Object> object() throws MalformedException {
            Map<String, Object> map = new LinkedHashMap<>();
            pos++;
            skipSpace();
            if (take('}')) {
                return map;
            }
            do {
                skipSpace();
                if (pos >= text.length() || text.charAt(pos) != '"') {
                    throw error("a quoted key");
                }
                String key = string();
                skipSpace();
                if (!take(':')) {
                    throw error("':'");
                }
                skipSpace();
                map.put(key, value());
                skipSpace();
            } while (take(','));
            if (!take('}')) {
                throw error("',' or '}'");
            }
            return map;
        }

        private List<Object> array() throws MalformedException {
            List<Object> list = new ArrayList<>();
            pos++;
            skipSpace();
            if (take(']')) {
                return list;
            }
            do {
                skipSpace();
                list.add(value());
                skipSpace();
            } while (take(','));
            if (!take(']')) {
                throw error("',' or ']'");
            }
            return list;
        }

        private String string() throws MalformedException {
            StringBuilder s = new StringBuilder();
            pos++;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return s.toString();
                } else if (c != '\\') {
                    s.append(c);
                } else if (pos < text.length()) {
                    char e = text.charAt(pos++);
                    switch (e) {
                        case '"', '\\', '/' -> s.append(e);
                        case 'n' -> s.append('\n');
                        case 't' -> s.append('\t');
                        case 'r' -> s.append('\r');
                        case 'b' -> s.append('\b');
                        case 'f' -> s.append('\f');
                        case 'u' -> {
                            if (pos + 4 > text.length()) {
                                throw error("four hex digits");
                            }
                            try {
                                s.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                            } catch (NumberFormatException x) {
                                throw error("four hex digits");
                            }
                            pos += 4;
                        }
                        default -> {
                            pos--;
                            throw error("an escape (\\\" \\\\ \\/ \\n \\t \\r \\b \\f \\uXXXX)");
                        }
                    }
                }
            }
            throw error("'\"' closing the string");
        }

        private Double number() throws MalformedException {
            int start = pos;
            while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            try {
                return Double.valueOf(text.substring(start, pos));
            } catch (NumberFormatException e) {
                pos = start;
                throw error("a number");
            }
        }

        private boolean take(char c) {
            if (pos < text.length() && text.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }
    }
}
