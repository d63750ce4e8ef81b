package io.github.metarec4j.examples.serve;

import io.github.metarec4j.MetaRecommender;
import io.github.metarec4j.data.FeedbackType;
import io.github.metarec4j.data.RatingScale;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the service serves: a {@link MetaRecommender#lenient() lenient} recommender (a visitor's
 * stored ratings of an item the model no longer knows, after a model update, are skipped rather
 * than failing their recommendations; new requests are still checked item by item and refused
 * with 400), film titles where there are any, and where the model came from. Immutable.
 *
 * @param recommender the fitted recommender, lenient
 * @param titles      display titles by item id; empty without them
 * @param source      where the model came from: a file, or the data it was trained on
 * @param suggestions  the items a new visitor is asked to rate first ({@code GET /onboarding})
 */
public record ServedModel(MetaRecommender recommender, Map<String, String> titles, String source,
                          Suggestions suggestions) {

    public ServedModel {
        recommender = recommender.lenient();
        titles = Map.copyOf(titles);
    }

    /** A model whose onboarding suggestions are the library's ({@link Suggestions#library}). */
    public ServedModel(MetaRecommender recommender, Map<String, String> titles, String source) {
        this(recommender, titles, source, Suggestions.library(recommender.lenient()));
    }

    /** {@code item}'s JSON object for an answer: its id and its title where there is one. */
    Map<String, Object> describe(String item) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("item", item);
        String title = titles.get(item);
        if (title != null) {
            out.put("title", title);
        }
        return out;
    }

    /**
     * The checked rating of {@code item}: the item must be in the catalogue, the value on the
     * model's rating scale (or positive, for implicit feedback).
     *
     * @throws BadRequest saying which item or value is wrong
     */
    public double checkedRating(String item, double value) throws BadRequest {
        if (!recommender.knows(item)) {
            throw new BadRequest("unknown item '" + item + "': it is not in the catalogue of "
                    + recommender.catalogue().size() + " items");
        }
        Optional<RatingScale> scale = recommender.ratingScale();
        if (scale.isPresent() && !scale.get().contains(value)) {
            throw new BadRequest("rating " + value + " for item '" + item + "' is off the scale [" + scale.get().min()
                    + ", " + scale.get().max() + "]");
        }
        if (recommender.feedbackType() == FeedbackType.IMPLICIT && !(value > 0)) {
            throw new BadRequest("feedback " + value + " for item '" + item + "' must be positive (1 for a click)");
        }
        return value;
    }
}
