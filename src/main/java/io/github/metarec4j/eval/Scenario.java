package io.github.metarec4j.eval;

import io.github.metarec4j.internal.util.Checks;

import java.util.List;

/**
 * One cold-start scenario of the protocol: a name ({@code "warm"}, {@code "new-user-K10"},
 * ...), its kind and its users, in the order of their keys.
 *
 * <p>Immutable value; thread-safe.
 *
 * @param name  the scenario's name, unique within a split
 * @param kind  which rule made it
 * @param users the users evaluated, not empty
 */
public record Scenario(String name, Kind kind, List<EvaluationUser> users) {

    /** The name of the warm scenario. */
    public static final String WARM = "warm";
    /** The name of the new-item scenario. */
    public static final String NEW_ITEM = "new-item";
    /** The name of the new-user-new-item scenario. */
    public static final String NEW_USER_NEW_ITEM = "new-user-new-item";

    /** Which rule of the protocol a scenario comes from. An enum: immutable and thread-safe. */
    public enum Kind {
        /** Existing users, existing items, support = the user's training ratings. */
        WARM,
        /** New users with K support ratings, existing items. */
        NEW_USER,
        /** Existing users, new items. */
        NEW_ITEM,
        /** New users with 10 support ratings, new items. */
        NEW_USER_NEW_ITEM
    }

    /** Copies the users; fails (IllegalArgumentException) if there are none. */
    public Scenario {
        Checks.notBlank(name, "name");
        Checks.notNull(kind, "kind");
        users = List.copyOf(Checks.notEmpty(users, "users", "a scenario evaluates at least one user"));
    }

    /** The name of the new-user scenario with support size {@code k}: {@code "new-user-K" + k}. */
    public static String newUser(int k) {
        return "new-user-K" + k;
    }

    /** Number of query interactions over all users. */
    public int queryCount() {
        return users.stream().mapToInt(u -> u.query().size()).sum();
    }
}
