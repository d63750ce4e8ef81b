package io.github.metarec4j.spark;

import org.apache.spark.broadcast.Broadcast;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What each JVM (executor or driver) makes once from a broadcast model file and reuses for
 * every task of a job: the training kernel of a fit, the recommender of a batch recommendation.
 * Keyed by the broadcast's id; the least recently used beyond {@value #KEPT} are dropped, so that
 * finished runs do not pile up. Thread-safe (tasks of one executor run on several threads).
 */
final class BroadcastCache {

    private static final int KEPT = 4;
    private static final Map<Long, Object> MADE = new LinkedHashMap<>(KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Object> eldest) {
            return size() > KEPT;
        }
    };

    private BroadcastCache() {
    }

    /** What {@code make} makes of {@code bytes}' value, made once per JVM. */
    @SuppressWarnings("unchecked")
    static <V> V get(Broadcast<byte[]> bytes, Function<byte[], V> make) {
        synchronized (MADE) {
            return (V) MADE.computeIfAbsent(bytes.id(), id -> make.apply(bytes.value()));
        }
    }
}
