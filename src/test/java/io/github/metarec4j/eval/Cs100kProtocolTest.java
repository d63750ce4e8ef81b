package io.github.metarec4j.eval;

import io.github.metarec4j.TestBase;
import io.github.metarec4j.data.Interaction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The protocol on MovieLens-100k reproduces every checksum of PROTOCOL.md's table (skipped
 * when the data is absent).
 */
class Cs100kProtocolTest extends TestBase {

    private ProtocolSplit split;

    @BeforeEach
    void split() {
        split = EvalFixtures.ml100k();
    }

    @Test
    void trainingSetHas52151RatingsOf755Users() {
        assertEquals(52_151, split.training().interactions().size());
        assertEquals(755, split.training().interactions().users().size());
    }

    @Test
    void everyScenarioHasTheProtocolsUsersAndQueryRatings() {
        assertCounts("warm", 755, 12_671);
        for (int k : List.of(5, 10, 20)) {
            assertCounts("new-user-K" + k, 145, 11_452);
        }
        assertCounts("new-item", 682, 15_933);
        assertCounts("new-user-new-item", 162, 3_743);
    }

    @Test
    void theRolesAreThoseOfTheTable() {
        // 188 new users of 943, 336 new items of 1682
        long newUsers = split.data().interactions().users().ids().stream().filter(u -> Integer.parseInt(u) % 5 == 0)
                .count();
        long newItems = split.data().catalogue().ids().stream().filter(i -> Integer.parseInt(i) % 5 == 0).count();
        assertEquals(188, newUsers);
        assertEquals(336, newItems);
        for (EvaluationUser u : scenario("new-item").users()) {
            assertEquals(336, u.candidates().size());
        }
        for (EvaluationUser u : scenario("new-user-K10").users()) {
            assertEquals(1_346 - 20, u.candidates().size(), "existing items less the first 20 rated");
        }
    }

    @Test
    void theNewUserScenariosShareUsersQueriesAndCandidates() {
        List<EvaluationUser> k5 = scenario("new-user-K5").users();
        List<EvaluationUser> k20 = scenario("new-user-K20").users();
        for (int u = 0; u < k5.size(); u++) {
            assertEquals(k5.get(u).userId(), k20.get(u).userId());
            assertEquals(k5.get(u).query(), k20.get(u).query());
            assertEquals(k5.get(u).candidates(), k20.get(u).candidates());
            assertEquals(k5.get(u).support(), k20.get(u).support().subList(0, 5));
        }
    }

    @Test
    void nothingEvaluatedIsTrainedOn() {
        Set<Interaction> training = new HashSet<>(split.training().interactions().stream().toList());
        for (Scenario s : split.scenarios()) {
            for (EvaluationUser u : s.users()) {
                u.query().forEach(q -> assertTrue(!training.contains(q), s.name() + " query " + q + " is trained on"));
            }
        }
    }

    private void assertCounts(String name, int users, int queryRatings) {
        Scenario s = scenario(name);
        assertEquals(users, s.users().size(), name + " users");
        assertEquals(queryRatings, s.queryCount(), name + " query ratings");
    }

    private Scenario scenario(String name) {
        return split.scenario(name).orElseThrow();
    }
}
