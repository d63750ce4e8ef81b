package io.github.metarec4j.examples.serve;

import io.github.metarec4j.MetaRecommender;
import io.github.metarec4j.MetaTrainer;
import io.github.metarec4j.TestBase;
import io.github.metarec4j.data.SyntheticData;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.model.ScorerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service on a loopback port, a tiny model on synthetic data: every endpoint and every refusal. */
class RecommenderServerTest extends TestBase {

    private static RecommenderServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        MetaRecommender rec = MetaTrainer.builder()
                .scorer(ScorerConfig.builder().towerSize(8).itemIdEmbeddingSize(8).userFactors(8).negatives(10).build())
                .training(MamlConfig.builder().epochs(1).validationFraction(0).threads(1).seed(5).build())
                .build()
                .fit(SyntheticData.builder().users(80).items(40).ratingsPerUser(10, 30).seed(11).build().generate());
        server = RecommenderServer.start(new ServedModel(rec, Map.of("i1", "The First Item"), "trained in a test"),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Status and the parsed JSON body. */
    private static Map.Entry<Integer, Map<?, ?>> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("application/json; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        return Map.entry(r.statusCode(), (Map<?, ?>) Json.parse(r.body()));
    }

    private static void assertRefused(int status, String message, String method, String path, String body)
            throws Exception {
        Map.Entry<Integer, Map<?, ?>> r = call(method, path, body);
        assertEquals(status, r.getKey(), r.getValue().toString());
        assertTrue(((String) r.getValue().get("error")).contains(message), r.getValue().toString());
    }

    @Test
    void healthSaysWhatIsServed() throws Exception {
        Map.Entry<Integer, Map<?, ?>> r = call("GET", "/health", null);
        assertEquals(200, r.getKey());
        assertEquals("ok", r.getValue().get("status"));
        assertEquals(40.0, r.getValue().get("items"));
        assertEquals(Map.of("min", 1.0, "max", 5.0), r.getValue().get("ratingScale"));
        Map<?, ?> model = (Map<?, ?>) r.getValue().get("model");
        assertEquals("trained in a test", model.get("source"));
        assertEquals(5.0, model.get("seed"));
    }

    @Test
    void ratingsAreRememberedAndRecommendationsFollowThem() throws Exception {
        Map.Entry<Integer, Map<?, ?>> before = call("GET", "/recommend?visitor=v1&k=5", null);
        assertEquals(200, before.getKey());
        assertEquals(0.0, before.getValue().get("ratings"));
        assertEquals(5, ((List<?>) before.getValue().get("items")).size());
        for (String item : List.of("i1", "i2", "i3")) {
            Map.Entry<Integer, Map<?, ?>> rated = call("POST", "/rate",
                    "{\"visitor\": \"v1\", \"item\": \"" + item + "\", \"rating\": 5}");
            assertEquals(200, rated.getKey(), rated.getValue().toString());
        }
        Map.Entry<Integer, Map<?, ?>> after = call("GET", "/recommend?visitor=v1&k=40", null);
        assertEquals(3.0, after.getValue().get("ratings"));
        List<?> items = (List<?>) after.getValue().get("items");
        assertEquals(37, items.size(), "the three rated items are left out");
        Map<?, ?> first = (Map<?, ?>) items.get(0);
        assertTrue(first.get("item") instanceof String && first.get("score") instanceof Double, first.toString());
    }

    @Test
    void postRecommendIsStatelessAndShowsTitles() throws Exception {
        Map.Entry<Integer, Map<?, ?>> r = call("POST", "/recommend",
                "{\"ratings\": {\"i2\": 4, \"i3\": 1}, \"k\": 40, \"features\": {\"age\": 30, \"segment\": \"s1+\"}}");
        assertEquals(200, r.getKey(), r.getValue().toString());
        assertEquals(2.0, r.getValue().get("ratings"));
        List<?> items = (List<?>) r.getValue().get("items");
        assertEquals(38, items.size());
        assertTrue(items.stream().map(i -> (Map<?, ?>) i).anyMatch(i -> "The First Item".equals(i.get("title"))));
    }

    @Test
    void badInputIsRefusedWithWhatWasWrong() throws Exception {
        assertRefused(400, "unknown item 'nope'", "POST", "/rate", "{\"visitor\": \"v\", \"item\": \"nope\", \"rating\": 3}");
        assertRefused(400, "off the scale [1.0, 5.0]", "POST", "/rate", "{\"visitor\": \"v\", \"item\": \"i1\", \"rating\": 7}");
        assertRefused(400, "field 'rating' must be a number", "POST", "/rate", "{\"visitor\": \"v\", \"item\": \"i1\"}");
        assertRefused(400, "field 'visitor' must be a non-empty string", "POST", "/rate", "{\"item\": \"i1\", \"rating\": 3}");
        assertRefused(400, "malformed JSON: expected", "POST", "/rate", "{\"visitor\": ");
        assertRefused(400, "the body must be a JSON object", "POST", "/rate", "[1]");
        assertRefused(400, "k must be a whole number from 1 to 100, got 0", "GET", "/recommend?visitor=v&k=0", null);
        assertRefused(400, "k must be a whole number from 1 to 100, got ten", "GET", "/recommend?visitor=v&k=ten", null);
        assertRefused(400, "query parameter 'visitor' is missing", "GET", "/recommend?k=3", null);
        assertRefused(400, "unknown item 'x'", "POST", "/recommend", "{\"ratings\": {\"x\": 3}}");
        assertRefused(400, "field 'ratings' must be an object", "POST", "/recommend", "{\"k\": 3}");
        assertRefused(400, "k must be a whole number from 1 to 100, got 2.5", "POST", "/recommend",
                "{\"ratings\": {}, \"k\": 2.5}");
        assertRefused(400, "planet", "POST", "/recommend", "{\"ratings\": {}, \"features\": {\"planet\": \"Mars\"}}");
        assertRefused(404, "no such path: /nowhere", "GET", "/nowhere", null);
        assertRefused(404, "no such path: /health/x", "GET", "/health/x", null);
        assertRefused(405, "DELETE is not allowed here; use POST", "DELETE", "/rate", null);
    }
}
