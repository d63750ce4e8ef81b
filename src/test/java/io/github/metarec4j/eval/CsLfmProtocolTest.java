package io.github.metarec4j.eval;

import io.github.metarec4j.TestBase;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.eval.ImplicitColdStartProtocol.NewUserCounts;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CS-LFM protocol: its rules on a small hand-made data set, and every checksum of
 * PROTOCOL-IMPLICIT.md on the real Last.fm data (skipped when it is absent).
 */
class CsLfmProtocolTest extends TestBase {

    private final ImplicitColdStartProtocol protocol = ImplicitColdStartProtocol.csLfm();

    @Test
    void theRealDataHasTheTrainingChecksums() {
        ProtocolSplit split = LastFmFixtures.split();
        assertEquals(1_512, split.training().interactions().users().size());
        assertEquals(74_261, split.training().interactions().size());
        assertEquals(15_354, split.training().interactions().items().size());
        assertEquals(15_354, split.training().catalogue().size(), "the training data's catalogue: training artists");
        assertTrue(split.training().interactions().users().ids().stream().allMatch(u -> Long.parseLong(u) % 5 != 0));
    }

    @Test
    void theRealDataHasTheNewUserChecksums() {
        Dataset data = LastFmFixtures.data();
        assertEquals(List.of(new NewUserCounts("new-user-K5", 5, 370, 1_850, 14_208, 0),
                        new NewUserCounts("new-user-K10", 10, 370, 3_700, 12_358, 2),
                        new NewUserCounts("new-user-K20", 20, 370, 7_343, 8_715, 9)),
                protocol.newUserCounts(data));
        ProtocolSplit split = LastFmFixtures.split();
        assertEquals(List.of("new-user-K5", "new-user-K10", "new-user-K20"),
                split.scenarios().stream().map(Scenario::name).toList());
        int[][] usersAndQuery = {{370, 14_208}, {368, 12_358}, {361, 8_715}};
        for (int s = 0; s < 3; s++) {
            Scenario scenario = split.scenarios().get(s);
            assertEquals(usersAndQuery[s][0], scenario.users().size(), scenario.name());
            assertEquals(usersAndQuery[s][1], scenario.queryCount(), scenario.name());
            int k = ImplicitColdStartProtocol.SUPPORT_SIZES.get(s);
            for (EvaluationUser u : scenario.users()) {
                assertEquals(k, u.support().size(), "a user with a query has a full support");
                assertEquals(15_354 - k, u.candidates().size(), "every training artist but the support");
            }
        }
    }

    @Test
    void theRealSplitEvaluatesNothingItTrainsOn() {
        ProtocolSplit split = LastFmFixtures.split();
        Set<String> trainingUsers = new HashSet<>(split.training().interactions().users().ids());
        Set<String> artists = new HashSet<>(split.training().interactions().items().ids());
        for (Scenario s : split.scenarios()) {
            for (EvaluationUser u : s.users()) {
                assertTrue(!trainingUsers.contains(u.userId()), u.userId() + " is a training user");
                Set<String> candidates = new HashSet<>(u.candidates());
                for (Interaction q : u.query()) {
                    assertTrue(artists.contains(q.itemId()) && candidates.contains(q.itemId()), s.name() + " " + q);
                }
                u.support().forEach(x -> assertTrue(!candidates.contains(x.itemId()), "support among candidates"));
            }
        }
    }

    @Test
    void stableHashKeysCutTheTrainingDataAgainIntoAValidationSplitOfTrainingUsers() {
        ProtocolSplit split = LastFmFixtures.split();
        ProtocolSplit validation = protocol.withIdKey(IdKey.STABLE_HASH).split(split.training());
        assertEquals(IdKey.STABLE_HASH, validation.idKey());
        assertEquals(1_198, validation.training().interactions().users().size());
        assertEquals(58_862, validation.training().interactions().size());
        Set<String> trainingUsers = new HashSet<>(split.training().interactions().users().ids());
        Set<String> validationTrainingUsers = new HashSet<>(validation.training().interactions().users().ids());
        int[][] usersAndQuery = {{307, 11_791}, {306, 10_256}, {303, 7_200}};
        for (int s = 0; s < 3; s++) {
            Scenario scenario = validation.scenarios().get(s);
            assertEquals(usersAndQuery[s][0], scenario.users().size(), scenario.name());
            assertEquals(usersAndQuery[s][1], scenario.queryCount(), scenario.name());
            for (EvaluationUser u : scenario.users()) {
                assertTrue(trainingUsers.contains(u.userId()), u.userId() + " is not a training user");
                assertTrue(!validationTrainingUsers.contains(u.userId()), u.userId() + " trains the validation model");
                assertEquals(0, IdKey.STABLE_HASH.of(u.userId(), "user") % 5, u.userId());
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> protocol.withIdKey(null));
        assertEquals("idKey must not be null", e.getMessage());
    }

    /**
     * Users (artists 1..40, play counts = artist * 10): 1 and 2 train; 5 is new with 30 artists,
     * 31..35 of which no training user has; 10 is new with 29 (too few); 15 is new with 31
     * artists, only 6 of which are training artists.
     */
    private static Dataset small() {
        Dataset.Builder b = Dataset.builder().implicitFeedback();
        IntStream.rangeClosed(1, 20).forEach(i -> b.addInteraction("1", Integer.toString(i), i * 10, 0));
        IntStream.rangeClosed(21, 30).forEach(i -> b.addInteraction("2", Integer.toString(i), i * 10, 0));
        IntStream.rangeClosed(1, 2).forEach(i -> b.addInteraction("2", Integer.toString(i), i * 10, 0));
        IntStream.rangeClosed(6, 35).forEach(i -> b.addInteraction("5", Integer.toString(i), i * 10, 0));
        IntStream.rangeClosed(1, 29).forEach(i -> b.addInteraction("10", Integer.toString(i), i * 10, 0));
        IntStream.rangeClosed(1, 6).forEach(i -> b.addInteraction("15", Integer.toString(i), i * 10, 0));
        IntStream.rangeClosed(100, 124).forEach(i -> b.addInteraction("15", Integer.toString(i), 1, 0));
        return b.build();
    }

    @Test
    void supportAndQueryFollowTheHashOrderOfTrainingArtists() {
        ProtocolSplit split = protocol.split(small());
        assertEquals(32, split.training().interactions().size());
        List<String> trainingArtists = IntStream.rangeClosed(1, 30).mapToObj(Integer::toString).toList();
        assertEquals(new HashSet<>(trainingArtists), new HashSet<>(split.training().catalogue().ids()));

        // user 5's training artists 6..30 in h order; 31..35 are dropped
        List<String> ordered = new ArrayList<>(IntStream.rangeClosed(6, 30).mapToObj(Integer::toString).toList());
        ordered.sort((a, c) -> Long.compare(Ranking.hash(Long.parseLong(a)), Ranking.hash(Long.parseLong(c))));
        EvaluationUser k5 = split.scenario("new-user-K5").orElseThrow().users().get(0);
        assertEquals("5", k5.userId());
        assertEquals(ordered.subList(0, 5), k5.support().stream().map(Interaction::itemId).toList());
        assertEquals(ordered.subList(5, 25), k5.queryItems());
        assertEquals(Integer.parseInt(ordered.get(0)) * 10, k5.support().get(0).value(), "play counts are kept");
        assertEquals(trainingArtists.size() - 5, k5.candidates().size());
        assertTrue(k5.candidates().containsAll(k5.queryItems()));

        // user 10 has too few artists; user 15 has 6 training artists: a query of 1 at K = 5, none after
        assertEquals(List.of("5", "15"), split.scenario("new-user-K5").orElseThrow().users().stream()
                .map(EvaluationUser::userId).toList());
        assertEquals(List.of("5"), split.scenario("new-user-K10").orElseThrow().users().stream()
                .map(EvaluationUser::userId).toList());
        assertEquals(List.of(new NewUserCounts("new-user-K5", 5, 2, 10, 21, 0),
                new NewUserCounts("new-user-K10", 10, 2, 16, 15, 1),
                new NewUserCounts("new-user-K20", 20, 2, 26, 5, 1)), protocol.newUserCounts(small()));
    }

    @Test
    void tiesInTheHashAreImpossibleAndTheOrderIsTheRankingsTieBreak() {
        // the order of a new user's artists is the ranking's order of equal scores
        ProtocolSplit split = protocol.split(small());
        EvaluationUser u = split.scenario("new-user-K5").orElseThrow().users().get(0);
        List<String> all = new ArrayList<>(u.support().stream().map(Interaction::itemId).toList());
        all.addAll(u.queryItems());
        assertEquals(all, split.ranking().top(all, new double[all.size()], all.size()));
    }

    @Test
    void aDataSetWithoutNewUsersIsTooSmall() {
        Dataset.Builder b = Dataset.builder().implicitFeedback();
        IntStream.rangeClosed(1, 40).forEach(i -> b.addInteraction("1", Integer.toString(i), 1, 0));
        IntStream.rangeClosed(1, 20).forEach(i -> b.addInteraction("5", Integer.toString(i), 1, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> protocol.split(b.build()));
        assertTrue(e.getMessage().startsWith("the data set is too small for the CS-LFM protocol: its scenario "
                + "'new-user-K5' evaluates new users (user id % 5 == 0 with at least 30 items)"), e.getMessage());
        assertTrue(e.getMessage().contains("1 training users (user id % 5 != 0) and 1 users whose id is a multiple "
                + "of 5, the most items of whom is 20; 0 new users"), e.getMessage());
    }

    @Test
    void idsMustBeWholeNumbers() {
        Dataset data = Dataset.builder().implicitFeedback().addInteraction("alice", "1", 1, 0).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> protocol.split(data));
        assertTrue(e.getMessage().contains("user 'alice' is not a whole number"), e.getMessage());
    }
}
