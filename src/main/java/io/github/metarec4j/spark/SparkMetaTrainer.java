package io.github.metarec4j.spark;

import io.github.metarec4j.MetaRecommender;
import io.github.metarec4j.MetaTrainer;
import io.github.metarec4j.data.FeatureSchema;
import io.github.metarec4j.data.RatingScale;
import io.github.metarec4j.internal.io.ModelFile;
import io.github.metarec4j.internal.meta.DistributedMaml;
import io.github.metarec4j.internal.meta.MetaModel;
import io.github.metarec4j.internal.util.Checks;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.meta.TrainingListener;
import io.github.metarec4j.model.ScorerConfig;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Meta-trains a recommender on Apache Spark: first-order MAML as {@link MetaTrainer} runs it,
 * each meta-step's users adapted and their meta-gradients computed on the executors, summed by
 * {@code treeAggregate}, the update applied on the driver. It returns the same
 * {@link MetaRecommender} as {@link MetaTrainer#fit}: with one partition, bit for bit the
 * weights of {@code MetaTrainer} with {@code threads(1)}; with more, each step's summed gradient
 * agrees to float rounding (docs/scale-spark.md).
 *
 * <pre>{@code
 * SparkMetaTrainer trainer = SparkMetaTrainer.builder()
 *         .training(MamlConfig.builder().epochs(10).seed(42).build())
 *         .listener(TrainingListener.logging(Duration.ofSeconds(10)))
 *         .build();
 * MetaRecommender rec = trainer.fit(SparkMetaTrainer.Input.ratings(interactions, new RatingScale(1, 5))
 *         .withUserAttributes(users).withItemAttributes(items));
 * }</pre>
 *
 * <p>How it runs. The driver reads the interactions (and attributes) once, into its own memory,
 * and prepares them as the local trainer does (feature encoders, item catalogue, validation
 * users); the training users' histories go to the executors once, in {@code partitions} shards
 * cached in memory. At each meta-step the driver draws the meta-batch, the support and query
 * cuts, the sampled negatives and the ID dropout exactly as {@code MetaTrainer} does, broadcasts
 * the weights, and ships the draws (about a kilobyte a user) with the job; each shard adapts its
 * users of the batch and returns its part of the meta-gradient (sparse while few of its entries
 * are set); the driver clips, applies Adam, validates after every epoch, stops early and tells
 * the listeners, as {@code MetaTrainer} does. Checkpoints, {@code transferFrom} and the
 * supervised algorithm are not supported.
 *
 * <p>Spark 3.5 (Scala 2.12) must be on the class path (the library declares it
 * {@code provided}); on Java 17 the JVMs need {@code --add-opens=java.base/sun.nio.ch=ALL-UNNAMED}
 * (spark-submit's launcher adds it).
 *
 * <p>Immutable. {@code fit} runs Spark jobs on the input's session and may be called from
 * several threads (each fit its own jobs), listeners being then called from each.
 */
public final class SparkMetaTrainer {

    private final ScorerConfig scorerConfig;
    private final MamlConfig trainingConfig;
    private final List<TrainingListener> listeners;
    private final int partitions;

    private SparkMetaTrainer(Builder b) {
        this.scorerConfig = b.scorer;
        this.trainingConfig = b.training;
        this.listeners = List.copyOf(b.listeners);
        this.partitions = b.partitions;
    }

    /** A builder holding the default configuration. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Meta-trains on {@code input} and returns the fitted recommender.
     *
     * <p>A listener's {@link TrainingListener#stopRequested()} or an interrupt of the calling
     * thread ends training early, as with {@link MetaTrainer#fit}.
     *
     * @throws IllegalArgumentException if {@code input} is null, its tables lack a column or have
     *                                  one of a wrong type or a null id, or the data cannot be
     *                                  trained on (as {@link MetaTrainer#fit} says)
     * @throws io.github.metarec4j.meta.TrainingDivergedException if training blows up
     */
    public MetaRecommender fit(Input input) {
        return fit(input, StepCosts.none());
    }

    /** {@link #fit(Input)}, recording what each step costs into {@code costs}. */
    MetaRecommender fit(Input input, StepCosts costs) {
        Checks.notNull(input, "input");
        io.github.metarec4j.data.Dataset data = input.toLocal();
        DistributedMaml engine = new DistributedMaml(data, scorerConfig, trainingConfig, listeners);
        MetaModel model = train(input.interactions.sparkSession().sparkContext(), engine, costs, g -> g);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelFile.write(model, bytes);
        return MetaRecommender.load(new ByteArrayInputStream(bytes.toByteArray()));
    }

    /**
     * Trains {@code engine} on Spark; {@code observe} wraps the Spark gradients (the tests compare
     * them with a local sum).
     */
    MetaModel train(org.apache.spark.SparkContext context, DistributedMaml engine, StepCosts costs,
                    java.util.function.UnaryOperator<DistributedMaml.Gradients> observe) {
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(context);
        int count = partitions > 0 ? partitions : spark.defaultParallelism();
        Broadcast<byte[]> kernel = spark.broadcast(engine.kernelBytes());
        // shuffled into place once: a parallelized collection's partitions carry their data, and every step's
        // tasks would ship it again; a shuffled RDD's partitions are only numbers, the shards cached where they are
        List<DistributedMaml.Shard> parts = engine.shards(count);
        List<Tuple2<Integer, DistributedMaml.Shard>> keyed = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            keyed.add(new Tuple2<>(s, parts.get(s)));
        }
        JavaRDD<DistributedMaml.Shard> shards = spark.parallelizePairs(keyed, count)
                .partitionBy(new HashPartitioner(count)).values()
                .setName("metarec4j training users").persist(StorageLevel.MEMORY_ONLY());
        try {
            shards.count(); // cache the shards before the first step
            return engine.train(observe.apply((plan, params) -> step(spark, kernel, shards, plan, params, costs)),
                    "Apache Spark " + spark.version() + " (" + spark.master() + ", " + count + " partitions), "
                            + "plain-Java kernel on the executors", spark.defaultParallelism());
        } finally {
            shards.unpersist(false);
            kernel.destroy();
        }
    }

    /** One meta-step's job: the weights broadcast, each shard's part computed, the parts tree-aggregated. */
    private static DistributedMaml.Partial step(JavaSparkContext spark, Broadcast<byte[]> kernel,
                                                JavaRDD<DistributedMaml.Shard> shards, DistributedMaml.Plan plan,
                                                float[] params, StepCosts costs) {
        long start = System.nanoTime();
        Broadcast<float[]> weights = spark.broadcast(params.clone());
        long broadcast = System.nanoTime() - start;
        try {
            DistributedMaml.Partial sum = shards.treeAggregate(DistributedMaml.Partial.empty(),
                    (partial, shard) -> partial.plus(BroadcastCache.get(kernel, DistributedMaml.Kernel::of)
                            .compute(plan, weights.value(), shard)),
                    DistributedMaml.Partial::plus, 2);
            costs.step(start, broadcast, System.nanoTime() - start, sum, params.length, plan);
            return sum;
        } finally {
            weights.destroy();
        }
    }

    /** The scorer configuration. */
    public ScorerConfig scorerConfig() {
        return scorerConfig;
    }

    /** The training configuration. */
    public MamlConfig trainingConfig() {
        return trainingConfig;
    }

    /** The number of shards the training users are cached in; 0 for Spark's default parallelism. */
    public int partitions() {
        return partitions;
    }

    @Override
    public String toString() {
        return "SparkMetaTrainer[" + scorerConfig + ", " + trainingConfig + ", partitions " + partitions + "]";
    }

    /**
     * What to train on: a Spark table of interactions, their feedback type, and optional tables
     * of user and item attributes.
     *
     * <p>The interactions need the columns {@code user} and {@code item} (any type, read as
     * strings), {@code value} (a number: the rating, or the implicit strength) and optionally
     * {@code timestamp} (a long or int; a user's interactions are ordered by it, ties and tables
     * without it in the order the rows are read). Attribute tables have the id column
     * ({@code user} or {@code item}) and one column per feature: a string is a categorical field,
     * an array of strings a multi-categorical one, a number a numeric one; a null is a missing value.
     *
     * <p>Immutable; thread-safe as far as the Spark tables it holds are.
     */
    public static final class Input {
        private final Dataset<Row> interactions;
        private final RatingScale scale;
        private final Dataset<Row> users;
        private final Dataset<Row> items;

        private Input(Dataset<Row> interactions, RatingScale scale, Dataset<Row> users, Dataset<Row> items) {
            this.interactions = interactions;
            this.scale = scale;
            this.users = users;
            this.items = items;
        }

        /**
         * Explicit ratings on {@code scale}.
         *
         * @throws IllegalArgumentException if an argument is null or the table lacks a column
         */
        public static Input ratings(Dataset<Row> interactions, RatingScale scale) {
            Checks.notNull(scale, "scale");
            Columns.interactions(interactions, "interactions");
            return new Input(interactions, scale, null, null);
        }

        /**
         * Implicit feedback (clicks, plays, check-ins), the value its strength.
         *
         * @throws IllegalArgumentException if the table is null or lacks a column
         */
        public static Input implicitFeedback(Dataset<Row> interactions) {
            Columns.interactions(interactions, "interactions");
            return new Input(interactions, null, null, null);
        }

        /**
         * This input with user attributes (column {@code user}, then the features).
         *
         * @throws IllegalArgumentException if the table is null, lacks {@code user} or has a column
         *                                  of a type that is not a feature
         */
        public Input withUserAttributes(Dataset<Row> users) {
            Columns.schema(users, Columns.USER, "user attributes");
            return new Input(interactions, scale, users, items);
        }

        /**
         * This input with item attributes (column {@code item}, then the features); every item
         * described joins the catalogue, interactions or not.
         *
         * @throws IllegalArgumentException if the table is null, lacks {@code item} or has a column
         *                                  of a type that is not a feature
         */
        public Input withItemAttributes(Dataset<Row> items) {
            Columns.schema(items, Columns.ITEM, "item attributes");
            return new Input(interactions, scale, users, items);
        }

        /** The tables read to the driver as a local data set. */
        io.github.metarec4j.data.Dataset toLocal() {
            io.github.metarec4j.data.Dataset.Builder b = io.github.metarec4j.data.Dataset.builder();
            if (scale != null) {
                b.ratings(scale);
            } else {
                b.implicitFeedback();
            }
            attributes(users, Columns.USER, "user attributes").ifPresent(a -> {
                b.userSchema(a.schema);
                a.features.forEach(b::addUser);
            });
            attributes(items, Columns.ITEM, "item attributes").ifPresent(a -> {
                b.itemSchema(a.schema);
                a.features.forEach(b::addItem);
            });
            for (Row r : Columns.interactions(interactions, "interactions").collectAsList()) {
                b.addInteraction(Columns.interaction(r, "interactions"));
            }
            return b.build();
        }

        private record Attributes(FeatureSchema schema, Map<String, io.github.metarec4j.data.Features> features) {
        }

        private static Optional<Attributes> attributes(Dataset<Row> table, String idColumn, String what) {
            if (table == null) {
                return Optional.empty();
            }
            FeatureSchema schema = Columns.schema(table, idColumn, what);
            Map<String, io.github.metarec4j.data.Features> features = new LinkedHashMap<>();
            for (Row r : table.collectAsList()) {
                features.put(Columns.id(r, idColumn, what), Columns.features(r, table.schema(), idColumn));
            }
            return Optional.of(new Attributes(schema, features));
        }
    }

    /** Collects a trainer's configuration; not thread-safe. */
    public static final class Builder {
        private ScorerConfig scorer = ScorerConfig.builder().build();
        private MamlConfig training = MamlConfig.builder().build();
        private final List<TrainingListener> listeners = new ArrayList<>();
        private int partitions;

        private Builder() {
        }

        /** The scorer's shape (default: {@code ScorerConfig.builder().build()}). */
        public Builder scorer(ScorerConfig config) {
            this.scorer = Checks.notNull(config, "scorer config");
            return this;
        }

        /**
         * How to meta-train and adapt (default: {@code MamlConfig.builder().build()}); its
         * {@code threads} are the driver's, for validation: the executors run one task per core.
         */
        public Builder training(MamlConfig config) {
            this.training = Checks.notNull(config, "training config");
            return this;
        }

        /** Adds a listener to training progress (called on the driver, on the thread that calls fit). */
        public Builder listener(TrainingListener listener) {
            listeners.add(Checks.notNull(listener, "listener"));
            return this;
        }

        /**
         * How many shards the training users are cached in, one Spark task each per meta-step
         * (default 0: Spark's default parallelism, one per executor core).
         *
         * @throws IllegalArgumentException if {@code count} is negative
         */
        public Builder partitions(int count) {
            Checks.argument(count >= 0, "partitions must be 0 (Spark's default parallelism) or more, got " + count);
            this.partitions = count;
            return this;
        }

        /** The trainer. */
        public SparkMetaTrainer build() {
            return new SparkMetaTrainer(this);
        }
    }
}
