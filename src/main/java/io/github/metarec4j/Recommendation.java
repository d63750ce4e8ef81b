package io.github.metarec4j;

import io.github.metarec4j.internal.util.Checks;

/**
 * One recommended item and its score: the predicted rating for explicit feedback (not
 * clipped to the rating scale, so that order among top items is kept), the predicted
 * probability of engagement for implicit feedback.
 *
 * <p>Immutable value; thread-safe.
 *
 * @param itemId the item
 * @param score  higher is better
 */
public record Recommendation(String itemId, double score) {

    public Recommendation {
        Checks.notBlank(itemId, "itemId");
    }
}
