package io.github.metarec4j.eval;

import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.internal.util.Checks;

import java.util.List;

/**
 * One user of a scenario: what the method adapts on, what it is scored on, and the items it
 * ranks for the top-N metrics.
 *
 * <p>Immutable value (the lists are unmodifiable copies); thread-safe.
 *
 * @param userId     the user
 * @param support    the interactions the method may adapt on, oldest first (may be empty)
 * @param query      the interactions it is scored on, in the protocol's order; not empty
 * @param candidates the items the method ranks for top-N, in catalogue order
 */
public record EvaluationUser(String userId, List<Interaction> support, List<Interaction> query,
                             List<String> candidates) {

    /** Copies the lists; fails (IllegalArgumentException) if the query is empty or an argument is null. */
    public EvaluationUser {
        Checks.notBlank(userId, "userId");
        support = List.copyOf(Checks.notNull(support, "support"));
        query = List.copyOf(Checks.notEmpty(query, "query", "a user is evaluated on at least one interaction"));
        candidates = List.copyOf(Checks.notNull(candidates, "candidates"));
    }

    /** The ids of the query items, in query order. */
    public List<String> queryItems() {
        return query.stream().map(Interaction::itemId).toList();
    }

    /** The values (ratings) of the query interactions, in query order. */
    public double[] queryValues() {
        return query.stream().mapToDouble(Interaction::value).toArray();
    }
}
