package io.github.metarec4j.examples.serve;

import com.sun.net.httpserver.HttpExchange;
import io.github.metarec4j.data.Features;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /onboarding?visitor=v1&k=5}: the items to ask the visitor to rate first, from the
 * served model's {@link Suggestions}, leaving out those the visitor has rated; titles where the
 * service has them. {@code {"visitor": "v1", "items": [{"item": "50", "title": "Star Wars (1977)"}, ...]}}
 */
final class OnboardingHandler extends JsonHandler {

    OnboardingHandler(ServedModel served, VisitorStore visitors) {
        super(served, visitors, "GET");
    }

    @Override
    Object answer(HttpExchange exchange) throws BadRequest {
        Map<String, String> query = query(exchange);
        String visitor = visitor(query, "GET /onboarding?visitor=<id>&k=5");
        int k = k(query.getOrDefault("k", "5"));
        List<Map<String, Object>> items = served.suggestions()
                .suggest(Features.none(), visitors.ratings(visitor).keySet(), k)
                .stream().map(served::describe).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("visitor", visitor);
        out.put("items", items);
        return out;
    }
}
