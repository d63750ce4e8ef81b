package io.github.metarec4j.examples.serve;

import com.sun.net.httpserver.HttpExchange;
import io.github.metarec4j.MetaRecommender;
import io.github.metarec4j.Recommendation;
import io.github.metarec4j.UserModel;
import io.github.metarec4j.data.Features;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 */
final class RecommendHandler extends JsonHandler {

    static final int MAX_K = 100;

    RecommendHandler(ServedModel served, VisitorStore visitors) {
        super(served, visitors, "GET", "POST");
    }

    @Override
    Object answer(HttpExchange exchange) throws BadRequest, IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Double> ratings;
        Features features = Features.none();
        int k;
        if (exchange.getRequestMethod().equals("GET")) {
            Map<String, String> query = query(exchange);
            String visitor = query.get("visitor");
            if (visitor == null || visitor.isBlank()) {
                throw new BadRequest("query parameter 'visitor' is missing: GET /recommend?visitor=<id>&k=10");
            }
            k = k(query.getOrDefault("k", "10"));
            ratings = visitors.ratings(visitor);
            out.put("visitor", visitor);
        } else {
            Map<String, Object> body = jsonBody(exchange);
            k = body.containsKey("k") ? k(Json.write(body.get("k"))) : 10;
            ratings = ratings(body.get("ratings"));
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
        for (Recommendation r : rec.recommend(user, k)) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("item", r.itemId());
            item.put("score", r.score());
            String title = served.titles().get(r.itemId());
            if (title != null) {
                item.put("title", title);
            }
            items.add(item);
        }
        out.put("ratings", ratings.size() - user.skippedItems().size());
        out.put("items", items);
        return out;
    }

    /** {@code k}: a whole number from 1 to {@value #MAX_K}. */
    private static int k(String value) throws BadRequest {
        try {
            int k = Integer.parseInt(value);
            if (k >= 1 && k <= MAX_K) {
                return k;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new BadRequest("k must be a whole number from 1 to " + MAX_K + ", got " + value);
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
