package io.github.metarec4j.eval;

import io.github.metarec4j.TestBase;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.data.Interactions;
import io.github.metarec4j.data.RatingScale;
import io.github.metarec4j.data.SyntheticData;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Biased matrix factorisation: the fold-in's ridge solution by hand, ALS's fixed point, settings. */
class BiasedMfTest extends TestBase {

    private final Dataset training = Dataset.builder().ratings(new RatingScale(1, 5))
            .addInteraction("u1", "a", 5, 0).addInteraction("u1", "b", 3, 0).addInteraction("u1", "c", 4, 0)
            .addInteraction("u2", "a", 4, 0).addInteraction("u2", "c", 1, 0)
            .addInteraction("u3", "b", 2, 0).addInteraction("u3", "c", 5, 0).addInteraction("u3", "d", 3, 0)
            .addItem("z", Features.none()).build();

    @Test
    void theFoldInIsTheRidgeSolutionByHand() {
        // one factor: (b, p) minimises sum (y_t - b - p q_t)^2 + d b^2 + l p^2, y_t = r_t - mu - b_t. The normal
        // equations [[n + d, sum q], [sum q, sum q^2 + l]] (b, p) = (sum y, sum q y), solved by Cramer's rule.
        BiasedMfConfig config = BiasedMfConfig.builder().factors(1).factorL2(2).foldInBiasDamping(3).build();
        BiasedMf.Fitted fitted = (BiasedMf.Fitted) Methods.biasedMf(config).fit(training);
        double mu = 27 / 8.0;
        assertEquals(mu, fitted.mean(), 1e-12);
        // support: a rated 2, d rated 5, and z, which has no training rating (b = 0, q = 0)
        List<Interaction> support = List.of(new Interaction("new", "a", 2, 0), new Interaction("new", "d", 5, 1),
                new Interaction("new", "z", 4, 2));
        double ba = bias(fitted, "a");
        double bd = bias(fitted, "d");
        double qa = factor(fitted, "a");
        double qd = factor(fitted, "d");
        double ya = 2 - mu - ba;
        double yd = 5 - mu - bd;
        double yz = 4 - mu;
        double a00 = 3 + 3;
        double a01 = qa + qd;
        double a11 = qa * qa + qd * qd + 2;
        double r0 = ya + yd + yz;
        double r1 = qa * ya + qd * yd;
        double det = a00 * a11 - a01 * a01;
        double b = (r0 * a11 - a01 * r1) / det;
        double p = (a00 * r1 - a01 * r0) / det;
        assertArrayEquals(new double[]{b, p}, fitted.foldIn(support), 1e-12);

        AdaptedUser user = fitted.adapt("new", Features.none(), support);
        double[] expected = new double[5];
        List<String> items = List.of("a", "b", "c", "d", "z");
        for (int i = 0; i < 4; i++) {
            expected[i] = mu + bias(fitted, items.get(i)) + b + p * factor(fitted, items.get(i));
        }
        expected[4] = mu + b;
        assertArrayEquals(expected, user.predictRatings(items), 1e-12);
        assertArrayEquals(expected, user.rankingScores(items), 0, "ranks by its predictions");
        assertArrayEquals(new double[]{0, 0}, fitted.foldIn(List.of()), 0, "no support: no bias, no taste");
    }

    @Test
    void alsEndsAtAFixedPointAndTheFoldInIsItsUserStep() {
        // with the training bias weight at fold-in too, folding a training user in from all their ratings
        // gives their ALS user step; at convergence every item's (b_i, q_i) is then the item step's solution
        Dataset data = SyntheticData.builder().users(40).items(25).ratingsPerUser(8, 15).seed(3).build().generate();
        BiasedMfConfig config = BiasedMfConfig.builder().factors(3).factorL2(1).biasL2(0.5).foldInBiasDamping(0.5)
                .sweeps(400).build();
        BiasedMf.Fitted fitted = (BiasedMf.Fitted) Methods.biasedMf(config).fit(data);
        Interactions table = data.interactions();
        int users = table.users().size();
        double[] userBias = new double[users];
        double[] userFactors = new double[users * 3];
        for (int u = 0; u < users; u++) {
            double[] folded = fitted.foldIn(table.ofUser(table.users().id(u)));
            userBias[u] = folded[0];
            System.arraycopy(folded, 1, userFactors, u * 3, 3);
        }
        BiasedMf.LeastSquares itemStep = new BiasedMf.LeastSquares(3);
        double worst = 0;
        for (int i = 0; i < fitted.items().size(); i++) {
            String item = fitted.items().id(i);
            List<Interaction> ratings = table.stream().filter(x -> x.itemId().equals(item)).toList();
            int[] raters = ratings.stream().mapToInt(x -> table.users().indexOf(x.userId()).getAsInt()).toArray();
            double[] values = ratings.stream().mapToDouble(Interaction::value).toArray();
            double[] bias = new double[1];
            double[] factors = new double[3];
            itemStep.solve(raters, values, fitted.mean(), userBias, userFactors, 0.5, 1, bias, factors, 0);
            worst = Math.max(worst, Math.abs(bias[0] - fitted.itemBias()[i]));
            for (int f = 0; f < 3; f++) {
                worst = Math.max(worst, Math.abs(factors[f] - fitted.itemFactors()[i * 3 + f]));
            }
        }
        assertTrue(worst < 1e-6, "largest change of an item parameter in one more item step: " + worst);
    }

    @Test
    void theSeedDecidesTheStartAndNothingElseVaries() {
        Dataset data = SyntheticData.builder().users(30).items(20).ratingsPerUser(5, 12).seed(4).build().generate();
        BiasedMfConfig config = BiasedMfConfig.builder().factors(4).sweeps(3).build();
        BiasedMf.Fitted one = (BiasedMf.Fitted) Methods.biasedMf(config).fit(data);
        BiasedMf.Fitted two = (BiasedMf.Fitted) Methods.biasedMf(config).fit(data);
        assertArrayEquals(one.itemFactors(), two.itemFactors(), 0);
        BiasedMf.Fitted other = (BiasedMf.Fitted) Methods.biasedMf(config.toBuilder().seed(7).build()).fit(data);
        assertNotEquals(one.itemFactors()[0], other.itemFactors()[0]);
    }

    @Test
    void onImplicitFeedbackItRanksWithoutPredictingRatings() {
        Dataset plays = Dataset.builder().implicitFeedback().addInteraction("u1", "a", 30, 0)
                .addInteraction("u1", "b", 2, 0).addInteraction("u2", "a", 12, 0).addInteraction("u2", "c", 1, 0)
                .build();
        FittedMethod fitted = Methods.biasedMf().fit(plays);
        assertFalse(fitted.predictsRatings());
        AdaptedUser user = fitted.adapt("new", Features.none(), List.of(new Interaction("new", "a", 5, 0)));
        double[] scores = user.rankingScores(List.of("a", "b", "c", "unknown"));
        for (double s : scores) {
            assertTrue(Double.isFinite(s), "finite: " + s);
        }
        assertThrows(UnsupportedOperationException.class, () -> user.predictRatings(List.of("a")));
        assertTrue(Methods.biasedMf().fit(training).predictsRatings());
        assertEquals("biased-mf", Methods.biasedMf().name());
    }

    @Test
    void badSettingsAreRefusedWithTheValue() {
        assertEquals("factors must be positive, got 0",
                assertThrows(IllegalArgumentException.class, () -> BiasedMfConfig.builder().factors(0).build())
                        .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BiasedMfConfig.builder().factorL2(0).build())
                .getMessage().startsWith("factorL2 must be a positive finite number, got 0.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BiasedMfConfig.builder().biasL2(-1).build())
                .getMessage().startsWith("biasL2 must be a finite number >= 0, got -1.0"));
        assertEquals("sweeps must be positive, got -3",
                assertThrows(IllegalArgumentException.class, () -> BiasedMfConfig.builder().sweeps(-3).build())
                        .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BiasedMfConfig.builder().initStd(Double.NaN).build()).getMessage()
                .startsWith("initStd must be a positive finite number, got NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BiasedMfConfig.builder().foldInBiasDamping(-5).build()).getMessage()
                .startsWith("foldInBiasDamping must be a finite number >= 0, got -5.0"));
        assertEquals("config must not be null",
                assertThrows(IllegalArgumentException.class, () -> Methods.biasedMf(null)).getMessage());
        BiasedMfConfig defaults = BiasedMfConfig.builder().build();
        assertEquals(new BiasedMfConfig(20, 10, 1, 15, 0.1, 5, 42), defaults);
        assertEquals(defaults, defaults.toBuilder().build());
    }

    private static double bias(BiasedMf.Fitted fitted, String item) {
        return fitted.itemBias()[fitted.items().indexOf(item).getAsInt()];
    }

    private static double factor(BiasedMf.Fitted fitted, String item) {
        return fitted.itemFactors()[fitted.items().indexOf(item).getAsInt()];
    }
}
