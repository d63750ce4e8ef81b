package io.github.metarec4j.examples.serve;

import io.github.metarec4j.MetaRecommender;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.Interactions;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which items to ask a new visitor to rate first ({@code GET /onboarding}): items they are
 * likely to know, so that their first ratings are quick to give and tell the model something.
 * Implementations are immutable and thread-safe.
 *
 * <p>The server uses the library's choice ({@link #library}); {@link #mostPopular} is the
 * plain alternative (and what the tests pin down).
 */
@FunctionalInterface
public interface Suggestions {

    /**
     * At most {@code k} items to suggest, best first, none of them in {@code rated}.
     *
     * @param userFeatures the visitor's features ({@link Features#none()} if there are none)
     * @param rated        the items the visitor has rated already
     */
    List<String> suggest(Features userFeatures, Set<String> rated, int k);

    /**
     * The most popular items: the most interactions in {@code training} (the data the model was
     * trained on) first, ties by item id.
     */
    static Suggestions mostPopular(Interactions training) {
        Map<String, Long> counts = training.stream()
                .collect(Collectors.groupingBy(x -> x.itemId(), Collectors.counting()));
        List<String> ranked = counts.keySet().stream()
                .sorted(Comparator.comparing((String item) -> -counts.get(item)).thenComparing(Function.identity()))
                .toList();
        return (features, rated, k) -> ranked.stream().filter(item -> !rated.contains(item)).limit(k).toList();
    }

    /**
     * The library's onboarding suggestions ({@code MetaRecommender.suggestOnboardingItems}): the
     * items whose ratings would teach the model most about this visitor, among those they are
     * likely to know (docs/onboarding.md); for a loaded model as for a trained one.
     */
    static Suggestions library(MetaRecommender rec) {
        return (features, rated, k) -> rec.suggestOnboardingItems(features, k + rated.size()).stream()
                .filter(item -> !rated.contains(item)).limit(k).toList();
    }
}
