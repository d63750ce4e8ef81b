package io.github.metarec4j.data;

import io.github.metarec4j.internal.util.Checks;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The raw attributes of one user or one item: field name to value, where a value is a
 * {@code String} (categorical), a {@code Double} (numeric) or a {@code List<String>}
 * (multi-valued categorical). Which fields exist and how they are typed is said by a
 * {@link FeatureSchema}; a missing field is allowed and encoded as "unknown".
 *
 * <pre>{@code
 * Features alice = Features.builder().put("gender", "F").put("age", 31)
 *         .put("occupation", "engineer").build();
 * }</pre>
 *
 * <p>Immutable; thread-safe.
 */
public final class Features {

    private static final Features NONE = new Features(Map.of());

    private final Map<String, Object> values;

    private Features(Map<String, Object> values) {
        this.values = values;
    }

    /** No attributes at all: a user known only through the feedback they give. */
    public static Features none() {
        return NONE;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Attributes from a map whose values are strings, numbers or collections of strings.
     *
     * @throws IllegalArgumentException naming the field whose value has another type
     */
    public static Features of(Map<String, ?> values) {
        Checks.notNull(values, "values");
        Builder b = builder();
        values.forEach(b::putObject);
        return b.build();
    }

    /** The value of {@code field}: a String, a Double or an unmodifiable List of String. */
    public Optional<Object> get(String field) {
        return Optional.ofNullable(values.get(field));
    }

    /** All fields and values, as an unmodifiable map in insertion order. */
    public Map<String, Object> asMap() {
        return values;
    }

    /** Whether no field is set. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Features f && f.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "Features" + values;
    }

    /** Collects attribute values; not thread-safe. */
    public static final class Builder {
        private final Map<String, Object> values = new LinkedHashMap<>();

        private Builder() {
        }

        /** A categorical value. */
        public Builder put(String field, String value) {
            values.put(Checks.notBlank(field, "field"), Checks.notNull(value, "value of field '" + Checks.shown(field) + "'"));
            return this;
        }

        /** A numeric value; must be finite. */
        public Builder put(String field, double value) {
            Checks.notBlank(field, "field");
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("numeric field '" + Checks.shown(field) + "' has value " + value
                        + "; leave the field out to mark it unknown");
            }
            values.put(field, value);
            return this;
        }

        /** A multi-valued categorical value. */
        public Builder put(String field, Collection<String> value) {
            Checks.notBlank(field, "field");
            Checks.notNull(value, "value of field '" + Checks.shown(field) + "'");
            for (String v : value) {
                Checks.notNull(v, "an element of field '" + Checks.shown(field) + "'");
            }
            values.put(field, List.copyOf(value));
            return this;
        }

        @SuppressWarnings("unchecked")
        Builder putObject(String field, Object value) {
            if (value instanceof String s) {
                return put(field, s);
            } else if (value instanceof Number n) {
                return put(field, n.doubleValue());
            } else if (value instanceof Collection<?> c && c.stream().allMatch(x -> x instanceof String)) {
                return put(field, (Collection<String>) c);
            }
            throw new IllegalArgumentException("field '" + Checks.shown(field) + "' has a value of type "
                    + (value == null ? "null" : value.getClass().getSimpleName())
                    + "; use a String (categorical), a number (numeric) or a collection of Strings (multi-valued)");
        }

        /** The features put so far. */
        public Features build() {
            return values.isEmpty() ? NONE : new Features(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
        }
    }
}
