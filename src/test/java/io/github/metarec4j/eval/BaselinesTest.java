package io.github.metarec4j.eval;

import io.github.metarec4j.TestBase;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.data.RatingScale;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The baselines' formulas by hand. Training: item 1 rated 5 and 4, item 2 rated 1, so the
 * global mean is 10/3; item 9 has no training rating. The user's support: item 1 rated 3.
 */
class BaselinesTest extends TestBase {

    private static final List<String> ITEMS = List.of("1", "2", "9");
    private static final List<Interaction> SUPPORT = List.of(new Interaction("7", "1", 3, 0));

    private final Dataset training = Dataset.builder().ratings(new RatingScale(1, 5))
            .addInteraction("1", "1", 5, 0).addInteraction("1", "2", 1, 1).addInteraction("2", "1", 4, 0)
            .addItem("9", Features.none()).build();

    @Test
    void globalMean() {
        assertArrayEquals(new double[]{10 / 3.0, 10 / 3.0, 10 / 3.0}, ratings(Methods.globalMean(), SUPPORT), 1e-12);
    }

    @Test
    void itemMeanFallsBackToTheGlobalMean() {
        assertArrayEquals(new double[]{4.5, 1, 10 / 3.0}, ratings(Methods.itemMean(), SUPPORT), 1e-12);
    }

    @Test
    void userMeanIsTheMeanOfTheSupportOrTheGlobalMean() {
        List<Interaction> two = List.of(new Interaction("7", "1", 3, 0), new Interaction("7", "2", 4, 1));
        assertArrayEquals(new double[]{3.5, 3.5, 3.5}, ratings(Methods.userMean(), two), 1e-12);
        assertArrayEquals(new double[]{10 / 3.0, 10 / 3.0, 10 / 3.0}, ratings(Methods.userMean(), List.of()), 1e-12);
    }

    @Test
    void dampedBiasAddsDampedItemAndUserBiases() {
        // d = 1: b_1 = (9 - 2 mu) / 3 = 7/9, b_2 = (1 - mu) / 2 = -7/6, b_9 = 0;
        // b_u = (3 - mu - b_1) / (1 + 1) = -5/9
        double mu = 10 / 3.0;
        assertArrayEquals(new double[]{mu + 7 / 9.0 - 5 / 9.0, mu - 7 / 6.0 - 5 / 9.0, mu - 5 / 9.0},
                ratings(Methods.dampedBias(1), SUPPORT), 1e-12);
        // d = 5: b_1 = (7/3) / 7 = 1/3, b_2 = (-7/3) / 6 = -7/18, b_u = (3 - mu - 1/3) / 6 = -1/9
        assertArrayEquals(new double[]{mu + 1 / 3.0 - 1 / 9.0, mu - 7 / 18.0 - 1 / 9.0, mu - 1 / 9.0},
                ratings(Methods.dampedBias(5), SUPPORT), 1e-12);
        // without support and without damping, an unrated item has no bias (not 0 / 0)
        assertArrayEquals(new double[]{4.5, 1, mu}, ratings(Methods.dampedBias(0), List.of()), 1e-12);
        assertEquals("damped-bias(5)", Methods.dampedBias(5).name());
        assertEquals("damped-bias(2.5)", Methods.dampedBias(2.5).name());
    }

    @Test
    void popularityRanksByTrainingCountsAndPredictsNoRating() {
        FittedMethod fitted = Methods.popularity().fit(training);
        assertFalse(fitted.predictsRatings());
        AdaptedUser user = fitted.adapt("7", Features.none(), SUPPORT);
        assertArrayEquals(new double[]{2, 1, 0}, user.rankingScores(ITEMS), 1e-12);
        assertThrows(UnsupportedOperationException.class, () -> user.predictRatings(ITEMS));
        assertTrue(fitted.trainingStats().isEmpty());
    }

    @Test
    void badDampingIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Methods.dampedBias(-1));
        assertTrue(e.getMessage().contains("damping must be a finite number >= 0, got -1.0"), e.getMessage());
    }

    private double[] ratings(EvaluatedMethod method, List<Interaction> support) {
        FittedMethod fitted = method.fit(training);
        assertTrue(fitted.predictsRatings());
        AdaptedUser user = fitted.adapt("7", Features.none(), support);
        double[] ratings = user.predictRatings(ITEMS);
        assertArrayEquals(ratings, user.rankingScores(ITEMS), 0, "baselines rank by their predictions");
        return ratings;
    }
}
