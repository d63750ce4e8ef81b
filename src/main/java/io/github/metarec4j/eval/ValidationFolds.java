package io.github.metarec4j.eval;

import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.data.Interactions;
import io.github.metarec4j.internal.util.Checks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validation splits carved from a protocol's training data, for choosing settings without
 * touching the test users: the training users are dealt into folds by a stable hash of their
 * ids ({@link IdKey#STABLE_HASH} modulo the number of folds), and each fold in turn plays the
 * new users while the others train, with the protocol's own new-user rule:
 * <ul>
 *   <li>{@link #cs100k}: a fold user with at least 25 interactions adapts on their first K
 *       (K = 5, 10, 20; time order, ties by the item's stable hash) and is scored on those from
 *       the 21st on; candidates are the items of the fold's training data not among their first
 *       20, as CS100K's new users;</li>
 *   <li>{@link #csLfm}: a fold user with at least 30 interactions (all of them, as CS-LFM counts),
 *       their items ordered by the hash of the item's stable key and kept if the fold's training
 *       data has them, adapts on the first K and is scored on the rest (left out of that K's
 *       scenario when there is no rest); candidates are the fold's training items but the
 *       support, as CS-LFM's new users.</li>
 * </ul>
 * Every fold's training data is the other users' whole histories: about {@code (folds - 1) /
 * folds} of the training data, so settings are chosen on nearly as much data as the test
 * model trains on, and averaged over folds, on every training user who qualifies.
 *
 * <p>Stateless; thread-safe.
 */
public final class ValidationFolds {

    private ValidationFolds() {
    }

    /**
     * CS100K's new-user rule on {@code folds} folds of {@code training}'s users.
     *
     * @throws IllegalArgumentException if {@code folds < 2} or a fold has no user who qualifies
     */
    public static List<ProtocolSplit> cs100k(Dataset training, int folds) {
        return split(training, folds, ColdStartProtocol.NEW_USER_MIN_INTERACTIONS, true);
    }

    /**
     * CS-LFM's new-user rule on {@code folds} folds of {@code training}'s users.
     *
     * @throws IllegalArgumentException if {@code folds < 2} or a fold has no user who qualifies
     */
    public static List<ProtocolSplit> csLfm(Dataset training, int folds) {
        return split(training, folds, ImplicitColdStartProtocol.NEW_USER_MIN_ITEMS, false);
    }

    private static List<ProtocolSplit> split(Dataset training, int folds, int minInteractions, boolean temporal) {
        Checks.notNull(training, "training");
        Checks.argument(folds >= 2, "folds must be 2 or more (one plays the new users, the rest train), got " + folds);
        IdKey key = IdKey.STABLE_HASH;
        Interactions all = training.interactions();
        Comparator<Interaction> order = temporal
                ? Comparator.comparingLong(Interaction::timestamp).thenComparingLong(x -> key.of(x.itemId(), "item"))
                : Comparator.comparingLong((Interaction x) -> Ranking.hash(key.of(x.itemId(), "item")))
                .thenComparing(Interaction::itemId);
        List<ProtocolSplit> out = new ArrayList<>(folds);
        for (int f = 0; f < folds; f++) {
            int fold = f;
            Interactions fit = all.filter(x -> Math.floorMod(key.of(x.userId(), "user"), folds) != fold);
            List<String> items = fit.items().ids();
            Set<String> known = new HashSet<>(items);
            List<String> users = all.users().ids().stream()
                    .filter(u -> Math.floorMod(key.of(u, "user"), folds) == fold)
                    .sorted(Comparator.comparingLong(u -> key.of(u, "user"))).toList();
            List<Scenario> scenarios = new ArrayList<>();
            for (int k : ColdStartProtocol.NEW_USER_SUPPORT_SIZES) {
                List<EvaluationUser> evaluated = new ArrayList<>();
                for (String u : users) {
                    List<Interaction> history = new ArrayList<>(all.ofUser(u));
                    // the protocols count all of a new user's interactions, known to the training data or not
                    if (history.size() < minInteractions) {
                        continue;
                    }
                    history.sort(order);
                    if (!temporal) {
                        history.removeIf(x -> !known.contains(x.itemId()));
                    }
                    List<Interaction> support = history.subList(0, Math.min(k, history.size()));
                    int queryStart = temporal ? ColdStartProtocol.NEW_USER_QUERY_START : support.size();
                    List<Interaction> query = history.subList(queryStart, history.size()).stream()
                            .filter(x -> known.contains(x.itemId())).toList();
                    if (query.isEmpty()) {
                        continue;
                    }
                    Set<String> seen = new HashSet<>();
                    history.subList(0, queryStart).forEach(x -> seen.add(x.itemId()));
                    evaluated.add(new EvaluationUser(u, support, query,
                            items.stream().filter(i -> !seen.contains(i)).toList()));
                }
                Checks.argument(!evaluated.isEmpty(), "validation fold " + fold + " of " + folds + " has no user with "
                        + minInteractions + " or more interactions; use fewer folds or more data");
                scenarios.add(new Scenario(Scenario.newUser(k), Scenario.Kind.NEW_USER, evaluated));
            }
            out.add(new ProtocolSplit(training, training.withInteractions(fit), scenarios, key));
        }
        return out;
    }
}
