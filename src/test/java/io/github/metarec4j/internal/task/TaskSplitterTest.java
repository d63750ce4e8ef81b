package io.github.metarec4j.internal.task;

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
    void temporalKShotTakesTheFirstKAsSupportAndALaterSampleInTimeOrderAsQuery() {
        TaskSplitter splitter = TaskSplitter.temporalKShot(3, 8, 5);
        SplittableRandom random = new SplittableRandom(11);
        Set<Integer> sizes = new HashSet<>();
        Set<Integer> queried = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            Task t = splitter.split(history(4, 30), random).orElseThrow();
            int s = t.supportSize();
            sizes.add(s);
            assertEquals(4, t.user());
            assertArrayEquals(IntStream.range(100, 100 + s).toArray(), t.supportItems(), "the first " + s);
            assertEquals(5, t.querySize(), "maxQuery of the 30 - " + s + " later ones");
            for (int q = 0; q < t.querySize(); q++) {
                assertTrue(t.queryItems()[q] >= 100 + s, "the query comes after the support: " + t.queryItems()[q]);
                assertTrue(q == 0 || t.queryItems()[q] > t.queryItems()[q - 1], "in time order, each once");
                queried.add(t.queryItems()[q]);
            }
            assertDisjointAndConsistent(t);
        }
        assertEquals(Set.of(3, 4, 5, 6, 7, 8), sizes);
        assertTrue(queried.contains(129), "the query is drawn from every later position, the last included");
        assertEquals(30 - 3, queried.size(), "every position after the smallest support is drawn: " + queried);
    }

    @Test
    void temporalKShotLeavesAShortHistoryItsLaterHalf() {
        // 6 interactions: the support stops at 6 - min(5, 6 / 2) = 3, and the 3 after are the query
        Task six = TaskSplitter.temporalKShot(5, 5, 10).split(history(1, 6), new SplittableRandom(1)).orElseThrow();
        assertArrayEquals(new int[]{100, 101, 102}, six.supportItems());
        assertArrayEquals(new int[]{103, 104, 105}, six.queryItems());
        assertArrayEquals(new float[]{3, 4, 5}, six.queryValues());
        // 2 interactions: one each; 1 interaction: nothing to query
        Task two = TaskSplitter.temporalKShot(4, 9, 10).split(history(1, 2), new SplittableRandom(2)).orElseThrow();
        assertArrayEquals(new int[]{100}, two.supportItems());
        assertArrayEquals(new int[]{101}, two.queryItems());
        assertTrue(TaskSplitter.temporalKShot(1, 3, 10).split(history(1, 1), new SplittableRandom(3)).isEmpty());
        assertTrue(TaskSplitter.temporalKShot(1, 3, 10).split(history(1, 0), new SplittableRandom(3)).isEmpty());
        // the same generator state cuts the same task
        TaskSplitter splitter = TaskSplitter.temporalKShot(2, 9, 4);
        Task a = splitter.split(history(1, 40), new SplittableRandom(77)).orElseThrow();
        Task b = splitter.split(history(1, 40), new SplittableRandom(77)).orElseThrow();
        assertArrayEquals(a.supportItems(), b.supportItems());
        assertArrayEquals(a.queryItems(), b.queryItems());
    }

    @Test
    void protocolTakesTheFirstKAndQueriesFromItsStartOn() {
        TaskSplitter cs100k = TaskSplitter.protocol(10, 20, 5, 100);
        Task t = cs100k.split(history(9, 25), new SplittableRandom(1)).orElseThrow();
        assertEquals(9, t.user());
        assertArrayEquals(IntStream.range(100, 110).toArray(), t.supportItems());
        assertArrayEquals(new int[]{120, 121, 122, 123, 124}, t.queryItems(), "positions 10..19 are neither");
        assertArrayEquals(new float[]{20, 21, 22, 23, 24}, t.queryValues());
        assertTrue(cs100k.split(history(9, 24), new SplittableRandom(1)).isEmpty(), "24 < 20 + 5");
        Task longOne = cs100k.split(history(9, 300), new SplittableRandom(1)).orElseThrow();
        assertArrayEquals(IntStream.range(120, 220).toArray(), longOne.queryItems(), "at most maxQuery, in time order");
        Task noRandomness = cs100k.split(history(9, 300), new SplittableRandom(99)).orElseThrow();
        assertArrayEquals(longOne.queryItems(), noRandomness.queryItems(), "the rule draws nothing");

        // a query that starts right after the support
        Task adjacent = TaskSplitter.protocol(3, 3, 1, 2).split(history(2, 4), new SplittableRandom(1)).orElseThrow();
        assertArrayEquals(new int[]{100, 101, 102}, adjacent.supportItems());
        assertArrayEquals(new int[]{103}, adjacent.queryItems());
        assertTrue(TaskSplitter.protocol(3, 3, 1, 2).split(history(2, 3), new SplittableRandom(1)).isEmpty());
    }

    @Test
    void temporalAndProtocolSplittersRejectBadArgumentsWithTheValue() {
        assertEquals("minK must be positive, got 0", assertThrows(IllegalArgumentException.class,
                () -> TaskSplitter.temporalKShot(0, 3, 5)).getMessage());
        assertEquals("maxK (3) must be >= minK (5)", assertThrows(IllegalArgumentException.class,
                () -> TaskSplitter.temporalKShot(5, 3, 10)).getMessage());
        assertEquals("maxQuery must be positive, got 0", assertThrows(IllegalArgumentException.class,
                () -> TaskSplitter.temporalKShot(1, 3, 0)).getMessage());
        assertEquals("history must not be null", assertThrows(IllegalArgumentException.class,
                () -> TaskSplitter.temporalKShot(1, 3, 5).split(null, new SplittableRandom(1))).getMessage());
        assertEquals("k must be positive, got 0", assertThrows(IllegalArgumentException.class,
                () -> TaskSplitter.protocol(0, 20, 5, 100)).getMessage());
        assertEquals("queryStart (4) must be >= k (5)", assertThrows(IllegalArgumentException.class,
                () -> TaskSplitter.protocol(5, 4, 5, 100)).getMessage());
        assertEquals("minQuery must be positive, got 0", assertThrows(IllegalArgumentException.class,
                () -> TaskSplitter.protocol(5, 10, 0, 100)).getMessage());
        assertEquals("maxQuery (4) must be >= minQuery (5)", assertThrows(IllegalArgumentException.class,
                () -> TaskSplitter.protocol(5, 10, 5, 4)).getMessage());
        assertEquals("history must not be null", assertThrows(IllegalArgumentException.class,
                () -> TaskSplitter.protocol(5, 10, 5, 5).split(null, new SplittableRandom(1))).getMessage());
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
