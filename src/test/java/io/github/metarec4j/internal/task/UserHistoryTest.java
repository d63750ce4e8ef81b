package io.github.metarec4j.internal.task;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A history shuffled for data without an order in time: the same interactions, in a seeded order. */
class UserHistoryTest {

    private static final int[] ITEMS = {30, 11, 42, 7, 19, 23, 5, 16};
    private static final float[] VALUES = {3, 1, 4, 1, 5, 9, 2, 6};

    private static int[] items(UserHistory h) {
        int[] out = new int[h.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = h.item(i);
        }
        return out;
    }

    @Test
    void aShuffledHistoryIsAPermutationOfTheSameInteractions() {
        UserHistory original = new UserHistory(6, ITEMS, VALUES);
        UserHistory shuffled = original.shuffled(new SplittableRandom(5));
        assertEquals(6, shuffled.user());
        assertEquals(ITEMS.length, shuffled.size());
        assertArrayEquals(original.sortedItems(), shuffled.sortedItems(), "the same items");
        Map<Integer, Float> valueOf = new HashMap<>();
        for (int i = 0; i < ITEMS.length; i++) {
            valueOf.put(ITEMS[i], VALUES[i]);
        }
        for (int i = 0; i < shuffled.size(); i++) {
            assertEquals(valueOf.get(shuffled.item(i)), shuffled.value(i), 0, "each value stays with its item");
        }
        assertFalse(Arrays.equals(ITEMS, items(shuffled)), "seed 5 moves something");
        assertArrayEquals(ITEMS, items(original), "the original is unchanged");
    }

    @Test
    void theSameSeedGivesTheSameOrder() {
        UserHistory original = new UserHistory(6, ITEMS, VALUES);
        UserHistory a = original.shuffled(new SplittableRandom(12));
        UserHistory b = original.shuffled(new SplittableRandom(12));
        assertArrayEquals(items(a), items(b));
        assertFalse(Arrays.equals(items(a), items(original.shuffled(new SplittableRandom(13)))),
                "another seed, another order");
        assertEquals(0, new UserHistory(1, new int[0], new float[0]).shuffled(new SplittableRandom(1)).size());
    }
}
