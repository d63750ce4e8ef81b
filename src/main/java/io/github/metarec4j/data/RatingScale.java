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

    /**
     * Whether {@code value} lies on the scale, compared as interactions store values, in float:
     * so a rating equal to a bound that float cannot hold exactly (2.2 on [1, 2.2]) is on the
     * scale, and 5.0000001 (which is stored as 5) is on [1, 5] for the dataset and for
     * {@code adapt} alike.
     */
    public boolean contains(double value) {
        float v = (float) value;
        return v >= (float) min && v <= (float) max;
    }

    /** {@code value} clipped to the scale. */
    public double clip(double value) {
        return Math.max(min, Math.min(max, value));
    }
}
