package io.github.metarec4j.examples;

import io.github.metarec4j.MetaRecommender;
import io.github.metarec4j.MetaTrainer;
import io.github.metarec4j.UserModel;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.data.SyntheticData;
import io.github.metarec4j.meta.MamlConfig;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Items nobody has rated: the model scores them from their attributes alone. Two routes lead
 * there and give the same score: an item that is in the data's item attributes but has no
 * interactions is in the catalogue from the start, and an item that arrives after training is
 * added with {@link MetaRecommender#withItems}, without retraining.
 *
 * <pre>
 *   mvn -q test-compile exec:java@example -Dexample=NewItemsExample [-Dexample.args="--quick"]
 * </pre>
 */
public final class NewItemsExample {

    private NewItemsExample() {
    }

    public static void main(String[] args) {
        boolean quick = List.of(args).contains("--quick");
        Dataset all = SyntheticData.builder().users(quick ? 120 : 600).items(quick ? 60 : 300).seed(7).build()
                .generate();
        // route 1: items described in the attributes whose ratings are all dropped
        Set<String> unrated = Set.of("i1", "i2", "i3");
        Dataset data = all.withInteractions(all.interactions().filter(x -> !unrated.contains(x.itemId())));
        MetaRecommender rec = MetaTrainer.builder()
                .training(MamlConfig.builder().epochs(quick ? 1 : 10).seed(42).build())
                .build()
                .fit(data);
        System.out.println("catalogue: " + rec.catalogue().size() + " items, " + unrated.size() + " of them unrated");

        // route 2: a new item, arriving after training with the same attributes as i1
        Features attributes = all.itemFeatures("i1");
        MetaRecommender more = rec.withItems(Map.of("brand-new", attributes));

        String userId = data.interactions().users().id(0);
        List<Interaction> ratings = data.interactions().ofUser(userId);
        UserModel user = rec.adapt(data.userFeatures(userId), ratings.subList(0, Math.min(10, ratings.size())));
        double inCatalogue = more.predict(user, "i1");
        double added = more.predict(user, "brand-new");
        System.out.printf("item attributes %s%nuser %s: predicted rating %.4f for unrated i1, %.4f for the added "
                + "brand-new item; same score: %s%n", attributes.asMap(), userId, inCatalogue, added,
                inCatalogue == added);
        System.out.println("ranking scores of the three unrated items and the new one: "
                + java.util.Arrays.toString(more.scores(user, List.of("i1", "i2", "i3", "brand-new"))));
    }
}
