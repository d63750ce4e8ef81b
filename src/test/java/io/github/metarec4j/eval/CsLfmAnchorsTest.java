package io.github.metarec4j.eval;

import io.github.metarec4j.TestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The harness reproduces popularity's figures on CS-LFM (skipped when Last.fm is absent): the
 * anchors of the benchmark's issue (K = 10, Recall@20 0.170 and P@10 0.229, to 3 decimals),
 * and every figure of an independent script of the protocol (Python, written from
 * PROTOCOL-IMPLICIT.md alone) to 4 decimals.
 */
class CsLfmAnchorsTest extends TestBase {

    private static MethodResult popularity;

    @BeforeEach
    void evaluateOnce() {
        ProtocolSplit split = LastFmFixtures.split();
        synchronized (CsLfmAnchorsTest.class) {
            if (popularity == null) {
                popularity = Evaluator.csLfm().evaluate(Methods.popularity(), split);
            }
        }
    }

    @Test
    void popularityAnchorsAtK10() {
        ScenarioResult r = popularity.scenario("new-user-K10").orElseThrow();
        assertEquals(0.170, r.metric("Recall@20").orElseThrow(), 0.0005);
        assertEquals(0.229, r.metric("P@10").orElseThrow(), 0.0005);
    }

    @Test
    void popularityMatchesAnIndependentScriptInEveryScenario() {
        // users with a non-empty query; P@10, Recall@20, nDCG@20
        assertFigures("new-user-K5", 370, 0.230541, 0.192328, 0.205000);
        assertFigures("new-user-K10", 368, 0.229076, 0.170377, 0.188399);
        assertFigures("new-user-K20", 361, 0.157064, 0.127373, 0.144692);
    }

    private static void assertFigures(String scenario, int users, double precision, double recall, double ndcg) {
        ScenarioResult r = popularity.scenario(scenario).orElseThrow();
        assertEquals(users, r.users(), scenario);
        assertEquals(users, r.usersWithRelevant(), scenario + ": every query item is relevant");
        assertEquals(precision, r.metric("P@10").orElseThrow(), 0.00005, scenario + " P@10");
        assertEquals(recall, r.metric("Recall@20").orElseThrow(), 0.00005, scenario + " Recall@20");
        assertEquals(ndcg, r.metric("nDCG@20").orElseThrow(), 0.00005, scenario + " nDCG@20");
    }
}
