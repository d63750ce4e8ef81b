package io.github.metarec4j.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetTest {

    private static final FeatureSchema USERS = FeatureSchema.builder().categorical("gender").numeric("age").build();
    private static final FeatureSchema ITEMS = FeatureSchema.builder().multiCategorical("genres").build();

    private static Dataset.Builder withFeatures() {
        return Dataset.builder().ratings(new RatingScale(1, 5)).userSchema(USERS).itemSchema(ITEMS)
                .addUser("alice", Features.builder().put("gender", "F").put("age", 31).build())
                .addItem("heat", Features.builder().put("genres", List.of("Crime", "Drama")).build())
                .addItem("up", Features.builder().put("genres", List.of("Animation")).build());
    }

    private static void assertMessage(IllegalArgumentException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message lacks '" + part + "': " + e.getMessage());
        }
    }

    @Test
    void buildsWhatItIsGiven() {
        Dataset d = withFeatures().addInteraction("alice", "heat", 5, 1_700_000_000L).build();
        assertEquals(FeedbackType.EXPLICIT, d.feedbackType());
        assertEquals(new RatingScale(1, 5), d.ratingScale().orElseThrow());
        assertEquals(USERS, d.userSchema());
        assertEquals(List.of(new Interaction("alice", "heat", 5, 1_700_000_000L)), d.interactions().stream().toList());
        assertEquals(31.0, d.userFeatures("alice").get("age").orElseThrow());
        assertEquals(Features.none(), d.userFeatures("bob"));
        assertEquals(d.interactions().fingerprint(), d.fingerprint());
    }

    @Test
    void theCatalogueHoldsItemsWithFeaturesButNoInteractions() {
        Dataset d = withFeatures().addInteraction("alice", "heat", 5, 0).build();
        assertEquals(List.of("heat", "up"), d.catalogue().ids());
        assertEquals(1, d.interactions().items().size());

        Dataset noItemSchema = Dataset.builder().implicitFeedback()
                .addItem("shelf", Features.none()).addInteraction("u", "seen", 1, 0).build();
        assertEquals(List.of("shelf", "seen"), noItemSchema.catalogue().ids(),
                "items with features first, then those seen only in interactions");
    }

    @Test
    void noInteractionsIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withFeatures().build());
        assertMessage(e, "the dataset has no interactions", "addInteraction(...) or interactions(table)");
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> withFeatures().interactions(Interactions.builder().build()).build());
        assertMessage(empty, "no interactions");
    }

    @Test
    void theFeedbackTypeMustBeDeclared() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.builder().addInteraction("u", "i", 4, 0).build());
        assertMessage(e, "say what the interaction values are", "ratings(new RatingScale(min, max))",
                "implicitFeedback()");
    }

    @Test
    void aNaNValueIsRejectedByInteraction() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Interaction("alice", "heat", Double.NaN, 0));
        assertMessage(e, "the value of the interaction of user 'alice' with item 'heat' is NaN",
                "ratings must be finite numbers");
        IllegalArgumentException added = assertThrows(IllegalArgumentException.class,
                () -> withFeatures().addInteraction("alice", "heat", Double.NaN, 0));
        assertEquals(e.getMessage(), added.getMessage(), "the builder says the same");
    }

    @Test
    void aRatingOffTheScaleIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> withFeatures().addInteraction("alice", "heat", 0.5, 0).build());
        assertMessage(e, "rating 0.5 of user 'alice' for item 'heat' is outside the rating scale [1.0, 5.0]",
                "declare the right scale");
    }

    @Test
    void aRatingOnABoundThatFloatCannotHoldIsOnTheScale() {
        // values are stored as float; 2.2f is a little above 2.2
        Dataset d = Dataset.builder().ratings(new RatingScale(1, 2.2)).addInteraction("u", "i", 2.2, 0)
                .addInteraction("u", "j", 1, 0).build();
        assertEquals(2, d.interactions().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dataset.builder()
                .ratings(new RatingScale(1, 2.2)).addInteraction("u", "i", 2.3, 0).build());
        assertMessage(e, "rating 2.3 of user 'u' for item 'i' is outside the rating scale [1.0, 2.2]");
    }

    @Test
    void implicitFeedbackMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.builder().implicitFeedback().addInteraction("u", "i", 1, 0)
                        .addInteraction("u", "j", 0, 0).build());
        assertMessage(e, "implicit feedback value 0.0 of user 'u' for item 'j' is not positive", "use 1");
    }

    @Test
    void aUserWithoutFeaturesIsAnErrorWhenTheSchemaHasFields() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> withFeatures().addInteraction("bob", "heat", 3, 0).build());
        assertMessage(e, "user 'bob' has interactions but no features", "addUser(\"bob\", features)",
                "FeatureSchema.empty()");
    }

    @Test
    void anItemWithoutFeaturesIsAnErrorWhenTheSchemaHasFields() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> withFeatures().addInteraction("alice", "jaws", 3, 0).build());
        assertMessage(e, "item 'jaws' has interactions but no features", "addItem(\"jaws\", features)");
    }

    @Test
    void featuresThatDoNotFitTheSchemaAreAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> withFeatures().addUser("bob", Features.builder().put("height", 180).build())
                        .addInteraction("alice", "heat", 3, 0).build());
        assertMessage(e, "feature field 'height' is not in the schema");
    }

    @Test
    void interactionsComeOneByOneOrAsATableNotBoth() {
        Interactions table = Interactions.of(List.of(Interaction.of("alice", "heat", 4)));
        IllegalArgumentException tableAfterRows = assertThrows(IllegalArgumentException.class,
                () -> withFeatures().addInteraction("alice", "up", 3, 0).interactions(table));
        assertMessage(tableAfterRows, "use either addInteraction or interactions(table), not both");
        IllegalArgumentException rowAfterTable = assertThrows(IllegalArgumentException.class,
                () -> withFeatures().interactions(table).addInteraction("alice", "up", 3, 0));
        assertMessage(rowAfterTable, "use either addInteraction or interactions(table), not both");
    }

    @Test
    void withInteractionsKeepsTheRestAndChecksTheNewRows() {
        Dataset d = withFeatures().addInteraction("alice", "heat", 5, 0).addInteraction("alice", "up", 2, 1).build();
        Dataset split = d.withInteractions(d.interactions().filter(r -> r.value() > 3));
        assertEquals(1, split.interactions().size());
        assertEquals(d.catalogue().ids(), split.catalogue().ids());
        assertEquals(d.userFeatures(), split.userFeatures());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.withInteractions(Interactions.of(List.of(Interaction.of("alice", "heat", 9)))));
        assertMessage(e, "rating 9.0", "outside the rating scale");
    }
}
