package io.github.metarec4j;

import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.internal.util.Crc32Trailer;
import io.github.metarec4j.meta.Provenance;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The serving shapes: the request type, batch scoring, many users, lenient ids, anonymous users, new items. */
class ServingApiTest {

    private static String newUser() {
        return Fixtures.newUsers().stream().filter(u -> Fixtures.history(u).size() >= 30).sorted().findFirst()
                .orElseThrow();
    }

    private static List<Interaction> support() {
        return Fixtures.history(newUser()).subList(0, 10);
    }

    private static UserModel user() {
        return Fixtures.recommender().adapt(Fixtures.synthetic().userFeatures(newUser()), support());
    }

    private static List<String> ids(List<Recommendation> list) {
        return list.stream().map(Recommendation::itemId).toList();
    }

    @Test
    void theRequestLeavesOutSupportExclusionsAndFilteredItemsAndRescores() {
        MetaRecommender rec = Fixtures.recommender();
        UserModel user = user();
        List<String> plain = ids(rec.recommend(user, 10));
        assertEquals(plain, ids(rec.recommend(user, RecommendRequest.of(10))));
        plain.forEach(id -> assertFalse(user.supportItems().contains(id)));

        // exclusions and a filter
        Set<String> excluded = Set.of(plain.get(0), plain.get(1), "not-an-item");
        List<String> filtered = ids(rec.recommend(user, RecommendRequest.top(10).exclude(excluded)
                .filter(id -> !id.equals(plain.get(2))).build()));
        assertEquals(plain.subList(3, 10), filtered.subList(0, 7));
        assertEquals(10, filtered.size());

        // a rescorer that promotes the 10th item to the top and drops the first (NaN)
        List<Recommendation> rescored = rec.recommend(user, RecommendRequest.top(3)
                .rescorer((id, score) -> id.equals(plain.get(0)) ? Double.NaN : id.equals(plain.get(9)) ? score + 100 : score)
                .build());
        assertEquals(List.of(plain.get(9), plain.get(1), plain.get(2)), ids(rescored));
        double raw = rec.scores(user, List.of(plain.get(9)))[0];
        assertEquals(raw + 100, rescored.get(0).score(), 1e-3, "the rescored score is returned");

        // the support is left out by default, with candidates too, unless asked for
        List<String> supportIds = List.copyOf(user.supportItems());
        assertEquals(List.of(), rec.recommend(user, RecommendRequest.top(5).candidates(supportIds).build()));
        assertEquals(5, rec.recommend(user, RecommendRequest.top(5).candidates(supportIds).includeSupportItems()
                .build()).size());
    }

    @Test
    void scoresAndBatchPredictionsAreWhatTheSingleCallsGive() {
        MetaRecommender rec = Fixtures.recommender();
        UserModel user = user();
        List<Recommendation> top = rec.recommend(user, 5);
        List<String> items = ids(top);
        double[] scores = rec.scores(user, items);
        double[] predictions = rec.predict(user, items);
        for (int i = 0; i < items.size(); i++) {
            assertEquals(top.get(i).score(), scores[i], 1e-4, "recommend ranks by scores");
            assertEquals(rec.predict(user, items.get(i)), predictions[i], 0);
            assertTrue(predictions[i] >= 1 && predictions[i] <= 5, "predict is a rating on the scale");
        }
        assertNotEquals(scores[0], predictions[0], "scores are raw ranking scores, not ratings");
        assertArrayEquals(new double[0], rec.scores(user, List.of()));
    }

    @Test
    void recommendingForManyUsersGivesEachUsersList() {
        MetaRecommender rec = Fixtures.recommender();
        List<UserModel> users = new ArrayList<>();
        Fixtures.newUsers().stream().sorted().limit(4).forEach(u ->
                users.add(rec.adapt(Fixtures.synthetic().userFeatures(u), Fixtures.history(u).subList(0, 5))));
        RecommendRequest request = RecommendRequest.top(7).exclude(List.of("i1")).build();
        List<List<Recommendation>> all = rec.recommend(users, request);
        assertEquals(4, all.size());
        for (int u = 0; u < users.size(); u++) {
            assertEquals(rec.recommend(users.get(u), request), all.get(u));
        }
        List<UserModel> withNull = new ArrayList<>(users);
        withNull.add(1, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rec.recommend(withNull, request));
        assertEquals("users hold null at position 1; pass adapted users only", e.getMessage());
    }

    @Test
    void anAnonymousUserIsAdaptedFromFeedbackByItemId() {
        MetaRecommender rec = Fixtures.recommender();
        Map<String, Double> feedback = new LinkedHashMap<>();
        support().forEach(x -> feedback.put(x.itemId(), x.value()));
        Features features = Fixtures.synthetic().userFeatures(newUser());
        UserModel anonymous = rec.adapt(features, feedback);
        assertArrayEquals(user().adaptedParameters(), anonymous.adaptedParameters(), "no user id is needed");
        assertEquals(user(), anonymous, "the same user model: adapt is deterministic and equality is by value");
        assertEquals(feedback.keySet(), anonymous.supportItems());
        // integer ratings are numbers too
        Map<String, Integer> stars = Map.of("i1", 5, "i2", 1);
        assertEquals(Set.of("i1", "i2"), rec.adapt(features, stars).supportItems());

        Map<String, Double> nullValue = new HashMap<>();
        nullValue.put("i1", null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rec.adapt(features, nullValue));
        assertEquals("feedback for item 'i1' is null; pass a rating (or 1 for implicit feedback)", e.getMessage());
        Map<String, Double> nullId = new HashMap<>();
        nullId.put(null, 3.0);
        e = assertThrows(IllegalArgumentException.class, () -> rec.adapt(features, nullId));
        assertEquals("feedback holds a null item id; pass item ids only", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> rec.adapt(features, Map.of("i1", 9)));
        assertTrue(e.getMessage().startsWith("rating 9.0 for item 'i1' is outside the rating scale"), e.getMessage());
    }

    @Test
    void strictModeRejectsUnknownIdsAndLenientModeSkipsAndCountsThem() {
        MetaRecommender strict = Fixtures.recommender();
        MetaRecommender lenient = strict.lenient();
        assertFalse(strict.isLenient());
        assertTrue(lenient.isLenient());
        assertSame(lenient, lenient.lenient());
        assertFalse(lenient.strict().isLenient());
        Features features = Fixtures.synthetic().userFeatures(newUser());
        List<Interaction> support = new ArrayList<>(support());
        String who = support.get(0).userId();
        support.add(3, Interaction.of(who, "gone", 4));
        support.add(Interaction.of(who, "also-gone", 2));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> strict.adapt(features, support));
        assertEquals("support item 'gone' is neither in the catalogue nor described by features: add it first with "
                + "withItems(Map.of(\"gone\", features)), leave it out, or use a lenient() recommender, which skips "
                + "unknown items", e.getMessage());

        UserModel user = lenient.adapt(features, support);
        assertEquals(Set.of("gone", "also-gone"), user.skippedItems());
        assertEquals(Set.of("gone", "also-gone"), UserModel.fromBytes(user.toBytes()).skippedItems());
        assertArrayEquals(user().adaptedParameters(), user.adaptedParameters(), "the unknown items are ignored");
        assertEquals(Set.of(), user().skippedItems());

        // scores and predictions: NaN for an unknown item when lenient, an error when strict
        double[] scores = lenient.scores(user, List.of("i1", "gone", "i2"));
        assertTrue(Double.isNaN(scores[1]));
        assertArrayEquals(strict.scores(user, List.of("i1", "i2")), new double[]{scores[0], scores[2]}, 0);
        assertTrue(Double.isNaN(lenient.predict(user, List.of("gone"))[0]));
        e = assertThrows(IllegalArgumentException.class, () -> strict.scores(user, List.of("i1", "gone")));
        assertEquals("item 'gone' is not in the catalogue; add new items with withItems(Map.of(\"gone\", features)) "
                + "before scoring them, or use a lenient() recommender, which skips unknown items", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> strict.predict(user, List.of("gone")));
        assertThrows(IllegalArgumentException.class, () -> lenient.predict(user, "gone"), "one item: no NaN to give");

        // candidates: skipped when lenient
        RecommendRequest request = RecommendRequest.top(5).candidates(List.of("gone", "i1", "i2")).build();
        assertEquals(Set.of("i1", "i2"), Set.copyOf(ids(lenient.recommend(user, request))));
        assertThrows(IllegalArgumentException.class, () -> strict.recommend(user, request));
    }

    /**
     * Format 2 (0.2 snapshots before lenient mode) had no skipped items: a user model with none is
     * still written in it, and format-2 bytes load; one with skipped items is format 3.
     */
    @Test
    void userModelBytesOfFormat2StillLoadAndAreWrittenWhenNothingWasSkipped() {
        UserModel user = user();
        byte[] two = user.toBytes();
        assertEquals(2, java.nio.ByteBuffer.wrap(two).getInt(4));
        UserModel back = UserModel.fromBytes(two);
        assertEquals(user, back);
        assertEquals(user.hashCode(), back.hashCode());
        assertEquals(Set.of(), back.skippedItems());
        // format 3 is format 2 plus the skipped items before the checksum
        UserModel skipping = Fixtures.recommender().lenient().adapt(Fixtures.synthetic().userFeatures(newUser()),
                Map.of("i1", 4.0, "gone", 5.0));
        byte[] three = skipping.toBytes();
        assertEquals(3, java.nio.ByteBuffer.wrap(three).getInt(4));
        assertEquals(skipping, UserModel.fromBytes(three));
        assertNotEquals(skipping, user);
        assertTrue(Crc32Trailer.matches(three));
    }

    @Test
    void batchCallsRefuseNullsWithMessages() {
        MetaRecommender rec = Fixtures.recommender();
        UserModel user = user();
        List<String> withNull = new ArrayList<>(List.of("i1"));
        withNull.add(null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rec.scores(user, withNull));
        assertEquals("items hold a null id at position 1; pass item ids only", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> rec.predict(user, withNull));
        assertEquals("items hold a null id at position 1; pass item ids only", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> rec.scores(user, null));
        assertEquals("items must not be null", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> rec.scores(null, List.of("i1")));
        assertEquals("user must not be null", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> rec.recommend((List<UserModel>) null, RecommendRequest.of(3)));
        assertEquals("users must not be null", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> rec.recommend(List.of(user), null));
        assertEquals("request must not be null", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> rec.knows(null));
        assertEquals("itemId must not be null", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> rec.adapt(Features.none(), (Map<String, Double>) null));
        assertEquals("feedback must not be null", e.getMessage());
    }

    @Test
    void requestsRefuseBadInputWithMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecommendRequest.top(0));
        assertEquals("k must be positive (the number of items to recommend), got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RecommendRequest.of(-3));
        assertEquals("k must be positive (the number of items to recommend), got -3", e.getMessage());
        List<String> withNull = new ArrayList<>(List.of("a", "b"));
        withNull.add(null);
        e = assertThrows(IllegalArgumentException.class, () -> RecommendRequest.top(3).candidates(withNull));
        assertEquals("candidates hold a null item id at position 2; pass item ids only", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RecommendRequest.top(3).exclude(withNull));
        assertEquals("exclusions hold a null item id at position 2; pass item ids only", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RecommendRequest.top(3).candidates(List.of("a")).candidates(List.of("b")));
        assertEquals("candidates were already set; pass them all in one call", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RecommendRequest.top(3).filter(id -> true).filter(id -> true));
        assertEquals("a filter was already set; combine the two with first.and(second) and pass that", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RecommendRequest.top(3).rescorer((id, s) -> s).rescorer((id, s) -> s));
        assertEquals("a rescorer was already set; compose the two in one rescorer and pass that", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RecommendRequest.top(3).filter(null));
        assertEquals("filter must not be null", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Fixtures.recommender().recommend(user(), (RecommendRequest) null));
        assertEquals("request must not be null", e.getMessage());
        assertEquals("RecommendRequest[k=3, 1 candidates, 1 exclusions, filtered, rescored, support included]",
                RecommendRequest.top(3).candidates(List.of("a")).exclude(List.of("b")).filter(id -> true)
                        .rescorer((id, s) -> s).includeSupportItems().build().toString());
    }

    /** Issue 9: an item in the training data's item features with no interaction, and one added by withItems, agree. */
    @Test
    void anAttributeFileItemWithoutInteractionsScoresAsTheSameItemAddedLater() {
        Dataset tiny = Fixtures.tiny();
        String model = tiny.interactions().items().id(0);
        Features features = tiny.itemFeatures(model);
        Dataset.Builder b = Dataset.builder().ratings(tiny.ratingScale().orElseThrow()).userSchema(tiny.userSchema())
                .itemSchema(tiny.itemSchema()).interactions(tiny.interactions());
        tiny.userFeatures().forEach(b::addUser);
        tiny.itemFeatures().forEach(b::addItem);
        b.addItem("in-the-file", features);
        MetaRecommender rec = MetaTrainer.builder().scorer(Fixtures.quickScorer())
                .training(Fixtures.quickTraining().build()).build().fit(b.build());
        assertTrue(rec.knows("in-the-file"));
        MetaRecommender later = rec.withItems(Map.of("added-later", features));
        String u = tiny.interactions().users().id(0);
        UserModel user = later.adapt(tiny.userFeatures(u), tiny.interactions().ofUser(u).subList(0, 5));
        double[] scores = later.scores(user, List.of("in-the-file", "added-later", model));
        double[] ratings = later.predict(user, List.of("in-the-file", "added-later"));
        assertEquals(scores[0], scores[1], 1e-6, "one route for new items");
        assertEquals(ratings[0], ratings[1], 1e-6);
        assertNotEquals(scores[0], scores[2], "the trained item has its ID embedding");
    }

    @Test
    void theModelCarriesItsProvenanceAndTrainingStatistics() {
        Provenance p = Fixtures.recommender().provenance();
        assertEquals("first-order MAML", p.algorithm());
        assertEquals("plain-Java kernel", p.engine());
        assertTrue(p.threads() >= 1);
        assertEquals(6, p.epochsRun());
        assertTrue(p.bestEpoch() >= 1 && p.bestEpoch() <= 6);
        assertTrue(Double.isFinite(p.bestValidationScore()));
        assertTrue(p.trainingSeconds() > 0 && p.trainingTime().toNanos() > 0);
        assertEquals(System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                p.javaVersion());
        assertEquals(System.getProperty("os.arch"), p.architecture());
        assertTrue(p.os().startsWith(System.getProperty("os.name")));
        MetaRecommender supervised = MetaTrainer.builder().algorithm(MetaTrainer.Algorithm.SUPERVISED)
                .scorer(Fixtures.quickScorer()).training(Fixtures.quickTraining().build()).build().fit(Fixtures.tiny());
        assertEquals("supervised", supervised.provenance().algorithm());
    }
}
