package io.github.metarec4j.data;

import io.github.metarec4j.internal.util.Checks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A fixed, ordered set of string ids, each with a dense index {@code 0..size()-1}: how
 * the library turns application ids into array rows and back.
 *
 * <p>Immutable; thread-safe.
 */
public final class IdIndex {

    private final List<String> ids;
    private final Map<String, Integer> index;

    private IdIndex(List<String> ids, Map<String, Integer> index) {
        this.ids = ids;
        this.index = index;
    }

    /** The ids in the order given; duplicates are an error. */
    public static IdIndex of(Collection<String> ids) {
        Checks.notNull(ids, "ids");
        List<String> list = new ArrayList<>(ids.size());
        Map<String, Integer> map = new HashMap<>(ids.size() * 2);
        for (String id : ids) {
            Checks.notBlank(id, "id");
            if (map.putIfAbsent(id, list.size()) != null) {
                throw new IllegalArgumentException("id '" + Checks.shown(id) + "' appears twice; ids must be unique");
            }
            list.add(id);
        }
        return new IdIndex(Collections.unmodifiableList(list), Collections.unmodifiableMap(map));
    }

    /** Number of ids. */
    public int size() {
        return ids.size();
    }

    /** The id at {@code index}. */
    public String id(int index) {
        return ids.get(index);
    }

    /** The index of {@code id}, if present. */
    public OptionalInt indexOf(String id) {
        Integer i = index.get(id);
        return i == null ? OptionalInt.empty() : OptionalInt.of(i);
    }

    /** Whether {@code id} is present. */
    public boolean contains(String id) {
        return index.containsKey(id);
    }

    /** The ids, in index order, as an unmodifiable list. */
    public List<String> ids() {
        return ids;
    }

    /** Builds an index by adding ids in first-seen order; not thread-safe. */
    public static final class Builder {
        private final List<String> ids = new ArrayList<>();
        private final Map<String, Integer> index = new HashMap<>();

        /** Adds {@code id} if new; returns its index either way. */
        public int add(String id) {
            Integer i = index.get(id);
            if (i != null) {
                return i;
            }
            int next = ids.size();
            index.put(id, next);
            ids.add(id);
            return next;
        }

        /** The index of {@code id} or -1. */
        public int indexOf(String id) {
            Integer i = index.get(id);
            return i == null ? -1 : i;
        }

        /** Number of ids added so far. */
        public int size() {
            return ids.size();
        }

        /** The id of index {@code index}. */
        public String id(int index) {
            return ids.get(index);
        }

        /** The index of the ids added, in order. */
        public IdIndex build() {
            return new IdIndex(Collections.unmodifiableList(new ArrayList<>(ids)),
                    Collections.unmodifiableMap(new HashMap<>(index)));
        }
    }
}
