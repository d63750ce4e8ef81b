package io.github.metarec4j.internal.io;

import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.FeatureSchema;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.RatingScale;
import io.github.metarec4j.internal.meta.MamlTrainer;
import io.github.metarec4j.internal.meta.MetaModel;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.model.ScorerConfig;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Small, deterministic datasets and briefly trained models for the model-file tests and the
 * golden-file generator: users with a categorical and a numeric field, items with a
 * multi-valued field, some items known only from the feature table (so they have no item ID).
 */
final class ModelFixtures {

    static final FeatureSchema USERS = FeatureSchema.builder().categorical("occupation").numeric("age").build();
    static final FeatureSchema ITEMS = FeatureSchema.builder().multiCategorical("genres").build();

    private static final List<String> OCCUPATIONS = List.of("artist", "doctor", "engineer", "student");
    private static final List<String> GENRES = List.of("Action", "Comedy", "Drama", "Horror", "Romance");

    private ModelFixtures() {
    }

    /**
     * {@code users} users with {@code perUser} interactions each, over {@code rated} items, plus
     * {@code unrated} more items that only the feature table knows.
     *
     * @param implicit implicit feedback (value 1) instead of ratings on 1 to 5
     */
    static Dataset dataset(int users, int perUser, int rated, int unrated, boolean implicit, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Dataset.Builder b = Dataset.builder().userSchema(USERS).itemSchema(ITEMS);
        b = implicit ? b.implicitFeedback() : b.ratings(new RatingScale(1, 5));
        for (int i = 0; i < rated + unrated; i++) {
            b.addItem(item(i), Features.builder().put("genres", genres(i)).build());
        }
        for (int u = 0; u < users; u++) {
            // one user without an age, so a missing numeric field is in the data
            Features.Builder f = Features.builder().put("occupation", OCCUPATIONS.get(u % OCCUPATIONS.size()));
            if (u != 3) {
                f.put("age", 18 + (u * 7) % 50);
            }
            b.addUser(user(u), f.build());
            int start = random.nextInt(rated);
            for (int k = 0; k < perUser; k++) {
                int i = (start + k * 3) % rated;
                // a rating with some signal: users like the genre their occupation index points at
                double like = genres(i).contains(GENRES.get(u % OCCUPATIONS.size())) ? 1.5 : 0;
                double rating = Math.max(1, Math.min(5, Math.round(2.5 + like + random.nextDouble(-1.5, 1.5))));
                b.addInteraction(user(u), item(i), implicit ? 1 : rating, 1_700_000_000L + u * 1000L + k);
            }
        }
        return b.build();
    }

    /** The model the round-trip tests use: the brief's configuration, two epochs. */
    static MetaModel trained(Dataset data) {
        return new MamlTrainer(ScorerConfig.builder().towerSize(4).hiddenLayers(8).itemIdEmbeddingSize(3)
                .userFactors(3).negatives(5).build(),
                MamlConfig.builder().epochs(2).metaBatchSize(8).validationFraction(0.2).validationSupport(3)
                        .validationQueryStart(4).build(),
                List.of()).fit(data);
    }

    static String user(int u) {
        return "u" + u;
    }

    static String item(int i) {
        return "i" + i;
    }

    /** One or two genres per item, the same for every call. */
    static List<String> genres(int item) {
        String first = GENRES.get(item % GENRES.size());
        return item % 3 == 0 ? List.of(first) : List.of(first, GENRES.get((item / 2 + 1) % GENRES.size()))
                .stream().distinct().toList();
    }
}
