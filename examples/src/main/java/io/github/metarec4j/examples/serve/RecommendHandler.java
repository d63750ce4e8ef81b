package io.github.metarec4j.examples.serve;

import com.sun.net.httpserver.HttpExchange;
import io.github.metarec4j.MetaRecommender;
import io.github.metarec4j.Recommendation;
import io.github.metarec4j.UserModel;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.Interaction;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The top {@code k} items for a visitor, adapted from their ratings with
 * {@link MetaRecommender#adapt(Features, Map)} on every request (well under a millisecond):
 * <ul>
 *   <li>{@code GET /recommend?visitor=v1&k=10}: from the ratings stored by {@code POST /rate}
 *       (none yet: the model's starting point);</li>
 *   <li>{@code POST /recommend} with {@code {"ratings": {"50": 5, "172": 4}, "k": 10,
 *       "features": {"age": 30}}}: stateless, from the ratings in the body ({@code features}
 *       optional, fields of the model's user schema).</li>
 * </ul>
 * The answer lists item ids, scores (the ranking score) and titles where the service has them.
 * With {@code explain=true} (a query parameter, or a field of the body) each item also says
 * {@code because}: the visitor's ratings and the item's attributes that pull its score up most,
 * from {@link MetaRecommender#explain} (one more {@code adapt} per rating and item: a few
 * milliseconds for a top 10).
 */
final class RecommendHandler extends JsonHandler {

    /** How many ratings and how many attributes an explanation names at the most. */
    static final int REASONS = 2;

    RecommendHandler(ServedModel served, VisitorStore visitors) {
        super(served, visitors, "GET", "POST");
    }

    @Override
    Object answer(HttpExchange exchange) throws BadRequest, IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Double> ratings;
        Features features = Features.none();
        int k;
        boolean explain;
        if (exchange.getRequestMethod().equals("GET")) {
            Map<String, String> query = query(exchange);
            String visitor = visitor(query, "GET /recommend?visitor=<id>&k=10");
            k = k(query.getOrDefault("k", "10"));
            explain = flag(query.getOrDefault("explain", "false"), "query parameter 'explain'");
            ratings = visitors.ratings(visitor);
            out.put("visitor", visitor);
        } else {
            Map<String, Object> body = jsonBody(exchange);
            k = body.containsKey("k") ? k(Json.write(body.get("k"))) : 10;
            ratings = ratings(body.get("ratings"));
            explain = body.containsKey("explain") && flag(Json.write(body.get("explain")), "field 'explain'");
            if (body.get("features") instanceof Map<?, ?> f) {
                features = Features.of(f.entrySet().stream().collect(LinkedHashMap::new,
                        (m, e) -> m.put((String) e.getKey(), e.getValue()), Map::putAll));
            } else if (body.containsKey("features")) {
                throw new BadRequest("field 'features' must be an object of feature values");
            }
        }
        MetaRecommender rec = served.recommender();
        UserModel user = rec.adapt(features, ratings);
        List<Map<String, Object>> items = new ArrayList<>();
        List<Interaction> support = ratings.entrySet().stream()
                .map(e -> Interaction.of("visitor", e.getKey(), e.getValue())).toList();
        for (Recommendation r : rec.recommend(user, k)) {
            Map<String, Object> item = served.describe(r.itemId());
            item.put("score", r.score());
            if (explain) {
                item.put("because", because(rec.explain(features, support, r.itemId())));
            }
            items.add(item);
        }
        out.put("ratings", ratings.size() - user.skippedItems().size());
        out.put("items", items);
        return out;
    }

    /**
     * What pulls the item up most: at most {@value #REASONS} of the visitor's ratings and
     * {@value #REASONS} of the item's attributes, each with its effect on the ranking score;
     * only those whose effect is positive, largest first.
     */
    private Map<String, Object> because(MetaRecommender.Explanation why) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ratings", strongest(why.interactions(), e -> served.describe(e.name())));
        out.put("attributes", strongest(why.attributes(), e -> new LinkedHashMap<>(Map.of("attribute", e.name()))));
        return out;
    }

    private static List<Map<String, Object>> strongest(List<MetaRecommender.Explanation.Effect> effects,
                                                       Function<MetaRecommender.Explanation.Effect, Map<String, Object>> describe) {
        return effects.stream()
                .filter(e -> e.score() > 0)
                .sorted(Comparator.comparingDouble(MetaRecommender.Explanation.Effect::score).reversed())
                .limit(REASONS)
                .map(e -> {
                    Map<String, Object> reason = describe.apply(e);
                    reason.put("effect", e.score());
                    return reason;
                })
                .toList();
    }

    /** The body's {@code ratings}: an object of item id to rating, each item known and rating on the scale. */
    private Map<String, Double> ratings(Object value) throws BadRequest {
        if (!(value instanceof Map<?, ?> map)) {
            throw new BadRequest("field 'ratings' must be an object of item id to rating, such as "
                    + "{\"50\": 5, \"172\": 4}; got " + Json.write(value));
        }
        Map<String, Double> ratings = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String item = (String) e.getKey();
            ratings.put(item, served.checkedRating(item, number(e.getValue(), "the rating of item '" + item + "'")));
        }
        return ratings;
    }
}
