package io.github.metarec4j.data;

/**
 * The range of explicit ratings, inclusive at both ends (1 to 5 for MovieLens).
 * Predictions of a rating model are clipped to it.
 *
 * <p>Immutable value; thread-safe.
 *
 * @param min the lowest rating
 * @param max the highest rating, greater than {@code min}
 */
public record RatingScale(double min, double max) {

    public RatingScale {
        if (!Double.isFinite(min) || !Double.isFinite(max) || !(max > min)) {
            throw new IllegalArgumentException("a rating scale needs finite min < max, got [" + min + ", " + max
                    + "]; for 1-to-5 stars use new RatingScale(1, 5)");
        }
    }

    /** Whether {@code value} lies on the scale. */
    public boolean contains(double value) {
        return value >= min && value <= max;
    }

    /** {@code value} clipped to the scale. */
    public double clip(double value) {
        return Math.max(min, Math.min(max, value));
    }
}
