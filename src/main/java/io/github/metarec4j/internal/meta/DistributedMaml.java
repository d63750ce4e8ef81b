package io.github.metarec4j.internal.meta;

import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.FeedbackType;
import io.github.metarec4j.internal.io.ModelFile;
import io.github.metarec4j.internal.model.JavaTensors;
import io.github.metarec4j.internal.model.Network;
import io.github.metarec4j.internal.model.ParameterLayout;
import io.github.metarec4j.internal.model.Rows;
import io.github.metarec4j.internal.task.MetaBatchSampler;
import io.github.metarec4j.internal.task.Task;
import io.github.metarec4j.internal.task.UserHistory;
import io.github.metarec4j.internal.util.Checks;
import io.github.metarec4j.internal.util.Version;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.meta.Provenance;
import io.github.metarec4j.meta.TrainingListener;
import io.github.metarec4j.model.ScorerConfig;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * First-order MAML whose meta-gradients are computed elsewhere (on Spark executors, by
 * {@code io.github.metarec4j.spark}), with the local trainer's results: the driver runs
 * {@link TrainingRun} (Adam and clipping, validation, early stopping, listeners, the divergence
 * checks) and every random draw of {@link MamlTrainer}, in the same order; a meta-step ships
 * only its {@link Plan} (each task's support and query positions in the user's history, its
 * sampled negatives and ID-dropout flags); wherever the users' {@link Shard}s are held, a
 * {@link Kernel} rebuilds the tasks' rows and runs {@link Network#metaGradient} on
 * {@link JavaTensors}, as {@link MetaStep} does; the {@link Partial} sums come back to the
 * driver. Spark-free, so that the engine stays in one place and is tested without Spark.
 *
 * <p>One instance is one training run: not thread-safe. {@link Plan}, {@link Shard},
 * {@link Partial} are immutable serialisable values; {@link Kernel} is immutable and thread-safe.
 */
public final class DistributedMaml {

    /** Computes a plan's summed meta-gradient at the given weights (the weights must not be changed). */
    @FunctionalInterface
    public interface Gradients {
        /** The plan's tasks' partial sums, all added up. */
        Partial compute(Plan plan, float[] params);
    }

    private final TrainingRun run;
    private final MetaBatchSampler sampler;
    private final Dataset dataset;

    /**
     * Prepares the data as {@link MamlTrainer#fit} does (encoders, catalogue, validation users).
     *
     * @throws IllegalArgumentException as {@link MamlTrainer#fit}
     */
    public DistributedMaml(Dataset data, ScorerConfig scorerConfig, MamlConfig config,
                           List<TrainingListener> listeners) {
        this.dataset = Checks.notNull(data, "dataset");
        this.run = new TrainingRun(data, Checks.notNull(scorerConfig, "scorerConfig"), Checks.notNull(config,
                "config"), List.copyOf(Checks.notNull(listeners, "listeners")));
        // the driver cuts positions: a stand-in history of the same size, item i at position i
        List<UserHistory> positions = new ArrayList<>(run.data.fit.size());
        for (UserHistory h : run.data.fit) {
            int[] at = new int[h.size()];
            Arrays.setAll(at, i -> i);
            positions.add(new UserHistory(h.user(), at, new float[h.size()]));
        }
        this.sampler = MamlTrainer.batchSampler(run, positions);
    }

    /** Number of training users (those with tasks). */
    public int trainingUsers() {
        return run.data.fit.size();
    }

    /** Number of weights. */
    public int parameterCount() {
        return Math.toIntExact(run.network.layout().size());
    }

    /**
     * The training users' histories and encoded features in {@code count} shards, user
     * {@code u} in shard {@code u % count}.
     */
    public List<Shard> shards(int count) {
        Checks.positive(count, "count");
        List<List<UserHistory>> parts = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            parts.add(new ArrayList<>());
        }
        for (UserHistory h : run.data.fit) {
            parts.get(h.user() % count).add(h);
        }
        List<Shard> shards = new ArrayList<>(count);
        for (List<UserHistory> part : parts) {
            shards.add(new Shard(part, run.data));
        }
        return shards;
    }

    /**
     * What a {@link Kernel} is made from: the model file of the network, configurations,
     * encoders and catalogue (the weights in it are zeros: each step brings its own).
     */
    public byte[] kernelBytes() {
        ParameterLayout layout = run.network.layout();
        String unknown = Provenance.UNKNOWN;
        Provenance provenance = new Provenance(Version.current(), null, run.config.seed(), unknown,
                run.data.fit.size(), 0, 0, 0, Double.NaN, 0, 0, MamlTrainer.ALGORITHM, TrainingRun.LOCAL_ENGINE, 1,
                unknown, unknown, unknown);
        MetaModel model = new MetaModel(run.network, run.config, new float[Math.toIntExact(layout.size())], run.data.userEncoder,
                run.data.itemEncoder, run.data.catalogue, run.data.ratingOffset, dataset.feedbackType(),
                dataset.feedbackType() == FeedbackType.EXPLICIT ? dataset.ratingScale().orElse(null) : null,
                provenance);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelFile.write(model, out);
        return out.toByteArray();
    }

    /**
     * Trains, each step's meta-gradient computed by {@code gradients}; the meta-batches, draws,
     * updates, validation and stopping are {@link MamlTrainer}'s (without checkpoints or transfer).
     */
    public MetaModel train(Gradients gradients) {
        return train(gradients, TrainingRun.LOCAL_ENGINE, run.config.effectiveThreads());
    }

    /**
     * {@link #train(Gradients)}, the model's {@code Provenance} naming {@code engine} (where the
     * gradients were computed) and {@code threads} (how many tasks at once).
     */
    public MetaModel train(Gradients gradients, String engine, int threads) {
        Checks.notNull(gradients, "gradients");
        Checks.notBlank(engine, "engine");
        Checks.positive(threads, "threads");
        double idDropout = run.idDropout();
        int innerSteps = run.config.innerSteps();
        return run.train(epoch -> {
            SplittableRandom random = MamlTrainer.rowDraws(run.config, epoch);
            return sampler.epoch(epoch).stream()
                    .map(batch -> (TrainingRun.Step) new PlannedStep(plan(batch, random, idDropout, innerSteps),
                            gradients)).toList();
        }, Optional.empty(), MamlTrainer.ALGORITHM, Optional.empty(), engine, threads);
    }

    /** The draws of {@link MetaStep}'s constructor, in its order, kept as positions, negatives and flags. */
    private Plan plan(List<Task> batch, SplittableRandom random, double idDropout, int innerSteps) {
        int n = batch.size();
        int[] users = new int[n];
        int[][] at = new int[2 * n][];
        int[][] negatives = new int[2 * n][];
        boolean[][] dropped = new boolean[2 * n][];
        for (int t = 0; t < n; t++) {
            Task task = batch.get(t);
            users[t] = task.user();
            int[] avoid = run.data.itemsOf(task.user());
            at[2 * t] = task.supportItems();
            at[2 * t + 1] = task.queryItems();
            for (int side = 2 * t; side <= 2 * t + 1; side++) {
                int p = at[side].length;
                int[] all = run.sampler.withNegatives(new int[p], avoid, random);
                negatives[side] = Arrays.copyOfRange(all, p, all.length);
                dropped[side] = run.sampler.dropouts(all.length, idDropout, random);
            }
        }
        return new Plan(users, at, negatives, dropped, innerSteps);
    }

    /** A meta-step whose gradient {@link Gradients} computes from its plan. */
    private static final class PlannedStep implements TrainingRun.Step {
        private final Plan plan;
        private final Gradients gradients;
        private double reference = Double.NaN;

        PlannedStep(Plan plan, Gradients gradients) {
            this.plan = plan;
            this.gradients = gradients;
        }

        @Override
        public double lossAndGradient(float[] params, float[] gradient) {
            Partial sum = gradients.compute(plan, params);
            Checks.argument(sum.tasks() == plan.tasks(), "the meta-step has " + plan.tasks() + " tasks, but "
                    + sum.tasks() + " were computed: a shard is missing or a user is in two");
            Arrays.fill(gradient, 0f);
            sum.addTo(gradient);
            reference = sum.referenceLoss();
            return sum.loss();
        }

        @Override
        public int tasks() {
            return plan.tasks();
        }

        /** The reference loss of the last {@link #lossAndGradient}, computed with it (NaN before). */
        @Override
        public double referenceLoss() {
            return reference;
        }
    }

    /**
     * One meta-step's tasks as the driver drew them: task {@code t} is user {@code users[t]}; its
     * support is side {@code 2t}, its query side {@code 2t + 1}; a side's rows are the history's
     * interactions at {@code at[side]}, then the items {@code negatives[side]}, the IDs of the rows
     * {@code dropped[side]} marks hidden. A few kilobytes for a meta-batch of 32 users.
     */
    public static final class Plan implements Serializable {
        private static final long serialVersionUID = 1L;
        private final int[] users;
        private final int[][] at;
        private final int[][] negatives;
        private final boolean[][] dropped;
        private final int innerSteps;

        Plan(int[] users, int[][] at, int[][] negatives, boolean[][] dropped, int innerSteps) {
            this.users = users;
            this.at = at;
            this.negatives = negatives;
            this.dropped = dropped;
            this.innerSteps = innerSteps;
        }

        /** Number of tasks (users). */
        public int tasks() {
            return users.length;
        }
    }

    /**
     * Some training users' histories (catalogue indices and values, oldest first) and encoded
     * features, looked up by user.
     */
    public static final class Shard implements Serializable {
        private static final long serialVersionUID = 1L;
        private final int[] users;
        private final int[][] items;
        private final float[][] values;
        private final float[][] inputs;
        private transient Map<Integer, Integer> index;

        Shard(List<UserHistory> histories, TrainingData data) {
            int n = histories.size();
            users = new int[n];
            items = new int[n][];
            values = new float[n][];
            inputs = new float[n][];
            for (int i = 0; i < n; i++) {
                UserHistory h = histories.get(i);
                users[i] = h.user();
                items[i] = new int[h.size()];
                values[i] = new float[h.size()];
                for (int j = 0; j < h.size(); j++) {
                    items[i][j] = h.item(j);
                    values[i][j] = h.value(j);
                }
                inputs[i] = data.userInput(h.user());
            }
        }

        /** Number of users. */
        public int size() {
            return users.length;
        }

        /** Where {@code user} is in this shard, or -1. */
        int indexOf(int user) {
            if (index == null) {
                Map<Integer, Integer> m = new HashMap<>(users.length * 2);
                for (int i = 0; i < users.length; i++) {
                    m.put(users[i], i);
                }
                index = m;
            }
            return index.getOrDefault(user, -1);
        }
    }

    /**
     * Some tasks' summed meta-gradient, their weighted query loss and reference loss, how many
     * tasks, and the nanoseconds spent computing them. The gradient is held sparse (the entries
     * that are not 0: most of the item tables' rows are untouched by a few users) or, once more
     * than a third of its entries are not 0 (where indices and values outweigh the values
     * alone), dense; sums are in float, as {@link MetaStep} adds its groups.
     */
    public static final class Partial implements Serializable {
        private static final long serialVersionUID = 1L;
        private static final Partial EMPTY = new Partial(0, new int[0], new float[0], 0, 0, 0, 0);
        private final int size;
        /** The entries' indices, ascending; null when {@code value} is dense. */
        private final int[] index;
        private final float[] value;
        private final double loss;
        private final double reference;
        private final int tasks;
        private final long nanos;

        private Partial(int size, int[] index, float[] value, double loss, double reference, int tasks,
                        long nanos) {
            this.size = size;
            this.index = index;
            this.value = value;
            this.loss = loss;
            this.reference = reference;
            this.tasks = tasks;
            this.nanos = nanos;
        }

        /** Nothing: what sums start from. */
        public static Partial empty() {
            return EMPTY;
        }

        /** {@code gradient} (taken, not copied), sparse if few enough of its entries are not 0. */
        static Partial of(float[] gradient, double loss, double reference, int tasks, long nanos) {
            int nonZero = 0;
            for (float v : gradient) {
                nonZero += v != 0f ? 1 : 0;
            }
            if (dense(nonZero, gradient.length)) {
                return new Partial(gradient.length, null, gradient, loss, reference, tasks, nanos);
            }
            int[] index = new int[nonZero];
            float[] value = new float[nonZero];
            for (int i = 0, k = 0; i < gradient.length; i++) {
                if (gradient[i] != 0f) {
                    index[k] = i;
                    value[k++] = gradient[i];
                }
            }
            return new Partial(gradient.length, index, value, loss, reference, tasks, nanos);
        }

        private static boolean dense(int entries, int size) {
            return entries > size / 3;
        }

        /** This sum plus {@code other}; neither is changed. */
        public Partial plus(Partial other) {
            if (other.tasks == 0 && other.size == 0) {
                return this;
            }
            if (tasks == 0 && size == 0) {
                return other;
            }
            Checks.argument(size == other.size, "sums of " + size + " and " + other.size + " weights do not add up");
            double l = loss + other.loss;
            double r = reference + other.reference;
            int t = tasks + other.tasks;
            long n = nanos + other.nanos;
            if (index == null || other.index == null) {
                float[] sum = new float[size];
                addTo(sum);
                other.addTo(sum);
                return new Partial(size, null, sum, l, r, t, n);
            }
            int[] a = index;
            int[] b = other.index;
            int[] outIndex = new int[a.length + b.length];
            float[] outValue = new float[a.length + b.length];
            int i = 0;
            int j = 0;
            int k = 0;
            while (i < a.length || j < b.length) {
                if (j == b.length || (i < a.length && a[i] < b[j])) {
                    outIndex[k] = a[i];
                    outValue[k++] = value[i++];
                } else if (i == a.length || b[j] < a[i]) {
                    outIndex[k] = b[j];
                    outValue[k++] = other.value[j++];
                } else {
                    outIndex[k] = a[i];
                    outValue[k++] = value[i++] + other.value[j++];
                }
            }
            if (dense(k, size)) {
                float[] sum = new float[size];
                for (int e = 0; e < k; e++) {
                    sum[outIndex[e]] = outValue[e];
                }
                return new Partial(size, null, sum, l, r, t, n);
            }
            return new Partial(size, Arrays.copyOf(outIndex, k), Arrays.copyOf(outValue, k), l, r, t, n);
        }

        /** Adds the gradient into {@code gradient}. */
        public void addTo(float[] gradient) {
            if (index == null) {
                for (int i = 0; i < value.length; i++) {
                    gradient[i] += value[i];
                }
            } else {
                for (int k = 0; k < index.length; k++) {
                    gradient[index[k]] += value[k];
                }
            }
        }

        /** The weighted query loss. */
        public double loss() {
            return loss;
        }

        /** The loss the query rows would have with every output 0 (see {@code TrainingRun.Step}). */
        public double referenceLoss() {
            return reference;
        }

        /** Number of tasks. */
        public int tasks() {
            return tasks;
        }

        /** Nanoseconds spent computing, summed over wherever it was computed. */
        public long nanos() {
            return nanos;
        }

        /** Number of gradient entries held: those not 0, or all when dense. */
        public int entries() {
            return value.length;
        }
    }

    /**
     * What computes a plan's tasks on a shard: the network, the catalogue and the inner loop's
     * settings, read from {@link #kernelBytes()}.
     */
    public static final class Kernel {
        private final Network network;
        private final MamlConfig config;
        private final RowSampler rows;

        private Kernel(MetaModel model) {
            this.network = model.network();
            this.config = model.training();
            // rows are rebuilt from drawn negatives and flags: the sampler's own draws are never used
            this.rows = new RowSampler(model.catalogue(), network.objective(), model.ratingOffset(),
                    network.config().negatives(), network.config().strengthWeights(), new int[0]);
        }

        /** The kernel of {@link DistributedMaml#kernelBytes()}. */
        public static Kernel of(byte[] bytes) {
            return new Kernel(ModelFile.read(new ByteArrayInputStream(Checks.notNull(bytes, "bytes"))));
        }

        /**
         * The meta-gradient of the plan's tasks whose users {@code shard} holds, in task order, at
         * {@code params}; each task weighted {@code 1 / plan.tasks()} as {@link MetaStep} weights it.
         */
        public Partial compute(Plan plan, float[] params, Shard shard) {
            long start = System.nanoTime();
            ParameterLayout layout = network.layout();
            Checks.argument(params.length == layout.size(), "the scorer has " + layout.size()
                    + " parameters, got " + params.length);
            JavaTensors.Gradient gradient = new JavaTensors.Gradient(layout);
            JavaTensors t = new JavaTensors(layout, params, gradient);
            double weight = 1.0 / plan.tasks();
            int heads = layout.heads();
            double loss = 0;
            double reference = 0;
            int tasks = 0;
            for (int task = 0; task < plan.tasks(); task++) {
                int at = shard.indexOf(plan.users[task]);
                if (at < 0) {
                    continue;
                }
                Rows support = side(plan, 2 * task, shard, at);
                Rows query = side(plan, 2 * task + 1, shard, at);
                loss += network.metaGradient(t, shard.inputs[at], support, query, plan.innerSteps,
                        config.innerLearningRate(), config.itemL2(), weight);
                reference += network.loss(new double[query.size()][heads], query, weight,
                        new double[query.size()][heads]);
                tasks++;
            }
            if (tasks == 0) {
                return Partial.empty();
            }
            float[] dense = new float[params.length];
            gradient.addTo(dense);
            return Partial.of(dense, loss, reference, tasks, System.nanoTime() - start);
        }

        private Rows side(Plan plan, int side, Shard shard, int user) {
            int[] positions = plan.at[side];
            int p = positions.length;
            int[] all = new int[p + plan.negatives[side].length];
            float[] values = new float[p];
            for (int r = 0; r < p; r++) {
                all[r] = shard.items[user][positions[r]];
                values[r] = shard.values[user][positions[r]];
            }
            System.arraycopy(plan.negatives[side], 0, all, p, plan.negatives[side].length);
            return rows.rows(all, p, values, plan.dropped[side]);
        }
    }
}
