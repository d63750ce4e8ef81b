package io.github.metarec4j.benchmarks;

import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.eval.Recall;
import io.github.metarec4j.eval.Relevance;
import io.github.metarec4j.eval.TopNNdcg;
import io.github.metarec4j.eval.UserOutcome;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * The harness of the Gowalla benchmark (LightGCN's): every user's top 20 over the whole
 * catalogue but their training items, from a method adapted to their training items; scored
 * against their items of a held-out split by Recall@20 (hits over all their held-out items, as
 * LightGCN counts it, not capped at 20) and nDCG@20 (binary gain, the ideal list
 * {@code min(20, held-out)} hits long), averaged over the users with a held-out item.
 *
 * <p>Immutable; thread-safe if the method is.
 */
final class FullRanking {

    /** The length of the list. */
    static final int CUTOFF = 20;

    private static final Recall RECALL = new Recall(CUTOFF, Relevance.all());
    private static final TopNNdcg NDCG = TopNNdcg.csLfm(CUTOFF);

    /** A method adapted to one user at a time. Implementations must be thread-safe. */
    @FunctionalInterface
    interface Method {
        /**
         * The user's best {@link #CUTOFF} items, best first, over the catalogue without
         * {@code training}, the method adapted to {@code training} (the user's training items).
         */
        List<String> top(String user, List<Interaction> training);
    }

    /**
     * Mean figures over the users.
     *
     * @param recall  mean Recall@20
     * @param ndcg    mean nDCG@20
     * @param users   users scored (those with a held-out item)
     * @param seconds wall time of the scoring
     */
    record Result(double recall, double ndcg, int users, double seconds) {

        /** Users scored per second. */
        double usersPerSecond() {
            return users / Math.max(1e-9, seconds);
        }
    }

    private final Dataset training;
    private final int threads;

    /** The harness of users' {@code training} items, scoring users on {@code threads} threads. */
    FullRanking(Dataset training, int threads) {
        this.training = training;
        this.threads = threads;
    }

    /**
     * Scores {@code method} on {@code users}' items in {@code heldOut}; users without held-out
     * items are left out. The figures do not depend on the thread count: each user's are summed
     * in the order of {@code users}.
     */
    Result evaluate(Method method, List<String> users, Dataset heldOut) {
        long start = System.nanoTime();
        double[][] perUser = new double[users.size()][];
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "full-ranking");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int part = t;
                parts.add(pool.submit(() -> {
                    for (int u = part; u < users.size(); u += threads) {
                        perUser[u] = score(method, users.get(u), heldOut);
                    }
                }));
            }
            for (Future<?> f : parts) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scoring", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        double recall = 0;
        double ndcg = 0;
        int n = 0;
        for (double[] r : perUser) {
            if (r != null) {
                recall += r[0];
                ndcg += r[1];
                n++;
            }
        }
        return new Result(n == 0 ? Double.NaN : recall / n, n == 0 ? Double.NaN : ndcg / n, n,
                (System.nanoTime() - start) / 1e9);
    }

    /** The user's Recall@20 and nDCG@20, or null for a user without held-out items. */
    private double[] score(Method method, String user, Dataset heldOut) {
        List<String> relevant = heldOut.interactions().ofUser(user).stream().map(Interaction::itemId).toList();
        if (relevant.isEmpty()) {
            return null;
        }
        List<String> top = method.top(user, training.interactions().ofUser(user));
        double[] values = new double[relevant.size()];
        Arrays.fill(values, 1);
        // the query's own order is not read by the top-N metrics
        UserOutcome outcome = new UserOutcome(user, relevant, values, IntStream.range(0, values.length).toArray(), top);
        return new double[]{RECALL.evaluate(outcome).orElseThrow(), NDCG.evaluate(outcome).orElseThrow()};
    }
}
