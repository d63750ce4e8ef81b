package io.github.metarec4j.eval;

import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.data.Interactions;
import io.github.metarec4j.internal.util.Checks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CS-LFM cold-start protocol for implicit feedback (PROTOCOL-IMPLICIT.md, version 1) as
 * code: deterministic rules, no random numbers, that cut a data set of play counts (Last.fm,
 * {@link io.github.metarec4j.data.LastFm}) into training data and three new-user scenarios.
 *
 * <pre>{@code
 * Dataset lastFm = LastFm.loadHetrec2k(LastFm.defaultPath());
 * ProtocolSplit split = ImplicitColdStartProtocol.csLfm().split(lastFm);
 * Dataset training = split.training();              // 74,261 interactions of 1,512 users
 * MethodResult r = Evaluator.csLfm().evaluate(Methods.popularity(), split);
 * double recall = r.scenario("new-user-K10").orElseThrow().metric("Recall@20").orElseThrow();
 * }</pre>
 *
 * <h2>The rules</h2>
 * Ids are whole numbers ({@link IdKey#INTEGER}); {@code h(key) = (key * 2654435761) mod 2^32}
 * ({@link Ranking#hash}).
 * <ul>
 *   <li><b>Roles.</b> A user is new when {@code userID % 5 == 0} and they have at least
 *       {@value #NEW_USER_MIN_ITEMS} items (all of them, training items or not); every user with
 *       {@code userID % 5 != 0} is a training user. Other users (a multiple of 5 with fewer
 *       items) take no part.</li>
 *   <li><b>Training data</b>: every interaction of the training users; the <b>training
 *       items</b> are the items in it.</li>
 *   <li><b>new-user-K5, -K10, -K20</b>: a new user's training items ordered by {@code h(itemID)}
 *       ascending (ties by itemID); items no training user has are dropped. Support: the
 *       first K, with their values (play counts); query: the rest; candidates: every
 *       training item but the support. A user whose query is empty (fewer than K + 1
 *       training items) is left out of that K's scenario; {@link #newUserCounts} counts them.</li>
 * </ul>
 * Users of a scenario are in the order of their ids; query items in {@code h} order;
 * candidates in the order of the training data's items. The metrics ({@link Evaluator#csLfm()}:
 * P@10, Recall@20, nDCG@20, every query item relevant) rank by score descending, ties by
 * {@code h(itemID)} ascending ({@link ProtocolSplit#ranking()}).
 *
 * <p>Immutable; thread-safe.
 */
public final class ImplicitColdStartProtocol {

    /** The protocol version implemented. */
    public static final int VERSION = 1;
    /** A user is new (or takes no part) when their id is a multiple of this. */
    public static final int ROLE_MODULUS = 5;
    /** A new user has at least this many items. */
    public static final int NEW_USER_MIN_ITEMS = 30;
    /** The support sizes K of the new-user scenarios. */
    public static final List<Integer> SUPPORT_SIZES = List.of(5, 10, 20);

    private final IdKey idKey;

    private ImplicitColdStartProtocol(IdKey idKey) {
        this.idKey = idKey;
    }

    /** The protocol of PROTOCOL-IMPLICIT.md: integer ids ({@link IdKey#INTEGER}). */
    public static ImplicitColdStartProtocol csLfm() {
        return new ImplicitColdStartProtocol(IdKey.INTEGER);
    }

    /**
     * The same rules applied to other keys of the ids (see {@link IdKey#STABLE_HASH}): with
     * stable-hash keys, a protocol's training data can be cut again into a validation split
     * whose new users are training users.
     */
    public ImplicitColdStartProtocol withIdKey(IdKey key) {
        return new ImplicitColdStartProtocol(Checks.notNull(key, "idKey"));
    }

    /**
     * What the protocol's table counts for one support size: the new users, their support and
     * query interactions (over every new user, those with an empty query included) and the
     * new users left out of the scenario because their query is empty.
     *
     * <p>Immutable value; thread-safe.
     *
     * @param scenario            the scenario's name ({@code new-user-K10})
     * @param k                   the support size
     * @param newUsers            new users
     * @param supportInteractions support interactions over all new users
     * @param queryInteractions   query interactions over all new users
     * @param usersWithEmptyQuery new users left out of the scenario (fewer than K + 1 training items)
     */
    public record NewUserCounts(String scenario, int k, int newUsers, int supportInteractions, int queryInteractions,
                                int usersWithEmptyQuery) {
    }

    /**
     * Cuts {@code data} by the rules.
     *
     * @throws IllegalArgumentException if an id is not a whole number, or the data set is too
     *                                  small for the protocol (the message names the rule
     *                                  that no user meets and what the data set has)
     */
    public ProtocolSplit split(Dataset data) {
        Cut cut = cut(data);
        List<Scenario> scenarios = new ArrayList<>();
        for (int k : SUPPORT_SIZES) {
            List<EvaluationUser> users = new ArrayList<>();
            for (NewUser u : cut.newUsers) {
                List<Interaction> support = u.support(k);
                List<Interaction> query = u.query(k);
                if (!query.isEmpty()) {
                    users.add(new EvaluationUser(u.id, support, query, without(cut.trainingItems, support)));
                }
            }
            Checks.argument(!users.isEmpty(), "the data set is too small for the CS-LFM protocol: its scenario '"
                    + Scenario.newUser(k) + "' evaluates new users (user id % " + ROLE_MODULUS + " == 0 with at least "
                    + NEW_USER_MIN_ITEMS + " items) with more than " + k + " items that training users have, and "
                    + "there is none; " + cut.census() + ". Use a larger data set");
            scenarios.add(new Scenario(Scenario.newUser(k), Scenario.Kind.NEW_USER, users));
        }
        return new ProtocolSplit(data, cut.training, scenarios, idKey);
    }

    /**
     * The protocol's table: for each support size, in {@link #SUPPORT_SIZES} order, the new
     * users, support and query interactions, and users with an empty query.
     *
     * @throws IllegalArgumentException as {@link #split}
     */
    public List<NewUserCounts> newUserCounts(Dataset data) {
        Cut cut = cut(data);
        List<NewUserCounts> out = new ArrayList<>();
        for (int k : SUPPORT_SIZES) {
            int support = 0;
            int query = 0;
            int empty = 0;
            for (NewUser u : cut.newUsers) {
                support += u.support(k).size();
                query += u.query(k).size();
                empty += u.query(k).isEmpty() ? 1 : 0;
            }
            out.add(new NewUserCounts(Scenario.newUser(k), k, cut.newUsers.size(), support, query, empty));
        }
        return out;
    }

    /** The roles, the training data and every new user's training items in {@code h} order. */
    private Cut cut(Dataset data) {
        Checks.notNull(data, "data");
        Interactions all = data.interactions();
        Map<Long, List<Interaction>> byUser = new LinkedHashMap<>();
        Map<Long, String> ids = new LinkedHashMap<>();
        for (int u = 0; u < all.users().size(); u++) {
            String id = all.users().id(u);
            long key = key(id, "user");
            List<Interaction> rows = new ArrayList<>();
            for (int r : all.rowsOfUser(u)) {
                rows.add(all.get(r));
            }
            Checks.argument(ids.putIfAbsent(key, id) == null, "users '" + Checks.shown(ids.get(key)) + "' and '" + Checks.shown(id) + "' have "
                    + "the same number, " + key + "; the CS-LFM protocol needs one id per user number");
            byUser.put(key, rows);
        }
        List<Long> keys = byUser.keySet().stream().sorted().toList();

        List<Interaction> training = new ArrayList<>();
        int trainingUsers = 0;
        int mostItemsOfNewUser = 0;
        for (long key : keys) {
            if (!isNew(key)) {
                training.addAll(byUser.get(key));
                trainingUsers++;
            } else {
                mostItemsOfNewUser = Math.max(mostItemsOfNewUser, byUser.get(key).size());
            }
        }
        String census = "this data set has " + trainingUsers + " training users (user id % " + ROLE_MODULUS
                + " != 0) and " + (keys.size() - trainingUsers) + " users whose id is a multiple of " + ROLE_MODULUS
                + ", the most items of whom is " + mostItemsOfNewUser;
        Checks.argument(!training.isEmpty(), "the CS-LFM protocol trains on the interactions of training users (user "
                + "id % " + ROLE_MODULUS + " != 0), but there are none; " + census);
        Interactions trainingTable = Interactions.of(training);
        List<String> trainingItems = trainingTable.items().ids();
        Set<String> known = new HashSet<>(trainingItems);

        Comparator<Interaction> byHash = Comparator
                .comparingLong((Interaction x) -> Ranking.hash(key(x.itemId(), "item")))
                .thenComparingLong(x -> key(x.itemId(), "item"));
        List<NewUser> newUsers = new ArrayList<>();
        for (long key : keys) {
            List<Interaction> rows = byUser.get(key);
            if (isNew(key) && rows.size() >= NEW_USER_MIN_ITEMS) {
                List<Interaction> kept = rows.stream().filter(x -> known.contains(x.itemId())).sorted(byHash).toList();
                newUsers.add(new NewUser(ids.get(key), kept));
            }
        }
        return new Cut(data.withInteractions(trainingTable), trainingItems, newUsers, census);
    }

    /** The number of an id, or an error that says why the protocol needs one. */
    private long key(String id, String what) {
        if (idKey != IdKey.INTEGER) {
            return idKey.of(id, what);
        }
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the CS-LFM protocol assigns roles by user id (a user is new when "
                    + "id % " + ROLE_MODULUS + " == 0) and orders items by h(item id), but " + what + " '" + Checks.shown(id)
                    + "' is not a whole number; renumber the ids", e);
        }
    }

    private static boolean isNew(long key) {
        return Math.floorMod(key, ROLE_MODULUS) == 0;
    }

    /** {@code items} without those of {@code interactions}, in the order of {@code items}. */
    private static List<String> without(List<String> items, List<Interaction> interactions) {
        Set<String> seen = new HashSet<>();
        interactions.forEach(x -> seen.add(x.itemId()));
        return items.stream().filter(i -> !seen.contains(i)).toList();
    }

    /** A new user and their training items in {@code h} order. */
    private record NewUser(String id, List<Interaction> items) {
        List<Interaction> support(int k) {
            return items.subList(0, Math.min(k, items.size()));
        }

        List<Interaction> query(int k) {
            return items.subList(Math.min(k, items.size()), items.size());
        }
    }

    /** What the rules make of a data set, before the scenarios are built. */
    private record Cut(Dataset training, List<String> trainingItems, List<NewUser> newUsers, String roles) {
        /** What the data set has, for the message of a failed split. */
        String census() {
            return roles + "; " + newUsers.size() + " new users (at least " + NEW_USER_MIN_ITEMS + " items)";
        }
    }
}
