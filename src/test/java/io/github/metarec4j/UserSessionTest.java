package io.github.metarec4j;

import io.github.metarec4j.MetaRecommender.UserSession;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.model.ScorerConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Live sessions (issue 10, part 1): the window, the bytes, and the answers to bad input. */
class UserSessionTest extends TestBase {

    private static String newUser() {
        return Fixtures.newUsers().stream().filter(u -> Fixtures.history(u).size() >= 30).sorted().findFirst()
                .orElseThrow();
    }

    private static Features features() {
        return Fixtures.synthetic().userFeatures(newUser());
    }

    private static List<Interaction> history() {
        return Fixtures.history(newUser());
    }

    private static UserSession replay(UserSession s, List<Interaction> events) {
        for (Interaction x : events) {
            s = s.record(x.itemId(), x.value());
        }
        return s;
    }

    private static Set<String> ids(List<Recommendation> top) {
        return top.stream().map(Recommendation::itemId).collect(Collectors.toSet());
    }

    @Test
    void aSessionIsTheUserAdaptedOnTheirMostRecentWindow() {
        MetaRecommender rec = Fixtures.recommender();
        UserSession empty = rec.startSession(features(), 4);
        assertArrayEquals(rec.adapt(features()).adaptedParameters(), empty.user().adaptedParameters());
        UserSession s = replay(empty, history().subList(0, 7));
        // the last 4 ratings, adapted on from the meta-learned start exactly as adapt does
        List<Interaction> last4 = history().subList(3, 7);
        assertArrayEquals(rec.adapt(features(), last4).adaptedParameters(), s.user().adaptedParameters());
        assertEquals(last4.stream().map(Interaction::itemId).toList(),
                s.events().stream().map(UserSession.Event::itemId).toList());
        assertEquals(4, s.window());
        assertTrue(empty.events().isEmpty(), "record returns a new session and leaves this one as it was");
        // rating an item again replaces its earlier rating and makes it the most recent
        Interaction first = last4.get(0);
        UserSession again = s.record(first.itemId(), first.value() == 5 ? 1 : 5);
        assertEquals(4, again.events().size());
        assertEquals(first.itemId(), again.events().get(3).itemId());
        assertEquals(first.value() == 5 ? 1 : 5, again.events().get(3).value());
    }

    @Test
    void recommendationsFollowEveryRatingAndLeaveOutWhatTheUserSawOrSkipped() {
        MetaRecommender rec = Fixtures.recommender();
        UserSession s = rec.startSession(features());
        List<Recommendation> before = s.recommend(10);
        int changed = 0;
        for (Interaction x : history().subList(0, 5)) {
            s = s.record(x.itemId(), x.value());
            List<Recommendation> after = s.recommend(10);
            changed += after.equals(before) ? 0 : 1;
            before = after;
        }
        assertEquals(5, changed, "the top 10 changed after each of five ratings");
        String skipped = before.get(0).itemId();
        UserSession t = s.skip(skipped);
        assertFalse(ids(t.recommend(10)).contains(skipped), "a skipped item is left out");
        assertArrayEquals(s.user().adaptedParameters(), t.user().adaptedParameters(), "a skip is not adapted on");
        for (Interaction x : history().subList(0, 5)) {
            assertFalse(ids(t.recommend(50)).contains(x.itemId()), "a rated item is left out");
        }
        assertEquals(rec.predict(t.user(), "i1"), t.predict("i1"));
        // a skip, then a rating of the same item: the rating replaces it
        UserSession u = t.record(skipped, 4);
        assertEquals(UserSession.Kind.FEEDBACK, u.events().get(u.events().size() - 1).kind());
        assertEquals(6, u.events().size());
    }

    @Test
    void skipsHaveTheirOwnWindow() {
        MetaRecommender rec = Fixtures.recommender();
        UserSession s = replay(rec.startSession(features(), 2), history().subList(0, 2));
        for (String item : List.of("i1", "i2", "i3")) {
            s = s.skip(item);
        }
        assertEquals(List.of(history().get(0).itemId(), history().get(1).itemId(), "i2", "i3"),
                s.events().stream().map(UserSession.Event::itemId).toList(), "two ratings and the last two skips");
    }

    @Test
    void aStoredSessionResumesAsItWas() {
        MetaRecommender rec = Fixtures.recommender();
        UserSession s = replay(rec.startSession(features(), 6), history().subList(0, 9)).skip("i7");
        byte[] bytes = s.toBytes();
        UserSession back = rec.resumeSession(bytes);
        assertEquals(s.events(), back.events());
        assertEquals(6, back.window());
        assertArrayEquals(s.user().adaptedParameters(), back.user().adaptedParameters());
        assertEquals(s.recommend(10), back.recommend(10));
        assertArrayEquals(bytes, back.toBytes());
        Interaction next = history().get(9);
        assertArrayEquals(s.record(next.itemId(), next.value()).user().adaptedParameters(),
                back.record(next.itemId(), next.value()).user().adaptedParameters());
    }

    // ------------------------------------------------------------------ bad input: a test per message

    @Test
    void anUnknownItemIsRejectedInStrictModeAndTheSessionKeepsWhatItHad() {
        UserSession s = replay(Fixtures.recommender().startSession(features()), history().subList(0, 3));
        byte[] before = s.toBytes();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.record("nope", 4));
        assertTrue(e.getMessage().startsWith("support item 'nope' is neither in the catalogue nor described by "
                + "features"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.skip("nope"));
        assertTrue(e.getMessage().startsWith("item 'nope' is not in the catalogue"), e.getMessage());
        assertArrayEquals(before, s.toBytes(), "nothing recorded is lost");
        assertEquals(3, s.events().size());
    }

    @Test
    void aLenientSessionKeepsAnUnknownItemWithoutAdaptingOnIt() {
        MetaRecommender lenient = Fixtures.recommender().lenient();
        UserSession s = replay(lenient.startSession(features()), history().subList(0, 3));
        UserSession t = s.record("nope", 4);
        assertEquals(4, t.events().size());
        assertEquals(Set.of("nope"), t.user().skippedItems());
        assertArrayEquals(s.user().adaptedParameters(), t.user().adaptedParameters());
        // a strict recommender will not resume it
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fixtures.recommender().resumeSession(t.toBytes()));
        assertTrue(e.getMessage().startsWith("support item 'nope' is neither in the catalogue"), e.getMessage());
        assertEquals(4, lenient.resumeSession(t.toBytes()).events().size());
    }

    @Test
    void aRatingOffTheScaleIsRejected() {
        UserSession s = Fixtures.recommender().startSession(features());
        String item = history().get(0).itemId();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.record(item, 7));
        assertEquals("rating 7.0 for item '" + item + "' is outside the rating scale [1.0, 5.0] this model was "
                + "trained on; pass ratings on that scale", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.record(item, Double.NaN));
        assertEquals("the value recorded for item '" + item + "' is NaN, not a finite number; pass a rating on the "
                + "model's scale (or a positive strength for implicit feedback)", e.getMessage());
        assertTrue(s.events().isEmpty());
    }

    @Test
    void aClickOnARatingModelIsRejected() {
        UserSession s = Fixtures.recommender().startSession(features());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.click("i1"));
        assertEquals("a click is implicit feedback, and this model learned from ratings: record(\"i1\", rating) the "
                + "user's rating, or skip(\"i1\") an item they passed over", e.getMessage());
    }

    @Test
    void kOfZeroOrLessIsRejected() {
        UserSession s = Fixtures.recommender().startSession(features());
        for (int k : new int[]{0, -3}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.recommend(k));
            assertEquals("k must be positive (the number of items to recommend), got " + k, e.getMessage());
        }
    }

    @Test
    void aWindowOfZeroOrLessIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fixtures.recommender().startSession(features(), 0));
        assertEquals("window must be positive (how many of the most recent ratings or clicks a session adapts on), "
                + "got 0", e.getMessage());
    }

    @Test
    void aSessionOfAnotherModelIsRejected() {
        MetaRecommender other = MetaTrainer.builder().scorer(ScorerConfig.builder().towerSize(4)
                .hiddenLayers(4).itemIdEmbeddingSize(2).build()).training(MamlConfig.builder().epochs(1).build())
                .build().fit(Fixtures.training());
        byte[] foreign = other.startSession(Features.none()).record("i1", 4).toBytes();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fixtures.recommender().resumeSession(foreign));
        assertTrue(e.getMessage().startsWith("this UserSession was started with another model ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("start the session again with this recommender, or resume it with the "
                + "model that started it"), e.getMessage());
    }

    @Test
    void damagedSessionBytesAreRejected() {
        MetaRecommender rec = Fixtures.recommender();
        byte[] good = replay(rec.startSession(features()), history().subList(0, 4)).toBytes();
        for (int at = 0; at < good.length; at++) {
            byte[] bad = good.clone();
            bad[at] ^= 0x10;
            int position = at;
            assertThrows(IllegalArgumentException.class, () -> rec.resumeSession(bad), "byte " + position);
        }
        byte[] bad = good.clone();
        bad[good.length / 2] ^= 0x10;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rec.resumeSession(bad));
        assertEquals("this UserSession's checksum does not match its " + good.length + " bytes: they were damaged or "
                + "truncated in storage or transit; start the session again", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> rec.resumeSession(Arrays.copyOf(good, 5)));
        assertEquals("these 5 bytes are too few to be a UserSession (at least 12); pass what UserSession.toBytes() "
                + "produced", e.getMessage());
        byte[] model = rec.adapt(features()).toBytes();
        e = assertThrows(IllegalArgumentException.class, () -> rec.resumeSession(model));
        assertEquals("these bytes are not a UserSession (wrong magic number); pass what UserSession.toBytes() "
                + "produced", e.getMessage());
        byte[] newer = good.clone();
        newer[7] = 9;
        e = assertThrows(IllegalArgumentException.class, () -> rec.resumeSession(newer));
        assertEquals("UserSession format 9 is not supported; this version reads format 1 (with a checksum): start the "
                + "session again", e.getMessage());
    }

    @Test
    void sessionsOfManyUsersDiffer() {
        MetaRecommender rec = Fixtures.recommender();
        List<UserSession> sessions = new ArrayList<>();
        for (String u : Fixtures.newUsers().stream().sorted().limit(3).toList()) {
            sessions.add(replay(rec.startSession(Fixtures.synthetic().userFeatures(u)), Fixtures.history(u).subList(0, 5)));
        }
        assertNotEquals(sessions.get(0).recommend(10), sessions.get(1).recommend(10));
    }
}
