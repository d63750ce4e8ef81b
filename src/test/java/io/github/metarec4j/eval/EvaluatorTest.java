package io.github.metarec4j.eval;

import io.github.metarec4j.TestBase;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.Interaction;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The harness on the hand-made split of {@link EvalFixtures#small()}: the training mean is
 * 3 (user 1's training ratings 2, 3, 4, 5, 1); warm queries user 1's item 6 (5 stars) and
 * user 2's item 1 (4 stars); new-user-K10 queries user 5's ratings 1, 2, 3, 4, 5.
 */
class EvaluatorTest extends TestBase {

    private final ProtocolSplit split = ColdStartProtocol.cs100k().split(EvalFixtures.small());

    @Test
    void theGlobalMeanIsScoredByHand() {
        MethodResult r = Evaluator.cs100k().evaluate(Methods.globalMean(), split);
        assertEquals("global-mean", r.method());
        ScenarioResult warm = r.scenario("warm").orElseThrow();
        assertEquals(1.5, warm.metric("MAE").orElseThrow(), 1e-12);
        assertEquals(Math.sqrt(2.5), warm.metric("RMSE").orElseThrow(), 1e-12);
        assertEquals(1.0, warm.metric("nDCG@3").orElseThrow(), 1e-12, "a query of one item is always ideal");
        assertEquals(2, warm.users());
        assertEquals(2, warm.queryRatings());
        assertEquals(2, warm.usersWithRelevant());
        ScenarioResult newUser = r.scenario("new-user-K10").orElseThrow();
        assertEquals(6.0 / 5, newUser.metric("MAE").orElseThrow(), 1e-12);
        assertEquals(Math.sqrt(10.0 / 5), newUser.metric("RMSE").orElseThrow(), 1e-12);
        assertEquals(List.of("MAE", "RMSE", "nDCG@3", "nDCG@10", "P@10", "R@10", "F1@10", "coverage@10"),
                List.copyOf(warm.metrics().keySet()));
        assertEquals(List.of("warm", "new-user-K5", "new-user-K10", "new-user-K20", "new-item", "new-user-new-item"),
                r.scenarios().stream().map(ScenarioResult::scenario).toList());
        assertTrue(r.training().isEmpty());
        assertEquals(2 + 1 + 1 + 1 + 1 + 1, r.adaptation().count(), "every user of every scenario is timed");
        assertEquals(7, r.topN().count());
    }

    @Test
    void topNRanksTheCandidatesByTheMethodsScores() {
        // user 5's relevant query items are his 4- and 5-star ones, items 29 and 31, among 12 candidates:
        // ranked first and last, only 29 makes the top 10
        EvaluatedMethod method = method("29-first-31-last", true, item -> item.equals("29") ? 1 : item.equals("31")
                ? -1 : 0);
        ScenarioResult r = Evaluator.cs100k().evaluate(method, split).scenario("new-user-K10").orElseThrow();
        assertEquals(1, r.usersWithRelevant());
        assertEquals(1 / 10.0, r.metric("P@10").orElseThrow(), 1e-12);
        assertEquals(1 / 2.0, r.metric("R@10").orElseThrow(), 1e-12);
        assertEquals(2 * 0.1 * 0.5 / 0.6, r.metric("F1@10").orElseThrow(), 1e-12);
    }

    @Test
    void coverageCountsTheDistinctItemsOfAllTopNListsByHand() {
        // warm: user 1's candidates are the 27 existing items outside T = {1, 2, 3, 4, 7}; user 2 has no
        // training rating, so his are all 32. Lowest id first: user 1 gets 6, 8, 9, 11, 12, 13, 14, 16, 17,
        // 18; user 2 gets 1, 2, 3, 4, 6, 7, 8, 9, 11, 12; together 15 distinct items.
        ScenarioResult warm = Evaluator.cs100k().evaluate(method("lowest-id-first", false,
                item -> -Integer.parseInt(item)), split).scenario("warm").orElseThrow();
        assertEquals(15, warm.coverage().orElseThrow());
        assertEquals(15.0, warm.metric("coverage@10").orElseThrow(), 0);
        assertEquals(2, warm.metricUsers().get("coverage@10"), "both users have a list");
        // a method that gives user 2 (empty support) the highest ids instead: two disjoint lists, 20 items
        EvaluatedMethod byUser = method("by-user", fitted(false, support -> items -> items.stream()
                .mapToDouble(i -> (support.isEmpty() ? 1 : -1) * Integer.parseInt(i)).toArray()));
        MethodResult r = Evaluator.cs100k().evaluate(byUser, split);
        assertEquals(20, r.scenario("warm").orElseThrow().coverage().orElseThrow());
        // one new user with 12 candidates: one list of 10
        assertEquals(10, r.scenario("new-user-K10").orElseThrow().coverage().orElseThrow());
        assertEquals(List.of("coverage@10"), r.scenario("warm").orElseThrow().metrics().keySet().stream()
                .filter(k -> k.startsWith("coverage")).toList());
        assertEquals("coverage@20", ScenarioResult.coverageName(20));
    }

    @Test
    void aMethodThatOnlyRanksHasNoRatingError() {
        ScenarioResult warm = Evaluator.cs100k().evaluate(Methods.popularity(), split).scenario("warm").orElseThrow();
        assertTrue(warm.metric("MAE").isEmpty());
        assertTrue(warm.metric("RMSE").isEmpty());
        assertFalse(warm.metricUsers().containsKey("MAE"));
        assertTrue(warm.metric("nDCG@10").isPresent());
        assertEquals(2, warm.metricUsers().get("P@10"));
    }

    @Test
    void scenariosAndMetricsCanBeChosen() {
        Evaluator ndcgOnWarm = Evaluator.builder().metrics(List.of(Ndcg.cs100k(5))).scenarios("warm").build();
        assertEquals(0, ndcgOnWarm.listLength());
        MethodResult r = ndcgOnWarm.evaluate(Methods.itemMean(), split);
        assertEquals(1, r.scenarios().size());
        assertEquals(List.of("MAE", "RMSE", "nDCG@5"), List.copyOf(r.scenarios().get(0).metrics().keySet()),
                "no top-N list, no coverage");
        assertTrue(r.scenarios().get(0).coverage().isEmpty());
        assertEquals(0, r.topN().count(), "no top-N metric: no candidate is scored");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Evaluator.builder().scenarios("cold").build().evaluate(Methods.itemMean(), split));
        assertTrue(e.getMessage().contains("scenario 'cold' is not in the split; its scenarios are [warm, "),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Evaluator.builder().metrics(List.of(Ndcg.cs100k(3), Ndcg.cs100k(3))));
        assertTrue(e.getMessage().contains("metric name 'nDCG@3' is used twice"), e.getMessage());
        UserMetric named = new UserMetric() {
            @Override
            public String name() {
                return "coverage@10";
            }

            @Override
            public OptionalDouble evaluate(UserOutcome outcome) {
                return OptionalDouble.empty();
            }
        };
        e = assertThrows(IllegalArgumentException.class, () -> Evaluator.builder().metrics(List.of(named)));
        assertTrue(e.getMessage().contains("metric name 'coverage@10' is taken: the evaluator reports the "
                + "catalogue coverage"), e.getMessage());
    }

    @Test
    void listenersHearOfTheFitAndOfEveryScenarioInOrder() {
        List<String> heard = new ArrayList<>();
        List<ScenarioResult> scored = new ArrayList<>();
        EvaluationListener listener = new EvaluationListener() {
            @Override
            public void onFitted(String method, double fitSeconds) {
                heard.add(method + " fitted");
            }

            @Override
            public void onScenarioEnd(String method, ScenarioResult result) {
                heard.add(method + " " + result.scenario());
                scored.add(result);
            }
        };
        MethodResult r = Evaluator.builder().scenarios("new-item", "warm").listener(listener).build()
                .evaluate(Methods.itemMean(), split);
        assertEquals(List.of("item-mean fitted", "item-mean new-item", "item-mean warm"), heard);
        assertEquals(r.scenarios(), scored, "the listener is given the results the method's result holds");
    }

    @Test
    void aScoreThatIsNotANumberFailsNamingUserAndItem() {
        EvaluatedMethod broken = method("broken", true, item -> item.equals("6") ? Double.NaN : 3);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Evaluator.cs100k().evaluate(broken, split));
        assertTrue(e.getMessage().contains("broken.predictRatings returned NaN for item '6' of user '1'"),
                e.getMessage());
    }

    @Test
    void theWrongNumberOfScoresFails() {
        EvaluatedMethod shorter = method("shorter", fitted(true, support -> items -> new double[0]));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Evaluator.cs100k().evaluate(shorter, split));
        assertTrue(e.getMessage().contains("returned 0 scores for 1 items of user '1'"), e.getMessage());
    }

    @Test
    void runsOverSeedsAreSummarised() {
        MethodResult a = Evaluator.cs100k().evaluate(Methods.itemMean(), split);
        MethodResult b = Evaluator.cs100k().evaluate(Methods.itemMean(), split);
        Map<String, Map<String, Summary>> table = Summary.metrics(List.of(a, b));
        Summary mae = table.get("warm").get("MAE");
        assertEquals(a.scenario("warm").orElseThrow().metric("MAE").orElseThrow(), mae.mean(), 1e-12);
        assertEquals(0, mae.std(), 1e-12);
        assertEquals(2, mae.n());
        MethodResult other = Evaluator.cs100k().evaluate(Methods.globalMean(), split);
        assertThrows(IllegalArgumentException.class, () -> Summary.metrics(List.of(a, other)));
    }

    /** A method that scores every item by {@code score}, for every user. */
    private static EvaluatedMethod method(String name, boolean ratings, ToDoubleFunction<String> score) {
        return method(name, fitted(ratings, support -> items -> items.stream().mapToDouble(score).toArray()));
    }

    /** A method called {@code name} that fits to {@code fitted} whatever the data. */
    private static EvaluatedMethod method(String name, FittedMethod fitted) {
        return new EvaluatedMethod() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public FittedMethod fit(Dataset training) {
                return fitted;
            }
        };
    }

    /** A fitted method that adapts a user from their support alone. */
    private static FittedMethod fitted(boolean ratings, Function<List<Interaction>, AdaptedUser> bySupport) {
        return new FittedMethod() {
            @Override
            public AdaptedUser adapt(String userId, Features features, List<Interaction> support) {
                return bySupport.apply(support);
            }

            @Override
            public boolean predictsRatings() {
                return ratings;
            }
        };
    }
}
