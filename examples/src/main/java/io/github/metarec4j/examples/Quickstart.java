package io.github.metarec4j.examples;

import io.github.metarec4j.MetaRecommender;
import io.github.metarec4j.MetaTrainer;
import io.github.metarec4j.Recommendation;
import io.github.metarec4j.UserModel;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.data.Interactions;
import io.github.metarec4j.data.MovieLens;
import io.github.metarec4j.data.SyntheticData;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.meta.TrainingListener;
import io.github.metarec4j.model.ScorerConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * metarec4j in one page: meta-train on many users, then serve a user the model has never
 * seen, from 10 of their ratings.
 *
 * <pre>
 *   mvn -q test-compile exec:java@quickstart                                     # synthetic data
 *   mvn -q test-compile exec:java@quickstart -Dquickstart.args="--data ../shared/data/ml-100k"
 * </pre>
 *
 * Users whose index is a multiple of 5 are held out of training; the first of them with
 * enough ratings plays the new user.
 */
public final class Quickstart {

    private Quickstart() {
    }

    private static List<Interaction> inTimeOrder(List<Interaction> interactions) {
        List<Interaction> sorted = new ArrayList<>(interactions);
        sorted.sort(Comparator.comparingLong(Interaction::timestamp));
        return sorted;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    /** Features as {@code name=value}, numbers with two decimals. */
    private static String describe(Features features) {
        StringJoiner s = new StringJoiner(", ", "{", "}");
        features.asMap().forEach((k, v) -> s.add(k + "=" + (v instanceof Double d ? String.format("%.2f", d) : v)));
        return s.toString();
    }

    /** One line per epoch on standard output (a log binding may be silenced, as under {@code mvn -q}). */
    private static TrainingListener epochLines() {
        return new TrainingListener() {
            @Override
            public void onEpochEnd(EpochSummary e) {
                System.out.printf("epoch %d/%d  loss %.4f  validation MAE %.4f, Recall@20 %.4f  %.1f s%n", e.epoch(),
                        e.epochs(), e.trainingLoss(), e.validationMae(), e.validationRecall(),
                        e.epochTime().toMillis() / 1000.0);
            }
        };
    }

    /** The film's title and two spaces, or nothing without titles. */
    private static String title(Map<String, String> titles, String itemId) {
        String title = titles.get(itemId);
        return title == null ? "" : String.format("%-40.40s  ", title);
    }

    public static void main(String[] args) throws Exception {
        Path folder = args.length == 2 && args[0].equals("--data") ? Path.of(args[1]) : null;
        if (args.length != 0 && folder == null) {
            System.err.println("usage: Quickstart [--data <MovieLens-100k folder>]");
            System.exit(2);
        }

        // 1. Data: synthetic users whose tastes are only partly visible in their features,
        //    or MovieLens-100k (ratings, user demographics, film genres and years).
        Dataset data = folder == null
                ? SyntheticData.builder().users(600).items(300).seed(7).build().generate()
                : MovieLens.load100k(folder);
        Map<String, String> titles = folder == null ? Map.of() : MovieLens.titles(folder);
        System.out.println("data: " + data);
        Interactions all = data.interactions();
        List<String> newUsers = new ArrayList<>();
        for (int u = 0; u < all.users().size(); u += 5) {
            newUsers.add(all.users().id(u));
        }
        Dataset training = data.withInteractions(all.filter(x -> !newUsers.contains(x.userId())));

        // 2. Meta-train: every training user is a small task (adapt on their first ratings, be
        //    judged on the later ones); the model learns a starting point, from the user's
        //    features and the items they chose, that a few steps on their ratings personalise.
        //    The library's defaults: both heads (rating and engagement) for ratings.
        MetaRecommender recommender = MetaTrainer.builder()
                .scorer(ScorerConfig.builder().build())
                .training(MamlConfig.builder().epochs(folder == null ? 10 : 15).seed(42).build())
                // a bar redrawn in place on a terminal; a plain line per epoch when the output is a file or a pipe
                .listener(System.console() != null ? TrainingListener.progressBar(System.out) : epochLines())
                .build()
                .fit(training);

        // 3. A new user: adapt on their first 10 ratings (the inner loop), then recommend.
        String user = newUsers.stream().filter(u -> all.ofUser(u).size() >= 30).findFirst().orElseThrow();
        List<Interaction> firstTen = inTimeOrder(all.ofUser(user)).subList(0, 10);
        Features features = data.userFeatures(user);
        UserModel alice = recommender.adapt(features, firstTen);
        List<Recommendation> top = recommender.recommend(alice, 10);
        System.out.printf("%nnew user %s %s rated:%n", user, describe(features));
        for (Interaction x : firstTen) {
            System.out.printf("  %-6s %.0f  %s%s%n", x.itemId(), x.value(), title(titles, x.itemId()),
                    describe(data.itemFeatures(x.itemId())));
        }
        System.out.println("\ntheir top 10 of " + recommender.catalogue().size() + " items (ranking score: "
                + "engagement + predicted rating; the predicted rating):");
        for (Recommendation r : top) {
            System.out.printf("  %-6s %6.2f  %.2f  %s%s%n", r.itemId(), r.score(), recommender.predict(alice, r.itemId()),
                    title(titles, r.itemId()), describe(data.itemFeatures(r.itemId())));
        }

        // 4. Every held-out user: how well do 10 ratings predict the ones they gave later?
        double adaptedError = 0;
        double coldError = 0;
        double meanError = 0;
        int n = 0;
        double mean = training.interactions().mean();
        List<Double> adaptMs = new ArrayList<>();
        List<Double> topMs = new ArrayList<>();
        for (String u : newUsers) {
            List<Interaction> history = inTimeOrder(all.ofUser(u));
            if (history.size() < 20) {
                continue;
            }
            long t0 = System.nanoTime();
            UserModel adapted = recommender.adapt(data.userFeatures(u), history.subList(0, 10));
            long t1 = System.nanoTime();
            recommender.recommend(adapted, 10);
            long t2 = System.nanoTime();
            adaptMs.add((t1 - t0) / 1e6);
            topMs.add((t2 - t1) / 1e6);
            UserModel cold = recommender.adapt(data.userFeatures(u));
            for (Interaction x : history.subList(10, history.size())) {
                adaptedError += Math.abs(recommender.predict(adapted, x.itemId()) - x.value());
                coldError += Math.abs(recommender.predict(cold, x.itemId()) - x.value());
                meanError += Math.abs(mean - x.value());
                n++;
            }
        }
        System.out.printf("%n%d new users, %d later ratings: MAE %.3f adapted on 10 ratings, %.3f from features "
                        + "alone, %.3f for the training mean%n", adaptMs.size(), n, adaptedError / n, coldError / n,
                meanError / n);
        System.out.printf("median latency: adapt %.2f ms, top-10 %.2f ms%n", median(adaptMs), median(topMs));

        // 5. Save, load, and serve the same answers.
        Path file = Files.createTempFile("quickstart", ".mr4j");
        recommender.save(file);
        MetaRecommender loaded = MetaRecommender.load(file);
        System.out.printf("saved to %s (%,d bytes); the loaded model gives the same top 10: %s%n", file,
                Files.size(file), loaded.recommend(alice, 10).equals(top));
        Files.deleteIfExists(file);
    }
}
