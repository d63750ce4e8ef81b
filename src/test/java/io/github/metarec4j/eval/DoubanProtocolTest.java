package io.github.metarec4j.eval;

import io.github.metarec4j.Skip;
import io.github.metarec4j.TestBase;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Douban;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.data.RatingScale;
import io.github.metarec4j.internal.util.StableHash;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CS-Douban protocol (docs/protocol-douban.md): its hash order on small hand-made data
 * sets, and every checksum of the doc on the real Douban data (skipped when it is absent).
 */
class DoubanProtocolTest extends TestBase {

    private static final ColdStartProtocol PROTOCOL = ColdStartProtocol.douban();

    private static ProtocolSplit real;

    /** Douban cut by the protocol, once per JVM; skipped (with how to get the data) where it is absent. */
    private static synchronized ProtocolSplit real() {
        Path path = Douban.defaultPath();
        Skip.unlessDouban(path);
        if (real == null) {
            real = PROTOCOL.split(Douban.load(path));
        }
        return real;
    }

    // ---- the doc's checksums on the real data

    @Test
    void theRealDataHasTheRolesOfTheDoc() {
        ProtocolSplit split = real();
        List<String> users = split.data().interactions().users().ids();
        assertEquals(600, users.stream().filter(u -> Long.parseLong(u) % 5 == 0).count(), "new users");
        assertEquals(2_399, users.stream().filter(u -> Long.parseLong(u) % 5 != 0).count(), "existing users");
        Set<Long> hashes = new HashSet<>();
        split.data().catalogue().ids().forEach(i -> hashes.add(StableHash.fnv1a32(i)));
        assertEquals(3_000, hashes.size(), "no two item ids share an FNV-1a hash: the order never needs its tie rule");
    }

    @Test
    void theRealDataHasTheTrainingChecksums() {
        ProtocolSplit split = real();
        assertEquals(88_876, split.training().interactions().size());
        assertEquals(2_398, split.training().interactions().users().size());
        assertEquals(2_761, split.training().interactions().items().size());
        assertTrue(split.training().interactions().users().ids().stream().allMatch(u -> Long.parseLong(u) % 5 != 0));
    }

    @Test
    void theRealDataHasTheScenarioChecksums() {
        ProtocolSplit split = real();
        assertEquals(List.of("warm", "new-user-K5", "new-user-K10", "new-user-K20"),
                split.scenarios().stream().map(Scenario::name).toList());
        Scenario warm = split.scenario(Scenario.WARM).orElseThrow();
        assertEquals(2_399, warm.users().size());
        assertEquals(21_035, warm.queryCount());
        assertEquals(88_876, warm.users().stream().mapToInt(u -> u.support().size()).sum());
        for (int k : List.of(5, 10, 20)) {
            Scenario s = split.scenario(Scenario.newUser(k)).orElseThrow();
            assertEquals(526, s.users().size(), s.name());
            assertEquals(15_157, s.queryCount(), s.name());
            assertEquals(526 * k, s.users().stream().mapToInt(u -> u.support().size()).sum(), s.name());
            for (EvaluationUser u : s.users()) {
                assertEquals(3_000 - 20, u.candidates().size(), "every item but the first 20 of E_u");
            }
        }
        assertEquals(8_582, split.scenario(Scenario.newUser(10)).orElseThrow().users().stream()
                .flatMap(u -> u.query().stream()).filter(x -> x.value() >= 4).count(), "relevant query ratings");
    }

    @Test
    void theRealSplitEvaluatesNothingItTrainsOn() {
        ProtocolSplit split = real();
        Set<Interaction> training = new HashSet<>(split.training().interactions().stream().toList());
        Set<String> trainingUsers = new HashSet<>(split.training().interactions().users().ids());
        for (Scenario s : split.scenarios()) {
            for (EvaluationUser u : s.users()) {
                u.query().forEach(q -> assertFalse(training.contains(q), s.name() + " query " + q + " is trained on"));
                if (s.kind() == Scenario.Kind.NEW_USER) {
                    assertFalse(trainingUsers.contains(u.userId()), u.userId() + " is a training user");
                }
            }
        }
    }

    // ---- the rules on small data sets

    /** FNV-1a of "1".."10" ascending: the order of a user who rated items 1..10. */
    private static final List<String> ITEMS_1_TO_10 = List.of("10", "5", "4", "7", "6", "1", "3", "2", "9", "8");
    /** FNV-1a of "1".."25" ascending. */
    private static final List<String> ITEMS_1_TO_25 = List.of("18", "19", "14", "15", "16", "17", "10", "11", "12",
            "13", "5", "4", "7", "6", "1", "3", "2", "9", "8", "25", "24", "21", "20", "23", "22");

    /**
     * User 1 (existing) rates items 1..10, user 5 (new) items 1..25, user 10 (new) items 1..24,
     * each at timestamps that run against the hash order (which they must not change).
     */
    private static Dataset small() {
        Dataset.Builder b = Dataset.builder().ratings(new RatingScale(1, 5));
        IntStream.rangeClosed(1, 10).forEach(i -> b.addInteraction("1", Integer.toString(i), 1 + i % 5, 100 - i));
        IntStream.rangeClosed(1, 25).forEach(i -> b.addInteraction("5", Integer.toString(i), 1 + i % 5, 100 - i));
        IntStream.rangeClosed(1, 24).forEach(i -> b.addInteraction("10", Integer.toString(i), 3, i));
        return b.build();
    }

    @Test
    void theOrderIsTheFnv1aHashOfTheItemIdNotTime() {
        assertEquals(ColdStartProtocol.Order.ITEM_HASH, PROTOCOL.order());
        assertEquals(IdKey.INTEGER, PROTOCOL.idKey());
        assertFalse(PROTOCOL.hasNewItems());
        assertTrue(StableHash.fnv1a32("10") < StableHash.fnv1a32("5"));
        assertTrue(StableHash.fnv1a32("9") < StableHash.fnv1a32("8"));
        List<String> sorted = new ArrayList<>(ITEMS_1_TO_25);
        sorted.sort((a, c) -> Long.compare(StableHash.fnv1a32(a), StableHash.fnv1a32(c)));
        assertEquals(ITEMS_1_TO_25, sorted, "the lists above are in FNV-1a order");
        Interaction x = new Interaction("1", "5", 3, 77);
        assertEquals(StableHash.fnv1a32("5"), ColdStartProtocol.Order.ITEM_HASH.key(x));
        assertEquals(77, ColdStartProtocol.Order.TIMESTAMP.key(x));
    }

    @Test
    void warmHoldsOutTheLastFifthInHashOrder() {
        ProtocolSplit split = PROTOCOL.split(small());
        assertEquals(new HashSet<>(ITEMS_1_TO_10.subList(0, 8)),
                new HashSet<>(items(split.training().interactions().ofUser("1"))));
        assertEquals(8, split.training().interactions().size(), "only user 1 trains");
        EvaluationUser one = split.scenario(Scenario.WARM).orElseThrow().users().get(0);
        assertEquals(ITEMS_1_TO_10.subList(0, 8), items(one.support()));
        assertEquals(List.of("9", "8"), items(one.query()));
        assertEquals(25 - 8, one.candidates().size(), "every item is existing: the catalogue less T_u");
    }

    @Test
    void newUsersAdaptOnTheFirstKInHashOrderAndAreScoredFromThe21st() {
        ProtocolSplit split = PROTOCOL.split(small());
        assertEquals(List.of("warm", "new-user-K5", "new-user-K10", "new-user-K20"),
                split.scenarios().stream().map(Scenario::name).toList(), "no new items: no new-item scenarios");
        for (int k : List.of(5, 10, 20)) {
            Scenario s = split.scenario(Scenario.newUser(k)).orElseThrow();
            assertEquals(List.of("5"), s.users().stream().map(EvaluationUser::userId).toList(), "10 has 24 ratings");
            EvaluationUser five = s.users().get(0);
            assertEquals(ITEMS_1_TO_25.subList(0, k), items(five.support()));
            assertEquals(List.of("24", "21", "20", "23", "22"), items(five.query()));
            assertEquals(new HashSet<>(ITEMS_1_TO_25.subList(20, 25)), new HashSet<>(five.candidates()),
                    "the catalogue (items 1..25, multiples of 5 included) less the first 20");
        }
    }

    @Test
    void equalHashesAreOrderedByItemKeyThenId() {
        // FNV-1a("costarring") == FNV-1a("liquid"): under stable-hash keys the two keys tie too, so the id decides
        assertEquals(StableHash.fnv1a32("costarring"), StableHash.fnv1a32("liquid"));
        List<String> others = IntStream.rangeClosed(1, 23).mapToObj(i -> "i" + i).toList();
        Dataset.Builder b = Dataset.builder().ratings(new RatingScale(1, 5));
        b.addInteraction("ann", "liquid", 4, 0).addInteraction("ann", "costarring", 2, 0);
        others.forEach(i -> b.addInteraction("ann", i, 3, 0));
        IntStream.rangeClosed(1, 5).forEach(i -> b.addInteraction("bob", "i" + i, 3, 0));
        ProtocolSplit split = PROTOCOL.withIdKey(IdKey.STABLE_HASH).split(b.build());
        // ann is new (FNV-1a("ann") % 5 == 0), bob existing; the 25 items in (hash, key, id) order:
        List<String> order = List.of("i19", "i18", "i17", "i16", "i15", "i14", "i13", "i12", "i11", "i10",
                "costarring", "liquid", "i4", "i5", "i6", "i7", "i1", "i2", "i3", "i8", "i9", "i22", "i23", "i20", "i21");
        EvaluationUser ann = split.scenario(Scenario.newUser(20)).orElseThrow().users().get(0);
        assertEquals("ann", ann.userId());
        assertEquals(order.subList(0, 20), items(ann.support()));
        assertEquals(order.subList(20, 25), items(ann.query()));
    }

    @Test
    void theRankingTieBreakIsNotTheOrderHash() {
        // a constant scorer ranks by h(id) = id * 2654435761 mod 2^32, which does not follow FNV-1a's order
        ProtocolSplit split = PROTOCOL.split(small());
        List<String> ranked = split.ranking().top(ITEMS_1_TO_25, new double[25], 25);
        assertFalse(ranked.equals(ITEMS_1_TO_25));
        assertEquals(Ranking.hash(1), split.ranking().tieBreak("1"));
    }

    @Test
    void aDataSetTooSmallSaysSoNamingTheProtocolAndNoNewItems() {
        Dataset data = small();
        Dataset withoutUser5 = data.withInteractions(data.interactions().filter(x -> !x.userId().equals("5")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PROTOCOL.split(withoutUser5));
        assertTrue(e.getMessage().startsWith("the data set is too small for the CS-Douban protocol: its scenario "
                + "'new-user-K5' evaluates new users (user id % 5 == 0) with at least 25 ratings on existing items "
                + "(every item, none being new), and there is none; this data set has 1 existing and 1 new users; "
                + "the most ratings a new user has on existing items is 24. Use a larger data set"), e.getMessage());
    }

    private static List<String> items(List<Interaction> xs) {
        return xs.stream().map(Interaction::itemId).toList();
    }
}
