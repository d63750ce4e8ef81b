package io.github.metarec4j.examples;

import io.github.metarec4j.MetaRecommender;
import io.github.metarec4j.MetaRecommender.UserSession;
import io.github.metarec4j.MetaTrainer;
import io.github.metarec4j.Recommendation;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.data.Interactions;
import io.github.metarec4j.data.MovieLens;
import io.github.metarec4j.data.SyntheticData;
import io.github.metarec4j.meta.MamlConfig;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A live session: a new user rates five items one at a time, and their top 10 follows each
 * rating, with why the first item is first (the user's rating and the item attribute that
 * pull its score up most: {@code explain}; docs/sessions.md). The session is stored as bytes halfway and resumed, as a web
 * application would between two requests.
 *
 * <pre>
 *   mvn -q test-compile exec:java@live-session                                   # synthetic data
 *   mvn -q test-compile exec:java@live-session -Dlive-session.args="--data ../shared/data/ml-100k"
 * </pre>
 */
public final class LiveSession {

    private LiveSession() {
    }

    public static void main(String[] args) {
        Path folder = args.length == 2 && args[0].equals("--data") ? Path.of(args[1]) : null;
        if (args.length != 0 && folder == null) {
            System.err.println("usage: LiveSession [--data <MovieLens-100k folder>]");
            System.exit(2);
        }
        Dataset data = folder == null
                ? SyntheticData.builder().users(600).items(300).seed(7).build().generate()
                : MovieLens.load100k(folder);
        run(data, folder == null ? 10 : 15, System.out);
    }

    /**
     * Trains on every user but one whose index is a multiple of 5 (the new user), then plays
     * the new user's first five ratings into a session.
     *
     * @return how many of the five ratings changed the top 10
     */
    public static int run(Dataset data, int epochs, PrintStream out) {
        Interactions all = data.interactions();
        Set<String> held = new HashSet<>();
        for (int u = 0; u < all.users().size(); u += 5) {
            held.add(all.users().id(u));
        }
        MetaRecommender recommender = MetaTrainer.builder()
                .training(MamlConfig.builder().epochs(epochs).seed(42).build())
                .build()
                .fit(data.withInteractions(all.filter(x -> !held.contains(x.userId()))));
        String user = held.stream().sorted().filter(u -> all.ofUser(u).size() >= 10).findFirst().orElseThrow();
        List<Interaction> ratings = all.ofUser(user).subList(0, 5); // in time order

        UserSession session = recommender.startSession(data.userFeatures(user));
        List<Recommendation> top = session.recommend(10);
        out.println("new user " + user + ", from their features alone: " + ids(top));
        int changed = 0;
        for (int i = 0; i < ratings.size(); i++) {
            Interaction x = ratings.get(i);
            session = session.record(x.itemId(), x.value());
            if (i == 2) {
                // between two requests: store the session, then resume it
                byte[] stored = session.toBytes();
                session = recommender.resumeSession(stored);
                out.println("  (stored as " + stored.length + " bytes and resumed)");
            }
            List<Recommendation> next = session.recommend(10);
            int kept = 0;
            for (Recommendation r : next) {
                kept += top.stream().anyMatch(t -> t.itemId().equals(r.itemId())) ? 1 : 0;
            }
            changed += next.equals(top) ? 0 : 1;
            out.printf("rates %s %.0f -> top 10 (%d new): %s%n", x.itemId(), x.value(), 10 - kept, ids(next));
            // why the first film is first: the rating and the attribute that pull its score up most
            MetaRecommender.Explanation why = session.explain(next.get(0).itemId());
            Comparator<MetaRecommender.Explanation.Effect> byScore = Comparator.comparingDouble(
                    MetaRecommender.Explanation.Effect::score);
            out.printf("  %s is first: %s; %s%n", why.itemId(),
                    why.interactions().stream().max(byScore).map(e -> String.format(Locale.ROOT,
                            "your rating of %s adds %+.2f to its score", e.name(), e.score())).orElse("no ratings yet"),
                    why.attributes().stream().max(byScore).map(e -> String.format(Locale.ROOT, "%s adds %+.2f",
                            e.name(), e.score())).orElse("it has no attributes"));
            top = next;
        }
        out.println("the top 10 changed after " + changed + " of " + ratings.size() + " ratings");
        return changed;
    }

    private static List<String> ids(List<Recommendation> top) {
        return top.stream().map(Recommendation::itemId).toList();
    }
}
