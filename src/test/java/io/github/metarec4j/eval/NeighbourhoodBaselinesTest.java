package io.github.metarec4j.eval;

import io.github.metarec4j.TestBase;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.DuplicatePolicy;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.Interaction;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Item-kNN, the popularity blend and EASE by hand, on implicit feedback without features.
 * Training (user: item x play count): u1: a 3, b 50; u2: a 1, b 1, c 9; u3: b 2, c 4;
 * u4: c 1, d 5, d 6 (d twice). Who played what: a {u1, u2}, b {u1, u2, u3}, c {u2, u3, u4},
 * d {u4}; training interactions a 2, b 3, c 3, d 2. Item z is described but never played.
 */
class NeighbourhoodBaselinesTest extends TestBase {

    private static final List<String> ITEMS = List.of("a", "b", "c", "d", "z");
    /** Cosine similarities of the items that share users: c_ij / sqrt(n_i n_j). */
    private static final double AB = 2 / Math.sqrt(2 * 3);
    private static final double AC = 1 / Math.sqrt(2 * 3);
    private static final double BC = 2 / Math.sqrt(3 * 3);
    private static final double CD = 1 / Math.sqrt(3 * 1);

    private final Dataset training = Dataset.builder().implicitFeedback().duplicates(DuplicatePolicy.KEEP_ALL)
            .addInteraction("u1", "a", 3, 0).addInteraction("u1", "b", 50, 0)
            .addInteraction("u2", "a", 1, 0).addInteraction("u2", "b", 1, 0).addInteraction("u2", "c", 9, 0)
            .addInteraction("u3", "b", 2, 0).addInteraction("u3", "c", 4, 0)
            .addInteraction("u4", "c", 1, 0).addInteraction("u4", "d", 5, 0).addInteraction("u4", "d", 6, 1)
            .addItem("z", Features.none()).build();

    @Test
    void itemKnnSumsBinaryCosineSimilaritiesOverTheSupport() {
        // sim(a,d) = sim(b,d) = 0; an item is not its own neighbour; play counts do not matter
        assertArrayEquals(new double[]{0, AB, AC, 0, 0}, scores(Methods.itemKnn(), support("a")), 1e-12);
        assertArrayEquals(new double[]{AC, AB + BC, AC, CD, 0}, scores(Methods.itemKnn(), support("a", "c")), 1e-12);
        assertArrayEquals(new double[5], scores(Methods.itemKnn(), List.of()), 0, "no support, no neighbours");
        assertArrayEquals(scores(Methods.itemKnn(), support("a", "c")),
                scores(Methods.itemKnn(), support("a", "c", "a", "unknown")), 0,
                "a repeated support item counts once, one without training interactions not at all");
        assertEquals("item-knn", Methods.itemKnn().name());
    }

    @Test
    void theBlendAddsLogPopularityToTheKnnScorePerSupportItem() {
        // log(1 + interactions) + 2 * knn / |S|, |S| = 2; d counts both of its plays
        assertArrayEquals(new double[]{Math.log(3) + AC, Math.log(4) + AB + BC, Math.log(4) + AC,
                Math.log(3) + CD, 0}, scores(Methods.popularityKnnBlend(2), support("a", "c")), 1e-12);
        // weight 3, |S| = 1
        assertArrayEquals(new double[]{Math.log(3), Math.log(4) + 3 * AB, Math.log(4) + 3 * AC, Math.log(3), 0},
                scores(Methods.popularityKnnBlend(3), support("a")), 1e-12);
        // no support: popularity alone
        assertArrayEquals(new double[]{Math.log(3), Math.log(4), Math.log(4), Math.log(3), 0},
                scores(Methods.popularityKnnBlend(2), List.of()), 1e-12);
        assertEquals("pop+knn(2)", Methods.popularityKnnBlend(2).name());
        assertEquals("pop+knn(0.5)", Methods.popularityKnnBlend(0.5).name());
    }

    @Test
    void easeIsTheClosedFormOnThreeItems() {
        // minUsers 2 leaves d (one user) out. X^T X + I over a, b, c = [[3, 2, 1], [2, 4, 2], [1, 2, 4]],
        // determinant 24, inverse P = [[12, -6, 0], [-6, 11, -4], [0, -4, 8]] / 24;
        // B_ij = -P_ij / P_jj: B_ab = 6/11, B_ac = 0, B_ba = 1/2, B_bc = 1/2, B_ca = 0, B_cb = 4/11
        EvaluatedMethod ease = Methods.ease(1, 2);
        assertEquals("ease(1,min-users=2)", ease.name());
        Ease.Fitted fitted = (Ease.Fitted) ease.fit(training);
        assertEquals(List.of("a", "b", "c"), fitted.items().ids());
        double[][] b = {{0, 6 / 11.0, 0}, {1 / 2.0, 0, 1 / 2.0}, {0, 4 / 11.0, 0}};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(b[i][j], fitted.weight(i, j), 1e-12, "B[" + i + "][" + j + "]");
            }
        }
        // x_u B; items left out (d, z) score below every modelled item: min(0, scores) - 1
        assertArrayEquals(new double[]{0, 6 / 11.0, 0, -1, -1}, scores(ease, support("a")), 1e-12);
        assertArrayEquals(new double[]{1 / 2.0, 4 / 11.0, 1 / 2.0, -1, -1}, scores(ease, support("b", "c", "d")),
                1e-12);
        assertEquals("ease(300)", Methods.ease(300).name());
        assertEquals("ease(2.5)", Methods.ease(2.5, 1).name());
    }

    @Test
    void easeScoresBelowZeroPushTheItemsLeftOutLower() {
        // lambda 0.1 over a, b, c: some weights are negative; the left-out items stay last
        double[] s = scores(Methods.ease(0.1, 2), support("a"));
        double lowest = Math.min(0, Math.min(s[0], Math.min(s[1], s[2])));
        assertTrue(lowest < 0, "a negative weight from a: " + Arrays.toString(s));
        assertEquals(lowest - 1, s[3], 1e-12);
        assertEquals(lowest - 1, s[4], 1e-12);
    }

    @Test
    void theInverseIsExactAcrossTheBlockRecursion() {
        // a Gram matrix plus lambda I larger than one block, so that the Schur recursion runs
        int n = SymmetricInverse.BLOCK + 45;
        SplittableRandom random = new SplittableRandom(9);
        double[] g = new double[n * n];
        for (int user = 0; user < 400; user++) {
            int[] items = random.ints(30, 0, n).distinct().toArray();
            for (int i : items) {
                for (int j : items) {
                    g[i * n + j]++;
                }
            }
        }
        for (int j = 0; j < n; j++) {
            g[j * n + j] += 2;
        }
        double[] p = SymmetricInverse.of(g, n);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int m = 0; m < n; m++) {
                    s += g[i * n + m] * p[m * n + j];
                }
                worst = Math.max(worst, Math.abs(s - (i == j ? 1 : 0)));
            }
        }
        assertTrue(worst < 1e-10, "max |G P - I| = " + worst);
    }

    @Test
    void theyRankButPredictNoRating() {
        for (EvaluatedMethod m : List.of(Methods.itemKnn(), Methods.popularityKnnBlend(2), Methods.ease(10))) {
            FittedMethod fitted = m.fit(training);
            assertFalse(fitted.predictsRatings(), m.name());
            AdaptedUser user = fitted.adapt("new", Features.none(), support("a"));
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> user.predictRatings(ITEMS));
            assertEquals(m.name() + " ranks items but does not predict ratings", e.getMessage());
            assertTrue(fitted.trainingStats().isEmpty());
        }
    }

    @Test
    void badSettingsAreRefusedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Methods.ease(-1));
        assertTrue(e.getMessage().startsWith("lambda must be a positive finite number, got -1.0: EASE's L2 weight"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Methods.ease(0));
        assertTrue(e.getMessage().startsWith("lambda must be a positive finite number, got 0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Methods.ease(Double.NaN));
        assertTrue(e.getMessage().startsWith("lambda must be a positive finite number, got NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Methods.ease(500, 0));
        assertEquals("minUsers (the fewest training users an item needs to be modelled) must be positive, got 0",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Methods.ease(500, 4).fit(training));
        assertEquals("ease(500,min-users=4) models the items with at least 4 training users, and no item has that "
                + "many; lower minUsers", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Methods.popularityKnnBlend(-2));
        assertTrue(e.getMessage().startsWith("weight must be a finite number >= 0, got -2.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Methods.popularityKnnBlend(Double.POSITIVE_INFINITY));
        assertTrue(e.getMessage().startsWith("weight must be a finite number >= 0, got Infinity"), e.getMessage());
    }

    private double[] scores(EvaluatedMethod method, List<Interaction> support) {
        return method.fit(training).adapt("new", Features.none(), support).rankingScores(ITEMS);
    }

    private static List<Interaction> support(String... items) {
        return Arrays.stream(items).map(i -> new Interaction("new", i, 1, 0)).toList();
    }
}
