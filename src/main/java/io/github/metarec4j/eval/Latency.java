package io.github.metarec4j.eval;

import io.github.metarec4j.internal.util.Checks;

import java.util.Arrays;

/**
 * Per-user latency of one step (adaptation, or top-N), in milliseconds: median and 99th
 * percentile over the users timed. Percentiles interpolate linearly between the two
 * nearest samples (numpy's default, as the peer implementation reports them).
 *
 * <p>Immutable value; thread-safe.
 *
 * @param medianMillis the median, NaN when nothing was timed
 * @param p99Millis    the 99th percentile, NaN when nothing was timed
 * @param count        how many users were timed
 */
public record Latency(double medianMillis, double p99Millis, int count) {

    /** Fails (IllegalArgumentException) if {@code count} is negative. */
    public Latency {
        Checks.nonNegative(count, "count");
    }

    /** The latency of {@code millis}, one sample per user; NaN figures for no samples. */
    public static Latency of(double... millis) {
        Checks.notNull(millis, "millis");
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new Latency(percentile(sorted, 50), percentile(sorted, 99), sorted.length);
    }

    /** The {@code q}-th percentile (0 to 100) of ascending {@code sorted}, linearly interpolated. */
    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double position = (sorted.length - 1) * q / 100;
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }
}
