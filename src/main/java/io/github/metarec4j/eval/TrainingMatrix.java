package io.github.metarec4j.eval;

import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.IdIndex;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.data.Interactions;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The training interactions as a binary user x item matrix, for the baselines that read only
 * who interacted with what (item-kNN, EASE, the popularity blend): each (user, item) pair
 * counts once, whatever its value (a rating, a play count) and however often it repeats.
 * Beside it, each item's number of training interactions, the count popularity ranks by.
 * Items are those with training interactions, numbered as {@link Interactions#items()}.
 *
 * <p>Immutable; thread-safe.
 */
final class TrainingMatrix {

    private final IdIndex items;
    private final int[][] itemsOfUser;
    private final int[][] usersOfItem;
    private final int[] interactionCount;

    private TrainingMatrix(IdIndex items, int[][] itemsOfUser, int[][] usersOfItem, int[] interactionCount) {
        this.items = items;
        this.itemsOfUser = itemsOfUser;
        this.usersOfItem = usersOfItem;
        this.interactionCount = interactionCount;
    }

    /** The matrix of {@code training}'s interactions. */
    static TrainingMatrix of(Dataset training) {
        Interactions table = training.interactions();
        int users = table.users().size();
        int items = table.items().size();
        int[] count = new int[items];
        int[][] itemsOfUser = new int[users][];
        for (int u = 0; u < users; u++) {
            int[] rows = table.rowsOfUser(u);
            int[] seen = new int[rows.length];
            for (int r = 0; r < rows.length; r++) {
                seen[r] = table.itemIndex(rows[r]);
                count[seen[r]]++;
            }
            itemsOfUser[u] = Arrays.stream(seen).sorted().distinct().toArray();
        }
        int[] distinctUsers = new int[items];
        for (int[] row : itemsOfUser) {
            for (int i : row) {
                distinctUsers[i]++;
            }
        }
        int[][] usersOfItem = new int[items][];
        for (int i = 0; i < items; i++) {
            usersOfItem[i] = new int[distinctUsers[i]];
        }
        int[] filled = new int[items];
        for (int u = 0; u < users; u++) {
            for (int i : itemsOfUser[u]) {
                usersOfItem[i][filled[i]++] = u;
            }
        }
        return new TrainingMatrix(table.items(), itemsOfUser, usersOfItem, count);
    }

    /** The items with training interactions, in index order. */
    IdIndex items() {
        return items;
    }

    /** Number of items with training interactions. */
    int itemCount() {
        return items.size();
    }

    /** Number of training users. */
    int userCount() {
        return itemsOfUser.length;
    }

    /** The distinct items of user {@code user}, ascending (the array itself: do not change it). */
    int[] itemsOf(int user) {
        return itemsOfUser[user];
    }

    /** The distinct users of item {@code item}, ascending (the array itself: do not change it). */
    int[] usersOf(int item) {
        return usersOfItem[item];
    }

    /** The number of training interactions with item {@code item}, repeats included. */
    int interactionCount(int item) {
        return interactionCount[item];
    }

    /**
     * The distinct items of {@code support} that have training interactions, by index, in
     * the order first seen; items without any are left out.
     */
    int[] supportIndices(List<Interaction> support) {
        Set<Integer> out = new LinkedHashSet<>();
        for (Interaction x : support) {
            items.indexOf(x.itemId()).ifPresent(out::add);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
