package io.github.metarec4j;

import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.DuplicatePolicy;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.data.RatingScale;
import io.github.metarec4j.data.SyntheticData;
import io.github.metarec4j.internal.meta.MetaModel;
import io.github.metarec4j.internal.model.ParameterLayout;
import io.github.metarec4j.internal.util.StableHash;
import io.github.metarec4j.meta.Checkpoints;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.model.Objective;
import io.github.metarec4j.model.ScorerConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The facade's behaviour, and its answers to bad input. */
class MetaRecommenderTest extends TestBase {

    private static String newUser() {
        return Fixtures.newUsers().stream().filter(u -> Fixtures.history(u).size() >= 30).sorted().findFirst()
                .orElseThrow();
    }

    private static UserModel adaptedNewUser() {
        String u = newUser();
        return Fixtures.recommender().adapt(Fixtures.synthetic().userFeatures(u), Fixtures.history(u).subList(0, 10));
    }

    @Test
    void recommendLeavesOutTheSupportItemsAndSortsByScore() {
        MetaRecommender rec = Fixtures.recommender();
        UserModel user = adaptedNewUser();
        List<Recommendation> top = rec.recommend(user, 10);
        assertEquals(10, top.size());
        for (int i = 1; i < top.size(); i++) {
            assertTrue(top.get(i - 1).score() >= top.get(i).score(), "sorted by score: " + top);
        }
        for (Recommendation r : top) {
            assertFalse(user.supportItems().contains(r.itemId()), r.itemId() + " is in the support set");
            double p = rec.predict(user, r.itemId());
            assertTrue(p >= 1 && p <= 5, "predict is a rating on the scale: " + p);
        }
        // with both heads the score is the engagement head's output plus the weighted predicted rating
        double weight = rec.scorerConfig().rankingRatingWeight();
        int engagement = rec.model().objective().engagementHead();
        for (Recommendation r : top) {
            int item = rec.model().catalogue().ids().indexOf(r.itemId()).orElseThrow();
            float[] y = rec.model().outputs(user.userInput(), user.adapted(), new int[]{item})[0];
            assertEquals(y[engagement] + weight * rec.predict(user, r.itemId()), r.score(), 1e-4, r.itemId());
        }
        // the whole catalogue minus the support when k is large
        assertEquals(rec.catalogue().size() - user.supportItems().size(), rec.recommend(user, 100_000).size());
    }

    @Test
    void recommendFromExplicitCandidates() {
        MetaRecommender rec = Fixtures.recommender();
        UserModel user = adaptedNewUser();
        List<String> candidates = List.of("i1", "i2", "i3", "i2");
        List<Recommendation> top = rec.recommend(user, RecommendRequest.top(2).candidates(candidates).includeSupportItems().build());
        assertEquals(2, top.size());
        Set<String> allowed = Set.of("i1", "i2", "i3");
        top.forEach(r -> assertTrue(allowed.contains(r.itemId())));
        List<Recommendation> all = rec.recommend(user, RecommendRequest.top(10).candidates(candidates).includeSupportItems().build());
        assertEquals(3, all.size(), "duplicates are scored once");
        assertEquals(top, all.subList(0, 2));
    }

    @Test
    void adaptationChangesPredictionsAndIsDeterministic() {
        MetaRecommender rec = Fixtures.recommender();
        String u = newUser();
        Features features = Fixtures.synthetic().userFeatures(u);
        UserModel cold = rec.adapt(features);
        UserModel warm = rec.adapt(features, Fixtures.history(u).subList(0, 10));
        assertTrue(cold.supportItems().isEmpty());
        assertNotEquals(rec.predict(cold, "i5"), rec.predict(warm, "i5"));
        assertArrayEquals(warm.adaptedParameters(),
                rec.adapt(features, Fixtures.history(u).subList(0, 10)).adaptedParameters());
        // a user with no features and no history gets the meta-learned starting point
        assertEquals(rec.catalogue().size(), rec.recommend(rec.adapt(Features.none()), 1_000_000).size());
    }

    @Test
    void implicitFeedbackTrainsAnEngagementModelWhosePredictionsOrderItemsAsRecommendDoes() {
        Dataset implicit = SyntheticData.builder().users(200).items(120).seed(5).implicit().build().generate();
        MetaRecommender rec = MetaTrainer.builder().scorer(Fixtures.smallScorer())
                .training(MamlConfig.builder().epochs(2).seed(1).build()).build().fit(implicit);
        assertEquals(Objective.ENGAGEMENT, rec.model().objective());
        String u = implicit.interactions().users().id(0);
        UserModel user = rec.adapt(implicit.userFeatures(u), implicit.interactions().ofUser(u));
        List<Recommendation> top = rec.recommend(user, 5);
        double previous = Double.POSITIVE_INFINITY;
        for (Recommendation r : top) {
            double p = rec.predict(user, r.itemId());
            assertTrue(p > 0 && p < 1, "a score in (0, 1): " + p);
            assertTrue(p <= previous, "predict orders items as recommend does: " + top);
            previous = p;
        }
    }

    @Test
    void newItemsAreScoredFromTheirFeaturesAlone() {
        MetaRecommender rec = Fixtures.recommender();
        Features genres = Features.builder().put("genres", List.of("g1+", "g2-")).put("era", "1990s")
                .put("popularity", 0.5).build();
        MetaRecommender bigger = rec.withItems(Map.of("brand-new", genres));
        assertEquals(rec.catalogue().size() + 1, bigger.catalogue().size());
        assertFalse(rec.catalogue().contains("brand-new"), "withItems leaves the original as it was");
        UserModel user = adaptedNewUser();
        double p = bigger.predict(user, "brand-new");
        assertTrue(p >= 1 && p <= 5, "a rating on the scale: " + p);
        // a user model stays valid: the weights did not change
        assertEquals(rec.predict(user, "i7"), bigger.predict(user, "i7"), 1e-6);
        // a new item can now be in a support set
        UserModel withNew = bigger.adapt(Features.none(), List.of(Interaction.of("x", "brand-new", 5)));
        assertTrue(withNew.supportItems().contains("brand-new"));
    }

    @Test
    void tiedItemsAreOrderedByTheHashOfTheirIdsNotByCataloguePosition() {
        // two new items with the same features and no ID row score exactly alike; "x1" joins the
        // catalogue before "x2", and sorts before it, but FNV-1a("x2") = 258149615 < FNV-1a("x1") = 274927234
        Features same = Features.builder().put("genres", List.of("g1+")).put("era", "1990s").put("popularity", 0.5)
                .build();
        MetaRecommender rec = Fixtures.recommender().withItems(Map.of("x1", same)).withItems(Map.of("x2", same));
        assertTrue(rec.catalogue().indexOf("x1") < rec.catalogue().indexOf("x2"));
        assertEquals(258_149_615L, StableHash.fnv1a32("x2"));
        assertEquals(274_927_234L, StableHash.fnv1a32("x1"));
        UserModel user = adaptedNewUser();
        assertEquals(rec.predict(user, "x1"), rec.predict(user, "x2"), 0, "a tie");
        List<Recommendation> two = rec.recommend(user, RecommendRequest.top(2).candidates(List.of("x1", "x2")).includeSupportItems().build());
        assertEquals(List.of("x2", "x1"), two.stream().map(Recommendation::itemId).toList());
        List<String> all = rec.recommend(user, rec.catalogue().size()).stream().map(Recommendation::itemId).toList();
        assertEquals(all.indexOf("x2") + 1, all.indexOf("x1"), "over the whole catalogue too: " + all);
    }

    @Test
    void userModelsRoundTripThroughBytes() {
        MetaRecommender rec = Fixtures.recommender();
        UserModel user = adaptedNewUser();
        UserModel copy = UserModel.fromBytes(user.toBytes());
        assertEquals(rec.recommend(user, 10), rec.recommend(copy, 10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UserModel.fromBytes(new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}));
        assertTrue(e.getMessage().contains("not a UserModel"), e.getMessage());
    }

    /** Issue 12, finding 6: 203 of 500 single-byte flips loaded and changed the recommendations. */
    @Test
    void everyDamagedByteOfAUserModelIsNoticed() {
        byte[] good = adaptedNewUser().toBytes();
        for (int at = 0; at < good.length; at++) {
            for (int flip : new int[]{0x01, 0x80, 0xFF}) {
                byte[] bad = good.clone();
                bad[at] ^= (byte) flip;
                int position = at;
                assertThrows(IllegalArgumentException.class, () -> UserModel.fromBytes(bad),
                        "byte " + position + " flipped by " + flip);
            }
        }
        byte[] bad = good.clone();
        bad[good.length / 2] ^= 0x10;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UserModel.fromBytes(bad));
        assertEquals("this UserModel's checksum does not match its " + good.length + " bytes: they were damaged or "
                + "truncated in storage or transit; adapt the user again", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> UserModel.fromBytes(java.util.Arrays.copyOf(good, good.length - 7)));
        assertTrue(e.getMessage().startsWith("this UserModel's checksum does not match"), e.getMessage());
    }

    /** Round trip of random user models (fixed seed): fromBytes(toBytes(u)) holds the same values. */
    @Test
    void randomUserModelsRoundTripThroughBytes() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(6);
        for (int sample = 0; sample < 300; sample++) {
            float[] input = new float[random.nextInt(40)];
            float[] adapted = new float[random.nextInt(200)];
            for (float[] values : new float[][]{input, adapted}) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) ((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(60) - 30));
                }
            }
            Set<String> items = new java.util.LinkedHashSet<>();
            for (int i = random.nextInt(30); i > 0; i--) {
                items.add("item-" + random.nextInt(1000) + "-é");
            }
            UserModel user = new UserModel("model" + sample, input, adapted, items,
                    sample % 2 == 0 ? Set.of() : Set.of("gone-" + sample));
            UserModel back = UserModel.fromBytes(user.toBytes());
            assertEquals(user.modelId(), back.modelId());
            assertArrayEquals(input, back.userInput());
            assertArrayEquals(adapted, back.adaptedParameters());
            assertEquals(List.copyOf(items), List.copyOf(back.supportItems()));
            assertEquals(user.skippedItems(), back.skippedItems());
        }
    }

    /** Issue 12, finding 6: forged NaN weights were accepted. */
    @Test
    void aUserModelWithForgedNonFiniteValuesIsRefused() {
        UserModel user = adaptedNewUser();
        float[] forged = user.adaptedParameters();
        forged[2] = Float.NaN;
        byte[] bytes = new UserModel(user.modelId(), user.userInput(), forged, user.supportItems(), Set.of()).toBytes();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UserModel.fromBytes(bytes));
        assertEquals("this UserModel's adapted value 2 is NaN, not a finite number; adapt the user again",
                e.getMessage());
    }

    /** Issue 12, lesser: empty bytes gave a message ending in ": null". */
    @Test
    void tooFewBytesSayHowManyThereAre() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UserModel.fromBytes(new byte[0]));
        assertEquals("these 0 bytes are too few to be a UserModel (at least 12); pass what UserModel.toBytes() "
                + "produced", e.getMessage());
        byte[] formatOne = java.nio.ByteBuffer.allocate(16).putInt(0x4D52554D).putInt(1).array();
        e = assertThrows(IllegalArgumentException.class, () -> UserModel.fromBytes(formatOne));
        assertEquals("UserModel format 1 is not supported; this version reads formats 2 and 3 (with a "
                + "checksum): adapt the user again", e.getMessage());
    }

    // ------------------------------------------------------------------ bad input

    /** Issue 12, finding 10: a rating the dataset accepts (5.0000001, stored as 5) is accepted by adapt too. */
    @Test
    void adaptAcceptsWhatTheDatasetAccepts() {
        MetaRecommender rec = Fixtures.recommender();
        assertArrayEquals(rec.adapt(Features.none(), List.of(Interaction.of("u", "i1", 5))).adaptedParameters(),
                rec.adapt(Features.none(), List.of(Interaction.of("u", "i1", 5.0000001))).adaptedParameters());
        assertThrows(IllegalArgumentException.class,
                () -> rec.adapt(Features.none(), List.of(Interaction.of("u", "i1", 5.001))));
    }

    /** Issue 12, finding 9: the facade's messages quote ids shortened too. */
    @Test
    void hugeIdsAreShownShortened() {
        MetaRecommender rec = Fixtures.recommender();
        String huge = "i".repeat(1_000_000);
        UserModel user = adaptedNewUser();
        for (org.junit.jupiter.api.function.Executable call : List.<org.junit.jupiter.api.function.Executable>of(
                () -> rec.predict(user, huge),
                () -> rec.recommend(user, RecommendRequest.top(3).candidates(List.of(huge)).includeSupportItems().build()),
                () -> rec.adapt(Features.none(), List.of(Interaction.of("u", huge, 4))),
                () -> rec.adapt(Features.none(), List.of(Interaction.of("u", "i1", 4), Interaction.of(huge, "i2", 4))),
                () -> rec.adapt(Features.builder().put(huge, 1).build()),
                () -> rec.withItems(Map.of("i1", Features.none())))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
            assertTrue(e.getMessage().length() < 600, e.getMessage().length() + " characters: "
                    + e.getMessage().substring(0, Math.min(300, e.getMessage().length())));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rec.predict(user, huge));
        assertEquals("item '" + "i".repeat(60) + "... (1000000 characters)' is not in the catalogue; add new items "
                + "with withItems(Map.of(\"" + "i".repeat(60) + "... (1000000 characters)\", features)) before "
                + "scoring them, or use a lenient() recommender, which skips unknown items", e.getMessage());
    }

    /** Issue 12, finding 7: support {50: 5, 50: 1} silently acted as {50: 3}. */
    @Test
    void anItemTwiceInTheSupportIsRefusedOrMergedAsAsked() {
        MetaRecommender rec = Fixtures.recommender();
        Features none = Features.none();
        List<Interaction> twice = List.of(Interaction.of("new", "i50", 5), Interaction.of("new", "i50", 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rec.adapt(none, twice));
        assertEquals("user 'new' has two interactions with item 'i50' (values 5.0 and 1.0); keep one, or choose how "
                + "to merge them: DuplicatePolicy.KEEP_LAST, MEAN or KEEP_ALL (the builders' duplicates(...), "
                + "adapt's last argument)", e.getMessage());
        assertArrayEquals(rec.adapt(none, List.of(Interaction.of("new", "i50", 3))).adaptedParameters(),
                rec.adapt(none, twice, DuplicatePolicy.MEAN).adaptedParameters());
        assertArrayEquals(rec.adapt(none, List.of(Interaction.of("new", "i50", 1))).adaptedParameters(),
                rec.adapt(none, twice, DuplicatePolicy.KEEP_LAST).adaptedParameters());
    }

    /** Issue 12, finding 2: a model whose weights overflow ranked NaN first and predicted NaN. */
    @Test
    void aModelWhoseScoresOverflowNeverRanksOrReturnsNaN() {
        MetaRecommender overflowing = scaled(ParameterLayout.ITEM_TOWER, ParameterLayout.OUTPUT);
        String u = newUser();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> overflowing.adapt(Fixtures.synthetic().userFeatures(u), Fixtures.history(u).subList(0, 5)));
        assertTrue(e.getMessage().startsWith("adapting to this user gave values that are not finite numbers"),
                e.getMessage());
        // without support items the item tower is not used to adapt, only to score
        UserModel cold = overflowing.adapt(Fixtures.synthetic().userFeatures(u));
        e = assertThrows(IllegalStateException.class, () -> overflowing.recommend(cold, 10));
        assertTrue(e.getMessage().matches("the model scores item '.+' as (NaN|-?Infinity) for this user: its "
                + "weights overflow; train it again with lower learning rates"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> overflowing.predict(cold, "i1"));
    }

    /** The fixture's recommender with the weights of {@code blocks} multiplied by 1e30: finite, and overflowing. */
    private static MetaRecommender scaled(String... blocks) {
        MetaModel m = Fixtures.recommender().model();
        float[] huge = m.parameters();
        for (String block : blocks) {
            ParameterLayout.Block b = m.network().layout().block(block);
            for (long i = b.offset(); i < b.offset() + b.length(); i++) {
                huge[(int) i] *= 1e30f;
            }
        }
        return new MetaRecommender(new MetaModel(m.network(), m.training(), huge, m.userEncoder(), m.itemEncoder(),
                m.catalogue(), m.ratingOffset(), m.feedbackType(), m.ratingScale().orElse(null), m.provenance()));
    }

    @Test
    void supervisedTrainingCannotCheckpoint() {
        Checkpoints checkpoints = new Checkpoints(Path.of("run.ckpt"), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetaTrainer.builder()
                .checkpoints(checkpoints).algorithm(MetaTrainer.Algorithm.SUPERVISED));
        assertEquals("algorithm SUPERVISED cannot be combined with checkpoints: only the meta-learning algorithms "
                + "save and resume training; drop one of the two", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MetaTrainer.builder()
                .algorithm(MetaTrainer.Algorithm.SUPERVISED).checkpoints(checkpoints));
        assertEquals("checkpoints cannot be combined with algorithm SUPERVISED: only the meta-learning algorithms "
                + "save and resume training; drop one of the two", e.getMessage());
    }

    @Test
    void reptileNeedsTwoInnerStepsInEitherOrder() {
        MamlConfig oneStep = MamlConfig.builder().innerSteps(1).build();
        String expected = "algorithm REPTILE needs at least 2 inner steps (one on the support, one on the query), "
                + "but the training config has innerSteps 1; set MamlConfig.builder().innerSteps(2) or more";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetaTrainer.builder()
                .training(oneStep).algorithm(MetaTrainer.Algorithm.REPTILE));
        assertEquals(expected, e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MetaTrainer.builder()
                .algorithm(MetaTrainer.Algorithm.REPTILE).training(oneStep));
        assertEquals(expected, e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MamlConfig.builder().reptileStepSize(0).build());
        assertTrue(e.getMessage().contains("reptileStepSize"), e.getMessage());
    }

    @Test
    void everyMetaLearningAlgorithmTrainsAndSaysSoInItsProvenance() {
        Dataset data = SyntheticData.builder().users(60).items(40).ratingsPerUser(12, 20).seed(3).build().generate();
        MamlConfig training = MamlConfig.builder().epochs(2).metaBatchSize(8).threads(1).build();
        ScorerConfig scorer = ScorerConfig.builder().towerSize(8).itemIdEmbeddingSize(8).userFactors(8).negatives(10)
                .build();
        for (MetaTrainer.Algorithm algorithm : MetaTrainer.Algorithm.values()) {
            MetaRecommender rec = MetaTrainer.builder().algorithm(algorithm).scorer(scorer).training(
                    algorithm == MetaTrainer.Algorithm.SUPERVISED ? training.toBuilder().innerSteps(0).build()
                            : training).build().fit(data);
            String name = rec.provenance().algorithm();
            switch (algorithm) {
                case FIRST_ORDER_MAML -> assertEquals("first-order MAML", name);
                case SECOND_ORDER_MAML -> assertEquals("second-order MAML", name);
                case REPTILE -> assertEquals("Reptile (inner step 0.1)", name);
                case SUPERVISED -> assertEquals("supervised", name);
            }
            UserModel user = rec.adapt(Features.none(), data.interactions().ofUser(data.interactions().users()
                    .id(0)).subList(0, 5));
            assertEquals(5, rec.recommend(user, 5).size(), algorithm + " serves");
        }
    }

    @Test
    void nullDatasetIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MetaTrainer.builder().build().fit(null));
        assertEquals("dataset must not be null", e.getMessage());
    }

    @Test
    void nonPositiveKIsRejected() {
        UserModel user = adaptedNewUser();
        for (int k : new int[]{0, -3}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Fixtures.recommender().recommend(user, k));
            assertTrue(e.getMessage().contains("k must be positive") && e.getMessage().contains("got " + k),
                    e.getMessage());
        }
    }

    @Test
    void supportItemOutsideTheCatalogueIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fixtures.recommender()
                .adapt(Features.none(), List.of(Interaction.of("u", "no-such-item", 4))));
        assertTrue(e.getMessage().contains("'no-such-item' is neither in the catalogue nor described by features")
                && e.getMessage().contains("withItems"), e.getMessage());
    }

    @Test
    void ratingOffTheScaleIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fixtures.recommender()
                .adapt(Features.none(), List.of(Interaction.of("u", "i1", 7))));
        assertTrue(e.getMessage().contains("rating 7.0 for item 'i1' is outside the rating scale [1.0, 5.0]"),
                e.getMessage());
    }

    @Test
    void nanRatingIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Interaction.of("u", "i1", Double.NaN));
        assertTrue(e.getMessage().contains("is NaN") && e.getMessage().contains("finite"), e.getMessage());
    }

    @Test
    void supportOfSeveralUsersIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fixtures.recommender()
                .adapt(Features.none(), List.of(Interaction.of("a", "i1", 4), Interaction.of("b", "i2", 3))));
        assertTrue(e.getMessage().contains("more than one user ('a' and 'b')"), e.getMessage());
    }

    @Test
    void unknownFeatureFieldIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fixtures.recommender()
                .adapt(Features.builder().put("shoeSize", 44).build()));
        assertTrue(e.getMessage().contains("'shoeSize' is not in the schema"), e.getMessage());
    }

    @Test
    void unknownItemInPredictAndCandidatesIsRejected() {
        UserModel user = adaptedNewUser();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fixtures.recommender().predict(user, "nope"));
        assertTrue(e.getMessage().contains("item 'nope' is not in the catalogue"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Fixtures.recommender().recommend(user, RecommendRequest.top(3).candidates(List.of("i1", "nope")).build()));
        assertTrue(e.getMessage().contains("item 'nope' is not in the catalogue"), e.getMessage());
    }

    @Test
    void userModelOfAnotherModelIsRejected() {
        MetaRecommender other = MetaTrainer.builder().scorer(ScorerConfig.builder().towerSize(4)
                .hiddenLayers(4).itemIdEmbeddingSize(2).build()).training(MamlConfig.builder().epochs(1).build())
                .build().fit(Fixtures.training());
        UserModel foreign = other.adapt(Features.none());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fixtures.recommender().recommend(foreign, 5));
        assertTrue(e.getMessage().contains("adapted by another model"), e.getMessage());
    }

    @Test
    void learningRatesMustBePositive() {
        for (double rate : new double[]{0, -0.1, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MamlConfig.builder().innerLearningRate(rate).build());
            assertTrue(e.getMessage().startsWith("innerLearningRate must be a positive finite number, got " + rate),
                    e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> MamlConfig.builder().outerLearningRate(rate).build());
            assertTrue(e.getMessage().startsWith("outerLearningRate must be a positive finite number, got " + rate),
                    e.getMessage());
        }
    }

    @Test
    void emptyDatasetIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.builder().ratings(new RatingScale(1, 5)).build());
        assertTrue(e.getMessage().contains("the dataset has no interactions"), e.getMessage());
    }

    @Test
    void datasetWhereNoUserHasTwoInteractionsIsRejected() {
        Dataset single = Dataset.builder().ratings(new RatingScale(1, 5))
                .addInteraction("a", "x", 4, 0).addInteraction("b", "y", 3, 0).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MetaTrainer.builder().build().fit(single));
        assertTrue(e.getMessage().contains("no user has 2 or more interactions"), e.getMessage());
    }

    @Test
    void userMissingFromTheFeatureTableIsRejected() {
        Dataset.Builder b = Dataset.builder().ratings(new RatingScale(1, 5))
                .userSchema(SyntheticData.USER_SCHEMA).addInteraction("ghost", "x", 4, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().contains("user 'ghost' has interactions but no features"), e.getMessage());
    }

    @Test
    void recommendationsDoNotDependOnOtherUsersBeingServed() {
        MetaRecommender rec = Fixtures.recommender();
        UserModel user = adaptedNewUser();
        List<Recommendation> first = rec.recommend(user, 10);
        List<UserModel> others = new ArrayList<>();
        for (String u : new HashSet<>(Fixtures.newUsers())) {
            others.add(rec.adapt(Fixtures.synthetic().userFeatures(u)));
            if (others.size() == 5) {
                break;
            }
        }
        others.forEach(o -> rec.recommend(o, 3));
        assertEquals(first, rec.recommend(user, 10));
    }
}
