package io.github.metarec4j.data;

import io.github.metarec4j.internal.util.Checks;
import io.github.metarec4j.internal.util.Digests;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
        MessageDigest md = Digests.sha256();
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
    }

    @Override
    public String toString() {
        return "Interactions[" + size() + " rows, " + users.size() + " users, " + items.size() + " items]";
    }

    /**
     * A (user, item) pair added twice: at rows {@code first} and {@code again} of a builder.
     */
    record Repeat(int first, int again, String user, String item, float firstValue, float againValue) {

        /** What is wrong and what to do; {@code where} (such as ", first on line 2") follows the values. */
        String problem(String where) {
            return "user '" + Checks.shown(user) + "' has two interactions with item '" + Checks.shown(item) + "' (values " + firstValue
                    + " and " + againValue + where + "); keep one, or choose how to merge them: "
                    + "DuplicatePolicy.KEEP_LAST, MEAN or KEEP_ALL (the builders' duplicates(...), adapt's last "
                    + "argument)";
        }
    }

    /** Collects interactions; not thread-safe. */
    public static final class Builder {
        private final IdIndex.Builder users = new IdIndex.Builder();
        private final IdIndex.Builder items = new IdIndex.Builder();
        // small to start: adapt builds one per call for a user's handful of rows; add doubles them
        private int[] user = new int[16];
        private int[] item = new int[16];
        private float[] values = new float[16];
        private long[] time = new long[16];
        private int size;
        private DuplicatePolicy duplicates = DuplicatePolicy.REJECT;
        private int repeatCheckedAtSize = -1;
        private Repeat repeatAtCheck;

        private Builder() {
        }

        /**
         * What {@link #build()} does with several interactions of one user with one item (default
         * {@link DuplicatePolicy#REJECT}).
         */
        public Builder duplicates(DuplicatePolicy policy) {
            this.duplicates = Checks.notNull(policy, "duplicate policy");
            return this;
        }

        /** Adds one interaction. */
        public Builder add(Interaction interaction) {
            Checks.notNull(interaction, "interaction");
            return add(interaction.userId(), interaction.itemId(), interaction.value(), interaction.timestamp());
        }

        /** Adds one interaction; see {@link Interaction} for the meaning of each argument. */
        public Builder add(String userId, String itemId, double value, long timestamp) {
            Checks.id(userId, "userId");
            Checks.id(itemId, "itemId");
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

        /**
         * The table of the interactions added, with repeated (user, item) pairs handled by the
         * {@link #duplicates(DuplicatePolicy) duplicate policy}.
         *
         * @throws IllegalArgumentException under {@link DuplicatePolicy#REJECT}, naming the first
         *                                  user and item added twice and both values
         */
        public Interactions build() {
            Repeat repeat = duplicates == DuplicatePolicy.KEEP_ALL ? null : firstRepeat();
            if (repeat == null) {
                return new Interactions(users.build(), items.build(), Arrays.copyOf(user, size),
                        Arrays.copyOf(item, size), Arrays.copyOf(values, size), Arrays.copyOf(time, size));
            }
            if (duplicates == DuplicatePolicy.REJECT) {
                throw new IllegalArgumentException(repeat.problem(""));
            }
            return merged();
        }

        /**
         * The first (user, item) pair added twice, in the order of the second adding; null if
         * every pair is added once.
         */
        Repeat firstRepeat() {
            // the readers ask before build() does: rows are only ever appended, so the same size is the same rows
            if (repeatCheckedAtSize != size) {
                repeatAtCheck = findFirstRepeat();
                repeatCheckedAtSize = size;
            }
            return repeatAtCheck;
        }

        private Repeat findFirstRepeat() {
            // sort the pairs' keys (8 bytes a row) to see whether any repeats: the common case is no
            long[] keys = new long[size];
            for (int r = 0; r < size; r++) {
                keys[r] = key(r);
            }
            Arrays.sort(keys);
            boolean any = false;
            for (int r = 1; r < size && !any; r++) {
                any = keys[r] == keys[r - 1];
            }
            if (!any) {
                return null;
            }
            java.util.Map<Long, Integer> firstRow = new java.util.HashMap<>();
            for (int r = 0; r < size; r++) {
                Integer first = firstRow.putIfAbsent(key(r), r);
                if (first != null) {
                    return new Repeat(first, r, users.id(user[r]), items.id(item[r]), values[first], values[r]);
                }
            }
            throw new IllegalStateException("a repeated pair was not found again");
        }

        /** One row per (user, item) pair, at the place of its first, merged by the policy. */
        private Interactions merged() {
            java.util.Map<Long, Integer> kept = new java.util.HashMap<>();
            int[] count = new int[size];
            double[] sum = new double[size];
            int n = 0;
            int[] keptRows = new int[size];
            for (int r = 0; r < size; r++) {
                Integer at = kept.putIfAbsent(key(r), r);
                int k = at == null ? r : at;
                if (at == null) {
                    keptRows[n++] = r;
                } else if (duplicates == DuplicatePolicy.KEEP_LAST) {
                    values[k] = values[r];
                    time[k] = time[r];
                } else {
                    time[k] = Math.max(time[k], time[r]);
                }
                count[k]++;
                sum[k] += values[r];
            }
            int[] u = new int[n];
            int[] i = new int[n];
            float[] v = new float[n];
            long[] t = new long[n];
            for (int j = 0; j < n; j++) {
                int r = keptRows[j];
                u[j] = user[r];
                i[j] = item[r];
                v[j] = duplicates == DuplicatePolicy.MEAN ? (float) (sum[r] / count[r]) : values[r];
                t[j] = time[r];
            }
            return new Interactions(users.build(), items.build(), u, i, v, t);
        }

        private long key(int row) {
            return (long) user[row] << 32 | item[row];
        }
    }
}
