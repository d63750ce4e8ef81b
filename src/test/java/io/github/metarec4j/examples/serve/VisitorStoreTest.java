package io.github.metarec4j.examples.serve;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class VisitorStoreTest {

    @Test
    void keepsTheLatestRatingsOfTheVisitorsSeenLast() {
        VisitorStore store = new VisitorStore(2, 3);
        store.rate("a", "1", 5);
        store.rate("a", "2", 4);
        store.rate("a", "1", 3);             // replaces, and becomes the latest
        store.rate("a", "3", 2);
        assertEquals(Map.of("1", 3.0, "2", 4.0, "3", 2.0), store.rate("a", "3", 2));
        store.rate("a", "4", 1);
        assertEquals(List.of("1", "3", "4"), List.copyOf(store.ratings("a").keySet()), "the oldest, 2, is dropped");
        store.rate("b", "1", 1);
        store.ratings("a");                  // a seen after b
        store.rate("c", "1", 1);             // forgets b
        assertEquals(Map.of(), store.ratings("b"));
        assertEquals(2, store.size());
    }
}
