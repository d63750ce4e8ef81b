package io.github.metarec4j.internal.util;

import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * The one grammar of numbers written as text in data files and feature values: plain
 * decimals such as {@code 4}, {@code -3.5}, {@code .5} or {@code 1e-3}.
 * {@link Double#parseDouble} alone also takes {@code 4f}, {@code 4d}, {@code 0x1p2},
 * {@code NaN} and {@code Infinity}, which in a ratings file are typing mistakes, not ratings.
 *
 * <p>Stateless and thread-safe.
 */
public final class Decimals {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private Decimals() {
    }

    /** {@code text} as a finite number if it is a plain decimal in double's range; empty otherwise. */
    public static OptionalDouble parse(String text) {
        if (text == null || !DECIMAL.matcher(text).matches()) {
            return OptionalDouble.empty();
        }
        double d = Double.parseDouble(text);
        return Double.isFinite(d) ? OptionalDouble.of(d) : OptionalDouble.empty();
    }
}
