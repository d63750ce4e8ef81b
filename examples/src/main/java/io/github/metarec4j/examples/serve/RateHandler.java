package io.github.metarec4j.examples.serve;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /rate} with {@code {"visitor": "v1", "item": "50", "rating": 5}}: stores the
 * visitor's rating (a visitor id or session token chosen by the client) and answers with how
 * many ratings the visitor has. Their next {@code GET /recommend} adapts to all of them.
 */
final class RateHandler extends JsonHandler {

    RateHandler(ServedModel served, VisitorStore visitors) {
        super(served, visitors, "POST");
    }

    @Override
    Object answer(HttpExchange exchange) throws BadRequest, IOException {
        Map<String, Object> body = jsonBody(exchange);
        String visitor = text(body, "visitor");
        String item = text(body, "item");
        double rating = served.checkedRating(item, number(body.get("rating"), "field 'rating'"));
        Map<String, Double> ratings = visitors.rate(visitor, item, rating);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("visitor", visitor);
        out.put("ratings", ratings.size());
        return out;
    }
}
