package io.github.metarec4j;

import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.data.Interactions;
import io.github.metarec4j.data.SyntheticData;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.model.ScorerConfig;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shared, lazily built test data and a small fitted recommender (training once per JVM keeps
 * the suite fast). Every user whose index is a multiple of 5 is a "new user", held out of
 * training.
 */
public final class Fixtures {

    private static Dataset synthetic;
    private static Dataset training;
    private static Set<String> newUsers;
    private static MetaRecommender recommender;

    private Fixtures() {
    }

    /** Small scorer: fast to train, still learns. */
    public static ScorerConfig smallScorer() {
        return ScorerConfig.builder().towerSize(16).hiddenLayers(32, 32).itemIdEmbeddingSize(16).build();
    }

    /** 600 synthetic users, 300 items, seed 7. */
    public static synchronized Dataset synthetic() {
        if (synthetic == null) {
            synthetic = SyntheticData.builder().users(600).items(300).seed(7).build().generate();
        }
        return synthetic;
    }

    /** The users held out of training. */
    public static synchronized Set<String> newUsers() {
        if (newUsers == null) {
            newUsers = new HashSet<>();
            Interactions all = synthetic().interactions();
            for (int u = 0; u < all.users().size(); u += 5) {
                newUsers.add(all.users().id(u));
            }
        }
        return newUsers;
    }

    /** The synthetic data without the new users' interactions. */
    public static synchronized Dataset training() {
        if (training == null) {
            Set<String> held = newUsers();
            training = synthetic().withInteractions(synthetic().interactions().filter(x -> !held.contains(x.userId())));
        }
        return training;
    }

    /** A recommender meta-trained for 6 epochs on {@link #training()}. */
    public static synchronized MetaRecommender recommender() {
        if (recommender == null) {
            recommender = MetaTrainer.builder().scorer(smallScorer())
                    .training(MamlConfig.builder().epochs(6).patience(0).seed(3).build())
                    .build().fit(training());
        }
        return recommender;
    }

    /** 80 synthetic users and 40 items (seed 11): small enough to fit in a second. */
    public static Dataset tiny() {
        return SyntheticData.builder().users(80).items(40).ratingsPerUser(10, 30).seed(11).build().generate();
    }

    /** {@link #tiny()} with the item features of {@code replaced} put in place of the generated ones. */
    public static Dataset tinyWithItems(Map<String, Features> replaced) {
        Dataset tiny = tiny();
        Dataset.Builder b = Dataset.builder().ratings(tiny.ratingScale().orElseThrow())
                .userSchema(tiny.userSchema()).itemSchema(tiny.itemSchema()).interactions(tiny.interactions());
        tiny.userFeatures().forEach(b::addUser);
        tiny.itemFeatures().forEach((id, f) -> b.addItem(id, replaced.getOrDefault(id, f)));
        return b.build();
    }

    /** One quick epoch without validation, one thread: for tests of what training does with odd input. */
    public static MamlConfig.Builder quickTraining() {
        return MamlConfig.builder().epochs(1).validationFraction(0).threads(1).seed(5);
    }

    /** A small scorer without hidden layers: the quickest to fit. */
    public static ScorerConfig quickScorer() {
        return ScorerConfig.builder().towerSize(8).itemIdEmbeddingSize(8).userFactors(8).negatives(10).build();
    }

    /** A new user's interactions in time order. */
    public static List<Interaction> history(String user) {
        return synthetic().interactions().ofUser(user);
    }
}
