package io.github.metarec4j.benchmarks;

import io.github.metarec4j.eval.ColdStartProtocol;
import io.github.metarec4j.eval.Latency;
import io.github.metarec4j.eval.MethodResult;
import io.github.metarec4j.eval.Scenario;
import io.github.metarec4j.eval.ScenarioResult;
import io.github.metarec4j.eval.Summary;
import io.github.metarec4j.internal.util.Version;
import io.github.metarec4j.meta.TrainingListener.EpochSummary;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Writes a {@link BenchmarkReport} as JSON: the configuration, the machine, the split's
 * counts, every figure of every run (per seed, epochs included) and the summaries over
 * seeds. A figure that does not exist (a latency nothing was timed for, a validation score
 * without validation) is {@code null}: JSON has no NaN. Stateless and thread-safe.
 *
 * <p>Top-level keys: {@code benchmark}, {@code protocolVersion}, {@code libraryVersion},
 * {@code wallSeconds}, {@code configuration}, {@code machine}, {@code split}, {@code runs},
 * {@code summaries}.
 */
final class JsonReport {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    /** The report as pretty-printed JSON. */
    static String render(BenchmarkReport report) {
        return write(tree(report, "CS100K", ColdStartProtocol.VERSION));
    }

    /**
     * The report as a JSON tree, for a benchmark that adds to it before {@link #write}: the
     * keys above, {@code benchmark} and {@code protocolVersion} as given.
     */
    static ObjectNode tree(BenchmarkReport report, String benchmark, int protocolVersion) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("benchmark", benchmark);
        root.put("protocolVersion", protocolVersion);
        root.put("libraryVersion", Version.current());
        put(root, "wallSeconds", report.wallSeconds());
        configuration(root.putObject("configuration"), report);
        fields(root.putObject("machine"), report.machine());
        split(root.putObject("split"), report);
        ArrayNode runs = root.putArray("runs");
        report.runs().forEach(r -> run(runs.addObject(), r));
        ObjectNode summaries = root.putObject("summaries");
        report.summaries().forEach(s -> summary(summaries.putObject(s.name()), s));
        return root;
    }

    /** {@code root} as pretty-printed JSON. */
    static String write(JsonNode root) {
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree of plain values could not be written: " + e.getMessage(), e);
        }
    }

    private static void configuration(ObjectNode node, BenchmarkReport report) {
        ArrayNode args = node.putArray("arguments");
        report.arguments().forEach(args::add);
        node.put("data", report.data().toAbsolutePath().normalize().toString());
        ArrayNode methods = node.putArray("methods");
        report.summaries().forEach(s -> methods.add(s.name()));
        ArrayNode seeds = node.putArray("seeds");
        report.config().seeds().forEach(seeds::add);
        fields(node.putObject("scorer"), report.config().scorer());
        ObjectNode training = fields(node.putObject("training"), report.config().training());
        training.remove("seed"); // each run has its own: the list of seeds above
    }

    /**
     * The components of a record, by name: numbers, booleans and strings as such, enums by
     * name, lists as arrays, an Optional as its value, an empty one or a number that is not
     * finite as null, anything else as its string. Read by
     * reflection so that a setting added to the library's configurations is never missing
     * from the report.
     */
    private static ObjectNode fields(ObjectNode node, Record values) {
        for (RecordComponent c : values.getClass().getRecordComponents()) {
            Object value;
            try {
                value = c.getAccessor().invoke(values);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + values, e);
            }
            if (value instanceof Optional<?> optional) {
                value = optional.orElse(null);
            } else if (value instanceof OptionalDouble optional) {
                value = optional.isPresent() ? optional.getAsDouble() : null;
            }
            if (value instanceof Double d && !Double.isFinite(d)) {
                value = null; // JSON has no NaN
            }
            node.set(c.getName(), MAPPER.valueToTree(value instanceof Enum<?> e ? e.name()
                    : value == null || value instanceof Number || value instanceof Boolean || value instanceof String
                    || value instanceof List<?> ? value : String.valueOf(value)));
        }
        return node;
    }

    private static void split(ObjectNode node, BenchmarkReport report) {
        node.put("trainingRatings", report.split().training().interactions().size());
        node.put("trainingUsers", report.split().training().interactions().users().size());
        ArrayNode scenarios = node.putArray("scenarios");
        for (Scenario s : report.split().scenarios()) {
            ObjectNode sc = scenarios.addObject();
            sc.put("name", s.name());
            sc.put("users", s.users().size());
            sc.put("queryRatings", s.queryCount());
        }
    }

    private static void run(ObjectNode node, RunResult run) {
        MethodResult r = run.result();
        node.put("method", r.method());
        if (run.seed().isPresent()) {
            node.put("seed", run.seed().getAsLong());
        } else {
            node.putNull("seed");
        }
        ObjectNode timing = node.putObject("timing");
        for (TimingFigure f : TimingFigure.values()) {
            put(timing, f.key(), f.of(run));
        }
        r.training().ifPresent(t -> {
            ObjectNode tr = node.putObject("training");
            tr.put("tasks", t.tasks());
            put(tr, "seconds", t.seconds());
        });
        latency(node.putObject("adaptation"), r.adaptation());
        latency(node.putObject("topN"), r.topN());
        ArrayNode epochs = node.putArray("epochs");
        for (EpochSummary e : run.epochs()) {
            ObjectNode ep = epochs.addObject();
            ep.put("epoch", e.epoch());
            put(ep, "trainingLoss", e.trainingLoss());
            put(ep, "validationScore", e.validationScore());
            ep.put("improved", e.improved());
            ep.put("tasks", e.tasks());
            put(ep, "seconds", e.epochTime().toNanos() / 1e9);
            put(ep, "tasksPerSecond", e.tasksPerSecond());
        }
        ArrayNode scenarios = node.putArray("scenarios");
        for (ScenarioResult s : r.scenarios()) {
            ObjectNode sc = scenarios.addObject();
            sc.put("scenario", s.scenario());
            sc.put("users", s.users());
            sc.put("queryRatings", s.queryRatings());
            sc.put("usersWithRelevant", s.usersWithRelevant());
            ObjectNode metrics = sc.putObject("metrics");
            s.metrics().forEach((k, v) -> put(metrics, k, v));
            ObjectNode metricUsers = sc.putObject("metricUsers");
            s.metricUsers().forEach(metricUsers::put);
            latency(sc.putObject("adaptation"), s.adaptation());
            latency(sc.putObject("topN"), s.topN());
        }
    }

    private static void summary(ObjectNode node, MethodSummary s) {
        node.put("learned", s.method().learned());
        node.put("runs", s.runs().size());
        ObjectNode scenarios = node.putObject("scenarios");
        for (Map.Entry<String, Map<String, Summary>> sc : s.metrics().entrySet()) {
            ObjectNode metrics = scenarios.putObject(sc.getKey());
            sc.getValue().forEach((metric, summary) -> summary(metrics.putObject(metric), summary));
        }
        ObjectNode timing = node.putObject("timing");
        s.timing().forEach((f, summary) -> summary(timing.putObject(f.key()), summary));
    }

    private static void summary(ObjectNode node, Summary s) {
        put(node, "mean", s.mean());
        put(node, "std", s.std());
        node.put("n", s.n());
    }

    private static void latency(ObjectNode node, Latency l) {
        put(node, "medianMillis", l.medianMillis());
        put(node, "p99Millis", l.p99Millis());
        node.put("count", l.count());
    }

    /** {@code value}, or null where it is not a finite number. */
    private static void put(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }

    private static void put(ObjectNode node, String key, OptionalDouble value) {
        put(node, key, value.orElse(Double.NaN));
    }
}
