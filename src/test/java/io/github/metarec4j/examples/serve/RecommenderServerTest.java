package io.github.metarec4j.examples.serve;

import io.github.metarec4j.MetaRecommender;
import io.github.metarec4j.MetaTrainer;
import io.github.metarec4j.TestBase;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Interaction;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service on a loopback port, a tiny model on synthetic data: every endpoint and every refusal. */
class RecommenderServerTest extends TestBase {

    private static RecommenderServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** Synthetic data: 80 users, 40 items. */
    static Dataset tinyData() {
        return SyntheticData.builder().users(80).items(40).ratingsPerUser(10, 30).seed(11).build().generate();
    }

    /** A tiny model on synthetic data, served with the titles of one item and the most popular items as suggestions. */
    static ServedModel tinyModel() {
        Dataset data = tinyData();
        MetaRecommender rec = MetaTrainer.builder()
                .scorer(ScorerConfig.builder().towerSize(8).itemIdEmbeddingSize(8).userFactors(8).negatives(10).build())
                .training(MamlConfig.builder().epochs(1).validationFraction(0).threads(1).seed(5).build())
                .build()
                .fit(data);
        return new ServedModel(rec, Map.of("i1", "The First Item"), "trained in a test",
                Suggestions.mostPopular(data.interactions()));
    }

    @BeforeAll
    static void start() throws Exception {
        server = RecommenderServer.start(tinyModel(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
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

    /** The item ids of an answer's {@code items}. */
    private static List<String> ids(Map.Entry<Integer, Map<?, ?>> answer) {
        assertEquals(200, answer.getKey(), answer.getValue().toString());
        return ((List<?>) answer.getValue().get("items")).stream().map(i -> (String) ((Map<?, ?>) i).get("item")).toList();
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

    @Test
    void onboardingSuggestsTheMostPopularItemsNotRatedYet() throws Exception {
        Map<String, Long> counts = tinyData().interactions().stream()
                .collect(Collectors.groupingBy(Interaction::itemId, Collectors.counting()));
        List<String> popular = counts.keySet().stream()
                .sorted(Comparator.comparing((String i) -> -counts.get(i)).thenComparing(i -> i)).toList();
        assertEquals(popular.subList(0, 3), ids(call("GET", "/onboarding?visitor=o1&k=3", null)));
        call("POST", "/rate", "{\"visitor\": \"o1\", \"item\": \"" + popular.get(1) + "\", \"rating\": 4}");
        assertEquals(List.of(popular.get(0), popular.get(2), popular.get(3)),
                ids(call("GET", "/onboarding?visitor=o1&k=3", null)));
        assertEquals(5, ids(call("GET", "/onboarding?visitor=o2", null)).size(), "k is 5 unless given");
        assertRefused(400, "query parameter 'visitor' is missing", "GET", "/onboarding?k=3", null);
        assertRefused(400, "k must be a whole number from 1 to 100, got 101", "GET", "/onboarding?visitor=v&k=101", null);
        assertRefused(405, "POST is not allowed here; use GET", "POST", "/onboarding", "{}");
    }

    @Test
    void recommendationsSayWhyWhenAsked() throws Exception {
        for (String item : List.of("i4", "i5", "i6")) {
            call("POST", "/rate", "{\"visitor\": \"e1\", \"item\": \"" + item + "\", \"rating\": 5}");
        }
        List<?> items = (List<?>) call("GET", "/recommend?visitor=e1&k=5&explain=true", null).getValue().get("items");
        assertEquals(5, items.size());
        boolean anyRating = false;
        for (Object i : items) {
            Map<?, ?> because = (Map<?, ?>) ((Map<?, ?>) i).get("because");
            List<?> ratings = (List<?>) because.get("ratings");
            List<?> attributes = (List<?>) because.get("attributes");
            assertTrue(ratings.size() <= 2 && attributes.size() <= 2, because.toString());
            for (Object r : ratings) {
                assertTrue(List.of("i4", "i5", "i6").contains(((Map<?, ?>) r).get("item")), because.toString());
                assertTrue((Double) ((Map<?, ?>) r).get("effect") > 0, because.toString());
            }
            for (Object a : attributes) {
                assertTrue(((String) ((Map<?, ?>) a).get("attribute")).contains("="), because.toString());
            }
            anyRating |= !ratings.isEmpty();
        }
        assertTrue(anyRating, "some rating pulls some item of the top 5 up: " + items);
        Map<?, ?> plain = (Map<?, ?>) ((List<?>) call("GET", "/recommend?visitor=e1&k=1", null).getValue().get("items")).get(0);
        assertFalse(plain.containsKey("because"), plain.toString());
        Map<?, ?> posted = (Map<?, ?>) ((List<?>) call("POST", "/recommend",
                "{\"ratings\": {\"i4\": 5}, \"k\": 1, \"explain\": true}").getValue().get("items")).get(0);
        assertTrue(posted.containsKey("because"), posted.toString());
        assertRefused(400, "query parameter 'explain' must be true or false, got yes", "GET",
                "/recommend?visitor=e1&explain=yes", null);
    }

    /** Status, Content-Type and body of a request for a file of the demo page. */
    private static HttpResponse<String> file(String method, String rawPath) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + rawPath))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDemoPageAndItsFilesAreServedWithTheirTypes() throws Exception {
        for (var expected : Map.of("/", "text/html; charset=utf-8", "/index.html", "text/html; charset=utf-8",
                "/demo.js", "text/javascript; charset=utf-8", "/demo.css", "text/css; charset=utf-8").entrySet()) {
            HttpResponse<String> r = file("GET", expected.getKey());
            assertEquals(200, r.statusCode(), expected.getKey());
            assertEquals(expected.getValue(), r.headers().firstValue("Content-Type").orElse(""), expected.getKey());
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
            assertEquals("default-src 'self'", r.headers().firstValue("Content-Security-Policy").orElse(""));
        }
        assertTrue(file("GET", "/").body().contains("<script src=\"demo.js\" defer></script>"));
        HttpResponse<String> head = file("HEAD", "/demo.js");
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
    }

    @Test
    void noPathLeavesTheDemoFolder() throws Exception {
        for (String path : List.of("/../pom.xml", "/%2e%2e/pom.xml", "/..%2fpom.xml", "/demo/index.html",
                "/io/github/metarec4j/examples/serve/demo/index.html", "/RecommenderServer.class",
                "/simplelogger.properties", "/index.html/", "/.html", "/index.html%00.js")) {
            HttpResponse<String> r = file("GET", path);
            assertEquals(404, r.statusCode(), path + ": " + r.body());
            assertEquals("application/json; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""), path);
        }
        assertRefused(405, "POST is not allowed here; use GET or HEAD", "POST", "/", "{}");
        assertRefused(404, "no such path: /missing.js", "GET", "/missing.js", null);
    }
}
