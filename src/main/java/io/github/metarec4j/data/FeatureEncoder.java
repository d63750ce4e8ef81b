package io.github.metarec4j.data;

import io.github.metarec4j.util.Checks;

import java.util.ArrayList;
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
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (FeatureSchema.Field f : schema.fields()) {
            if (f.type() == FieldType.NUMERIC) {
                sums.put(f.name(), new double[3]);
            } else {
                vocab.put(f.name(), new TreeSet<>());
            }
        }
        for (Features features : examples) {
            checkFields(schema, features);
            for (FeatureSchema.Field f : schema.fields()) {
                Object v = features.get(f.name()).orElse(null);
                if (v == null) {
                    continue;
                }
                switch (f.type()) {
                    case CATEGORICAL -> vocab.get(f.name()).add(categorical(f, v));
                    case MULTI_CATEGORICAL -> vocab.get(f.name()).addAll(multi(f, v));
                    case NUMERIC -> {
                        double x = numeric(f, v);
                        double[] s = sums.get(f.name());
                        s[0] += 1;
                        s[1] += x;
                        s[2] += x * x;
                    }
                }
            }
        }
        Map<String, List<String>> vocabularies = new LinkedHashMap<>();
        vocab.forEach((k, v) -> vocabularies.put(k, List.copyOf(v)));
        Map<String, double[]> stats = new LinkedHashMap<>();
        sums.forEach((k, s) -> {
            double n = s[0];
            double mean = n > 0 ? s[1] / n : 0;
            double var = n > 1 ? Math.max(0, (s[2] - n * mean * mean) / (n - 1)) : 0;
            stats.put(k, new double[]{mean, var > 1e-12 ? Math.sqrt(var) : 1.0});
        });
        return new FeatureEncoder(schema, vocabularies, stats);
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
                Checks.argument(s != null && s.length == 2 && Double.isFinite(s[0]) && Double.isFinite(s[1])
                                && s[1] > 0, "numeric field '" + f.name() + "' needs {mean, std} with a finite mean "
                                + "and a finite std > 0, got " + (s == null ? "none" : java.util.Arrays.toString(s)));
                stats.put(f.name(), s.clone());
            } else {
                List<String> v = vocabularies.get(f.name());
                Checks.argument(v != null, "categorical field '" + f.name() + "' has no vocabulary");
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
        Checks.argument(v != null, "'" + field + "' is not a categorical field of " + schema);
        return v;
    }

    /** {@code {mean, standardDeviation}} of a numeric field (a copy). */
    public double[] numericStats(String field) {
        double[] s = numericStats.get(field);
        Checks.argument(s != null, "'" + field + "' is not a numeric field of " + schema);
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
        java.util.Arrays.fill(out, offset, offset + dimension, 0f);
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
                throw new IllegalArgumentException("feature field '" + name + "' is not in the schema "
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
        throw new IllegalArgumentException("categorical field '" + f.name() + "' holds " + v
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
        throw new IllegalArgumentException("multi-valued field '" + f.name() + "' holds " + v
                + "; give it a collection of Strings");
    }

    private static double numeric(FeatureSchema.Field f, Object v) {
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof String s) {
            try {
                double d = Double.parseDouble(s.trim());
                if (Double.isFinite(d)) {
                    return d;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        throw new IllegalArgumentException("numeric field '" + f.name() + "' holds '" + v
                + "', which is not a finite number; give it a number or leave the field out");
    }
}
