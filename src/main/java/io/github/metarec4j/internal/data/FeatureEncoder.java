package io.github.metarec4j.internal.data;

import io.github.metarec4j.data.FeatureSchema;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.FieldType;
import io.github.metarec4j.internal.util.Checks;
import io.github.metarec4j.internal.util.Decimals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns {@link Features} into the numeric input vector of a tower, by a {@link FeatureSchema}
 * and vocabularies learned from data.
 *
 * <p>Layout, field by field in schema order:
 * <ul>
 *   <li>categorical: {@code 1 + |vocabulary|} slots, one-hot; slot 0 is reserved for
 *       values not seen when the encoder was fitted, and for a missing field, so a new
 *       category never fails;</li>
 *   <li>multi-valued categorical: the same slots, multi-hot and scaled to sum to 1
 *       (the mean of the values' embeddings, as MeLU encodes genres);</li>
 *   <li>numeric: one slot, standardised with the fitted mean and standard deviation and
 *       clipped to [-5, 5]; a missing value encodes as 0 (the mean).</li>
 * </ul>
 *
 * <p>Immutable; thread-safe.
 */
public final class FeatureEncoder {

    /** Standardised numbers beyond this many deviations are clipped, so one outlier cannot dominate a tower. */
    private static final double CLIP = 5.0;

    private final FeatureSchema schema;
    private final Map<String, List<String>> vocabularies;
    private final Map<String, Map<String, Integer>> slotOf;
    private final Map<String, double[]> numericStats;
    private final Map<String, Integer> offsets;
    private final int dimension;

    private FeatureEncoder(FeatureSchema schema, Map<String, List<String>> vocabularies,
                           Map<String, double[]> numericStats) {
        this.schema = schema;
        this.vocabularies = vocabularies;
        this.numericStats = numericStats;
        this.slotOf = new HashMap<>();
        this.offsets = new HashMap<>();
        int dim = 0;
        for (FeatureSchema.Field f : schema.fields()) {
            offsets.put(f.name(), dim);
            if (f.type() == FieldType.NUMERIC) {
                // the one check of the statistics, for fitted and restored encoders alike: what a model
                // saves is what a load accepts
                double[] s = numericStats.get(f.name());
                Checks.argument(s.length == 2 && Double.isFinite(s[0]) && Double.isFinite(s[1]) && s[1] > 0,
                        "numeric field '" + Checks.shown(f.name()) + "' needs {mean, std} with a finite mean and a finite std > 0, "
                                + "got " + Arrays.toString(s));
                dim += 1;
            } else {
                List<String> vocab = vocabularies.get(f.name());
                Map<String, Integer> slots = new HashMap<>();
                for (int i = 0; i < vocab.size(); i++) {
                    slots.put(vocab.get(i), i + 1);
                }
                slotOf.put(f.name(), slots);
                dim += 1 + vocab.size();
            }
        }
        this.dimension = dim;
    }

    /**
     * Learns vocabularies (sorted, so the layout does not depend on the order of the data)
     * and numeric statistics from {@code examples}.
     *
     * @throws IllegalArgumentException if a value does not fit its field's type, or names a
     *                                  field the schema lacks
     */
    public static FeatureEncoder fit(FeatureSchema schema, Collection<Features> examples) {
        Checks.notNull(schema, "schema");
        Checks.notNull(examples, "examples");
        Map<String, TreeSet<String>> vocab = new LinkedHashMap<>();
        Map<String, double[]> numbers = new LinkedHashMap<>();
        int[] counts = new int[schema.fields().size()];
        for (FeatureSchema.Field f : schema.fields()) {
            if (f.type() == FieldType.NUMERIC) {
                numbers.put(f.name(), new double[16]);
            } else {
                vocab.put(f.name(), new TreeSet<>());
            }
        }
        for (Features features : examples) {
            checkFields(schema, features);
            for (int field = 0; field < schema.fields().size(); field++) {
                FeatureSchema.Field f = schema.fields().get(field);
                Object v = features.get(f.name()).orElse(null);
                if (v == null) {
                    continue;
                }
                switch (f.type()) {
                    case CATEGORICAL -> vocab.get(f.name()).add(categorical(f, v));
                    case MULTI_CATEGORICAL -> vocab.get(f.name()).addAll(multi(f, v));
                    case NUMERIC -> {
                        double[] xs = numbers.get(f.name());
                        if (counts[field] == xs.length) {
                            xs = Arrays.copyOf(xs, xs.length * 2);
                            numbers.put(f.name(), xs);
                        }
                        xs[counts[field]++] = numeric(f, v);
                    }
                }
            }
        }
        Map<String, List<String>> vocabularies = new LinkedHashMap<>();
        vocab.forEach((k, v) -> vocabularies.put(k, List.copyOf(v)));
        Map<String, double[]> stats = new LinkedHashMap<>();
        for (int field = 0; field < schema.fields().size(); field++) {
            String name = schema.fields().get(field).name();
            if (numbers.containsKey(name)) {
                stats.put(name, meanAndDeviation(numbers.get(name), counts[field]));
            }
        }
        return new FeatureEncoder(schema, vocabularies, stats);
    }

    /**
     * The mean and sample standard deviation of {@code xs[0 .. n)}, always finite, with a
     * deviation of 1 for a constant (or single, or absent) value. The values are divided by
     * their largest magnitude first, so that numbers near the limits of double ({@code 1e308},
     * or {@code 1e200} and {@code -1e200}, whose squares overflow) give finite statistics
     * rather than a model that saves but cannot be loaded; a deviation beyond double's range
     * becomes {@link Double#MAX_VALUE} (such values then encode to the clip bounds).
     */
    static double[] meanAndDeviation(double[] xs, int n) {
        double scale = 0;
        for (int i = 0; i < n; i++) {
            scale = Math.max(scale, Math.abs(xs[i]));
        }
        if (n == 0 || scale == 0) {
            return new double[]{0, 1};
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += xs[i] / scale;
        }
        double mean = sum / n;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double d = xs[i] / scale - mean;
            squares += d * d;
        }
        double deviation = n > 1 ? Math.sqrt(squares / (n - 1)) * scale : 0;
        // a deviation below 1e-6 is rounding noise around a constant: the constant encodes as 0
        return new double[]{mean * scale, deviation > 1e-6 ? Math.min(deviation, Double.MAX_VALUE) : 1.0};
    }

    /**
     * Rebuilds an encoder from its parts (as stored in a model file).
     *
     * @param vocabularies for each categorical field, its values in slot order (slot 1 first)
     * @param numericStats for each numeric field, {@code {mean, standardDeviation}}
     */
    public static FeatureEncoder restore(FeatureSchema schema, Map<String, List<String>> vocabularies,
                                         Map<String, double[]> numericStats) {
        Checks.notNull(schema, "schema");
        Checks.notNull(vocabularies, "vocabularies");
        Checks.notNull(numericStats, "numericStats");
        Map<String, List<String>> vocab = new LinkedHashMap<>();
        Map<String, double[]> stats = new LinkedHashMap<>();
        for (FeatureSchema.Field f : schema.fields()) {
            if (f.type() == FieldType.NUMERIC) {
                double[] s = numericStats.get(f.name());
                Checks.argument(s != null, "numeric field '" + Checks.shown(f.name()) + "' has no {mean, std}");
                stats.put(f.name(), s.clone());
            } else {
                List<String> v = vocabularies.get(f.name());
                Checks.argument(v != null, "categorical field '" + Checks.shown(f.name()) + "' has no vocabulary");
                Checks.argument(new java.util.HashSet<>(v).size() == v.size(), "the vocabulary of field '"
                        + f.name() + "' lists a value twice; each value needs one slot");
                vocab.put(f.name(), List.copyOf(v));
            }
        }
        return new FeatureEncoder(schema, vocab, stats);
    }

    /** The schema this encoder follows. */
    public FeatureSchema schema() {
        return schema;
    }

    /** Length of an encoded vector (0 for an empty schema). */
    public int dimension() {
        return dimension;
    }

    /** The vocabulary of a categorical field, in slot order (slot 1 first; slot 0 is "unknown"). */
    public List<String> vocabulary(String field) {
        List<String> v = vocabularies.get(field);
        Checks.argument(v != null, "'" + Checks.shown(field) + "' is not a categorical field of " + schema);
        return v;
    }

    /** {@code {mean, standardDeviation}} of a numeric field (a copy). */
    public double[] numericStats(String field) {
        double[] s = numericStats.get(field);
        Checks.argument(s != null, "'" + Checks.shown(field) + "' is not a numeric field of " + schema);
        return s.clone();
    }

    /** Positions of the "unknown" slots of the categorical fields, in ascending order. */
    public int[] unknownSlots() {
        List<Integer> slots = new ArrayList<>();
        for (FeatureSchema.Field f : schema.fields()) {
            if (f.type() != FieldType.NUMERIC) {
                slots.add(offsets.get(f.name()));
            }
        }
        return slots.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Encodes {@code features} into a new vector of length {@link #dimension()}. */
    public float[] encode(Features features) {
        float[] out = new float[dimension];
        encodeInto(features, out, 0);
        return out;
    }

    /**
     * Encodes {@code features} into {@code out[offset .. offset + dimension())}, which is
     * overwritten.
     *
     * @throws IllegalArgumentException if a value does not fit its field, or a field is not
     *                                  in the schema
     */
    public void encodeInto(Features features, float[] out, int offset) {
        Checks.notNull(features, "features");
        checkFields(schema, features);
        Arrays.fill(out, offset, offset + dimension, 0f);
        for (FeatureSchema.Field f : schema.fields()) {
            int at = offset + offsets.get(f.name());
            Object v = features.get(f.name()).orElse(null);
            switch (f.type()) {
                case NUMERIC -> {
                    if (v != null) {
                        double[] s = numericStats.get(f.name());
                        double z = (numeric(f, v) - s[0]) / s[1];
                        out[at] = (float) Math.max(-CLIP, Math.min(CLIP, z));
                    }
                }
                case CATEGORICAL -> out[at + (v == null ? 0 : slot(f, categorical(f, v)))] = 1f;
                case MULTI_CATEGORICAL -> {
                    List<String> values = v == null ? List.of() : multi(f, v);
                    if (values.isEmpty()) {
                        out[at] = 1f;
                    } else {
                        float w = 1f / values.size();
                        for (String s : values) {
                            out[at + slot(f, s)] += w;
                        }
                    }
                }
            }
        }
    }

    private int slot(FeatureSchema.Field f, String value) {
        return slotOf.get(f.name()).getOrDefault(value, 0);
    }

    private static void checkFields(FeatureSchema schema, Features features) {
        for (String name : features.asMap().keySet()) {
            if (schema.field(name).isEmpty()) {
                throw new IllegalArgumentException("feature field '" + Checks.shown(name) + "' is not in the schema "
                        + schema + "; declare it in the FeatureSchema or remove it from the features");
            }
        }
    }

    private static String categorical(FeatureSchema.Field f, Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Double d && d == Math.rint(d)) {
            return Long.toString(d.longValue());
        }
        throw new IllegalArgumentException("categorical field '" + Checks.shown(f.name()) + "' holds " + Checks.shown(v)
                + " (" + v.getClass().getSimpleName() + "); give it a String value");
    }

    @SuppressWarnings("unchecked")
    private static List<String> multi(FeatureSchema.Field f, Object v) {
        if (v instanceof List<?> l) {
            return (List<String>) l;
        }
        if (v instanceof String s) {
            return List.of(s);
        }
        throw new IllegalArgumentException("multi-valued field '" + Checks.shown(f.name()) + "' holds " + Checks.shown(v)
                + "; give it a collection of Strings");
    }

    private static double numeric(FeatureSchema.Field f, Object v) {
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof String s) {
            java.util.OptionalDouble d = Decimals.parse(s.strip());
            if (d.isPresent()) {
                return d.getAsDouble();
            }
        }
        throw new IllegalArgumentException("numeric field '" + Checks.shown(f.name()) + "' holds '" + Checks.shown(v)
                + "', which is not a finite number; give it a number or leave the field out");
    }
}
