package io.github.metarec4j.examples;

// readme:imports
import io.github.metarec4j.MetaRecommender;
import io.github.metarec4j.MetaTrainer;
import io.github.metarec4j.RecommendRequest;
import io.github.metarec4j.Recommendation;
import io.github.metarec4j.UserModel;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.MovieLens;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.meta.TrainingListener;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
// readme:end

/**
 * The README's "Using it" snippet, compiled and run: meta-train on MovieLens-100k, adapt a new
 * visitor from five ratings, recommend, add a film after training, save and load. The README's
 * code block is this file's marked imports followed by the marked body of {@code main}
 * ({@code ReadmeExampleTest} checks that they are the same).
 *
 * <pre>
 *   mvn -q test-compile exec:java@example -Dexample=ReadmeExample -Dexample.args="../shared/data/ml-100k"
 * </pre>
 */
public final class ReadmeExample {

    private ReadmeExample() {
    }

    public static void main(String[] args) throws Exception {
        // readme:body
        Path folder = Path.of(args.length > 0 ? args[0] : "ml-100k");   // the unzipped MovieLens-100k
        Dataset data = MovieLens.load100k(folder);                         // or CsvDataset, Dataset.builder(), SyntheticData
        MetaRecommender rec = MetaTrainer.builder()
                .training(MamlConfig.builder().epochs(5).seed(42).build()) // quick; the default (100, early stopping) does better
                .listener(TrainingListener.logging(Duration.ofSeconds(5)))
                .build()
                .fit(data);                                                // a fitted, immutable, thread-safe recommender

        // a visitor the model has never seen: a few features and five ratings (MovieLens ids: "1" is Toy Story)
        Features aliceFeatures = Features.builder().put("age", 31).put("gender", "F").put("occupation", "writer").build();
        UserModel alice = rec.adapt(aliceFeatures, Map.of("1", 5.0, "7", 4.0, "11", 2.0, "22", 5.0, "28", 3.0));
        List<Recommendation> top = rec.recommend(alice, 10);              // her rated films are left out
        double r = rec.predict(alice, "12");                               // a rating on the 1-5 scale
        List<Recommendation> shop = rec.recommend(alice, RecommendRequest.top(5)
                .exclude(Set.of("4"))                                      // already bought
                .filter(item -> !item.equals("31"))                        // out of stock
                .rescorer((item, score) -> item.equals("8") ? score + 0.5 : score) // promoted
                .build());
        UserModel bob = rec.adapt(Features.builder().put("age", 19).build()); // no ratings yet: features alone

        // a film added after training, scored from its features alone
        MetaRecommender more = rec.withItems(Map.of("new-film", Features.builder()
                .put("genres", List.of("Comedy", "Drama")).put("year", 1998).put("decade", "1990s").build()));
        double forBob = more.predict(bob, "new-film");

        Path file = Files.createTempFile("model", ".mr4j");
        rec.save(file);
        MetaRecommender same = MetaRecommender.load(file);                // predicts exactly as rec
        System.out.printf("top 10 %s%npredicted rating of 12: %.2f%nshop %s%nnew film for bob: %.2f%nloaded: %s%n",
                top, r, shop, forBob, same.recommend(alice, 10).equals(top));
        // readme:end
        Files.delete(file);
    }
}
