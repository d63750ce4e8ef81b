package io.github.metarec4j.spark;

import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.FeatureSchema;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.FieldType;
import io.github.metarec4j.data.Interaction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The Spark tests' one session ({@code local[2]}, no UI, started once per test JVM and stopped by
 * Spark's shutdown hook) and the library's data sets as Spark tables.
 */
final class SparkTests {

    private SparkTests() {
    }

    static synchronized SparkSession session() {
        return SparkSession.builder().master("local[2]").appName("metarec4j tests")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1").getOrCreate();
    }

    /** {@code data}'s interactions as a table of user, item, value, timestamp, in the data set's order. */
    static org.apache.spark.sql.Dataset<Row> interactions(Dataset data) {
        List<Row> rows = new ArrayList<>();
        for (Interaction x : (Iterable<Interaction>) data.interactions().stream()::iterator) {
            rows.add(RowFactory.create(x.userId(), x.itemId(), x.value(), x.timestamp()));
        }
        StructType schema = new StructType(new StructField[]{
                DataTypes.createStructField("user", DataTypes.StringType, false),
                DataTypes.createStructField("item", DataTypes.StringType, false),
                DataTypes.createStructField("value", DataTypes.DoubleType, false),
                DataTypes.createStructField("timestamp", DataTypes.LongType, false)});
        return session().createDataFrame(rows, schema);
    }

    /** A feature table: column {@code idColumn}, then one column per field of {@code schema}, in its order. */
    static org.apache.spark.sql.Dataset<Row> attributes(Map<String, Features> features, FeatureSchema schema,
                                                       String idColumn) {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(idColumn, DataTypes.StringType, false));
        for (FeatureSchema.Field f : schema.fields()) {
            DataType t = f.type() == FieldType.NUMERIC ? DataTypes.DoubleType
                    : f.type() == FieldType.CATEGORICAL ? DataTypes.StringType
                    : DataTypes.createArrayType(DataTypes.StringType);
            fields.add(DataTypes.createStructField(f.name(), t, true));
        }
        List<Row> rows = new ArrayList<>();
        features.forEach((id, x) -> {
            Object[] values = new Object[fields.size()];
            values[0] = id;
            for (int i = 0; i < schema.fields().size(); i++) {
                Object v = x.get(schema.fields().get(i).name()).orElse(null);
                values[i + 1] = v instanceof Collection<?> c ? new ArrayList<>(c) : v;
            }
            rows.add(RowFactory.create(values));
        });
        return session().createDataFrame(rows, new StructType(fields.toArray(new StructField[0])));
    }

    /** {@code data} as the Spark trainer's input. */
    static SparkMetaTrainer.Input input(Dataset data) {
        org.apache.spark.sql.Dataset<Row> interactions = interactions(data);
        SparkMetaTrainer.Input input = data.ratingScale().map(s -> SparkMetaTrainer.Input.ratings(interactions, s))
                .orElseGet(() -> SparkMetaTrainer.Input.implicitFeedback(interactions));
        if (!data.userSchema().isEmpty()) {
            input = input.withUserAttributes(attributes(data.userFeatures(), data.userSchema(), "user"));
        }
        if (!data.itemSchema().isEmpty()) {
            input = input.withItemAttributes(attributes(data.itemFeatures(), data.itemSchema(), "item"));
        }
        return input;
    }
}
