package io.github.metarec4j.examples.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The part every endpoint shares: the allowed methods, the JSON response, and errors as JSON
 * ({@code {"error": "..."}}): 400 for {@link BadRequest} and for the library's
 * {@link IllegalArgumentException} (whose messages say what was wrong), 404 for a path below
 * the endpoint's, 405 for another method, 500 for anything else. Subclasses answer with a value
 * {@link Json#write} can write. Thread-safe if the subclass is.
 */
abstract class JsonHandler implements HttpHandler {

    /** Bodies larger than this are refused: the service's requests are a few hundred bytes. */
    private static final int MAX_BODY = 64 * 1024;

    /** The model every endpoint serves. */
    final ServedModel served;
    /** The visitors' ratings. */
    final VisitorStore visitors;
    private final Set<String> methods;

    JsonHandler(ServedModel served, VisitorStore visitors, String... methods) {
        this.served = served;
        this.visitors = visitors;
        this.methods = Set.of(methods);
    }

    /** The response body for a request of an allowed method on exactly this endpoint's path. */
    abstract Object answer(HttpExchange exchange) throws BadRequest, IOException;

    @Override
    public final void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            respond(exchange);
        }
    }

    private void respond(HttpExchange exchange) throws IOException {
        try {
            if (!exchange.getRequestURI().getPath().equals(exchange.getHttpContext().getPath())) {
                send(exchange, 404, error("no such path: " + exchange.getRequestURI().getPath()));
            } else if (!methods.contains(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", String.join(", ", methods));
                send(exchange, 405, error(exchange.getRequestMethod() + " is not allowed here; use "
                        + String.join(" or ", methods)));
            } else {
                send(exchange, 200, answer(exchange));
            }
        } catch (BadRequest | IllegalArgumentException e) {
            send(exchange, 400, error(e.getMessage()));
        } catch (RuntimeException e) {
            send(exchange, 500, error("internal error: " + e));
        }
    }

    static Map<String, Object> error(String message) {
        return Map.of("error", message);
    }

    static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The request's body as a JSON object. */
    static Map<String, Object> jsonBody(HttpExchange exchange) throws BadRequest, IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            throw new BadRequest("the body is larger than " + MAX_BODY + " bytes");
        }
        Object parsed;
        try {
            parsed = Json.parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (Json.MalformedException e) {
            throw new BadRequest(e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new BadRequest("the body must be a JSON object, got " + Json.write(parsed));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put((String) k, v));
        return out;
    }

    /** The request's query parameters (the last value of a repeated one). */
    static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                params.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    /** The largest {@code k} a request may ask for. */
    static final int MAX_K = 100;

    /** The required query parameter {@code visitor}; {@code usage} shows a request with it. */
    static String visitor(Map<String, String> query, String usage) throws BadRequest {
        String visitor = query.get("visitor");
        if (visitor == null || visitor.isBlank()) {
            throw new BadRequest("query parameter 'visitor' is missing: " + usage);
        }
        return visitor;
    }

    /** {@code k}: a whole number from 1 to {@value #MAX_K}. */
    static int k(String value) throws BadRequest {
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

    /** {@code true} or {@code false}. */
    static boolean flag(String value, String what) throws BadRequest {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new BadRequest(what + " must be true or false, got " + value);
    }

    /** A required string field of a JSON body. */
    static String text(Map<String, Object> body, String field) throws BadRequest {
        Object value = body.get(field);
        if (!(value instanceof String s) || s.isBlank()) {
            throw new BadRequest("field '" + field + "' must be a non-empty string, got " + Json.write(value));
        }
        return s;
    }

    /** A required number field of a JSON body. */
    static double number(Object value, String what) throws BadRequest {
        if (!(value instanceof Double d)) {
            throw new BadRequest(what + " must be a number, got " + Json.write(value));
        }
        return d;
    }
}
