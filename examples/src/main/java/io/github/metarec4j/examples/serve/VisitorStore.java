package io.github.metarec4j.examples.serve;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each visitor's ratings, in memory and bounded: at most {@code maxVisitors} visitors (the one
 * unseen longest is forgotten first) and {@code maxRatings} ratings each (the oldest rating is
 * dropped first; rating an item again replaces its rating). A real service would keep them in
 * its session store or database. Thread-safe: every method is synchronized.
 */
public final class VisitorStore {

    private final int maxRatings;
    private final Map<String, LinkedHashMap<String, Double>> visitors;

    /** A store for {@code maxVisitors} visitors of {@code maxRatings} ratings each. */
    public VisitorStore(int maxVisitors, int maxRatings) {
        if (maxVisitors < 1 || maxRatings < 1) {
            throw new IllegalArgumentException("maxVisitors and maxRatings must be positive, got " + maxVisitors
                    + " and " + maxRatings);
        }
        this.maxRatings = maxRatings;
        this.visitors = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, LinkedHashMap<String, Double>> eldest) {
                return size() > maxVisitors;
            }
        };
    }

    /** Records a rating and returns the visitor's ratings after it, oldest first (a copy). */
    public synchronized Map<String, Double> rate(String visitor, String item, double rating) {
        LinkedHashMap<String, Double> ratings = visitors.computeIfAbsent(visitor, v -> new LinkedHashMap<>());
        ratings.remove(item);
        ratings.put(item, rating);
        while (ratings.size() > maxRatings) {
            ratings.remove(ratings.keySet().iterator().next());
        }
        return new LinkedHashMap<>(ratings);
    }

    /** The visitor's ratings, oldest first (a copy); empty for a visitor never seen or forgotten. */
    public synchronized Map<String, Double> ratings(String visitor) {
        Map<String, Double> ratings = visitors.get(visitor);
        return ratings == null ? Map.of() : new LinkedHashMap<>(ratings);
    }

    /** How many visitors are remembered. */
    public synchronized int size() {
        return visitors.size();
    }
}
