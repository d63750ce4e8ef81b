package io.github.metarec4j;

import io.github.metarec4j.MetaRecommender.Explanation;
import io.github.metarec4j.data.DuplicatePolicy;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.internal.meta.MetaModel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link MetaRecommender#explain} computes, out of the facade: leave-one-out
 * re-adaptation for each of the user's interactions, and occlusion for each of the item's
 * attributes (see {@link Explanation}). Stateless; thread-safe.
 */
final class Explainer {

    private Explainer() {
    }

    /** {@link MetaRecommender#explain(Features, Collection, String)} for features already encoded. */
    static Explanation explain(MetaRecommender rec, float[] userInput, List<Interaction> support, String itemId) {
        int item = rec.indexOf(itemId);
        MetaModel m = rec.model();
        UserModel user = rec.adapt(userInput, support, DuplicatePolicy.REJECT);
        float[] ownInput = m.catalogue().inputRow(item);
        float[] y = m.outputsAs(userInput, user.adapted(), item, ownInput);
        double score = m.rankingScore(y, item);
        double prediction = m.prediction(y, item);
        List<Explanation.Effect> interactions = new ArrayList<>();
        for (int j = 0; j < support.size(); j++) {
            Interaction x = support.get(j);
            if (user.skippedItems().contains(x.itemId())) {
                continue; // never adapted on: no effect
            }
            List<Interaction> without = new ArrayList<>(support);
            without.remove(j);
            float[] w = m.outputsAs(userInput, rec.adapt(userInput, without, DuplicatePolicy.REJECT).adapted(), item,
                    ownInput);
            interactions.add(new Explanation.Effect(x.itemId(), score - m.rankingScore(w, item),
                    prediction - m.prediction(w, item)));
        }
        List<Explanation.Effect> attributes = new ArrayList<>();
        Map<String, Object> features = m.catalogue().features(item).asMap();
        for (Map.Entry<String, Object> field : features.entrySet()) {
            String name = field.getKey();
            Object value = field.getValue();
            if (value instanceof Collection<?> c) {
                // each value left out of the field's values
                for (Object v : c) {
                    Map<String, Object> occluded = new LinkedHashMap<>(features);
                    occluded.put(name, c.stream().filter(other -> !other.equals(v)).map(String::valueOf).toList());
                    attributes.add(effect(m, userInput, user, item, score, prediction, name + "=" + v, List.of(occluded)));
                }
            } else {
                // a categorical value against the field's other values (the mean over them), a
                // number against the field left out (the training mean)
                List<Map<String, Object>> alternatives = new ArrayList<>();
                boolean categorical = value instanceof String;
                List<String> vocabulary = categorical ? m.itemEncoder().vocabulary(name) : List.of();
                for (String other : vocabulary) {
                    if (!other.equals(value)) {
                        Map<String, Object> occluded = new LinkedHashMap<>(features);
                        occluded.put(name, other);
                        alternatives.add(occluded);
                    }
                }
                if (alternatives.isEmpty()) {
                    Map<String, Object> occluded = new LinkedHashMap<>(features);
                    occluded.remove(name);
                    alternatives.add(occluded);
                }
                attributes.add(effect(m, userInput, user, item, score, prediction, name + "=" + value, alternatives));
            }
        }
        Comparator<Explanation.Effect> largest = Comparator.comparingDouble(
                (Explanation.Effect e) -> -Math.abs(e.score()));
        interactions.sort(largest);
        attributes.sort(largest);
        return new Explanation(itemId, score, prediction, interactions, attributes);
    }

    /** The item's score and prediction minus their means over the item described as each of {@code alternatives}. */
    private static Explanation.Effect effect(MetaModel model, float[] userInput, UserModel user, int item, double score,
                                             double prediction, String name, List<Map<String, Object>> alternatives) {
        double s = 0;
        double p = 0;
        for (Map<String, Object> features : alternatives) {
            float[] o = model.outputsAs(userInput, user.adapted(), item, model.itemEncoder().encode(Features.of(features)));
            s += model.rankingScore(o, item);
            p += model.prediction(o, item);
        }
        return new Explanation.Effect(name, score - s / alternatives.size(), prediction - p / alternatives.size());
    }
}
