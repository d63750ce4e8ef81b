package io.github.metarec4j.spark;

import io.github.metarec4j.MetaRecommender;
import io.github.metarec4j.MetaTrainer;
import io.github.metarec4j.TestBase;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.RatingScale;
import io.github.metarec4j.data.SyntheticData;
import io.github.metarec4j.internal.io.ModelFile;
import io.github.metarec4j.internal.meta.DistributedMaml;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.meta.TrainingListener;
import io.github.metarec4j.model.ScorerConfig;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Spark trainer in {@code local[2]} against the local trainer, at the same seed. */
class SparkMetaTrainerTest extends TestBase {

    private static final ScorerConfig TINY = ScorerConfig.builder().towerSize(8).hiddenLayers(16)
            .itemIdEmbeddingSize(4).build();
    private static final Dataset EXPLICIT = SyntheticData.builder().users(120).items(80).seed(2).build().generate();
    private static final Dataset IMPLICIT = SyntheticData.builder().users(100).items(60).implicit().seed(4).build()
            .generate();

    static float[] weights(MetaRecommender rec) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        rec.save(bytes);
        return ModelFile.read(new ByteArrayInputStream(bytes.toByteArray())).parameters();
    }

    /** Records the steps' losses and the summary. */
    private static final class Recorder implements TrainingListener {
        final List<Double> losses = new ArrayList<>();
        TrainingSummary summary;

        @Override
        public void onMetaStep(TrainingProgress progress) {
            losses.add(progress.loss());
        }

        @Override
        public void onTrainingEnd(TrainingSummary summary) {
            this.summary = summary;
        }
    }

    @Test
    void onePartitionGivesTheLocalTrainersWeightsBitForBit() {
        MamlConfig config = MamlConfig.builder().epochs(2).metaBatchSize(16).threads(1).seed(9).build();
        Recorder local = new Recorder();
        Recorder spark = new Recorder();
        MetaRecommender expected = MetaTrainer.builder().scorer(TINY).training(config).listener(local).build()
                .fit(EXPLICIT);
        MetaRecommender actual = SparkMetaTrainer.builder().scorer(TINY).training(config).listener(spark)
                .partitions(1).build().fit(SparkTests.input(EXPLICIT));
        assertArrayEquals(weights(expected), weights(actual));
        assertEquals(local.losses, spark.losses);
        assertEquals(local.summary.bestEpoch(), spark.summary.bestEpoch());
        assertEquals(local.summary.tasks(), spark.summary.tasks());
        assertEquals(expected.provenance().dataFingerprint(), actual.provenance().dataFingerprint());
        assertEquals("plain-Java kernel", expected.provenance().engine());
        assertTrue(actual.provenance().engine().matches("Apache Spark 3\\.5\\.\\d+ \\(local\\[2\\], 1 partitions\\), "
                + "plain-Java kernel on the executors"), actual.provenance().engine());
        assertEquals(2, actual.provenance().threads(), "local[2]'s default parallelism");
        String user = EXPLICIT.interactions().users().id(0);
        var support = EXPLICIT.interactions().ofUser(user).subList(0, 5);
        assertEquals(expected.recommend(expected.adapt(EXPLICIT.userFeatures(user), support), 5),
                actual.recommend(actual.adapt(EXPLICIT.userFeatures(user), support), 5));
    }

    @Test
    void twoPartitionsSumEveryStepsGradientToFloatTolerance() {
        // implicit feedback: sampled negatives and ID dropout drawn on the driver, the rows rebuilt on the executors
        MamlConfig config = MamlConfig.builder().epochs(2).metaBatchSize(10).seed(5).build();
        SparkMetaTrainer trainer = SparkMetaTrainer.builder().scorer(TINY).training(config).partitions(2).build();
        SparkMetaTrainer.Input input = SparkTests.input(IMPLICIT);
        DistributedMaml engine = new DistributedMaml(input.toLocal(), TINY, config, List.of());
        DistributedMaml.Kernel kernel = DistributedMaml.Kernel.of(engine.kernelBytes());
        DistributedMaml.Shard all = engine.shards(1).get(0);
        double[] worst = {0};
        int[] steps = {0};
        StepCosts costs = new StepCosts();
        trainer.train(SparkTests.session().sparkContext(), engine, costs, spark -> (plan, params) -> {
            DistributedMaml.Partial sum = spark.compute(plan, params);
            DistributedMaml.Partial one = kernel.compute(plan, params, all); // MetaTrainer's sum with threads(1)
            float[] a = dense(sum, params.length);
            float[] b = dense(one, params.length);
            double scale = 0;
            double difference = 0;
            for (int i = 0; i < a.length; i++) {
                scale = Math.max(scale, Math.abs(b[i]));
                difference = Math.max(difference, Math.abs(a[i] - b[i]));
            }
            worst[0] = Math.max(worst[0], difference / scale);
            assertEquals(one.loss(), sum.loss(), 1e-9 * Math.abs(one.loss()));
            assertEquals(plan.tasks(), sum.tasks());
            steps[0]++;
            return sum;
        });
        System.out.println("[spark] 2 partitions, " + steps[0] + " steps: largest gradient difference "
                + worst[0] + " of the largest entry; " + costs);
        assertTrue(worst[0] < 1e-6, "largest relative difference " + worst[0]);
        assertEquals(steps[0], costs.size());
        assertTrue(costs.median(StepCosts.EXECUTORS) > 0);
    }

    private static float[] dense(DistributedMaml.Partial sum, int size) {
        float[] g = new float[size];
        sum.addTo(g);
        return g;
    }

    @Test
    void badInputIsRefusedWithAMessage() {
        var spark = SparkTests.session();
        org.apache.spark.sql.Dataset<Row> interactions = SparkTests.interactions(IMPLICIT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkMetaTrainer.Input.implicitFeedback(interactions.drop("item")));
        assertEquals("the interactions have no column 'item': they need columns user, item, value (and optionally "
                + "timestamp), and have [user, value, timestamp]; rename columns with withColumnRenamed", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparkMetaTrainer.Input.implicitFeedback(
                interactions.withColumn("value", org.apache.spark.sql.functions.lit("x"))));
        assertEquals("the interactions' column value must be numeric (a rating or a strength), but it is string",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparkMetaTrainer.Input.ratings(interactions.withColumn(
                "timestamp", org.apache.spark.sql.functions.lit("x")), new RatingScale(1, 5)));
        assertEquals("the interactions' column timestamp must be a long or an int (seconds or any increasing "
                + "count), but it is string", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparkMetaTrainer.Input.ratings(interactions, null));
        assertEquals("scale must not be null", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparkMetaTrainer.Input.implicitFeedback(interactions)
                .withUserAttributes(spark.sql("select 'u' as user, map('a', 1) as tags")));
        assertEquals("the user attributes' column tags is of type map<string,int>, which is not a feature: use a "
                + "string (categorical), an array of strings (multi-categorical) or a number (numeric)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparkMetaTrainer.Input.implicitFeedback(interactions)
                .withItemAttributes(spark.sql("select 'i' as id")));
        assertEquals("the item attributes have no column 'item': they need it and one column per feature, and have "
                + "[id]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparkMetaTrainer.builder().partitions(-1));
        assertEquals("partitions must be 0 (Spark's default parallelism) or more, got -1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparkMetaTrainer.builder().build().fit(null));
        assertEquals("input must not be null", e.getMessage());
        SparkMetaTrainer.Input nullUser = SparkMetaTrainer.Input.implicitFeedback(spark.sql(
                "select cast(null as string) as user, 'i' as item, 1.0 as value"));
        e = assertThrows(IllegalArgumentException.class, () -> SparkMetaTrainer.builder().build().fit(nullUser));
        assertEquals("the interactions hold a row with a null user, item, value or timestamp: [null,i,1.0,0]; drop "
                + "or fill it first", e.getMessage());
    }
}
