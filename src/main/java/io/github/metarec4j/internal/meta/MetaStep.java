package io.github.metarec4j.internal.meta;

import io.github.metarec4j.internal.model.JavaTensors;
import io.github.metarec4j.internal.model.Network;
import io.github.metarec4j.internal.model.Rows;
import io.github.metarec4j.internal.task.Task;
import io.github.metarec4j.internal.util.Checks;
import io.github.metarec4j.meta.MamlConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * One meta-batch: for each user, its share of the meta-gradient by the algorithm's
 * {@link TaskGradient} (first-order MAML by default: {@link Network#metaGradient} on the
 * plain-Java {@link JavaTensors}, the inner loop on the support, the query loss's gradient at
 * the adapted values), weighted {@code 1 / B} so the batch's loss is the mean over its users.
 * Users are split into contiguous groups, one per thread, each adding into its own gradient
 * accumulators, which are added up in group order at the end. The random draws (negatives,
 * ID dropout) all happen first, on the calling thread, so the result depends on the seed and
 * the thread count only, not on thread timing.
 */
final class MetaStep implements TrainingRun.Step {

    private final TrainingRun run;
    private final List<Task> batch;
    private final ExecutorService pool;
    private final int groups;
    private final int innerSteps;
    private final TaskGradient rule;
    private final Rows[] support;
    private final Rows[] query;

    /**
     * @param random     draws the negatives and the ID dropout of every row
     * @param pool       runs all groups but the last (which runs on the calling thread); null with one group
     * @param groups     how many groups the users are split into (the thread count)
     * @param innerSteps inner steps per task (0 trains without adaptation: the supervised ablation)
     */
    MetaStep(TrainingRun run, List<Task> batch, SplittableRandom random, double idDropout, ExecutorService pool,
             int groups, int innerSteps) {
        this(run, batch, random, idDropout, pool, groups, innerSteps, new TaskGradient.FirstOrder());
    }

    /**
     * @param rule how each task adds its share of the gradient (the algorithm)
     */
    MetaStep(TrainingRun run, List<Task> batch, SplittableRandom random, double idDropout, ExecutorService pool,
             int groups, int innerSteps, TaskGradient rule) {
        this.rule = rule;
        this.run = run;
        this.batch = batch;
        this.pool = pool;
        this.groups = Math.max(1, Math.min(groups, batch.size()));
        this.innerSteps = innerSteps;
        this.support = new Rows[batch.size()];
        this.query = new Rows[batch.size()];
        for (int t = 0; t < batch.size(); t++) {
            Task task = batch.get(t);
            int[] avoid = run.data.itemsOf(task.user());
            support[t] = run.sampler.rows(task.supportItems(), task.supportValues(), avoid, idDropout, random);
            query[t] = run.sampler.rows(task.queryItems(), task.queryValues(), avoid, idDropout, random);
        }
    }

    @Override
    public int tasks() {
        return batch.size();
    }

    @Override
    public double referenceLoss() {
        int heads = run.network.layout().heads();
        double loss = 0;
        for (Rows rows : query) {
            loss += run.network.loss(new double[rows.size()][heads], rows, 1.0 / batch.size(),
                    new double[rows.size()][heads]);
        }
        return loss;
    }

    @Override
    public double lossAndGradient(float[] params, float[] gradient) {
        Checks.argument(params.length == run.network.layout().size() && gradient.length == params.length,
                "the scorer has " + run.network.layout().size() + " parameters, got " + params.length
                        + " and a gradient of " + gradient.length);
        List<Group> parts = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            parts.add(new Group(params, g * batch.size() / groups, (g + 1) * batch.size() / groups));
        }
        List<Future<?>> running = new ArrayList<>();
        for (int g = 0; g < groups - 1; g++) {
            running.add(pool.submit(parts.get(g)));
        }
        parts.get(groups - 1).run();
        boolean interrupted = false;
        for (Future<?> f : running) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    // finish the step (the groups are short) so that it is whole; training then stops at
                    // the step's end, where it looks at the flag set again below
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        // add up in group order: the sum does not depend on which thread finished first
        Arrays.fill(gradient, 0f);
        double loss = 0;
        for (Group part : parts) {
            loss += part.loss;
            part.gradient.addTo(gradient);
        }
        return loss;
    }

    /** Users {@code [from, to)} of the batch, with their own gradient accumulators. */
    private final class Group implements Runnable {
        private final float[] params;
        private final int from;
        private final int to;
        final JavaTensors.Gradient gradient;
        double loss;

        Group(float[] params, int from, int to) {
            this.params = params;
            this.from = from;
            this.to = to;
            this.gradient = new JavaTensors.Gradient(run.network.layout());
        }

        @Override
        public void run() {
            JavaTensors t = new JavaTensors(run.network.layout(), params, gradient);
            MamlConfig config = run.config;
            double weight = 1.0 / batch.size();
            for (int task = from; task < to; task++) {
                loss += rule.add(run.network, t, params, gradient, run.data.userInput(batch.get(task).user()),
                        support[task], query[task], innerSteps, config.innerLearningRate(), config.itemL2(), weight);
            }
        }
    }
}
