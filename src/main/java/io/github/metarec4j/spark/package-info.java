/**
 * metarec4j on Apache Spark 3.5 (Scala 2.12): {@link io.github.metarec4j.spark.SparkMetaTrainer}
 * meta-trains on Spark tables, the meta-gradients of each meta-step computed on the executors and
 * tree-aggregated, the update applied on the driver, and returns the same
 * {@link io.github.metarec4j.MetaRecommender} as {@link io.github.metarec4j.MetaTrainer};
 * {@link io.github.metarec4j.spark.SparkRecommender} recommends for every user of a table of
 * supports on the executors. Spark is a {@code provided}, optional dependency of the library:
 * an application that uses this package brings Spark (spark-core and spark-sql) itself. Unlike
 * the other API packages, its signatures name Spark's types ({@code Dataset<Row>}).
 */
package io.github.metarec4j.spark;
