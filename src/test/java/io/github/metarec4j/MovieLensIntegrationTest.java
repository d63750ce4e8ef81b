package io.github.metarec4j;

import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.data.Interactions;
import io.github.metarec4j.data.MovieLens;
import io.github.metarec4j.meta.MamlConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end on MovieLens-100k: meta-train a small configuration on the existing users
 * (CS100K's rule: a user is new when {@code id % 5 == 0}), adapt each new user with at least
 * 25 ratings on their first 10, and score their ratings from the 21st on. The adapted
 * model's MAE must beat the training-set global mean by at least 0.07 (observed: 0.812 against 0.962).
 */
class MovieLensIntegrationTest extends TestBase {

    private static final double MARGIN = 0.07;
    private final Path data = MovieLens.defaultPath();

    @BeforeEach
    void needsMovieLens() {
        Skip.unlessMovieLens(data);
    }

    @Test
    void newUsersAdaptedOnTenRatingsBeatTheGlobalMean() {
        Dataset all = MovieLens.load100k(data);
        Interactions ratings = all.interactions();
        Dataset train = all.withInteractions(ratings.filter(x -> !isNew(x.userId())));
        MetaRecommender rec = MetaTrainer.builder().scorer(Fixtures.smallScorer())
                .training(MamlConfig.builder().epochs(8).patience(0).seed(1).build()).build().fit(train);
        double mean = train.interactions().mean();

        double model = 0;
        double baseline = 0;
        int n = 0;
        for (String user : ratings.users().ids()) {
            if (!isNew(user)) {
                continue;
            }
            List<Interaction> h = new ArrayList<>(ratings.ofUser(user));
            h.sort(Comparator.comparingLong(Interaction::timestamp).thenComparingInt(x -> Integer.parseInt(x.itemId())));
            if (h.size() < 25) {
                continue;
            }
            UserModel adapted = rec.adapt(all.userFeatures(user), h.subList(0, 10));
            for (Interaction q : h.subList(20, h.size())) {
                model += Math.abs(rec.predict(adapted, q.itemId()) - q.value());
                baseline += Math.abs(mean - q.value());
                n++;
            }
        }
        String figures = String.format("new users (%d query ratings): MAE %.4f adapted, %.4f global mean",
                n, model / n, baseline / n);
        LoggerFactory.getLogger(MovieLensIntegrationTest.class).info(figures);
        assertTrue(model / n <= baseline / n - MARGIN, figures);
    }

    private static boolean isNew(String userId) {
        return Integer.parseInt(userId) % 5 == 0;
    }
}
