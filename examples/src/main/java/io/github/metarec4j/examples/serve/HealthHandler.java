package io.github.metarec4j.examples.serve;

import com.sun.net.httpserver.HttpExchange;
import io.github.metarec4j.MetaRecommender;
import io.github.metarec4j.meta.Provenance;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /health}: status, catalogue size, feedback type and scale, where the model came from. */
final class HealthHandler extends JsonHandler {

    HealthHandler(ServedModel served, VisitorStore visitors) {
        super(served, visitors, "GET");
    }

    @Override
    Object answer(HttpExchange exchange) {
        MetaRecommender rec = served.recommender();
        Provenance p = rec.provenance();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("source", served.source());
        model.put("libraryVersion", p.libraryVersion());
        model.put("createdAt", p.createdAt().toString());
        model.put("algorithm", p.algorithm());
        model.put("seed", p.seed());
        model.put("epochs", p.epochsRun());
        model.put("trainingUsers", p.trainingUsers());
        model.put("dataFingerprint", p.dataFingerprint());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "ok");
        out.put("items", rec.catalogue().size());
        out.put("feedback", rec.feedbackType().toString());
        rec.ratingScale().ifPresent(s -> out.put("ratingScale", Map.of("min", s.min(), "max", s.max())));
        out.put("visitors", visitors.size());
        out.put("model", model);
        return out;
    }
}
