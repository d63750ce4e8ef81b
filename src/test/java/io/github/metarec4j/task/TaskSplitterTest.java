package io.github.metarec4j.task;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskSplitterTest {

    /** A user with items 100..100+n-1 in time order, values equal to the position. */
    private static UserHistory history(int user, int n) {
        int[] items = IntStream.range(0, n).map(i -> 100 + i).toArray();
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        return new UserHistory(user, items, values);
    }

    private static void assertDisjointAndConsistent(Task t) {
        Set<Integer> support = new HashSet<>();
        for (int i = 0; i < t.supportSize(); i++) {
            support.add(t.supportItems()[i]);
            assertEquals(t.supportItems()[i] - 100, t.supportValues()[i], 0, "value travels with its item");
        }
        for (int i = 0; i < t.querySize(); i++) {
            assertTrue(!support.contains(t.queryItems()[i]), "support and query are disjoint");
            assertEquals(t.queryItems()[i] - 100, t.queryValues()[i], 0);
        }
    }

    @Test
    void temporalFirstKTakesTheFirstInteractionsAsSupportAndTheNextAsQuery() {
        Task t = TaskSplitter.temporalFirstK(3, 4).split(history(7, 10), new SplittableRandom(1)).orElseThrow();
        assertEquals(7, t.user());
        assertArrayEquals(new int[]{100, 101, 102}, t.supportItems());
        assertArrayEquals(new int[]{103, 104, 105, 106}, t.queryItems());
        assertTrue(TaskSplitter.temporalFirstK(3, 4).split(history(7, 3), new SplittableRandom(1)).isEmpty(),
                "k interactions leave no query");
    }

    @Test
    void randomKShotDrawsTheSupportSizeInRangeAndLeavesAQuery() {
        TaskSplitter splitter = TaskSplitter.randomKShot(2, 6, 5);
        SplittableRandom random = new SplittableRandom(3);
        Set<Integer> sizes = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Task t = splitter.split(history(1, 30), random).orElseThrow();
            assertTrue(t.supportSize() >= 2 && t.supportSize() <= 6);
            assertEquals(5, t.querySize());
            assertDisjointAndConsistent(t);
            sizes.add(t.supportSize());
        }
        assertEquals(Set.of(2, 3, 4, 5, 6), sizes);
        // a short history keeps half for the query
        Task shortOne = splitter.split(history(1, 6), new SplittableRandom(1)).orElseThrow();
        assertTrue(shortOne.querySize() >= 3, "query of a 6-interaction user: " + shortOne.querySize());
        assertTrue(splitter.split(history(1, 1), new SplittableRandom(1)).isEmpty());
    }

    @Test
    void fractionSplitsByShare() {
        Task t = TaskSplitter.fraction(0.25, 100).split(history(2, 20), new SplittableRandom(5)).orElseThrow();
        assertEquals(5, t.supportSize());
        assertEquals(15, t.querySize());
        assertDisjointAndConsistent(t);
    }

    @Test
    void theSameSeedGivesTheSameSplitsAndBatches() {
        List<UserHistory> users = IntStream.range(0, 50).mapToObj(u -> history(u, 10 + u % 7)).toList();
        MetaBatchSampler a = new MetaBatchSampler(users, TaskSplitter.randomKShot(2, 5, 5), 8, 42);
        MetaBatchSampler b = new MetaBatchSampler(users, TaskSplitter.randomKShot(2, 5, 5), 8, 42);
        List<List<Task>> first = a.epoch(1);
        assertEquals(7, first.size(), "50 tasks in batches of 8");
        assertEquals(50, first.stream().mapToInt(List::size).sum());
        assertEquals(describe(first), describe(b.epoch(1)));
        assertNotEquals(describe(first), describe(a.epoch(2)), "every epoch is dealt afresh");
    }

    private static String describe(List<List<Task>> batches) {
        StringBuilder s = new StringBuilder();
        for (List<Task> batch : batches) {
            for (Task t : batch) {
                s.append(t.user()).append(Arrays.toString(t.supportItems())).append(Arrays.toString(t.queryItems()));
            }
            s.append('|');
        }
        return s.toString();
    }

    @Test
    void badArgumentsAreRejectedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TaskSplitter.randomKShot(5, 3, 10));
        assertEquals("maxK (3) must be >= minK (5)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TaskSplitter.temporalFirstK(0, 10));
        assertEquals("k must be positive, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TaskSplitter.fraction(1.5, 10));
        assertEquals("supportFraction must be in (0, 1), got 1.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new MetaBatchSampler(List.of(), TaskSplitter.temporalFirstK(1, 1), 4, 1));
        assertTrue(e.getMessage().contains("users must not be empty"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new UserHistory(1, new int[2], new float[3]));
        assertEquals("items and values must have the same length, got 2 and 3", e.getMessage());
    }
}
