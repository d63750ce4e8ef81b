package io.github.metarec4j.spark;

import io.github.metarec4j.MetaRecommender;
import io.github.metarec4j.Recommendation;
import io.github.metarec4j.UserModel;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.internal.util.Checks;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Batch recommendation on Apache Spark, as Spark ALS's {@code recommendForUserSubset}: the top
 * {@code k} items of every user of a table of support interactions, each user adapted on the
 * executors by a broadcast copy of the recommender, exactly as
 * {@code rec.recommend(rec.adapt(features, support), k)} would on one machine (the user's
 * support left out of their recommendations).
 *
 * <pre>{@code
 * Dataset<Row> top10 = SparkRecommender.recommendForUsers(rec, supports, users, 10);
 * // user, rank, item, score: one row per recommendation
 * }</pre>
 *
 * <p>The supports need the columns {@code user}, {@code item}, {@code value} and optionally
 * {@code timestamp}, as {@link SparkMetaTrainer.Input} reads them; a user's support is passed to
 * {@code adapt} ordered by timestamp, then item id. User attributes, when given, are a table of
 * {@code user} and one column per feature (as {@link SparkMetaTrainer.Input#withUserAttributes});
 * users without a row there are adapted from {@link Features#none()}. Only users with at least one
 * support row are recommended for.
 *
 * <p>The result has one row per recommendation, columns {@code user} (string), {@code rank} (int,
 * 1 for the best), {@code item} (string) and {@code score} (double: what {@code recommend} ranks
 * by); a flat table rather than ALS's array column, so that it joins and filters directly
 * ({@code groupBy("user").agg(collect_list(...))} gives the array form).
 *
 * <p>Stateless; thread-safe. The recommender's lenient or strict handling of unknown support
 * items is kept; in strict mode an unknown item fails the job with {@code adapt}'s message.
 */
public final class SparkRecommender {

    /** The result's columns. */
    private static final StructType RESULT = new StructType(new StructField[]{
            DataTypes.createStructField("user", DataTypes.StringType, false),
            DataTypes.createStructField("rank", DataTypes.IntegerType, false),
            DataTypes.createStructField("item", DataTypes.StringType, false),
            DataTypes.createStructField("score", DataTypes.DoubleType, false)});

    private SparkRecommender() {
    }

    /**
     * The top {@code k} of every user in {@code supports}, users adapted without features.
     *
     * @throws IllegalArgumentException if an argument is null, {@code k} is not positive, or the
     *                                  supports lack a column or have one of a wrong type
     */
    public static Dataset<Row> recommendForUsers(MetaRecommender recommender, Dataset<Row> supports, int k) {
        return recommend(recommender, supports, null, k);
    }

    /**
     * The top {@code k} of every user in {@code supports}, users adapted with their features
     * from {@code userAttributes}.
     *
     * @throws IllegalArgumentException if an argument is null, {@code k} is not positive, or a
     *                                  table lacks a column or has one of a wrong type
     */
    public static Dataset<Row> recommendForUsers(MetaRecommender recommender, Dataset<Row> supports,
                                                 Dataset<Row> userAttributes, int k) {
        Columns.schema(userAttributes, Columns.USER, "user attributes");
        return recommend(recommender, supports, userAttributes, k);
    }

    private static Dataset<Row> recommend(MetaRecommender recommender, Dataset<Row> supports,
                                          Dataset<Row> userAttributes, int k) {
        Checks.notNull(recommender, "recommender");
        Dataset<Row> rows = Columns.interactions(supports, "supports");
        Checks.positive(k, "k");
        SparkSession session = supports.sparkSession();
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(session.sparkContext());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        recommender.save(bytes);
        Broadcast<byte[]> model = spark.broadcast(bytes.toByteArray());
        boolean lenient = recommender.isLenient();

        JavaPairRDD<String, Iterable<Row>> byUser = rows.javaRDD()
                .mapToPair(r -> new Tuple2<>(Columns.interaction(r, "supports").userId(), r)).groupByKey();
        JavaRDD<Row> out;
        if (userAttributes == null) {
            out = byUser.mapPartitions(users -> top(model, lenient, k, users, null));
        } else {
            StructType schema = userAttributes.schema();
            JavaPairRDD<String, Row> features = userAttributes.javaRDD()
                    .mapToPair(r -> new Tuple2<>(Columns.id(r, Columns.USER, "user attributes"), r));
            out = byUser.leftOuterJoin(features).mapPartitions(users -> top(model, lenient, k, new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return users.hasNext();
                }

                @Override
                public Tuple2<String, Iterable<Row>> next() {
                    var u = users.next();
                    return new Tuple2<>(u._1(), new WithFeatures(u._2()._1(), u._2()._2().orNull(), schema));
                }
            }, schema));
        }
        return session.createDataFrame(out, RESULT);
    }

    /** A user's support rows, carrying their attribute row (null for none). */
    private record WithFeatures(Iterable<Row> support, Row features, StructType schema) implements Iterable<Row> {
        @Override
        public Iterator<Row> iterator() {
            return support.iterator();
        }
    }

    /** One partition's users' top {@code k}, as result rows. */
    private static Iterator<Row> top(Broadcast<byte[]> model, boolean lenient, int k,
                                     Iterator<Tuple2<String, Iterable<Row>>> users, StructType featureSchema) {
        MetaRecommender loaded = BroadcastCache.get(model, b -> MetaRecommender.load(new ByteArrayInputStream(b)));
        MetaRecommender rec = lenient ? loaded.lenient() : loaded;
        List<Row> out = new ArrayList<>();
        while (users.hasNext()) {
            Tuple2<String, Iterable<Row>> user = users.next();
            List<Interaction> support = new ArrayList<>();
            for (Row r : user._2()) {
                support.add(Columns.interaction(r, "supports"));
            }
            support.sort(Comparator.comparingLong(Interaction::timestamp).thenComparing(Interaction::itemId));
            Features features = Features.none();
            if (featureSchema != null && ((WithFeatures) user._2()).features() != null) {
                features = Columns.features(((WithFeatures) user._2()).features(), featureSchema, Columns.USER);
            }
            UserModel adapted = rec.adapt(features, support);
            int rank = 1;
            for (Recommendation r : rec.recommend(adapted, k)) {
                out.add(RowFactory.create(user._1(), rank++, r.itemId(), r.score()));
            }
        }
        return out.iterator();
    }
}
