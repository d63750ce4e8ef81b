package io.github.metarec4j.examples.serve;

import com.sun.net.httpserver.HttpServer;
import io.github.metarec4j.MetaRecommender;
import io.github.metarec4j.MetaTrainer;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.MovieLens;
import io.github.metarec4j.data.SyntheticData;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.meta.TrainingListener;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A recommendation service over HTTP and JSON with nothing but the JDK's
 * {@code com.sun.net.httpserver}: a fitted recommender is immutable and thread-safe, so one
 * instance serves every request thread, and each request adapts its visitor afresh.
 *
 * <pre>
 *   mvn -q test-compile exec:java@serve -Dserve.args="--data ../shared/data/ml-100k --port 8080"
 *   mvn -q test-compile exec:java@serve -Dserve.args="--model model.mr4j"
 *   mvn -q test-compile exec:java@serve                                   # synthetic data
 * </pre>
 *
 * Options: {@code --model <file>} serves a saved model; {@code --data <folder>} trains on
 * MovieLens-100k first (and shows film titles); neither trains on synthetic data;
 * {@code --epochs N} (default 10), {@code --port N} (default 8080), {@code --host H} (default
 * 127.0.0.1). The endpoints ({@link HealthHandler}, {@link RateHandler},
 * {@link OnboardingHandler}, {@link RecommendHandler}):
 * <pre>
 *   curl localhost:8080/health
 *   curl 'localhost:8080/onboarding?visitor=v1&amp;k=5'
 *   curl -d '{"visitor": "v1", "item": "50", "rating": 5}' localhost:8080/rate
 *   curl 'localhost:8080/recommend?visitor=v1&amp;k=5&amp;explain=true'
 *   curl -d '{"ratings": {"50": 5, "172": 4}, "k": 5}' localhost:8080/recommend
 * </pre>
 * and a demo page on {@code http://localhost:8080/} ({@link StaticFiles}: {@code index.html}
 * and its script from the resources); any other path is 404. Each handler is registered in
 * {@link #start}.
 */
public final class RecommenderServer implements AutoCloseable {

    private final HttpServer http;
    private final ExecutorService threads;

    private RecommenderServer(HttpServer http, ExecutorService threads) {
        this.http = http;
        this.threads = threads;
    }

    /** Starts serving {@code served} on {@code address} (port 0: any free port). */
    public static RecommenderServer start(ServedModel served, InetSocketAddress address) throws IOException {
        VisitorStore visitors = new VisitorStore(10_000, 100);
        HttpServer http = HttpServer.create(address, 0);
        http.createContext("/health", new HealthHandler(served, visitors));
        http.createContext("/rate", new RateHandler(served, visitors));
        http.createContext("/recommend", new RecommendHandler(served, visitors));
        http.createContext("/onboarding", new OnboardingHandler(served, visitors));
        http.createContext("/", new StaticFiles());
        ExecutorService threads = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        http.setExecutor(threads);
        http.start();
        return new RecommenderServer(http, threads);
    }

    /** The port it listens on. */
    public int port() {
        return http.getAddress().getPort();
    }

    /** Stops serving, letting requests in progress finish for up to a second. */
    @Override
    public void close() {
        http.stop(1);
        threads.shutdown();
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        ServedModel served = load(options);
        int port = Integer.parseInt(options.getOrDefault("--port", "8080"));
        String host = options.getOrDefault("--host", "127.0.0.1");
        RecommenderServer server = start(served, new InetSocketAddress(host, port));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.printf("serving %s (%s) on http://%s:%d/ (the demo page): GET /health, POST /rate, GET /onboarding, "
                + "GET and POST /recommend%n",
                served.recommender(), served.source(), host, server.port());
    }

    /** {@code --name value} pairs; exits with a usage line on anything else. */
    static Map<String, String> options(String[] args) {
        Set<String> known = Set.of("--model", "--data", "--epochs", "--port", "--host");
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!known.contains(args[i]) || i + 1 >= args.length) {
                System.err.println("usage: RecommenderServer [--model <file> | --data <MovieLens-100k folder>] "
                        + "[--epochs N] [--port N] [--host H]; got '" + String.join(" ", args) + "'");
                System.exit(2);
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    /** The model to serve: loaded, or trained on MovieLens-100k or synthetic data. */
    static ServedModel load(Map<String, String> options) {
        if (options.containsKey("--model")) {
            Path file = Path.of(options.get("--model"));
            return new ServedModel(MetaRecommender.load(file), Map.of(), "loaded from " + file);
        }
        Path folder = options.containsKey("--data") ? Path.of(options.get("--data")) : null;
        Dataset data = folder == null ? SyntheticData.builder().users(600).items(300).seed(7).build().generate()
                : MovieLens.load100k(folder);
        int epochs = Integer.parseInt(options.getOrDefault("--epochs", "10"));
        System.out.println("training for " + epochs + " epochs on " + data);
        MetaRecommender rec = MetaTrainer.builder()
                .training(MamlConfig.builder().epochs(epochs).seed(42).build())
                .listener(TrainingListener.logging(Duration.ofSeconds(5)))
                .build()
                .fit(data);
        return new ServedModel(rec, folder == null ? Map.of() : MovieLens.titles(folder),
                "trained on " + (folder == null ? "synthetic data" : "MovieLens-100k at " + folder));
    }
}
