package io.github.metarec4j.eval;

import io.github.metarec4j.TestBase;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.data.RatingScale;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Validation folds of a protocol's training users: their rules on small hand-made data sets,
 * and the counts of five folds of the real CS100K and CS-LFM training data as checksums
 * (skipped when the data is absent).
 *
 * <p>The users' FNV-1a keys ({@link IdKey#STABLE_HASH}), even or odd: ann 355060760, bob
 * 2261164244, dan 3981389864 are in fold 0 of 2; cat 108289031, eve 1537336773 in fold 1.
 */
class ValidationFoldsTest extends TestBase {

    private static List<ProtocolSplit> lastFmFolds;

    /** Five CS-LFM folds of the real Last.fm training data, cut once per JVM (skipped as {@link LastFmFixtures}). */
    private static synchronized List<ProtocolSplit> lastFmFolds() {
        if (lastFmFolds == null) {
            lastFmFolds = ValidationFolds.csLfm(LastFmFixtures.split().training(), 5);
        }
        return lastFmFolds;
    }

    private static List<String> items(String prefix, int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> prefix + i).toList();
    }

    private static List<String> ids(List<Interaction> interactions) {
        return interactions.stream().map(Interaction::itemId).toList();
    }

    private static List<String> users(Scenario scenario) {
        return scenario.users().stream().map(EvaluationUser::userId).toList();
    }

    /** Adds {@code user}'s {@code items} at times {@code from, from + 1, ..}, last first: only the times order them. */
    private static void rate(Dataset.Builder b, String user, List<String> items, long from) {
        for (int p = items.size() - 1; p >= 0; p--) {
            b.addInteraction(user, items.get(p), 1 + p % 5, from + p);
        }
    }

    /**
     * CS100K-style training data: ann (fold 0) rates i21..i40 at times 100..119, then i2 and i1
     * both at 200 (i1's key is smaller, so it comes first), i3..i5, and x1..x5, which nobody in
     * fold 1 rates: 30 ratings. bob (fold 0) rates y1..y24: too few. cat (fold 1) rates i1..i25
     * and w1, which nobody in fold 0 rates: 26. eve (fold 1) rates i26..i34.
     */
    private static Dataset ratings() {
        Dataset.Builder b = Dataset.builder().ratings(new RatingScale(1, 5));
        rate(b, "ann", items("x", 1, 5), 204);
        rate(b, "ann", items("i", 3, 5), 201);
        b.addInteraction("ann", "i2", 4, 200);
        b.addInteraction("ann", "i1", 3, 200);
        rate(b, "ann", items("i", 21, 40), 100);
        rate(b, "bob", items("y", 1, 24), 1);
        List<String> cat = new ArrayList<>(items("i", 1, 25));
        cat.add("w1");
        rate(b, "cat", cat, 1);
        rate(b, "eve", items("i", 26, 34), 1);
        return b.build();
    }

    @Test
    void cs100kFoldsDealUsersByTheirStableHashAndQueryFromPosition20() {
        Dataset training = ratings();
        List<ProtocolSplit> folds = ValidationFolds.cs100k(training, 2);
        assertEquals(2, folds.size());
        for (ProtocolSplit fold : folds) {
            assertSame(training, fold.data());
            assertEquals(IdKey.STABLE_HASH, fold.idKey());
            assertEquals(List.of("new-user-K5", "new-user-K10", "new-user-K20"),
                    fold.scenarios().stream().map(Scenario::name).toList());
        }
        assertEquals(Set.of("cat", "eve"), new HashSet<>(folds.get(0).training().interactions().users().ids()),
                "fold 0's users (ann, bob) train in fold 1 only");
        assertEquals(35, folds.get(0).training().interactions().size());
        assertEquals(Set.of("ann", "bob"), new HashSet<>(folds.get(1).training().interactions().users().ids()));
        assertEquals(54, folds.get(1).training().interactions().size());

        // fold 0: ann (bob has 24 ratings); query from position 20 on, x1..x5 dropped (fold 0 trains without them)
        List<String> first20 = items("i", 21, 40);
        for (Scenario s : folds.get(0).scenarios()) {
            assertEquals(List.of("ann"), users(s));
            EvaluationUser ann = s.users().get(0);
            int k = Integer.parseInt(s.name().substring("new-user-K".length()));
            assertEquals(first20.subList(0, k), ids(ann.support()), "the first K in time");
            assertEquals(List.of("i1", "i2", "i3", "i4", "i5"), ann.queryItems(), "ties by the item's key");
            assertArrayEquals(new double[]{3, 4, 1, 2, 3}, ann.queryValues(), "the ratings travel with the items");
            List<String> candidates = new ArrayList<>(items("i", 1, 20));
            candidates.add("w1");
            assertEquals(new HashSet<>(candidates), new HashSet<>(ann.candidates()),
                    "fold 0's training items (cat's and eve's) not among ann's first 20");
            assertEquals(21, ann.candidates().size());
        }
        // fold 1: cat (eve has 9); w1 dropped from the query; i1..i5 among cat's first 20, so no candidates
        EvaluationUser cat = folds.get(1).scenario("new-user-K10").orElseThrow().users().get(0);
        assertEquals("cat", cat.userId());
        assertEquals(items("i", 1, 10), ids(cat.support()));
        assertEquals(items("i", 21, 25), cat.queryItems());
        assertEquals(30 + 24 - 5, cat.candidates().size());
        assertTrue(cat.candidates().containsAll(cat.queryItems()) && !cat.candidates().contains("i5"));
    }

    @Test
    void foldsAreTheStableHashModuloTheirNumber() {
        for (String user : List.of("ann", "bob", "dan")) {
            assertEquals(0, IdKey.STABLE_HASH.of(user, "user") % 2, user);
        }
        for (String user : List.of("cat", "eve")) {
            assertEquals(1, IdKey.STABLE_HASH.of(user, "user") % 2, user);
        }
        // three folds: ann, bob and cat have key % 3 == 2 and eve 0, so fold 0 has no user who qualifies
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ValidationFolds.cs100k(ratings(), 3));
        assertEquals("validation fold 0 of 3 has no user with 25 or more interactions; use fewer folds or more data",
                e.getMessage());
    }

    @Test
    void fewerThanTwoFoldsAreRefused() {
        for (int folds : new int[]{1, 0, -2}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ValidationFolds.csLfm(ratings(), folds));
            assertEquals("folds must be 2 or more (one plays the new users, the rest train), got " + folds,
                    e.getMessage());
        }
        assertEquals("training must not be null", assertThrows(IllegalArgumentException.class,
                () -> ValidationFolds.cs100k(null, 5)).getMessage());
    }

    /**
     * CS-LFM-style play counts (no times): ann (fold 0) has i1..i30 and x1, x2, which fold 1 lacks;
     * bob (fold 0) i1..i25 and z1..z6, 31 artists of which 25 are fold 1's; dan (fold 0) i1..i8
     * and v1..v22, 30 of which 8 are fold 1's; cat (fold 1) i1..i40; eve (fold 1) i1..i10.
     */
    private static Dataset plays() {
        Dataset.Builder b = Dataset.builder().implicitFeedback();
        List<List<String>> histories = List.of(
                concat(items("i", 1, 30), items("x", 1, 2)), concat(items("i", 1, 25), items("z", 1, 6)),
                concat(items("i", 1, 8), items("v", 1, 22)), items("i", 1, 40), items("i", 1, 10));
        List<String> users = List.of("ann", "bob", "dan", "cat", "eve");
        for (int u = 0; u < users.size(); u++) {
            for (String item : histories.get(u)) {
                b.addInteraction(users.get(u), item, 10 + item.length(), 0);
            }
        }
        return b.build();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void csLfmFoldsOrderTheFoldsTrainingItemsByTheirHash() {
        List<ProtocolSplit> folds = ValidationFolds.csLfm(plays(), 2);
        ProtocolSplit fold0 = folds.get(0);
        assertEquals(Set.of("cat", "eve"), new HashSet<>(fold0.training().interactions().users().ids()));
        Set<String> fold0Items = new HashSet<>(fold0.training().interactions().items().ids());
        assertEquals(new HashSet<>(items("i", 1, 40)), fold0Items);

        // ann's i1..i30 in the order of h(FNV-1a(id)); x1, x2 are not fold 0's
        List<String> ordered = new ArrayList<>(items("i", 1, 30));
        ordered.sort((a, c) -> Long.compare(Ranking.hash(IdKey.STABLE_HASH.of(a, "item")),
                Ranking.hash(IdKey.STABLE_HASH.of(c, "item"))));
        assertEquals(List.of("i7", "i3", "i20", "i19", "i24"), ordered.subList(0, 5), "computed by hand");
        EvaluationUser ann = fold0.scenario("new-user-K5").orElseThrow().users().get(0);
        assertEquals("ann", ann.userId());
        assertEquals(ordered.subList(0, 5), ids(ann.support()));
        assertEquals(ordered.subList(5, 30), ann.queryItems(), "the rest, in hash order");
        assertEquals(40 - 5, ann.candidates().size(), "fold 0's training items but the support");
        assertTrue(ann.candidates().containsAll(ann.queryItems()));
        ann.support().forEach(x -> assertTrue(!ann.candidates().contains(x.itemId())));

        // the protocol's rule: 30 artists in all, the query what is left of fold 0's after the first K
        assertEquals(List.of("ann", "bob", "dan"), users(fold0.scenario("new-user-K5").orElseThrow()));
        assertEquals(List.of("ann", "bob"), users(fold0.scenario("new-user-K10").orElseThrow()),
                "dan has 8 of fold 0's artists: a query only for K = 5");
        assertEquals(List.of("ann", "bob"), users(fold0.scenario("new-user-K20").orElseThrow()));
        assertEquals(25 + 20 + 3, fold0.scenario("new-user-K5").orElseThrow().queryCount());
        assertEquals(10 + 5, fold0.scenario("new-user-K20").orElseThrow().queryCount());

        ProtocolSplit fold1 = folds.get(1);
        assertEquals(Set.of("ann", "bob", "dan"), new HashSet<>(fold1.training().interactions().users().ids()));
        for (Scenario s : fold1.scenarios()) {
            assertEquals(List.of("cat"), users(s), "eve has 10 artists");
            assertEquals(30, s.users().get(0).support().size() + s.users().get(0).query().size(),
                    "i31..i40 are not fold 1's");
        }
    }

    // ------------------------------------------------------------------ the real data

    /**
     * Checks five folds of {@code training}: each row of {@code expected} is a fold's new users
     * of K = 5, 10, 20 and their query interactions; every fold trains on every training user but
     * its own (key % 5); {@code qualifying} training users have {@code min} or more interactions,
     * and {@code dealt} of them are a new user of exactly one fold.
     */
    private static void assertFolds(Dataset training, List<ProtocolSplit> folds, int[][] expected, int min,
                                    int qualifying, int dealt) {
        Set<String> trainingUsers = new HashSet<>(training.interactions().users().ids());
        assertEquals(qualifying, trainingUsers.stream().filter(u -> training.interactions().ofUser(u).size() >= min)
                .count(), "training users with " + min + " or more interactions");
        Set<String> seen = new HashSet<>();
        assertEquals(5, folds.size());
        for (int f = 0; f < 5; f++) {
            int fold = f;
            ProtocolSplit split = folds.get(f);
            Set<String> own = new HashSet<>(trainingUsers.stream()
                    .filter(u -> IdKey.STABLE_HASH.of(u, "user") % 5 == fold).toList());
            Set<String> fit = new HashSet<>(trainingUsers);
            fit.removeAll(own);
            assertEquals(fit, new HashSet<>(split.training().interactions().users().ids()), "fold " + f);
            int[] counts = new int[6];
            for (int s = 0; s < 3; s++) {
                Scenario scenario = split.scenarios().get(s);
                counts[s] = scenario.users().size();
                counts[3 + s] = scenario.queryCount();
                for (EvaluationUser u : scenario.users()) {
                    assertTrue(own.contains(u.userId()), u.userId() + " is not a user of fold " + f);
                    assertTrue(training.interactions().ofUser(u.userId()).size() >= min, u.userId());
                    seen.add(u.userId());
                }
            }
            assertArrayEquals(expected[f], counts, "fold " + f + ": users and query interactions of K5, K10, K20");
        }
        assertEquals(dealt, seen.size());
    }

    @Test
    void fiveCs100kFoldsOfTheRealTrainingData() {
        // every one of the 523 training users (of 755) with 25 or more training ratings has a query
        Dataset training = EvalFixtures.ml100k().training();
        assertFolds(training, ValidationFolds.cs100k(training, 5), new int[][]{
                {111, 111, 111, 8_012, 8_012, 8_012}, {100, 100, 100, 7_850, 7_850, 7_850},
                {101, 101, 101, 6_850, 6_850, 6_850}, {95, 95, 95, 6_691, 6_691, 6_691},
                {116, 116, 116, 8_098, 8_098, 8_098}}, 25, 523, 523);
    }

    @Test
    void fiveCsLfmFoldsOfTheRealTrainingData() {
        // of the 1,512 training users 1,485 have 30 or more artists; two of those have 5 or fewer that
        // the other folds' users have, so no query even at K = 5
        assertFolds(LastFmFixtures.split().training(), lastFmFolds(), new int[][]{
                {307, 306, 303, 11_791, 10_256, 7_200}, {298, 296, 291, 11_253, 9_765, 6_821},
                {274, 271, 266, 10_283, 8_920, 6_225}, {290, 290, 285, 11_237, 9_787, 6_902},
                {314, 312, 306, 11_729, 10_162, 7_067}}, 30, 1_485, 1_483);
    }

    @Test
    void theFirstOfFiveCsLfmFoldsIsTheProtocolOnStableHashKeys() {
        // fold 0 of 5 plays the users whose key % 5 == 0: CS-LFM's new users under IdKey.STABLE_HASH
        Dataset training = LastFmFixtures.split().training();
        ProtocolSplit fold = lastFmFolds().get(0);
        ProtocolSplit protocol = ImplicitColdStartProtocol.csLfm().withIdKey(IdKey.STABLE_HASH).split(training);
        assertEquals(protocol.training().interactions().size(), fold.training().interactions().size());
        for (int s = 0; s < 3; s++) {
            List<EvaluationUser> expected = protocol.scenarios().get(s).users();
            List<EvaluationUser> actual = fold.scenarios().get(s).users();
            assertEquals(expected.size(), actual.size());
            for (int u = 0; u < expected.size(); u++) {
                assertEquals(expected.get(u).userId(), actual.get(u).userId());
                assertEquals(expected.get(u).support(), actual.get(u).support());
                assertEquals(expected.get(u).query(), actual.get(u).query());
                assertEquals(expected.get(u).candidates().size(), actual.get(u).candidates().size());
                if (u % 50 == 0) {
                    assertEquals(new HashSet<>(expected.get(u).candidates()),
                            new HashSet<>(actual.get(u).candidates()), "the same candidates, maybe in another order");
                }
            }
        }
    }
}
