package io.github.metarec4j.examples;

import io.github.metarec4j.MetaRecommender;
import io.github.metarec4j.MetaTrainer;
import io.github.metarec4j.RecommendRequest;
import io.github.metarec4j.Recommendation;
import io.github.metarec4j.UserModel;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.data.Interactions;
import io.github.metarec4j.data.SyntheticData;
import io.github.metarec4j.meta.MamlConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Implicit feedback (clicks, plays, purchases): no ratings, only which items a user engaged
 * with. The model learns the engagement head alone, ranked against sampled negatives; a new
 * user is adapted from the items they clicked, and their top 10 is compared with the most
 * popular items on the items they clicked later.
 *
 * <pre>
 *   mvn -q test-compile exec:java@example -Dexample=ImplicitFeedbackExample [-Dexample.args="--quick"]
 * </pre>
 *
 * With your own data: {@code Dataset.builder().implicitFeedback()} or
 * {@code CsvDataset.builder().implicitFeedback()} (a value column of 1, or a strength such as a
 * play count). {@code --quick} uses fewer users and one epoch.
 */
public final class ImplicitFeedbackExample {

    private ImplicitFeedbackExample() {
    }

    public static void main(String[] args) {
        boolean quick = List.of(args).contains("--quick");
        Dataset data = SyntheticData.builder().users(quick ? 150 : 600).items(quick ? 60 : 300).seed(7)
                .implicit().build().generate();    // value 1: the user engaged with the item
        Interactions all = data.interactions();
        List<String> newUsers = new ArrayList<>();
        for (int u = 0; u < all.users().size(); u += 5) {
            newUsers.add(all.users().id(u));
        }
        Dataset training = data.withInteractions(all.filter(x -> !newUsers.contains(x.userId())));
        MetaRecommender rec = MetaTrainer.builder()   // implicit data: the engagement objective, chosen by default
                .training(MamlConfig.builder().epochs(quick ? 1 : 10).seed(42).build())
                .build()
                .fit(training);
        System.out.println("trained on " + training + ": objective " + rec.objective());

        List<String> popular = training.interactions().stream()
                .collect(Collectors.groupingBy(Interaction::itemId, Collectors.counting())).entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).map(Map.Entry::getKey).toList();
        int hits = 0;
        int popularHits = 0;
        int users = 0;
        for (String u : newUsers) {
            List<Interaction> history = all.ofUser(u);
            if (history.size() < 10) {
                continue;
            }
            Map<String, Double> clicked = new LinkedHashMap<>();   // the first five clicks: item -> 1
            history.subList(0, 5).forEach(x -> clicked.put(x.itemId(), 1.0));
            Set<String> later = history.subList(5, history.size()).stream().map(Interaction::itemId)
                    .collect(Collectors.toSet());
            UserModel user = rec.adapt(data.userFeatures(u), clicked);
            List<Recommendation> top = rec.recommend(user, 10);   // clicked items left out
            hits += (int) top.stream().filter(r -> later.contains(r.itemId())).count();
            popularHits += (int) popular.stream().filter(i -> !clicked.containsKey(i)).limit(10)
                    .filter(later::contains).count();
            users++;
        }
        System.out.printf("%d new users, 5 clicks each: %.2f of their later clicks in the top 10, against %.2f "
                + "for the 10 most popular items%n", users, hits / (double) users, popularHits / (double) users);

        String first = newUsers.get(0);
        UserModel someone = rec.adapt(data.userFeatures(first), Map.of(all.ofUser(first).get(0).itemId(), 1.0));
        List<Recommendation> top = rec.recommend(someone, RecommendRequest.top(5).build());
        System.out.println("user " + first + " after one click, top 5 (score: engagement; predict: squashed into (0, 1)):");
        top.forEach(r -> System.out.printf("  %-5s %6.2f  %.3f%n", r.itemId(), r.score(), rec.predict(someone, r.itemId())));
    }
}
