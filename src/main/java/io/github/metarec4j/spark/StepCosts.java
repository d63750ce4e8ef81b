package io.github.metarec4j.spark;

import io.github.metarec4j.internal.meta.DistributedMaml;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What each meta-step of a Spark fit cost (for the benchmark): the driver's time between two
 * steps' jobs (the update, the checks, the listeners; the first step of an epoch also the
 * epoch's draws, and the one after an epoch its validation), the broadcast of the weights, the
 * job's wall time, the executors' computing time, and the bytes shipped. Not thread-safe: one
 * per fit.
 */
final class StepCosts {

    private final List<long[]> steps = new ArrayList<>();
    private final boolean recording;
    private long lastEnd;

    /** Records every step. */
    StepCosts() {
        this(true);
    }

    private StepCosts(boolean recording) {
        this.recording = recording;
    }

    /** Records nothing (a plain fit: measuring the plan's size costs a serialisation per step). */
    static StepCosts none() {
        return new StepCosts(false);
    }

    /** Records a step's job that started at {@code start} (nanoTime). */
    void step(long start, long broadcastNanos, long jobNanos, DistributedMaml.Partial sum, int parameters,
              DistributedMaml.Plan plan) {
        if (!recording) {
            return;
        }
        long gap = lastEnd == 0 ? -1 : start - lastEnd;
        steps.add(new long[]{gap, broadcastNanos, jobNanos, sum.nanos(), 4L * parameters, serialisedSize(plan),
                sum.entries(), sum.tasks()});
        lastEnd = System.nanoTime();
    }

    /** Number of steps recorded. */
    int size() {
        return steps.size();
    }

    /** The median over the steps of field {@code f} (see {@link #step}'s order), gaps of -1 left out. */
    double median(int f) {
        long[] v = steps.stream().mapToLong(s -> s[f]).filter(x -> x >= 0).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    }

    static final int DRIVER_GAP = 0;
    static final int BROADCAST = 1;
    static final int JOB = 2;
    static final int EXECUTORS = 3;
    static final int WEIGHT_BYTES = 4;
    static final int PLAN_BYTES = 5;
    static final int GRADIENT_ENTRIES = 6;
    static final int TASKS = 7;

    @Override
    public String toString() {
        return steps.size() + " steps, medians " + Arrays.toString(new double[]{median(DRIVER_GAP),
                median(BROADCAST), median(JOB), median(EXECUTORS), median(WEIGHT_BYTES), median(PLAN_BYTES),
                median(GRADIENT_ENTRIES), median(TASKS)});
    }

    private static long serialisedSize(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.size();
    }
}
