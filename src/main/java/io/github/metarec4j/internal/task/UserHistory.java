package io.github.metarec4j.internal.task;

import io.github.metarec4j.internal.util.Checks;
import io.github.metarec4j.internal.util.Permutations;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One user's feedback in time order, as dense item indices and values: what a splitter
 * cuts into support and query.
 *
 * <p>Immutable (the arrays are copied in and never exposed); thread-safe.
 */
public final class UserHistory {

    private final int user;
    private final int[] items;
    private final float[] values;

    /**
     * @param user   the user's index (a row of the user feature table)
     * @param items  item indices, oldest first
     * @param values the matching values
     */
    public UserHistory(int user, int[] items, float[] values) {
        Checks.notNull(items, "items");
        Checks.notNull(values, "values");
        Checks.argument(items.length == values.length,
                "items and values must have the same length, got " + items.length + " and " + values.length);
        this.user = user;
        this.items = items.clone();
        this.values = values.clone();
    }

    /** The user's index. */
    public int user() {
        return user;
    }

    /** Number of interactions. */
    public int size() {
        return items.length;
    }

    /** Item index of the {@code i}-th interaction (oldest first). */
    public int item(int i) {
        return items[i];
    }

    /** Value of the {@code i}-th interaction. */
    public float value(int i) {
        return values[i];
    }

    /** The item indices, sorted ascending (a fresh array), for membership tests. */
    public int[] sortedItems() {
        int[] s = items.clone();
        Arrays.sort(s);
        return s;
    }

    /** This history in an order drawn from {@code random} (for data without an order in time). */
    public UserHistory shuffled(SplittableRandom random) {
        int[] order = Permutations.of(items.length, random);
        return new UserHistory(user, pick(items, order), pick(values, order));
    }

    /** A task with the interactions at {@code support} and {@code query} positions. */
    Task task(int[] support, int[] query) {
        return new Task(user, pick(items, support), pick(values, support), pick(items, query), pick(values, query));
    }

    private static int[] pick(int[] a, int[] at) {
        int[] out = new int[at.length];
        for (int i = 0; i < at.length; i++) {
            out[i] = a[at[i]];
        }
        return out;
    }

    private static float[] pick(float[] a, int[] at) {
        float[] out = new float[at.length];
        for (int i = 0; i < at.length; i++) {
            out[i] = a[at[i]];
        }
        return out;
    }
}
