package io.github.metarec4j.data;

import io.github.metarec4j.internal.util.Checks;

/**
 * One piece of feedback: a user's rating of an item (explicit feedback) or a signal
 * that the user interacted with it (implicit feedback, value usually 1).
 *
 * <p>Immutable value; thread-safe.
 *
 * @param userId    the user's id, not blank
 * @param itemId    the item's id, not blank
 * @param value     the rating, or the strength of an implicit signal; finite
 * @param timestamp when it happened, in any unit that orders events (seconds since the
 *                  epoch for MovieLens); 0 when unknown
 */
public record Interaction(String userId, String itemId, double value, long timestamp) {

    public Interaction {
        Checks.id(userId, "userId");
        Checks.id(itemId, "itemId");
        checkValue(userId, itemId, value);
    }

    /**
     * The one check of an interaction value, shared with {@link Interactions.Builder}: finite,
     * and within float's range (values are stored as float, where a larger finite double
     * would become infinite).
     */
    static void checkValue(String userId, String itemId, double value) {
        if (!Float.isFinite((float) value)) {
            throw new IllegalArgumentException("the value of the interaction of user '" + Checks.shown(userId) + "' with item '"
                    + Checks.shown(itemId) + "' is " + value + ": ratings must be finite numbers" + (Double.isFinite(value)
                    ? " within the range of float (" + Float.MAX_VALUE + "), in which they are stored; rescale them"
                    : "; drop or repair that row"));
        }
    }

    /** An interaction without a timestamp (0). */
    public static Interaction of(String userId, String itemId, double value) {
        return new Interaction(userId, itemId, value, 0L);
    }
}
