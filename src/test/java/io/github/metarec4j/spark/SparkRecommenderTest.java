package io.github.metarec4j.spark;

import io.github.metarec4j.MetaRecommender;
import io.github.metarec4j.MetaTrainer;
import io.github.metarec4j.Recommendation;
import io.github.metarec4j.TestBase;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.data.SyntheticData;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.model.ScorerConfig;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batch recommendation on Spark against {@code adapt} and {@code recommend} on one machine. */
class SparkRecommenderTest extends TestBase {

    private static final Dataset DATA = SyntheticData.builder().users(60).items(80).seed(3).build().generate();
    private static MetaRecommender rec;

    @BeforeAll
    static void train() {
        rec = MetaTrainer.builder().scorer(ScorerConfig.builder().towerSize(8).hiddenLayers(16).build())
                .training(MamlConfig.builder().epochs(1).seed(1).build()).build().fit(DATA);
    }

    /** The first 6 interactions of 12 users, with a new user whose support names an item no model knows. */
    private static List<Interaction> supports(boolean withUnknown) {
        List<Interaction> out = new ArrayList<>();
        for (int u = 0; u < 12; u++) {
            String user = DATA.interactions().users().id(u);
            out.addAll(DATA.interactions().ofUser(user).subList(0, 6));
        }
        if (withUnknown) {
            out.add(new Interaction("new", DATA.catalogue().id(0), 4, 1));
            out.add(new Interaction("new", "no such item", 5, 2));
        }
        return out;
    }

    private static org.apache.spark.sql.Dataset<Row> table(List<Interaction> interactions) {
        List<Row> rows = new ArrayList<>();
        for (Interaction x : interactions) {
            rows.add(RowFactory.create(x.userId(), x.itemId(), x.value(), x.timestamp()));
        }
        return SparkTests.session().createDataFrame(rows, new StructType(new StructField[]{
                DataTypes.createStructField("user", DataTypes.StringType, false),
                DataTypes.createStructField("item", DataTypes.StringType, false),
                DataTypes.createStructField("value", DataTypes.DoubleType, false),
                DataTypes.createStructField("timestamp", DataTypes.LongType, false)}));
    }

    /** The Spark result as user to its recommendations in rank order. */
    private static Map<String, List<Recommendation>> read(org.apache.spark.sql.Dataset<Row> result) {
        assertEquals("struct<user:string,rank:int,item:string,score:double>", result.schema().simpleString());
        Map<String, List<Row>> rows = new TreeMap<>();
        for (Row r : result.collectAsList()) {
            rows.computeIfAbsent(r.getString(0), u -> new ArrayList<>()).add(r);
        }
        Map<String, List<Recommendation>> out = new TreeMap<>();
        rows.forEach((user, list) -> {
            list.sort(Comparator.comparingInt(r -> r.getInt(1)));
            for (int i = 0; i < list.size(); i++) {
                assertEquals(i + 1, list.get(i).getInt(1));
            }
            out.put(user, list.stream().map(r -> new Recommendation(r.getString(2), r.getDouble(3))).toList());
        });
        return out;
    }

    /** What adapt and recommend give on one machine, each user's support in timestamp, then item order. */
    private static Map<String, List<Recommendation>> local(MetaRecommender model, List<Interaction> supports,
                                                           boolean features, int k) {
        Map<String, List<Interaction>> byUser = new TreeMap<>();
        for (Interaction x : supports) {
            byUser.computeIfAbsent(x.userId(), u -> new ArrayList<>()).add(x);
        }
        Map<String, List<Recommendation>> out = new TreeMap<>();
        byUser.forEach((user, support) -> {
            support.sort(Comparator.comparingLong(Interaction::timestamp).thenComparing(Interaction::itemId));
            Features f = features && DATA.userFeatures().containsKey(user) ? DATA.userFeatures(user) : Features.none();
            out.put(user, model.recommend(model.adapt(f, support), k));
        });
        return out;
    }

    @Test
    void everyUsersTopKIsAdaptAndRecommendOnOneMachine() {
        List<Interaction> supports = supports(false);
        var users = SparkTests.attributes(DATA.userFeatures(), DATA.userSchema(), "user");
        Map<String, List<Recommendation>> spark = read(SparkRecommender.recommendForUsers(rec, table(supports),
                users, 7));
        assertEquals(12, spark.size());
        assertEquals(local(rec, supports, true, 7), spark);
    }

    @Test
    void withoutFeaturesAndLenientTheUnknownItemIsSkipped() {
        List<Interaction> supports = supports(true);
        MetaRecommender lenient = rec.lenient();
        Map<String, List<Recommendation>> spark = read(SparkRecommender.recommendForUsers(lenient, table(supports), 3));
        assertEquals(13, spark.size());
        assertEquals(local(lenient, supports, false, 3), spark);
        assertTrue(spark.get("new").stream().noneMatch(r -> r.itemId().equals(DATA.catalogue().id(0))));
    }

    @Test
    void badInputIsRefusedWithAMessage() {
        var supports = table(supports(false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkRecommender.recommendForUsers(rec, supports, 0));
        assertEquals("k must be positive, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparkRecommender.recommendForUsers(null, supports, 5));
        assertEquals("recommender must not be null", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SparkRecommender.recommendForUsers(rec, supports.drop("value"), 5));
        assertEquals("the supports have no column 'value': they need columns user, item, value (and optionally "
                + "timestamp), and have [user, item, timestamp]; rename columns with withColumnRenamed", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparkRecommender.recommendForUsers(rec, supports,
                null, 5));
        assertEquals("user attributes must not be null", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparkRecommender.recommendForUsers(rec, null, 5));
        assertEquals("supports must not be null", e.getMessage());
    }
}
