package io.github.metarec4j.eval;

import io.github.metarec4j.TestBase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CS-LFM's metrics (P@10, Recall@20, nDCG@20 of the top-N list, binary relevance) against hand-computed answers. */
class ImplicitMetricsTest extends TestBase {

    private static final Ranking RANKING = Ranking.of(IdKey.INTEGER);

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** A top-20 list with the query items 1, 2 and 3 at ranks 1, 3 and 20, and item 4 at rank 21 (past the cutoff). */
    private static List<String> listWithHitsAt1And3And20() {
        List<String> top = new ArrayList<>(List.of("1", "100", "2"));
        IntStream.rangeClosed(101, 116).mapToObj(Integer::toString).forEach(top::add);
        top.add("3");
        top.add("4");
        assertEquals(21, top.size());
        return top;
    }

    /** A user whose query is {@code items}, with play counts as values (all relevant whatever they are). */
    private static UserOutcome outcome(List<String> query, List<String> top) {
        double[] plays = query.stream().mapToDouble(i -> 1 + 1000 * (i.length() % 3)).toArray();
        return UserOutcome.of("u", query, plays, new double[query.size()], top, RANKING);
    }

    @Test
    void aShortQueryIsMeasuredAgainstItsOwnSize() {
        UserOutcome u = outcome(List.of("1", "2", "3", "4", "5"), listWithHitsAt1And3And20());
        assertEquals(2.0 / 10, value(Precision.csLfm(10), u), 1e-12);
        assertEquals(3.0 / 5, value(Recall.csLfm(20), u), 1e-12, "3 hits in the top 20, over min(20, 5)");
        double ideal = 1 + 1 / log2(3) + 1 / log2(4) + 1 / log2(5) + 1 / log2(6);
        assertEquals((1 + 1 / log2(4) + 1 / log2(21)) / ideal, value(TopNNdcg.csLfm(20), u), 1e-12);
        assertEquals((1 + 1 / log2(4)) / (1 + 1 / log2(3) + 1 / log2(4)), value(TopNNdcg.csLfm(3), u), 1e-12,
                "the ideal list is only as long as the cutoff");
    }

    @Test
    void aLongQueryIsMeasuredAgainstTheCutoff() {
        List<String> query = new ArrayList<>(List.of("1", "2", "3", "4"));
        IntStream.rangeClosed(200, 220).mapToObj(Integer::toString).forEach(query::add);
        UserOutcome u = outcome(query, listWithHitsAt1And3And20());
        assertEquals(3.0 / 20, value(Recall.csLfm(20), u), 1e-12, "min(20, 25) = 20");
        assertEquals(3.0 / 25, value(new Recall(20, Relevance.all()), u), 1e-12,
                "the uncapped recall divides by all 25");
        double ideal = 0;
        for (int r = 1; r <= 20; r++) {
            ideal += 1 / log2(r + 1);
        }
        assertEquals((1 + 1 / log2(4) + 1 / log2(21)) / ideal, value(TopNNdcg.csLfm(20), u), 1e-12);
    }

    @Test
    void aPerfectListScoresOneAndAnEmptyOneZero() {
        UserOutcome perfect = outcome(List.of("7", "8", "9"), List.of("8", "9", "7", "1"));
        assertEquals(1.0, value(Recall.csLfm(20), perfect), 1e-12);
        assertEquals(1.0, value(TopNNdcg.csLfm(20), perfect), 1e-12);
        assertEquals(3.0 / 10, value(Precision.csLfm(10), perfect), 1e-12, "precision still divides by 10");
        UserOutcome none = outcome(List.of("7"), List.of());
        assertEquals(0.0, value(TopNNdcg.csLfm(20), none), 1e-12);
        assertEquals(0.0, value(Recall.csLfm(20), none), 1e-12);
        UserOutcome nothingRelevant = outcome(List.of(), List.of("7"));
        assertTrue(TopNNdcg.csLfm(20).evaluate(nothingRelevant).isEmpty(), "no query item: left out");
    }

    @Test
    void relevanceAndDiscountAreParts() {
        UserOutcome u = UserOutcome.of("u", List.of("1", "2"), new double[]{5, 1}, new double[2], List.of("2", "1"),
                RANKING);
        assertEquals(1.0, value(new TopNNdcg(2, Relevance.all(), Discount.log2()), u), 1e-12);
        assertEquals(1 / log2(3), value(new TopNNdcg(2, Relevance.atLeast(4), Discount.log2()), u), 1e-12,
                "only item 1 is relevant, at rank 2");
        UserOutcome oneHit = UserOutcome.of("u", List.of("1", "2"), new double[]{5, 1}, new double[2],
                List.of("3", "1"), RANKING);
        assertEquals((1 / 2.0) / (1 + 1 / 2.0), value(new TopNNdcg(2, Relevance.all(), rank -> 1.0 / rank), oneHit),
                1e-12, "a hit at rank 2 of an ideal 2");
        assertTrue(Relevance.all().isRelevant(0) && Relevance.all().isRelevant(352_698));
    }

    @Test
    void namesAndTheListLength() {
        assertEquals("P@10", Precision.csLfm(10).name());
        assertEquals("Recall@20", Recall.csLfm(20).name());
        assertEquals("R@20", new Recall(20, Relevance.all()).name());
        assertEquals("nDCG@20", TopNNdcg.csLfm(20).name());
        assertEquals(20, TopNNdcg.csLfm(20).listLength());
        Evaluator evaluator = Evaluator.csLfm();
        assertEquals(List.of("P@10", "Recall@20", "nDCG@20"), evaluator.metrics().stream().map(UserMetric::name)
                .toList());
        assertEquals(20, evaluator.listLength(), "the evaluator ranks the top 20 candidates");
    }

    private static double value(UserMetric metric, UserOutcome u) {
        OptionalDouble v = metric.evaluate(u);
        assertTrue(v.isPresent(), metric.name() + " is undefined");
        return v.getAsDouble();
    }
}
