package io.github.metarec4j;

import io.github.metarec4j.MetaRecommender.UserSession;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.Interaction;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Onboarding suggestions (issue 10, part 3) on the synthetic fixture, whose item popularity and tastes are known. */
class OnboardingTest extends TestBase {

    private static Features user(String segment, double age) {
        return Features.of(Map.of("segment", segment, "age", age));
    }

    @Test
    void kMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fixtures.recommender().suggestOnboardingItems(Features.none(), 0));
        assertEquals("k must be positive (the number of items to suggest), got 0", e.getMessage());
    }

    @Test
    void featuresMustNotBeNull() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fixtures.recommender().suggestOnboardingItems((Features) null, 5));
        assertEquals("userFeatures must not be null", e.getMessage());
    }

    @Test
    void featuresTheSchemaDoesNotKnowAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fixtures.recommender().suggestOnboardingItems(Features.of(Map.of("shoeSize", "42")), 5));
        assertTrue(e.getMessage().startsWith("feature field 'shoeSize' is not in the schema"), e.getMessage());
    }

    @Test
    void aSessionMustNotBeNull() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fixtures.recommender().suggestOnboardingItems((UserSession) null, 5));
        assertEquals("session must not be null", e.getMessage());
    }

    @Test
    void nothingIsLeftOutSilentlyAndTheAnswerIsDeterministic() {
        MetaRecommender rec = Fixtures.recommender();
        Features f = user("s1+", 30);
        List<String> all = rec.suggestOnboardingItems(f, rec.catalogue().size() + 5);
        assertEquals(rec.catalogue().size(), all.size(), "every item, once, when k exceeds the catalogue");
        assertEquals(new HashSet<>(rec.catalogue()), new HashSet<>(all));
        assertEquals(all.subList(0, 10), rec.suggestOnboardingItems(f, 10), "the top 10 are the order's first 10");
        assertEquals(rec.suggestOnboardingItems(f, 10), rec.suggestOnboardingItems(f, 10));
    }

    /**
     * The suggestions are items that users can answer (rated more often in the training data
     * than the catalogue's typical item), and among those the ones whose answer matters: the
     * user's predictions over the catalogue differ more between a 5 and a 1 for a suggested item
     * than for the items the user is likeliest to have met (the top of the availability alone).
     */
    @Test
    void suggestionsArePopularAndInformative() {
        MetaRecommender rec = Fixtures.recommender();
        Dataset training = Fixtures.training();
        Map<String, Integer> counts = new HashMap<>();
        for (int r = 0; r < training.interactions().size(); r++) {
            counts.merge(training.interactions().items().id(training.interactions().itemIndex(r)), 1, Integer::sum);
        }
        List<String> catalogue = rec.catalogue();
        double medianCount = median(catalogue.stream().mapToDouble(i -> counts.getOrDefault(i, 0)).toArray());
        int popular = 0;
        int n = 0;
        for (String segment : List.of("s1+", "s2-", "s3+")) {
            Features f = user(segment, 35);
            List<String> suggested = rec.suggestOnboardingItems(f, 10);
            float[] input = rec.model().encodeUser(f);
            double[] available = rec.model().availability(input, rec.adapt(f).adapted());
            List<String> likeliest = IntStream.range(0, catalogue.size()).boxed()
                    .sorted(Comparator.comparingDouble((Integer i) -> -available[i])).limit(10)
                    .map(catalogue::get).toList();
            assertTrue(mattering(rec, f, suggested) > mattering(rec, f, likeliest), segment
                    + ": the answers on the suggestions move the predictions more than those on the likeliest items");
            for (String item : suggested) {
                popular += counts.getOrDefault(item, 0) > medianCount ? 1 : 0;
                n++;
            }
        }
        assertTrue(popular >= 0.8 * n, popular + " of " + n + " suggestions rated more often than the median item");
    }

    /** The mean over {@code items} of the summed change of the user's predictions between a 5 and a 1 for the item. */
    private static double mattering(MetaRecommender rec, Features f, List<String> items) {
        double sum = 0;
        for (String item : items) {
            double[] high = rec.predict(rec.adapt(f, Map.of(item, 5)), rec.catalogue());
            double[] low = rec.predict(rec.adapt(f, Map.of(item, 1)), rec.catalogue());
            for (int j = 0; j < high.length; j++) {
                sum += Math.abs(high[j] - low[j]);
            }
        }
        return sum / items.size();
    }

    @Test
    void suggestionsDependOnTheUsersFeatures() {
        MetaRecommender rec = Fixtures.recommender();
        List<List<String>> lists = List.of(rec.suggestOnboardingItems(user("s1+", 20), 10),
                rec.suggestOnboardingItems(user("s2-", 45), 10), rec.suggestOnboardingItems(user("s3+", 70), 10));
        assertTrue(new HashSet<>(lists).size() > 1, "different users get different suggestions: " + lists);
    }

    @Test
    void aSessionsItemsAreLeftOutAndItsAnswersCount() {
        MetaRecommender rec = Fixtures.recommender();
        Features f = user("s1+", 30);
        List<String> first = rec.suggestOnboardingItems(f, 10);
        UserSession s = rec.startSession(f);
        assertEquals(first, rec.suggestOnboardingItems(s, 10), "an empty session is the features alone");
        s = s.record(first.get(0), 5).skip(first.get(1));
        List<String> next = rec.suggestOnboardingItems(s, 10);
        assertTrue(!next.contains(first.get(0)) && !next.contains(first.get(1)), "rated and skipped items left out");
        assertNotEquals(first.subList(2, 10), next.subList(0, 8), "the answer changes what is worth asking");
        for (Interaction x : Fixtures.history(Fixtures.newUsers().iterator().next()).subList(0, 3)) {
            s = s.record(x.itemId(), x.value());
        }
        assertEquals(10, rec.suggestOnboardingItems(s, 10).size());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
