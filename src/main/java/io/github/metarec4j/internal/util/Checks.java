package io.github.metarec4j.internal.util;

import java.util.Collection;
import java.util.Map;

/**
 * Argument validation shared by every public method of the library, so that each
 * failure says what was wrong, with the value, and what to do about it.
 *
 * <p>Stateless and thread-safe.
 */
public final class Checks {

    private Checks() {
    }

    /** Fails with {@link IllegalArgumentException} ("{name} must not be null") if {@code value} is null. */
    public static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /** Fails if {@code value} is null or blank. */
    public static String notBlank(String value, String name) {
        notNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank (got \"" + shown(value) + "\")");
        }
        return value;
    }

    /**
     * Fails unless {@code value} is an id: not null, not blank, and free of control characters.
     * Ids are compared exactly, character for character; a control character is almost always
     * damage (a NUL from a binary export), and a reader that dropped it would merge two ids.
     */
    public static String id(String value, String name) {
        notBlank(value, name);
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(name + " '" + shown(value) + "' holds a control character ("
                        + shown(value.substring(i, i + 1)) + " at position " + (i + 1) + "); ids are compared exactly: "
                        + "remove it, or write the id without control characters");
            }
        }
        return value;
    }

    /** How many characters of a value {@link #shown} keeps. */
    public static final int SHOWN_CHARACTERS = 60;

    /**
     * {@code value} as a message quotes it: at most {@value #SHOWN_CHARACTERS} characters, then
     * "... (N characters)", with control characters written as {@code \}{@code uXXXX}, so that a
     * million-character cell or an id holding {@code \0} neither floods a log nor hides in it.
     */
    public static String shown(Object value) {
        String s = String.valueOf(value);
        int n = Math.min(s.length(), SHOWN_CHARACTERS);
        StringBuilder b = new StringBuilder(n + 24);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (s.length() > SHOWN_CHARACTERS) {
            b.append("... (").append(s.length()).append(" characters)");
        }
        return b.toString();
    }

    /** Fails if {@code values} is null or empty; {@code hint} says how to supply some. */
    public static <C extends Collection<?>> C notEmpty(C values, String name, String hint) {
        notNull(values, name);
        if (values.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty: " + hint);
        }
        return values;
    }

    /** Fails if {@code values} is null or empty; {@code hint} says how to supply some. */
    public static <M extends Map<?, ?>> M notEmpty(M values, String name, String hint) {
        notNull(values, name);
        if (values.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty: " + hint);
        }
        return values;
    }

    /** Fails unless {@code value > 0}. */
    public static int positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }

    /** Fails unless {@code value >= 0}. */
    public static int nonNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be zero or positive, got " + value);
        }
        return value;
    }

    /** Fails unless {@code value} is finite and {@code > 0}; {@code hint} says what a sensible value is. */
    public static double positive(double value, String name, String hint) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive finite number, got " + value
                    + ": " + hint);
        }
        return value;
    }

    /** Fails unless {@code value} is finite and {@code >= 0}. */
    public static double nonNegative(double value, String name, String hint) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + value
                    + ": " + hint);
        }
        return value;
    }

    /** Fails unless {@code 0 <= value < 1}. */
    public static double fraction(double value, String name) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
        return value;
    }

    /** Fails unless {@code value} is finite (not NaN, not infinite). */
    public static double finite(double value, String name) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + value);
        }
        return value;
    }

    /** Fails with {@code message} unless {@code condition} holds. */
    public static void argument(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Fails with {@link IllegalStateException} and {@code message} unless {@code condition} holds. */
    public static void state(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
