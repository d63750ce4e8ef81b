package io.github.metarec4j.data;

import io.github.metarec4j.internal.data.FeatureEncoder;
import io.github.metarec4j.internal.util.Checks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a recommender learns from: interactions, and the features of users and
 * items. The item catalogue is every item that has features or interactions.
 *
 * <pre>{@code
 * Dataset data = Dataset.builder()
 *         .ratings(new RatingScale(1, 5))
 *         .userSchema(FeatureSchema.builder().categorical("gender").numeric("age").build())
 *         .itemSchema(FeatureSchema.builder().multiCategorical("genres").build())
 *         .addUser("alice", Features.builder().put("gender", "F").put("age", 31).build())
 *         .addItem("heat", Features.builder().put("genres", List.of("Crime", "Drama")).build())
 *         .addInteraction("alice", "heat", 5, 1_700_000_000L)
 *         .build();
 * }</pre>
 *
 * <p>Building checks the data once: every user and item that has interactions has
 * features (when its schema has fields), every value fits the schema, and every rating is
 * finite and on the scale. Immutable; thread-safe.
 */
public final class Dataset {

    private final Interactions interactions;
    private final FeedbackType feedbackType;
    private final RatingScale ratingScale;
    private final FeatureSchema userSchema;
    private final FeatureSchema itemSchema;
    private final Map<String, Features> userFeatures;
    private final Map<String, Features> itemFeatures;
    private final IdIndex catalogue;

    private Dataset(Builder b, Interactions interactions) {
        this.interactions = interactions;
        this.feedbackType = b.feedbackType;
        this.ratingScale = b.ratingScale;
        this.userSchema = b.userSchema;
        this.itemSchema = b.itemSchema;
        this.userFeatures = Collections.unmodifiableMap(new LinkedHashMap<>(b.userFeatures));
        this.itemFeatures = Collections.unmodifiableMap(new LinkedHashMap<>(b.itemFeatures));
        Set<String> items = new LinkedHashSet<>(itemFeatures.keySet());
        items.addAll(interactions.items().ids());
        this.catalogue = IdIndex.of(items);
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The interactions. */
    public Interactions interactions() {
        return interactions;
    }

    /** Explicit ratings or implicit feedback. */
    public FeedbackType feedbackType() {
        return feedbackType;
    }

    /** The rating scale of explicit ratings; empty for implicit feedback. */
    public Optional<RatingScale> ratingScale() {
        return Optional.ofNullable(ratingScale);
    }

    /** The fields that describe users. */
    public FeatureSchema userSchema() {
        return userSchema;
    }

    /** The fields that describe items. */
    public FeatureSchema itemSchema() {
        return itemSchema;
    }

    /** Every user with features, by id (an unmodifiable map). */
    public Map<String, Features> userFeatures() {
        return userFeatures;
    }

    /** Every item with features, by id (an unmodifiable map). */
    public Map<String, Features> itemFeatures() {
        return itemFeatures;
    }

    /** The features of {@code userId}; {@link Features#none()} if it has none. */
    public Features userFeatures(String userId) {
        return userFeatures.getOrDefault(userId, Features.none());
    }

    /** The features of {@code itemId}; {@link Features#none()} if it has none. */
    public Features itemFeatures(String itemId) {
        return itemFeatures.getOrDefault(itemId, Features.none());
    }

    /** The item catalogue: items with features first (in the order given), then items seen only in interactions. */
    public IdIndex catalogue() {
        return catalogue;
    }

    /**
     * The same features, schemas and feedback type with other interactions (a training
     * split, say); the new interactions are checked like the builder checks them.
     */
    public Dataset withInteractions(Interactions other) {
        Builder b = new Builder();
        b.feedbackType = feedbackType;
        b.ratingScale = ratingScale;
        b.userSchema = userSchema;
        b.itemSchema = itemSchema;
        b.userFeatures.putAll(userFeatures);
        b.itemFeatures.putAll(itemFeatures);
        b.interactions = Checks.notNull(other, "interactions");
        b.featuresChecked = true;
        return b.build();
    }

    /** A SHA-256 digest of the interactions (see {@link Interactions#fingerprint()}). */
    public String fingerprint() {
        return interactions.fingerprint();
    }

    @Override
    public String toString() {
        return "Dataset[" + interactions + ", " + feedbackType + (ratingScale == null ? "" : " " + ratingScale)
                + ", " + userFeatures.size() + " users with features, " + itemFeatures.size()
                + " items with features, catalogue " + catalogue.size() + "]";
    }

    /** Collects the parts of a dataset; not thread-safe. */
    public static final class Builder {
        private FeedbackType feedbackType;
        private RatingScale ratingScale;
        private FeatureSchema userSchema = FeatureSchema.empty();
        private FeatureSchema itemSchema = FeatureSchema.empty();
        private final Map<String, Features> userFeatures = new LinkedHashMap<>();
        private final Map<String, Features> itemFeatures = new LinkedHashMap<>();
        private Interactions interactions;
        private Interactions.Builder added;
        private DuplicatePolicy duplicates = DuplicatePolicy.REJECT;
        private boolean featuresChecked;

        private Builder() {
        }

        /** Interaction values are ratings on {@code scale}. */
        public Builder ratings(RatingScale scale) {
            this.ratingScale = Checks.notNull(scale, "scale");
            this.feedbackType = FeedbackType.EXPLICIT;
            return this;
        }

        /** Interaction values are positive signals (clicks, plays); the value is their strength, usually 1. */
        public Builder implicitFeedback() {
            this.ratingScale = null;
            this.feedbackType = FeedbackType.IMPLICIT;
            return this;
        }

        /** The fields of user features (default: none). */
        public Builder userSchema(FeatureSchema schema) {
            this.userSchema = Checks.notNull(schema, "userSchema");
            return this;
        }

        /** The fields of item features (default: none). */
        public Builder itemSchema(FeatureSchema schema) {
            this.itemSchema = Checks.notNull(schema, "itemSchema");
            return this;
        }

        /** Describes a user; a second call for the same id replaces the first. */
        public Builder addUser(String userId, Features features) {
            userFeatures.put(Checks.id(userId, "userId"), Checks.notNull(features, "features"));
            return this;
        }

        /** Describes an item (which joins the catalogue even if nobody has rated it). */
        public Builder addItem(String itemId, Features features) {
            itemFeatures.put(Checks.id(itemId, "itemId"), Checks.notNull(features, "features"));
            return this;
        }

        /**
         * What to do with several interactions of one user with one item added with
         * {@code addInteraction} (default {@link DuplicatePolicy#REJECT}: {@link #build()} fails
         * naming them).
         */
        public Builder duplicates(DuplicatePolicy policy) {
            this.duplicates = Checks.notNull(policy, "duplicate policy");
            if (added != null) {
                added.duplicates(policy);
            }
            return this;
        }

        /** Adds one interaction. */
        public Builder addInteraction(String userId, String itemId, double value, long timestamp) {
            checkNoTable();
            if (added == null) {
                added = Interactions.builder().duplicates(duplicates);
            }
            added.add(userId, itemId, value, timestamp);
            return this;
        }

        /** Adds one interaction. */
        public Builder addInteraction(Interaction interaction) {
            Checks.notNull(interaction, "interaction");
            return addInteraction(interaction.userId(), interaction.itemId(), interaction.value(),
                    interaction.timestamp());
        }

        /** Uses {@code table} as the interactions (instead of adding them one by one). */
        public Builder interactions(Interactions table) {
            Checks.argument(added == null, "interactions were already added one by one with addInteraction; "
                    + "use either addInteraction or interactions(table), not both");
            this.interactions = Checks.notNull(table, "interactions");
            return this;
        }

        /**
         * Why {@code entity} ("user" or "item") {@code id}, which has interactions, is a problem (its
         * schema has fields and it has no features), or null: the one check, which the readers also
         * run line by line to name the place.
         */
        String missingFeatures(String entity, String id) {
            boolean user = entity.equals("user");
            if ((user ? userSchema : itemSchema).isEmpty() || (user ? userFeatures : itemFeatures).containsKey(id)) {
                return null;
            }
            String add = user ? "addUser" : "addItem";
            return entity + " '" + Checks.shown(id) + "' has interactions but no features: add them with " + add
                    + "(\"" + Checks.shown(id) + "\", features), or use FeatureSchema.empty() as the " + entity
                    + " schema if " + entity + "s have no features";
        }

        /**
         * What is wrong with interaction value {@code value} ({@code whose} says whose, such as
         * " of user 'u' for item 'i'", or is empty), or null if nothing: the one check of values
         * against the feedback type, which the readers also run line by line to name the place.
         */
        static String valueProblem(FeedbackType type, RatingScale scale, double value, String whose) {
            float v = (float) value; // as the table stores it
            if (type == FeedbackType.EXPLICIT && !scale.contains(value)) {
                return "rating " + v + whose + " is outside the rating scale [" + scale.min() + ", " + scale.max()
                        + "]; fix the data or declare the right scale";
            }
            if (type == FeedbackType.IMPLICIT && !(v > 0)) {
                return "implicit feedback value " + v + whose + " is not positive; implicit feedback lists what "
                        + "users engaged with, with a positive strength (use 1 if there is none); drop negative rows";
            }
            return null;
        }

        /**
         * The first (user, item) pair added twice with addInteraction if the duplicate policy
         * refuses it, else null: for the readers, which can name its lines.
         */
        Interactions.Repeat rejectedRepeat() {
            return added == null || duplicates != DuplicatePolicy.REJECT ? null : added.firstRepeat();
        }

        private void checkNoTable() {
            Checks.argument(interactions == null, "an interactions table was already set with interactions(table); "
                    + "use either addInteraction or interactions(table), not both");
        }

        /**
         * Checks everything and builds the dataset.
         *
         * @throws IllegalArgumentException naming the first problem found and how to fix it (a user
         *                                  and item added twice, under the default duplicate policy)
         */
        public Dataset build() {
            Interactions table = interactions != null ? interactions : added != null ? added.build() : null;
            if (table == null || table.isEmpty()) {
                throw new IllegalArgumentException("the dataset has no interactions: add them with "
                        + "addInteraction(...) or interactions(table); a recommender cannot learn from nothing");
            }
            if (feedbackType == null) {
                throw new IllegalArgumentException("say what the interaction values are: call "
                        + "ratings(new RatingScale(min, max)) for explicit ratings, or implicitFeedback()");
            }
            for (int r = 0; r < table.size(); r++) {
                // the row's description is built only for a bad value: the check runs on every row
                if (valueProblem(feedbackType, ratingScale, table.value(r), "") != null) {
                    throw new IllegalArgumentException(valueProblem(feedbackType, ratingScale, table.value(r),
                            " of user '" + Checks.shown(table.users().id(table.userIndex(r))) + "' for item '"
                                    + Checks.shown(table.items().id(table.itemIndex(r))) + "'"));
                }
            }
            if (!featuresChecked) {
                // fitting an encoder checks every value against the schema
                FeatureEncoder.fit(userSchema, userFeatures.values());
                FeatureEncoder.fit(itemSchema, itemFeatures.values());
            }
            for (String u : table.users().ids()) {
                String problem = missingFeatures("user", u);
                if (problem != null) {
                    throw new IllegalArgumentException(problem);
                }
            }
            for (String i : table.items().ids()) {
                String problem = missingFeatures("item", i);
                if (problem != null) {
                    throw new IllegalArgumentException(problem);
                }
            }
            return new Dataset(this, table);
        }
    }
}
