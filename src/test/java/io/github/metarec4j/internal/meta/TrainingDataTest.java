package io.github.metarec4j.internal.meta;

import io.github.metarec4j.TestBase;
import io.github.metarec4j.data.FeedbackType;
import io.github.metarec4j.internal.task.UserHistory;
import io.github.metarec4j.model.Objective;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The item offsets' alternating damped means, by hand, and the objective the data resolves to. */
class TrainingDataTest extends TestBase {

    /**
     * mu = 4, item damping 1, user damping 5. User a (generous) rates items 0 and 1 a 5, b rates
     * item 0 a 2, c rates item 1 a 4 and item 0 a 3; nobody rates item 2. The alternating means
     * settle where
     * <pre>
     *   4 b0 = (1 - a) + (-2 - b) + (-1 - c)        3 b1 = (1 - a) + (0 - c)
     *   7 a  = (1 - b0) + (1 - b1)                  6 b  = -2 - b0          7 c = (0 - b1) + (-1 - b0)
     * </pre>
     * whose solution is b0 = -196/401, b1 = 106/401 (a = 892/2807, b = -101/401, c = -311/2807).
     * Each sweep shrinks the distance to it about twentyfold, so ten sweeps are there to 1e-8.
     */
    @Test
    void itemOffsetsAreTheAlternatingDampedMeansWithTheRatersBiasesTakenOut() {
        List<UserHistory> fit = List.of(
                new UserHistory(0, new int[]{0, 1}, new float[]{5, 5}),
                new UserHistory(1, new int[]{0}, new float[]{2}),
                new UserHistory(2, new int[]{1, 0}, new float[]{4, 3}));
        float[] biases = TrainingData.itemBiases(fit, 3, 4, 1);
        assertEquals(3, biases.length);
        assertEquals(-196.0 / 401, biases[0], 1e-6);
        assertEquals(106.0 / 401, biases[1], 1e-6);
        assertEquals(0, biases[2], "an item without ratings has no offset");
        // item 1's plain damped mean, (1 + 0) / (2 + 1), counts user a's generosity as the item's
        assertTrue(biases[1] < 1.0 / 3, "the generous rater's bias is taken out: " + biases[1]);
    }

    @Test
    void ratersWithoutABiasLeaveTheDampedMeansOfTheItems() {
        // both users rate item 0 a 5 and item 1 a 3: their residuals cancel, so their biases stay 0
        List<UserHistory> fit = List.of(
                new UserHistory(0, new int[]{0, 1}, new float[]{5, 3}),
                new UserHistory(1, new int[]{1, 0}, new float[]{3, 5}));
        assertArrayEquals(new float[]{2f / 3, -2f / 3, 0}, TrainingData.itemBiases(fit, 3, 4, 1), 1e-6f,
                "sum(r - mu) / (n + 1)");
        assertArrayEquals(new float[]{1, -1, 0}, TrainingData.itemBiases(fit, 3, 4, 0), 1e-6f, "undamped: the means");
        assertArrayEquals(new float[4], TrainingData.itemBiases(List.of(), 4, 3.5, 1), "no ratings, no offsets");
    }

    @Test
    void autoFollowsTheFeedbackAndRatingsAreRefusedOnImplicitData() {
        assertEquals(Objective.JOINT, TrainingData.resolve(Objective.AUTO, FeedbackType.EXPLICIT));
        assertEquals(Objective.ENGAGEMENT, TrainingData.resolve(Objective.AUTO, FeedbackType.IMPLICIT));
        assertEquals(Objective.RATING, TrainingData.resolve(Objective.RATING, FeedbackType.EXPLICIT));
        assertEquals(Objective.ENGAGEMENT, TrainingData.resolve(Objective.ENGAGEMENT, FeedbackType.EXPLICIT));
        assertEquals(Objective.ENGAGEMENT, TrainingData.resolve(Objective.ENGAGEMENT, FeedbackType.IMPLICIT));
        for (Objective rating : List.of(Objective.RATING, Objective.JOINT)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TrainingData.resolve(rating, FeedbackType.IMPLICIT));
            assertEquals("objective " + rating + " predicts ratings, but this dataset holds implicit feedback; use "
                    + "Objective.ENGAGEMENT (or AUTO)", e.getMessage());
        }
    }
}
