package io.github.metarec4j.examples;

// readme:imports
import io.github.metarec4j.MetaRecommender;
import io.github.metarec4j.data.RatingScale;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.meta.TrainingListener;
import io.github.metarec4j.spark.SparkMetaTrainer;
import io.github.metarec4j.spark.SparkRecommender;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.time.Duration;
// readme:end

/**
 * The README's "On Apache Spark" snippet, compiled: meta-train on MovieLens-100k's ratings read
 * by Spark, then recommend for ten users from their ratings on the executors. The README's code
 * block is this file's marked imports followed by the marked body of {@code main}
 * ({@code ReadmeExampleTest} checks that they are the same). Spark needs an opened package on
 * Java 17, and exec:java runs in Maven's own JVM:
 *
 * <pre>
 *   MAVEN_OPTS=--add-opens=java.base/sun.nio.ch=ALL-UNNAMED mvn -q test-compile exec:java@example \
 *       -Dexample=SparkExample -Dexample.args="../shared/data/ml-100k/u.data"
 * </pre>
 */
public final class SparkExample {

    private SparkExample() {
    }

    public static void main(String[] args) {
        // readme:body
        SparkSession spark = SparkSession.builder().master("local[2]").getOrCreate();   // spark-submit sets the master
        Dataset<Row> ratings = spark.read().option("sep", "\t")                          // MovieLens-100k's u.data
                .schema("user string, item string, value double, timestamp long").csv(args[0]);

        SparkMetaTrainer trainer = SparkMetaTrainer.builder()
                .training(MamlConfig.builder().epochs(3).seed(42).build())
                .listener(TrainingListener.logging(Duration.ofSeconds(10)))
                .build();
        MetaRecommender rec = trainer.fit(SparkMetaTrainer.Input.ratings(ratings, new RatingScale(1, 5)));
        // the same MetaRecommender MetaTrainer.fit returns: save it, serve it, or recommend in batch

        Dataset<Row> supports = ratings.where("cast(user as int) <= 10");          // ten users' feedback
        SparkRecommender.recommendForUsers(rec, supports, 5).show(50);                // user, rank, item, score
        // readme:end
        spark.stop();
    }
}
