package io.github.metarec4j.data;

import io.github.metarec4j.util.Checks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A table of interactions stored by column, with every user's rows indexed in time
 * order ({@code timestamp} ascending, ties in insertion order).
 *
 * <p>Users and items are numbered densely in first-seen order ({@link #users()},
 * {@link #items()}), so that training code works on {@code int} arrays.
 *
 * <p>Immutable; thread-safe.
 */
public final class Interactions {

    private final IdIndex users;
    private final IdIndex items;
    private final int[] user;
    private final int[] item;
    private final float[] value;
    private final long[] time;
    /** Rows of user u are {@code byUser[userStart[u] .. userStart[u+1])}, in time order. */
    private final int[] userStart;
    private final int[] byUser;

    private Interactions(IdIndex users, IdIndex items, int[] user, int[] item, float[] value, long[] time) {
        this.users = users;
        this.items = items;
        this.user = user;
        this.item = item;
        this.value = value;
        this.time = time;
        this.userStart = new int[users.size() + 1];
        for (int u : user) {
            userStart[u + 1]++;
        }
        for (int u = 0; u < users.size(); u++) {
            userStart[u + 1] += userStart[u];
        }
        Integer[] order = new Integer[user.length];
        for (int r = 0; r < order.length; r++) {
            order[r] = r;
        }
        // stable sort: by user, then time; equal times keep insertion order
        Arrays.sort(order, (a, b) -> user[a] != user[b] ? Integer.compare(user[a], user[b])
                : Long.compare(time[a], time[b]));
        this.byUser = new int[order.length];
        for (int r = 0; r < order.length; r++) {
            byUser[r] = order[r];
        }
    }

    /** A new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The interactions of {@code list}, in its order. */
    public static Interactions of(List<Interaction> list) {
        Builder b = builder();
        Checks.notNull(list, "interactions").forEach(b::add);
        return b.build();
    }

    /** Number of interactions (rows). */
    public int size() {
        return user.length;
    }

    /** Whether there are no interactions. */
    public boolean isEmpty() {
        return user.length == 0;
    }

    /** The users that appear, numbered in first-seen order. */
    public IdIndex users() {
        return users;
    }

    /** The items that appear, numbered in first-seen order. */
    public IdIndex items() {
        return items;
    }

    /** User index (into {@link #users()}) of row {@code row}. */
    public int userIndex(int row) {
        return user[row];
    }

    /** Item index (into {@link #items()}) of row {@code row}. */
    public int itemIndex(int row) {
        return item[row];
    }

    /** Value of row {@code row}. */
    public double value(int row) {
        return value[row];
    }

    /** Timestamp of row {@code row}. */
    public long timestamp(int row) {
        return time[row];
    }

    /** Row {@code row} as an {@link Interaction}. */
    public Interaction get(int row) {
        return new Interaction(users.id(user[row]), items.id(item[row]), value[row], time[row]);
    }

    /** The rows of user {@code userIndex}, in time order (a fresh array). */
    public int[] rowsOfUser(int userIndex) {
        return Arrays.copyOfRange(byUser, userStart[userIndex], userStart[userIndex + 1]);
    }

    /** Number of interactions of user {@code userIndex}. */
    public int countOfUser(int userIndex) {
        return userStart[userIndex + 1] - userStart[userIndex];
    }

    /** The interactions of {@code userId} in time order; empty if the user is absent. */
    public List<Interaction> ofUser(String userId) {
        return users.indexOf(userId).stream().boxed()
                .flatMap(u -> Arrays.stream(rowsOfUser(u)).mapToObj(this::get))
                .toList();
    }

    /** All rows as interactions, in insertion order. */
    public Stream<Interaction> stream() {
        return IntStream.range(0, size()).mapToObj(this::get);
    }

    /** The rows that satisfy {@code keep}, as a new table (users and items renumbered). */
    public Interactions filter(Predicate<Interaction> keep) {
        Checks.notNull(keep, "keep");
        Builder b = builder();
        stream().filter(keep).forEach(b::add);
        return b.build();
    }

    /** Mean of the values; NaN if empty. */
    public double mean() {
        double s = 0;
        for (float v : value) {
            s += v;
        }
        return user.length == 0 ? Double.NaN : s / user.length;
    }

    /**
     * A SHA-256 digest of every row (ids, value, timestamp) in insertion order: two tables
     * with the same fingerprint hold the same data. Stored in saved models as provenance.
     */
    public String fingerprint() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer num = ByteBuffer.allocate(12);
            for (int r = 0; r < size(); r++) {
                md.update(users.id(user[r]).getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(items.id(item[r]).getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                num.clear();
                num.putFloat(value[r]).putLong(time[r]);
                md.update(num.array());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "Interactions[" + size() + " rows, " + users.size() + " users, " + items.size() + " items]";
    }

    /** Collects interactions; not thread-safe. */
    public static final class Builder {
        private final IdIndex.Builder users = new IdIndex.Builder();
        private final IdIndex.Builder items = new IdIndex.Builder();
        private int[] user = new int[1024];
        private int[] item = new int[1024];
        private float[] values = new float[1024];
        private long[] time = new long[1024];
        private int size;

        private Builder() {
        }

        /** Adds one interaction. */
        public Builder add(Interaction interaction) {
            Checks.notNull(interaction, "interaction");
            return add(interaction.userId(), interaction.itemId(), interaction.value(), interaction.timestamp());
        }

        /** Adds one interaction; see {@link Interaction} for the meaning of each argument. */
        public Builder add(String userId, String itemId, double value, long timestamp) {
            Checks.notBlank(userId, "userId");
            Checks.notBlank(itemId, "itemId");
            Interaction.checkValue(userId, itemId, value);
            if (size == user.length) {
                int n = size * 2;
                user = Arrays.copyOf(user, n);
                item = Arrays.copyOf(item, n);
                values = Arrays.copyOf(values, n);
                time = Arrays.copyOf(time, n);
            }
            user[size] = users.add(userId);
            item[size] = items.add(itemId);
            values[size] = (float) value;
            time[size] = timestamp;
            size++;
            return this;
        }

        /** Number of interactions added so far. */
        public int size() {
            return size;
        }

        /** The table of the interactions added. */
        public Interactions build() {
            return new Interactions(users.build(), items.build(), Arrays.copyOf(user, size),
                    Arrays.copyOf(item, size), Arrays.copyOf(values, size), Arrays.copyOf(time, size));
        }
    }
}
