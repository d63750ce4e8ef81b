package io.github.metarec4j.eval;

import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.data.Interactions;
import io.github.metarec4j.internal.util.Checks;
import io.github.metarec4j.internal.util.StableHash;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CS100K cold-start protocol (PROTOCOL.md, version 2) as code: deterministic rules that
 * cut a data set into training data and cold-start scenarios. Written for MovieLens-100k,
 * they apply to any data set with timestamps (a ratings CSV read by
 * {@link io.github.metarec4j.data.CsvDataset}, say). {@link #douban()} applies them to a data
 * set without timestamps or item attributes (docs/protocol-douban.md): a user's interactions
 * in the order of a stable hash of the item id ({@link Order#ITEM_HASH}) instead of time, and
 * no new items.
 *
 * <pre>{@code
 * ProtocolSplit split = ColdStartProtocol.cs100k().split(MovieLens.load100k(MovieLens.defaultPath()));
 * Dataset training = split.training();              // 52,151 ratings of 755 users
 * Scenario headline = split.scenario("new-user-K10").orElseThrow();
 * }</pre>
 *
 * <h2>The rules</h2>
 * With {@code key} the {@link IdKey} of an id (the id itself for integer ids):
 * <ul>
 *   <li><b>Roles.</b> A user is new when {@code key % 5 == 0}, an item likewise; every
 *       other user or item is existing. A user's interactions are ordered by
 *       {@code (order key, item key)} ascending, the order key being the timestamp
 *       ({@link Order#TIMESTAMP}) or the FNV-1a hash of the item id ({@link Order#ITEM_HASH});
 *       {@code E_u} are user u's interactions with existing items in that order. Without new
 *       items ({@link #douban()}) every item is existing and the two new-item scenarios are
 *       left out.</li>
 *   <li><b>Training.</b> For each existing user the last {@code max(1, floor(|E_u| / 5))}
 *       of {@code E_u} are the warm query; the rest, {@code T_u}, are training
 *       interactions. The training data is the union of all {@code T_u}.</li>
 *   <li><b>warm</b>: existing users with at least one interaction with an existing item;
 *       support {@code T_u}, query the warm query, candidates the existing items not in
 *       {@code T_u}.</li>
 *   <li><b>new-user-K5, -K10, -K20</b>: new users with {@code |E_u| >= 25}; support the first
 *       K of {@code E_u}, query {@code E_u} from position 21 on (the same for every K),
 *       candidates the existing items not among the first 20 of {@code E_u}.</li>
 *   <li><b>new-item</b>: existing users with at least 5 interactions with new items;
 *       support {@code T_u}, query all those interactions, candidates all new items.</li>
 *   <li><b>new-user-new-item</b>: new users with {@code |E_u| >= 10} and at least 5
 *       interactions with new items; support the first 10 of {@code E_u}, query their
 *       interactions with new items, candidates all new items.</li>
 * </ul>
 * Items are those of {@link Dataset#catalogue()}. Users of a scenario are in the order of
 * their keys. The one deviation from PROTOCOL.md's text: an existing user without any
 * interaction with an existing item has an empty warm query and is left out of warm (the
 * reference script would count them with zero query ratings; MovieLens-100k has none).
 *
 * <p>Immutable; thread-safe.
 */
public final class ColdStartProtocol {

    /** The protocol version implemented (2: ties broken by {@code h(item key)}). */
    public static final int VERSION = 2;
    /** The version of docs/protocol-douban.md that {@link #douban()} implements. */
    public static final int DOUBAN_VERSION = 1;

    /** A user or item is new when its key is a multiple of this. */
    public static final int ROLE_MODULUS = 5;
    /** The new-user support sizes. */
    public static final List<Integer> NEW_USER_SUPPORT_SIZES = List.of(5, 10, 20);
    /** A new user's query starts after this many existing-item interactions. */
    public static final int NEW_USER_QUERY_START = 20;
    /** A new user needs this many existing-item interactions for the new-user scenarios. */
    public static final int NEW_USER_MIN_INTERACTIONS = 25;
    /** Users need this many interactions with new items for the new-item scenarios. */
    public static final int NEW_ITEM_MIN_INTERACTIONS = 5;
    /** Support size (and least existing-item interactions) of a new-user-new-item user. */
    public static final int NEW_USER_NEW_ITEM_SUPPORT = 10;

    private static final int WARM_HOLDOUT_DIVISOR = 5;

    /**
     * The first key by which a user's interactions are ordered, before the rules take the
     * first K or hold out the last fifth; equal keys are ordered by the item's {@link IdKey}.
     *
     * <p>An enum: immutable and thread-safe.
     */
    public enum Order {
        /** The interaction's timestamp: PROTOCOL.md's order. */
        TIMESTAMP {
            @Override
            public long key(Interaction x) {
                return x.timestamp();
            }
        },
        /**
         * The 32-bit FNV-1a hash of the item id's UTF-8 bytes ({@link StableHash#fnv1a32}), for
         * data without timestamps: a fixed shuffle of each user's items that every
         * implementation reproduces. Not the ranking's tie-break hash ({@link Ranking#hash}),
         * so that the order of equal scores says nothing about which items a user rated first.
         */
        ITEM_HASH {
            @Override
            public long key(Interaction x) {
                return StableHash.fnv1a32(x.itemId());
            }
        };

        /** The order key of {@code x}: lower comes first. */
        public abstract long key(Interaction x);
    }

    private final String name;
    private final IdKey idKey;
    private final Order order;
    private final boolean itemRoles;

    private ColdStartProtocol(String name, IdKey idKey, Order order, boolean itemRoles) {
        this.name = name;
        this.idKey = idKey;
        this.order = order;
        this.itemRoles = itemRoles;
    }

    /** The protocol of PROTOCOL.md: integer ids ({@link IdKey#INTEGER}), ordered by timestamp. */
    public static ColdStartProtocol cs100k() {
        return new ColdStartProtocol("CS100K", IdKey.INTEGER, Order.TIMESTAMP, true);
    }

    /**
     * The protocol of docs/protocol-douban.md (CS-Douban, version {@value #DOUBAN_VERSION}):
     * PROTOCOL.md's rules on integer ids, each user's interactions ordered by
     * {@link Order#ITEM_HASH} instead of time, and no new items (Douban has no item
     * attributes, so a never-rated item could only be given a constant): the scenarios are
     * warm and new-user K = 5, 10, 20.
     */
    public static ColdStartProtocol douban() {
        return new ColdStartProtocol("CS-Douban", IdKey.INTEGER, Order.ITEM_HASH, false);
    }

    /** The same rules applied to other keys of the ids (see {@link IdKey#STABLE_HASH}). */
    public ColdStartProtocol withIdKey(IdKey key) {
        return new ColdStartProtocol(name, Checks.notNull(key, "idKey"), order, itemRoles);
    }

    /** How ids are turned into the numbers the rules work on. */
    public IdKey idKey() {
        return idKey;
    }

    /** How each user's interactions are ordered. */
    public Order order() {
        return order;
    }

    /** Whether items whose key is a multiple of {@value #ROLE_MODULUS} are new (and the new-item scenarios exist). */
    public boolean hasNewItems() {
        return itemRoles;
    }

    /**
     * Cuts {@code data} by the rules.
     *
     * @throws IllegalArgumentException if an id cannot be keyed (a non-integer id under
     *                                  {@link IdKey#INTEGER}), or the data set is too small
     *                                  for a scenario: the message names the rule that no
     *                                  user meets and what the data set has
     */
    public ProtocolSplit split(Dataset data) {
        Checks.notNull(data, "data");
        Interactions all = data.interactions();
        Map<String, Long> itemKeys = new HashMap<>();
        List<String> existingItems = new ArrayList<>();
        List<String> newItems = new ArrayList<>();
        for (String item : data.catalogue().ids()) {
            long key = idKey.of(item, "item");
            itemKeys.put(item, key);
            (isNewItem(key) ? newItems : existingItems).add(item);
        }

        List<UserRatings> users = new ArrayList<>();
        for (int u = 0; u < all.users().size(); u++) {
            String id = all.users().id(u);
            List<Interaction> rows = new ArrayList<>();
            for (int r : all.rowsOfUser(u)) {
                rows.add(all.get(r));
            }
            rows.sort(Comparator.comparingLong(order::key)
                    .thenComparingLong(x -> itemKeys.get(x.itemId()))
                    .thenComparing(Interaction::itemId)
                    .thenComparingDouble(Interaction::value));
            List<Interaction> existing = new ArrayList<>();
            List<Interaction> onNew = new ArrayList<>();
            for (Interaction x : rows) {
                (isNewItem(itemKeys.get(x.itemId())) ? onNew : existing).add(x);
            }
            users.add(new UserRatings(id, idKey.of(id, "user"), existing, onNew));
        }
        users.sort(Comparator.comparingLong(UserRatings::key).thenComparing(UserRatings::id));

        List<Interaction> training = new ArrayList<>();
        List<EvaluationUser> warm = new ArrayList<>();
        List<EvaluationUser> newItem = new ArrayList<>();
        Map<Integer, List<EvaluationUser>> newUser = new HashMap<>();
        NEW_USER_SUPPORT_SIZES.forEach(k -> newUser.put(k, new ArrayList<>()));
        List<EvaluationUser> newUserNewItem = new ArrayList<>();
        for (UserRatings u : users) {
            List<Interaction> e = u.existing;
            if (!isNew(u.key)) {
                int held = Math.max(1, e.size() / WARM_HOLDOUT_DIVISOR);
                List<Interaction> t = e.subList(0, Math.max(0, e.size() - held));
                training.addAll(t);
                if (!e.isEmpty()) {
                    warm.add(new EvaluationUser(u.id, t, e.subList(t.size(), e.size()), without(existingItems, t)));
                }
                if (u.onNew.size() >= NEW_ITEM_MIN_INTERACTIONS) {
                    newItem.add(new EvaluationUser(u.id, t, u.onNew, newItems));
                }
            } else {
                if (e.size() >= NEW_USER_MIN_INTERACTIONS) {
                    List<String> candidates = without(existingItems, e.subList(0, NEW_USER_QUERY_START));
                    List<Interaction> query = e.subList(NEW_USER_QUERY_START, e.size());
                    for (int k : NEW_USER_SUPPORT_SIZES) {
                        newUser.get(k).add(new EvaluationUser(u.id, e.subList(0, k), query, candidates));
                    }
                }
                if (e.size() >= NEW_USER_NEW_ITEM_SUPPORT && u.onNew.size() >= NEW_ITEM_MIN_INTERACTIONS) {
                    newUserNewItem.add(new EvaluationUser(u.id, e.subList(0, NEW_USER_NEW_ITEM_SUPPORT), u.onNew,
                            newItems));
                }
            }
        }

        Census census = new Census(users, idKey, itemRoles);
        Checks.argument(!training.isEmpty(), "the " + name + " protocol trains on the ratings of existing users ("
                + census.userRule(false) + ") on existing items (" + census.itemRule(false) + "), all but the last "
                + "fifth of each user's, but there are none; " + census);
        List<Scenario> scenarios = new ArrayList<>();
        scenarios.add(scenario(Scenario.WARM, Scenario.Kind.WARM, warm, "existing users (" + census.userRule(false)
                + ") with at least one rating on an existing item (" + census.itemRule(false) + ")", census));
        for (int k : NEW_USER_SUPPORT_SIZES) {
            scenarios.add(scenario(Scenario.newUser(k), Scenario.Kind.NEW_USER, newUser.get(k), "new users ("
                    + census.userRule(true) + ") with at least " + NEW_USER_MIN_INTERACTIONS + " ratings on existing "
                    + "items (" + census.itemRule(false) + ")", census));
        }
        if (itemRoles) {
            scenarios.add(scenario(Scenario.NEW_ITEM, Scenario.Kind.NEW_ITEM, newItem, "existing users ("
                    + census.userRule(false) + ") with at least " + NEW_ITEM_MIN_INTERACTIONS + " ratings on new "
                    + "items (" + census.itemRule(true) + ")", census));
            scenarios.add(scenario(Scenario.NEW_USER_NEW_ITEM, Scenario.Kind.NEW_USER_NEW_ITEM, newUserNewItem,
                    "new users (" + census.userRule(true) + ") with at least " + NEW_USER_NEW_ITEM_SUPPORT
                            + " ratings on existing items and at least " + NEW_ITEM_MIN_INTERACTIONS
                            + " on new items (" + census.itemRule(true) + ")", census));
        }
        return new ProtocolSplit(data, data.withInteractions(Interactions.of(training)), scenarios, idKey);
    }

    private static boolean isNew(long key) {
        return Math.floorMod(key, ROLE_MODULUS) == 0;
    }

    private boolean isNewItem(long key) {
        return itemRoles && isNew(key);
    }

    private Scenario scenario(String scenario, Scenario.Kind kind, List<EvaluationUser> users, String rule,
                              Census census) {
        Checks.argument(!users.isEmpty(), "the data set is too small for the " + name + " protocol: its scenario '"
                + scenario + "' evaluates " + rule + ", and there is none; " + census + ". Use a larger data set");
        return new Scenario(scenario, kind, users);
    }

    /** {@code items} without those of {@code interactions}, in the order of {@code items}. */
    private static List<String> without(List<String> items, List<Interaction> interactions) {
        Set<String> seen = new HashSet<>();
        interactions.forEach(x -> seen.add(x.itemId()));
        return items.stream().filter(i -> !seen.contains(i)).toList();
    }

    /** One user's interactions in the protocol's order, with existing and new items apart. */
    private record UserRatings(String id, long key, List<Interaction> existing, List<Interaction> onNew) {
    }

    /** What a data set has, for the messages of a failed split. */
    private static final class Census {
        private final IdKey idKey;
        private final boolean newItems;
        private final int existingUsers;
        private final int newUsers;
        private final int mostExistingOfNewUser;
        private final int mostNewOfAnyUser;

        Census(List<UserRatings> users, IdKey idKey, boolean newItems) {
            this.idKey = idKey;
            this.newItems = newItems;
            this.newUsers = (int) users.stream().filter(u -> isNew(u.key)).count();
            this.existingUsers = users.size() - newUsers;
            this.mostExistingOfNewUser = users.stream().filter(u -> isNew(u.key))
                    .mapToInt(u -> u.existing.size()).max().orElse(0);
            this.mostNewOfAnyUser = users.stream().mapToInt(u -> u.onNew.size()).max().orElse(0);
        }

        String userRule(boolean isNew) {
            return rule("user", isNew);
        }

        String itemRule(boolean isNew) {
            return newItems ? rule("item", isNew) : "every item, none being new";
        }

        private String rule(String what, boolean isNew) {
            String key = idKey == IdKey.INTEGER ? what + " id" : "FNV-1a hash of the " + what + " id";
            return key + " % " + ROLE_MODULUS + (isNew ? " == 0" : " != 0");
        }

        @Override
        public String toString() {
            return "this data set has " + existingUsers + " existing and " + newUsers + " new users; the most ratings "
                    + "a new user has on existing items is " + mostExistingOfNewUser
                    + (newItems ? ", the most any user has on new items is " + mostNewOfAnyUser : "");
        }
    }
}
