package io.github.metarec4j.eval;

import io.github.metarec4j.Fixtures;
import io.github.metarec4j.TestBase;
import io.github.metarec4j.data.CsvDataset;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.FeatureSchema;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.data.Interactions;
import io.github.metarec4j.data.RatingScale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The protocol's rules on a small hand-made data set (see {@link EvalFixtures#small()}), and on other ids. */
class ColdStartProtocolTest extends TestBase {

    private final ProtocolSplit split = ColdStartProtocol.cs100k().split(EvalFixtures.small());

    @Test
    void trainsOnExistingUsersExistingItemsButTheLastFifth() {
        Interactions training = split.training().interactions();
        assertEquals(List.of("3", "2", "1", "7", "4"), items(training.ofUser("1")));
        assertEquals(5, training.size(), "only user 1 has training ratings: user 2's single one is his warm query");
        assertEquals(List.of("1"), training.users().ids());
        assertSame(split.data().userSchema(), split.training().userSchema());
        assertEquals(split.data().userFeatures(), split.training().userFeatures());
        assertEquals(split.data().itemFeatures(), split.training().itemFeatures());
        // Dataset.withInteractions: the catalogue is the items with features (none here) and the training items
        assertEquals(List.of("3", "2", "1", "7", "4"), split.training().catalogue().ids());
    }

    @Test
    void warmHoldsOutTheLastFifthOfExistingItemRatings() {
        Scenario warm = scenario(Scenario.WARM);
        assertEquals(Scenario.Kind.WARM, warm.kind());
        assertEquals(List.of("1", "2"), warm.users().stream().map(EvaluationUser::userId).toList(),
                "user 3 rated only new items");
        EvaluationUser one = warm.users().get(0);
        assertEquals(List.of("3", "2", "1", "7", "4"), items(one.support()), "ordered by (timestamp, item id)");
        assertEquals(List.of("6"), items(one.query()));
        assertEquals(without(EvalFixtures.EXISTING, List.of("3", "2", "1", "7", "4")), sorted(one.candidates()));
        EvaluationUser two = warm.users().get(1);
        assertEquals(List.of(), two.support());
        assertEquals(List.of("1"), items(two.query()));
        assertEquals(EvalFixtures.EXISTING, sorted(two.candidates()));
    }

    @Test
    void newUsersAdaptOnTheirFirstKAndAreScoredFromThe21st() {
        for (int k : List.of(5, 10, 20)) {
            Scenario s = scenario(Scenario.newUser(k));
            assertEquals(Scenario.Kind.NEW_USER, s.kind());
            assertEquals(1, s.users().size(), "user 10 has only 24 existing-item ratings");
            EvaluationUser five = s.users().get(0);
            assertEquals("5", five.userId());
            assertEquals(EvalFixtures.EXISTING.subList(0, k), items(five.support()));
            assertEquals(EvalFixtures.EXISTING.subList(20, 25), items(five.query()));
            assertEquals(EvalFixtures.EXISTING.subList(20, 32), sorted(five.candidates()));
        }
    }

    @Test
    void newItemScenariosScoreRatingsOnNewItemsAgainstAllNewItems() {
        Scenario newItem = scenario(Scenario.NEW_ITEM);
        assertEquals(1, newItem.users().size());
        EvaluationUser one = newItem.users().get(0);
        assertEquals("1", one.userId());
        assertEquals(List.of("3", "2", "1", "7", "4"), items(one.support()));
        assertEquals(List.of("5", "10", "15", "20", "25"), items(one.query()));
        assertEquals(sorted(EvalFixtures.NEW), sorted(one.candidates()));

        Scenario both = scenario(Scenario.NEW_USER_NEW_ITEM);
        assertEquals(1, both.users().size(), "user 10 has only 4 new-item ratings");
        EvaluationUser five = both.users().get(0);
        assertEquals("5", five.userId());
        assertEquals(EvalFixtures.EXISTING.subList(0, 10), items(five.support()));
        assertEquals(EvalFixtures.NEW.subList(0, 5), items(five.query()));
        assertEquals(sorted(EvalFixtures.NEW), sorted(five.candidates()));
        assertEquals(5, both.queryCount());
    }

    @Test
    void scenariosComeInTheProtocolsOrder() {
        assertEquals(List.of("warm", "new-user-K5", "new-user-K10", "new-user-K20", "new-item", "new-user-new-item"),
                split.scenarios().stream().map(Scenario::name).toList());
        assertTrue(split.scenario("cold").isEmpty());
    }

    @Test
    void nonIntegerIdsFailNamingTheRuleAndTheAlternative() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ColdStartProtocol.cs100k().split(Fixtures.synthetic()));
        assertTrue(e.getMessage().contains("is not a whole number"), e.getMessage());
        assertTrue(e.getMessage().contains("id % 5 == 0"), e.getMessage());
        assertTrue(e.getMessage().contains("IdKey.STABLE_HASH"), e.getMessage());
    }

    @Test
    void aDataSetTooSmallForARuleFailsNamingIt() {
        Dataset data = EvalFixtures.small();
        Dataset withoutUser5 = data.withInteractions(data.interactions().filter(x -> !x.userId().equals("5")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ColdStartProtocol.cs100k().split(withoutUser5));
        assertTrue(e.getMessage().contains("'new-user-K5'"), e.getMessage());
        assertTrue(e.getMessage().contains("new users (user id % 5 == 0) with at least 25 ratings on existing items"),
                e.getMessage());
        assertTrue(e.getMessage().contains("the most ratings a new user has on existing items is 24"), e.getMessage());

        Dataset onlyNewUsers = data.withInteractions(data.interactions().filter(x -> x.userId().equals("5")));
        e = assertThrows(IllegalArgumentException.class, () -> ColdStartProtocol.cs100k().split(onlyNewUsers));
        assertTrue(e.getMessage().contains("trains on the ratings of existing users (user id % 5 != 0)"),
                e.getMessage());
    }

    @Test
    void stableHashAppliesTheSameRulesToAnyIds() {
        Dataset data = Fixtures.synthetic();
        ProtocolSplit hashed = ColdStartProtocol.cs100k().withIdKey(IdKey.STABLE_HASH).split(data);
        IdKey key = IdKey.STABLE_HASH;
        Set<String> trainingUsers = new HashSet<>(hashed.training().interactions().users().ids());
        assertFalse(trainingUsers.isEmpty());
        hashed.training().interactions().stream().forEach(x -> {
            assertTrue(key.of(x.userId(), "user") % 5 != 0, "training user " + x.userId() + " is new");
            assertTrue(key.of(x.itemId(), "item") % 5 != 0, "training item " + x.itemId() + " is new");
        });
        for (EvaluationUser u : hashed.scenario(Scenario.newUser(10)).orElseThrow().users()) {
            assertEquals(0, key.of(u.userId(), "user") % 5);
            assertFalse(trainingUsers.contains(u.userId()));
            assertEquals(10, u.support().size());
        }
        assertEquals(6, hashed.scenarios().size());
        assertEquals(IdKey.STABLE_HASH, hashed.idKey());
    }

    @Test
    void aRatingsCsvWithItemAttributesSplitsByTheSameRules(@TempDir Path dir) throws IOException {
        List<String> ratings = new ArrayList<>(List.of("user,item,rating,timestamp"));
        EvalFixtures.small().interactions().stream().forEach(x -> ratings.add(x.userId() + "," + x.itemId() + ","
                + (int) x.value() + "," + x.timestamp()));
        List<String> items = new ArrayList<>(List.of("id,genre"));
        for (int i = 1; i <= 40; i++) {
            items.add(i + "," + (i % 2 == 0 ? "even" : "odd"));
        }
        Files.write(dir.resolve("ratings.csv"), ratings);
        Files.write(dir.resolve("items.csv"), items);
        Dataset csv = CsvDataset.builder().ratings(dir.resolve("ratings.csv")).ratingScale(new RatingScale(1, 5))
                .itemAttributes(dir.resolve("items.csv"), FeatureSchema.builder().categorical("genre").build()).read();
        ProtocolSplit fromCsv = ColdStartProtocol.cs100k().split(csv);
        for (Scenario s : split.scenarios()) {
            Scenario other = fromCsv.scenario(s.name()).orElseThrow();
            assertEquals(s.users().stream().map(EvaluationUser::userId).toList(),
                    other.users().stream().map(EvaluationUser::userId).toList(), s.name());
            assertEquals(s.queryCount(), other.queryCount(), s.name());
        }
        assertEquals(5, fromCsv.training().interactions().size());
        assertEquals(40, fromCsv.training().catalogue().size(), "every described item stays in the catalogue");
    }

    @Test
    void theStableHashIsFnv1a() {
        assertEquals(0x811C9DC5L, IdKey.STABLE_HASH.of("", "item"));
        assertEquals(0xE40C292CL, IdKey.STABLE_HASH.of("a", "item"));
        assertEquals(0xBF9CF968L, IdKey.STABLE_HASH.of("foobar", "item"));
        assertEquals(-12, IdKey.INTEGER.of("-12", "user"));
    }

    private Scenario scenario(String name) {
        return split.scenario(name).orElseThrow();
    }

    private static List<String> items(List<Interaction> interactions) {
        return interactions.stream().map(Interaction::itemId).toList();
    }

    private static List<String> sorted(List<String> ids) {
        List<String> out = new ArrayList<>(ids);
        out.sort((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
        return out;
    }

    private static List<String> without(List<String> items, List<String> removed) {
        return items.stream().filter(i -> !removed.contains(i)).toList();
    }
}
