package io.github.metarec4j.internal.task;

import io.github.metarec4j.internal.util.Checks;

/**
 * One user as a learning task: a support set to adapt on and a query set to be judged on.
 * Items are dense indices into the caller's item table.
 *
 * <p>Immutable by contract (records expose their arrays: callers must not write to them);
 * thread-safe when so used.
 *
 * @param user          the user's index
 * @param supportItems  items of the support set
 * @param supportValues their values
 * @param queryItems    items of the query set
 * @param queryValues   their values
 */
public record Task(int user, int[] supportItems, float[] supportValues, int[] queryItems, float[] queryValues) {

    public Task {
        Checks.notNull(supportItems, "supportItems");
        Checks.notNull(supportValues, "supportValues");
        Checks.notNull(queryItems, "queryItems");
        Checks.notNull(queryValues, "queryValues");
        Checks.argument(supportItems.length == supportValues.length && queryItems.length == queryValues.length,
                "items and values must pair up: support " + supportItems.length + "/" + supportValues.length
                        + ", query " + queryItems.length + "/" + queryValues.length);
    }

    /** Support set size. */
    public int supportSize() {
        return supportItems.length;
    }

    /** Query set size. */
    public int querySize() {
        return queryItems.length;
    }
}
