package io.github.metarec4j;

import io.github.metarec4j.MetaRecommender.Explanation;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.Interaction;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Explanations (issue 10, part 2) on synthetic data where the taste is known: a user who rates
 * the items of one genre ({@code g1+} .. {@code g4-}, SyntheticData's coarse view of an item's
 * hidden taste profile) 5 and those of the opposite genre 1.
 */
class ExplanationTest extends TestBase {

    private static boolean has(Dataset data, String item, String genre) {
        return data.itemFeatures(item).get("genres").map(g -> ((Collection<?>) g).contains(genre)).orElse(false);
    }

    private static String opposite(String genre) {
        return genre.substring(0, genre.length() - 1) + (genre.endsWith("+") ? "-" : "+");
    }

    /**
     * Six items of the genre rated 5, six of the opposite genre rated 1, and, so that a rating of
     * 5 alone (the user's bias) does not single the genre out, six items of neither also rated 5,
     * in catalogue order.
     */
    private static List<Interaction> support(Dataset data, String genre) {
        List<Interaction> support = new ArrayList<>();
        int liked = 0;
        int disliked = 0;
        int other = 0;
        for (String item : data.catalogue().ids()) {
            boolean in = has(data, item, genre);
            boolean against = has(data, item, opposite(genre));
            if (liked < 6 && in) {
                support.add(Interaction.of("u", item, 5));
                liked++;
            } else if (disliked < 6 && against) {
                support.add(Interaction.of("u", item, 1));
                disliked++;
            } else if (other < 6 && !in && !against) {
                support.add(Interaction.of("u", item, 5));
                other++;
            }
        }
        return support;
    }

    @Test
    void theAttributedInteractionsAndAttributesAreTheOnesThatCarryTheTaste() {
        MetaRecommender rec = Fixtures.recommender();
        Dataset data = Fixtures.synthetic();
        int cases = 0;
        int interactionRight = 0;
        int attributeRight = 0;
        int meanRight = 0;
        int contrastRight = 0;
        for (int k = 1; k <= 4; k++) {
            for (String sign : List.of("+", "-")) {
                String genre = "g" + k + sign;
                List<Interaction> support = support(data, genre);
                List<String> seen = support.stream().map(Interaction::itemId).toList();
                List<String> targets = data.catalogue().ids().stream().filter(i -> !seen.contains(i))
                        .filter(i -> has(data, i, genre)).limit(5).toList();
                List<String> against = data.catalogue().ids().stream().filter(i -> !seen.contains(i))
                        .filter(i -> has(data, i, opposite(genre)) && !has(data, i, genre)).limit(5).toList();
                for (int t = 0; t < targets.size(); t++) {
                    String target = targets.get(t);
                    Explanation e = rec.explain(Features.none(), support, target);
                    // contrast with an item of the opposite genre: the user's bias moves both alike
                    Explanation o = rec.explain(Features.none(), support, against.get(t));
                    String carrier = null;
                    double most = Double.NEGATIVE_INFINITY;
                    for (Explanation.Effect x : e.interactions()) {
                        double contrast = x.prediction() - o.interactions().stream()
                                .filter(y -> y.name().equals(x.name())).findFirst().orElseThrow().prediction();
                        if (contrast > most) {
                            most = contrast;
                            carrier = x.name();
                        }
                    }
                    contrastRight += has(data, carrier, genre) || has(data, carrier, opposite(genre)) ? 1 : 0;
                    assertEquals(support.size(), e.interactions().size());
                    assertEquals(rec.predict(rec.adapt(Features.none(), support), target), e.prediction(), 1e-9);
                    Explanation.Effect up = e.interactions().stream()
                            .max(Comparator.comparingDouble(Explanation.Effect::prediction)).orElseThrow();
                    Explanation.Effect attribute = e.attributes().stream()
                            .max(Comparator.comparingDouble(Explanation.Effect::prediction)).orElseThrow();
                    cases++;
                    interactionRight += has(data, up.name(), genre) ? 1 : 0;
                    attributeRight += attribute.name().equals("genres=" + genre) ? 1 : 0;
                    // the genre's 5s against the other 5s: which pull the prediction up more, on average
                    double genreEffect = 0;
                    double otherEffect = 0;
                    for (Explanation.Effect x : e.interactions()) {
                        boolean five = support.stream().anyMatch(i -> i.itemId().equals(x.name()) && i.value() == 5);
                        if (five && has(data, x.name(), genre)) {
                            genreEffect += x.prediction();
                        } else if (five) {
                            otherEffect += x.prediction();
                        }
                    }
                    meanRight += genreEffect > otherEffect ? 1 : 0;
                }
            }
        }
        double interactionRate = (double) interactionRight / cases;
        double attributeRate = (double) attributeRight / cases;
        double meanRate = (double) meanRight / cases;
        double contrastRate = (double) contrastRight / cases;
        System.out.printf("[explain] %d cases: the interaction that pulls the prediction up most is of the liked "
                + "genre in %.2f (chance 0.50), the genre's 5s pull it up more than the other 5s in %.2f, the "
                + "attribute that pulls it up most is that genre in %.2f; the interaction that separates it most from "
                + "an item of the opposite genre is one of the genre or its opposite in %.2f (chance 0.67)%n", cases,
                interactionRate, meanRate, attributeRate, contrastRate);
        // measured (fixture model, seed 3): 0.50 and 0.50 for the interactions on their own (chance:
        // leaving out a rating of 5 lowers the user's bias, which moves every item alike, and the
        // taste stays carried by the other ratings of the genre), 0.55 for the attribute (an item has
        // 2 to 6 attributes), 0.83 for the contrast (chance 0.67)
        assertTrue(attributeRate >= 0.45, "the genre is the attribute that pulls up most in " + attributeRate);
        assertTrue(contrastRate >= 0.75, "the interaction that separates the genre from its opposite most carries "
                + "the taste in " + contrastRate);
    }

    @Test
    void aSessionExplainsOnItsWindowAndUnknownItemsAreNamed() {
        MetaRecommender rec = Fixtures.recommender();
        List<Interaction> support = support(Fixtures.synthetic(), "g1+");
        MetaRecommender.UserSession s = rec.startSession(Features.none());
        for (Interaction x : support) {
            s = s.record(x.itemId(), x.value());
        }
        Explanation fromSession = s.explain("i3");
        Explanation direct = rec.explain(Features.none(), support, "i3");
        assertEquals(direct, fromSession);
        assertFalse(direct.attributes().isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rec.explain(Features.none(),
                support, "nope"));
        assertTrue(e.getMessage().startsWith("item 'nope' is not in the catalogue"), e.getMessage());
    }
}
