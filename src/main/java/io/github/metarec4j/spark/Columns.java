package io.github.metarec4j.spark;

import io.github.metarec4j.data.FeatureSchema;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.internal.util.Checks;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The columns the spark package reads, and rows turned into the library's values: an
 * interaction table's {@value #USER}, {@value #ITEM}, {@value #VALUE} and optional
 * {@value #TIMESTAMP}; an attribute table's id column and one column per feature field, its
 * Spark type giving the field's type (string: categorical, array of strings: multi-categorical,
 * a number: numeric; null: the field is absent for that row). Stateless.
 */
final class Columns {

    static final String USER = "user";
    static final String ITEM = "item";
    static final String VALUE = "value";
    static final String TIMESTAMP = "timestamp";

    private Columns() {
    }

    /**
     * The interaction columns of {@code table} in the order user, item, value, timestamp (a
     * constant 0 when there is none), their types checked.
     *
     * @param what how the table is named in messages ("interactions", "supports")
     */
    static Dataset<Row> interactions(Dataset<Row> table, String what) {
        Checks.notNull(table, what);
        StructType schema = table.schema();
        List<String> names = Arrays.asList(schema.fieldNames());
        for (String c : List.of(USER, ITEM, VALUE)) {
            Checks.argument(names.contains(c), "the " + what + " have no column '" + c + "': they need columns "
                    + "user, item, value (and optionally timestamp), and have " + names + "; rename columns with "
                    + "withColumnRenamed");
        }
        Checks.argument(schema.apply(VALUE).dataType() instanceof NumericType, "the " + what + "' column value "
                + "must be numeric (a rating or a strength), but it is " + schema.apply(VALUE).dataType().simpleString());
        boolean timed = names.contains(TIMESTAMP);
        if (timed) {
            DataType t = schema.apply(TIMESTAMP).dataType();
            Checks.argument(t.equals(DataTypes.LongType) || t.equals(DataTypes.IntegerType), "the " + what
                    + "' column timestamp must be a long or an int (seconds or any increasing count), but it is "
                    + t.simpleString());
        }
        return table.selectExpr("cast(user as string)", "cast(item as string)", "cast(value as double)",
                timed ? "cast(timestamp as long)" : "cast(0 as long) as timestamp");
    }

    /** Row {@code r} of {@link #interactions}, as an interaction. */
    static Interaction interaction(Row r, String what) {
        Checks.argument(!r.isNullAt(0) && !r.isNullAt(1) && !r.isNullAt(2) && !r.isNullAt(3), "the " + what
                + " hold a row with a null user, item, value or timestamp: " + r + "; drop or fill it first");
        return new Interaction(r.getString(0), r.getString(1), r.getDouble(2), r.getLong(3));
    }

    /**
     * The schema of {@code table}'s feature columns (all but {@code idColumn}), their types read
     * from Spark's.
     *
     * @param what how the table is named in messages ("user attributes")
     */
    static FeatureSchema schema(Dataset<Row> table, String idColumn, String what) {
        Checks.notNull(table, what);
        StructType schema = table.schema();
        Checks.argument(Arrays.asList(schema.fieldNames()).contains(idColumn), "the " + what + " have no column '"
                + idColumn + "': they need it and one column per feature, and have "
                + Arrays.asList(schema.fieldNames()));
        FeatureSchema.Builder b = FeatureSchema.builder();
        for (StructField f : schema.fields()) {
            if (f.name().equals(idColumn)) {
                continue;
            }
            DataType t = f.dataType();
            if (t.equals(DataTypes.StringType)) {
                b.categorical(f.name());
            } else if (t instanceof ArrayType a && a.elementType().equals(DataTypes.StringType)) {
                b.multiCategorical(f.name());
            } else if (t instanceof NumericType) {
                b.numeric(f.name());
            } else {
                throw new IllegalArgumentException("the " + what + "' column " + f.name() + " is of type "
                        + t.simpleString() + ", which is not a feature: use a string (categorical), an array of "
                        + "strings (multi-categorical) or a number (numeric)");
            }
        }
        return b.build();
    }

    /** Row {@code r} of an attribute table with {@code schema}: its id (column {@code idColumn}) is read by the caller. */
    static Features features(Row r, StructType schema, String idColumn) {
        Features.Builder b = Features.builder();
        for (int i = 0; i < schema.fields().length; i++) {
            StructField f = schema.fields()[i];
            if (f.name().equals(idColumn) || r.isNullAt(i)) {
                continue;
            }
            Object v = r.get(i);
            if (v instanceof String s) {
                b.put(f.name(), s);
            } else if (v instanceof Number n) {
                b.put(f.name(), n.doubleValue());
            } else {
                List<String> values = new ArrayList<>(r.<String>getList(i));
                b.put(f.name(), values);
            }
        }
        return b.build();
    }

    /** The id in column {@code idColumn} of attribute row {@code r}, as a string. */
    static String id(Row r, String idColumn, String what) {
        int at = r.fieldIndex(idColumn);
        Checks.argument(!r.isNullAt(at), "the " + what + " hold a row whose " + idColumn + " is null: " + r);
        return r.get(at).toString();
    }
}
