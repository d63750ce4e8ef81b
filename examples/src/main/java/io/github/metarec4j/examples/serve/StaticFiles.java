package io.github.metarec4j.examples.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo page and its files, served on {@code /} from the class path (the resources folder
 * {@code io/github/metarec4j/examples/serve/demo/}): {@code GET /} is {@code index.html}, and
 * {@code GET /name.ext} is a file of that folder. Only a plain file name of letters, digits,
 * {@code -} and {@code _} with one of the extensions of {@link #TYPES} is looked up, so no path
 * can leave the folder ({@code ..}, {@code /}, {@code %2F} and the like are 404). Anything else
 * is the service's JSON 404; another method than GET or HEAD is 405. The page may load only
 * files of this service ({@code Content-Security-Policy: default-src 'self'}). Thread-safe.
 */
final class StaticFiles implements HttpHandler {

    /** The folder on the class path, relative to this class's package. */
    static final String FOLDER = "demo/";

    /** The content type of each extension served. */
    static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");

    private static final Pattern FILE = Pattern.compile("/([A-Za-z0-9_-]+\\.(" + String.join("|", TYPES.keySet()) + "))");

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Matcher file = FILE.matcher(path.equals("/") ? "/index.html" : path);
            InputStream in = file.matches() ? StaticFiles.class.getResourceAsStream(FOLDER + file.group(1)) : null;
            if (in == null) {
                JsonHandler.send(exchange, 404, JsonHandler.error("no such path: " + path + "; the endpoints are "
                        + "GET /health, POST /rate, GET /onboarding, GET and POST /recommend, and the demo page on GET /"));
                return;
            }
            try (in) {
                String method = exchange.getRequestMethod();
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                    JsonHandler.send(exchange, 405, JsonHandler.error(method + " is not allowed here; use GET or HEAD"));
                    return;
                }
                byte[] bytes = in.readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", TYPES.get(file.group(2)));
                exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
                exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'");
                exchange.getResponseHeaders().set("Cache-Control", "no-cache");
                exchange.sendResponseHeaders(200, method.equals("HEAD") ? -1 : bytes.length);
                if (method.equals("GET")) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                }
            }
        }
    }
}
