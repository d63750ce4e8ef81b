package io.github.metarec4j.eval;

import io.github.metarec4j.data.RatingScale;
import io.github.metarec4j.internal.util.Checks;

import java.util.OptionalDouble;

/**
 * Accumulates the errors of rating predictions over (user, item) pairs, for MAE and RMSE
 * micro-averaged over all pairs (every pair counts the same, however many a user has).
 * Predictions are clipped to the rating scale first, as the peer implementation does.
 *
 * <pre>{@code
 * RatingErrors errors = RatingErrors.clippedTo(new RatingScale(1, 5));
 * errors.add(5.7, 4);      // clipped to 5: error 1
 * double mae = errors.mae().orElseThrow();
 * }</pre>
 *
 * <p>Mutable and not thread-safe: one accumulator per scenario and thread.
 */
public final class RatingErrors {

    /** The name of the mean absolute error in results. */
    public static final String MAE = "MAE";
    /** The name of the root mean squared error in results. */
    public static final String RMSE = "RMSE";

    private final RatingScale scale;
    private double absolute;
    private double squared;
    private int count;

    private RatingErrors(RatingScale scale) {
        this.scale = scale;
    }

    /** Errors of predictions clipped to {@code scale} (the protocol's way). */
    public static RatingErrors clippedTo(RatingScale scale) {
        return new RatingErrors(Checks.notNull(scale, "scale"));
    }

    /** Errors of predictions as they are (for data without a rating scale). */
    public static RatingErrors unclipped() {
        return new RatingErrors(null);
    }

    /**
     * Adds one pair.
     *
     * @throws IllegalArgumentException if either number is not finite
     */
    public void add(double predicted, double actual) {
        Checks.finite(predicted, "a predicted rating");
        Checks.finite(actual, "a true rating");
        double p = scale == null ? predicted : scale.clip(predicted);
        double e = p - actual;
        absolute += Math.abs(e);
        squared += e * e;
        count++;
    }

    /** Number of pairs added. */
    public int count() {
        return count;
    }

    /** Mean absolute error; empty before any pair. */
    public OptionalDouble mae() {
        return count == 0 ? OptionalDouble.empty() : OptionalDouble.of(absolute / count);
    }

    /** Root mean squared error; empty before any pair. */
    public OptionalDouble rmse() {
        return count == 0 ? OptionalDouble.empty() : OptionalDouble.of(Math.sqrt(squared / count));
    }
}
