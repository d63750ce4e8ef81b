package io.github.metarec4j.eval;

import io.github.metarec4j.TestBase;
import io.github.metarec4j.data.RatingScale;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every metric against small hand-computed cases (as RankSys's tests), ties included. */
class MetricsTest extends TestBase {

    private static final double LOG2_3 = Math.log(3) / Math.log(2);
    private static final double LOG2_5 = Math.log(5) / Math.log(2);
    private final Ranking ranking = Ranking.of(IdKey.INTEGER);

    @Test
    void ndcgRanksTheQueryByScore() {
        // ranked: 1 (5 stars), 2 (3), 4 (1), 3 (4); ideal: 5, 4, 3, 1
        UserOutcome u = outcome(List.of("1", "2", "3", "4"), new double[]{5, 3, 4, 1},
                new double[]{0.9, 0.8, 0.1, 0.5});
        assertEquals((31 + 7 / LOG2_3 + 1 / 2.0) / (31 + 15 / LOG2_3 + 7 / 2.0), value(Ndcg.cs100k(3), u), 1e-12);
        assertEquals((31 + 7 / LOG2_3 + 1 / 2.0 + 15 / LOG2_5) / (31 + 15 / LOG2_3 + 7 / 2.0 + 1 / LOG2_5),
                value(Ndcg.cs100k(10), u), 1e-12, "a query shorter than the cutoff counts all its items");
        assertEquals(1.0, value(Ndcg.cs100k(1), u), 1e-12);
    }

    @Test
    void ndcgBreaksScoreTiesByHashNotById() {
        // equal scores: ranked by h(id): 2, 1, 3 (h = 1013904226, 2654435761, 3668339987)
        UserOutcome u = outcome(List.of("1", "2", "3"), new double[]{5, 1, 3}, new double[]{2, 2, 2});
        assertEquals((1 + 31 / LOG2_3) / (31 + 7 / LOG2_3), value(Ndcg.cs100k(2), u), 1e-12);
    }

    @Test
    void ndcgOfEqualRatingsIsOneWhateverTheOrder() {
        UserOutcome u = outcome(List.of("1", "2", "3"), new double[]{4, 4, 4}, new double[]{0, 1, 2});
        assertEquals(1.0, value(Ndcg.cs100k(3), u), 1e-12);
    }

    @Test
    void ndcgPartsCompose() {
        UserOutcome u = outcome(List.of("1", "2"), new double[]{2, 4}, new double[]{1, 0});
        Ndcg linearNoDiscount = new Ndcg(2, Gain.linear(), rank -> 1);
        assertEquals(1.0, value(linearNoDiscount, u), 1e-12);
        Ndcg linear = new Ndcg(2, Gain.linear(), Discount.log2());
        assertEquals((2 + 4 / LOG2_3) / (4 + 2 / LOG2_3), value(linear, u), 1e-12);
        assertEquals("nDCG@2", linear.name());
        UserOutcome zero = outcome(List.of("1"), new double[]{0}, new double[]{1});
        assertTrue(Ndcg.cs100k(3).evaluate(zero).isEmpty(), "no gain at all: nDCG undefined");
    }

    @Test
    void precisionRecallAndF1CountRelevantQueryItemsInTheTopN() {
        // relevant (4 or 5 stars): 1, 2, 4; the top-4 list hits 2 and 1
        UserOutcome u = outcome(List.of("1", "2", "3", "4"), new double[]{5, 4, 2, 4}, new double[4],
                List.of("9", "2", "1", "7", "4"));
        assertEquals(2.0 / 4, value(Precision.cs100k(4), u), 1e-12);
        assertEquals(2.0 / 3, value(Recall.cs100k(4), u), 1e-12);
        assertEquals(4.0 / 7, value(F1.cs100k(4), u), 1e-12);
        assertEquals(1.0 / 2, value(Precision.cs100k(2), u), 1e-12);
        assertEquals(1.0 / 3, value(Recall.cs100k(2), u), 1e-12);
        assertEquals(2 * (1 / 2.0) * (1 / 3.0) / (1 / 2.0 + 1 / 3.0), value(F1.cs100k(2), u), 1e-12);
        assertEquals(3.0 / 5, value(Precision.cs100k(5), u), 1e-12);
        assertEquals(1.0, value(Recall.cs100k(5), u), 1e-12);
        assertEquals("P@10", Precision.cs100k(10).name());
        assertEquals("R@10", Recall.cs100k(10).name());
        assertEquals("F1@10", F1.cs100k(10).name());
        assertEquals(10, F1.cs100k(10).listLength());
    }

    @Test
    void aShortListStillDividesPrecisionByTheCutoff() {
        UserOutcome u = outcome(List.of("1", "2", "3", "4"), new double[]{5, 4, 2, 4}, new double[4], List.of("2"));
        assertEquals(1.0 / 4, value(Precision.cs100k(4), u), 1e-12);
        assertEquals(1.0 / 3, value(Recall.cs100k(4), u), 1e-12);
        assertEquals(2.0 / 7, value(F1.cs100k(4), u), 1e-12);
    }

    @Test
    void withoutHitsF1IsZeroAndWithoutRelevantItemsTheUserIsLeftOut() {
        UserOutcome misses = outcome(List.of("1", "2"), new double[]{5, 1}, new double[2], List.of("7", "8"));
        assertEquals(0.0, value(F1.cs100k(2), misses), 1e-12);
        assertEquals(0.0, value(Precision.cs100k(2), misses), 1e-12);
        UserOutcome none = outcome(List.of("1", "2"), new double[]{3, 1}, new double[2], List.of("1", "2"));
        assertTrue(Precision.cs100k(2).evaluate(none).isEmpty());
        assertTrue(Recall.cs100k(2).evaluate(none).isEmpty());
        assertTrue(F1.cs100k(2).evaluate(none).isEmpty());
        assertEquals(1.0 / 2, value(new Precision(2, Relevance.atLeast(3)), none), 1e-12, "relevance is a part");
    }

    @Test
    void maeAndRmseAreMicroAveragedOverClippedPredictions() {
        RatingErrors errors = RatingErrors.clippedTo(new RatingScale(1, 5));
        assertTrue(errors.mae().isEmpty());
        errors.add(5.7, 4);  // clipped to 5: error 1
        errors.add(0.2, 2);  // clipped to 1: error -1
        errors.add(3.5, 3);  // error 0.5
        assertEquals(2.5 / 3, errors.mae().orElseThrow(), 1e-12);
        assertEquals(Math.sqrt(2.25 / 3), errors.rmse().orElseThrow(), 1e-12);
        assertEquals(3, errors.count());
        RatingErrors raw = RatingErrors.unclipped();
        raw.add(5.7, 4);
        assertEquals(1.7, raw.mae().orElseThrow(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> raw.add(Double.NaN, 4));
    }

    @Test
    void latencyPercentilesInterpolateLikeNumpy() {
        Latency l = Latency.of(4, 1, 3, 2);
        assertEquals(2.5, l.medianMillis(), 1e-12);
        assertEquals(3.97, l.p99Millis(), 1e-12);
        assertEquals(4, l.count());
        assertEquals(7.0, Latency.of(7).p99Millis(), 1e-12);
        assertTrue(Double.isNaN(Latency.of().medianMillis()));
    }

    @Test
    void summariesHaveTheSampleStandardDeviation() {
        Summary s = Summary.of(1, 2, 3);
        assertEquals(2.0, s.mean(), 1e-12);
        assertEquals(1.0, s.std(), 1e-12);
        assertEquals(3, s.n());
        assertEquals(0.0, Summary.of(5).std(), 1e-12);
        assertThrows(IllegalArgumentException.class, Summary::of);
    }

    @Test
    void anOutcomeRejectsAnOrderThatIsNotAPermutation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new UserOutcome("u", List.of("1", "2"), new double[]{1, 2}, new int[]{0, 0}, List.of()));
        assertTrue(e.getMessage().contains("queryOrder must list each position 0..1 once"), e.getMessage());
    }

    private UserOutcome outcome(List<String> items, double[] values, double[] scores) {
        return outcome(items, values, scores, List.of());
    }

    private UserOutcome outcome(List<String> items, double[] values, double[] scores, List<String> top) {
        return UserOutcome.of("u", items, values, scores, top, ranking);
    }

    private static double value(UserMetric metric, UserOutcome u) {
        OptionalDouble v = metric.evaluate(u);
        assertTrue(v.isPresent(), metric.name() + " is undefined");
        return v.getAsDouble();
    }
}
