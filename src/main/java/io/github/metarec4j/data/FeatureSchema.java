package io.github.metarec4j.data;

import io.github.metarec4j.internal.util.Checks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The named, typed fields that describe users (or items): what a {@link Features} value
 * may hold and, through each field's {@link FieldType}, how it is turned into numbers.
 *
 * <pre>{@code
 * FeatureSchema users = FeatureSchema.builder()
 *         .categorical("gender").categorical("occupation").numeric("age").build();
 * }</pre>
 *
 * <p>Immutable; thread-safe.
 */
public final class FeatureSchema {

    /** One field of a schema. */
    public record Field(String name, FieldType type) {
        public Field {
            Checks.notBlank(name, "field name");
            Checks.notNull(type, "field type");
        }
    }

    private static final FeatureSchema EMPTY = new FeatureSchema(List.of());

    private final List<Field> fields;
    private final Map<String, Field> byName;

    private FeatureSchema(List<Field> fields) {
        this.fields = List.copyOf(fields);
        Map<String, Field> map = new LinkedHashMap<>();
        for (Field f : fields) {
            map.put(f.name(), f);
        }
        this.byName = Collections.unmodifiableMap(map);
    }

    /** A schema with no fields: entities are known only through their interactions. */
    public static FeatureSchema empty() {
        return EMPTY;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The fields, in declaration order. */
    public List<Field> fields() {
        return fields;
    }

    /** The field called {@code name}, if declared. */
    public Optional<Field> field(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Whether the schema has no fields. */
    public boolean isEmpty() {
        return fields.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureSchema s && s.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return "FeatureSchema" + fields;
    }

    /** Declares fields in order; not thread-safe. */
    public static final class Builder {
        private final List<Field> fields = new ArrayList<>();

        private Builder() {
        }

        /** A one-of-a-vocabulary field. */
        public Builder categorical(String name) {
            return add(new Field(name, FieldType.CATEGORICAL));
        }

        /** A some-of-a-vocabulary field. */
        public Builder multiCategorical(String name) {
            return add(new Field(name, FieldType.MULTI_CATEGORICAL));
        }

        /** A numeric field. */
        public Builder numeric(String name) {
            return add(new Field(name, FieldType.NUMERIC));
        }

        /** Adds {@code field}; names must be unique. */
        public Builder add(Field field) {
            Checks.notNull(field, "field");
            for (Field f : fields) {
                if (f.name().equals(field.name())) {
                    throw new IllegalArgumentException("field '" + field.name()
                            + "' was already declared as " + f.type() + "; field names must be unique");
                }
            }
            fields.add(field);
            return this;
        }

        /** The schema of the fields declared. */
        public FeatureSchema build() {
            return fields.isEmpty() ? EMPTY : new FeatureSchema(fields);
        }
    }
}
