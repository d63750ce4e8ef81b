package io.github.metarec4j.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InteractionsTest {

    private static final List<Interaction> ROWS = List.of(
            new Interaction("u1", "i1", 4, 30),
            new Interaction("u2", "i2", 5, 10),
            new Interaction("u1", "i2", 3, 10),
            new Interaction("u1", "i3", 2, 20));

    @Test
    void numbersUsersAndItemsInFirstSeenOrder() {
        Interactions t = Interactions.of(ROWS);
        assertEquals(4, t.size());
        assertEquals(List.of("u1", "u2"), t.users().ids());
        assertEquals(List.of("i1", "i2", "i3"), t.items().ids());
        assertEquals(1, t.userIndex(1));
        assertEquals(1, t.itemIndex(2));
        assertEquals(ROWS, t.stream().toList(), "stream() keeps insertion order");
    }

    @Test
    void ordersEachUsersRowsByTime() {
        Interactions t = Interactions.of(ROWS);
        assertArrayEquals(new int[]{2, 3, 0}, t.rowsOfUser(0));
        assertEquals(3, t.countOfUser(0));
        assertEquals(List.of(ROWS.get(2), ROWS.get(3), ROWS.get(0)), t.ofUser("u1"));
        assertEquals(List.of(ROWS.get(1)), t.ofUser("u2"));
        assertEquals(List.of(), t.ofUser("nobody"));
    }

    @Test
    void tiesInTimeKeepInsertionOrder() {
        Interactions t = Interactions.of(List.of(
                new Interaction("u", "c", 1, 7),
                new Interaction("u", "a", 1, 7),
                new Interaction("u", "z", 1, 3),
                new Interaction("u", "b", 1, 7)));
        assertEquals(List.of("z", "c", "a", "b"), t.ofUser("u").stream().map(Interaction::itemId).toList());
    }

    @Test
    void fingerprintIsStableAndSeesEveryChange() {
        String f = Interactions.of(ROWS).fingerprint();
        assertEquals(64, f.length(), "a hex SHA-256");
        assertEquals(f, Interactions.of(List.copyOf(ROWS)).fingerprint(), "same rows, same fingerprint");
        assertEquals(f, Interactions.of(ROWS).filter(r -> true).fingerprint(), "a copy has the same fingerprint");

        assertNotEquals(f, Interactions.of(replace(3, new Interaction("u1", "i3", 2.5, 20))).fingerprint(), "value");
        assertNotEquals(f, Interactions.of(replace(3, new Interaction("u1", "i3", 2, 21))).fingerprint(), "time");
        assertNotEquals(f, Interactions.of(replace(3, new Interaction("u1", "i4", 2, 20))).fingerprint(), "item");
        assertNotEquals(f, Interactions.of(ROWS.subList(0, 3)).fingerprint(), "a row fewer");
        // the separator between ids: ("u1", "i1") and ("u1i", "1") are different rows
        assertNotEquals(Interactions.of(List.of(Interaction.of("u1", "i1", 4))).fingerprint(),
                Interactions.of(List.of(Interaction.of("u1i", "1", 4))).fingerprint());
    }

    private static List<Interaction> replace(int row, Interaction by) {
        List<Interaction> copy = new ArrayList<>(ROWS);
        copy.set(row, by);
        return copy;
    }

    @Test
    void filterKeepsOrderAndRenumbers() {
        Interactions kept = Interactions.of(ROWS).filter(r -> r.value() >= 3);
        assertEquals(List.of(ROWS.get(0), ROWS.get(1), ROWS.get(2)), kept.stream().toList());
        assertEquals(List.of("i1", "i2"), kept.items().ids(), "i3 is gone from the index too");

        Interactions none = Interactions.of(ROWS).filter(r -> false);
        assertTrue(none.isEmpty());
        assertEquals(0, none.users().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Interactions.of(ROWS).filter(null));
        assertEquals("keep must not be null", e.getMessage());
    }

    @Test
    void meanOfValues() {
        assertEquals(3.5, Interactions.of(ROWS).mean(), 1e-12);
        assertTrue(Double.isNaN(Interactions.builder().build().mean()));
    }

    @Test
    void theBuilderRejectsBadRowsWithAMessage() {
        Interactions.Builder b = Interactions.builder();
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> b.add("u", "i", Double.POSITIVE_INFINITY, 0));
        assertTrue(nan.getMessage().contains("user 'u' with item 'i' is Infinity: ratings must be finite"),
                nan.getMessage());
        // stored as float, 1e300 would become infinite
        IllegalArgumentException huge = assertThrows(IllegalArgumentException.class, () -> b.add("u", "i", 1e300, 0));
        assertTrue(huge.getMessage().contains("is 1.0E300: ratings must be finite numbers within the range of float"),
                huge.getMessage());
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class, () -> b.add(" ", "i", 1, 0));
        assertEquals("userId must not be blank (got \" \")", blank.getMessage());
        assertEquals(0, b.size());
    }

    @Test
    void growsPastItsInitialCapacity() {
        Interactions.Builder b = Interactions.builder();
        for (int r = 0; r < 5000; r++) {
            b.add("u" + (r % 7), "i" + r, 1 + r % 5, 5000 - r);
        }
        Interactions t = b.build();
        assertEquals(5000, t.size());
        assertEquals(new Interaction("u1", "i4999", 5, 1), t.get(4999));
        int[] rows = t.rowsOfUser(0);
        for (int k = 1; k < rows.length; k++) {
            assertTrue(t.timestamp(rows[k - 1]) <= t.timestamp(rows[k]));
        }
    }

    /** Issue 12, finding 7: the same policy for every way interactions are added. */
    @Test
    void aRepeatedUserAndItemIsRefusedOrMergedByThePolicy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Interactions.builder()
                .add("u", "a", 5, 1).add("u", "b", 2, 2).add("u", "a", 1, 3).build());
        assertEquals("user 'u' has two interactions with item 'a' (values 5.0 and 1.0); keep one, or choose how to "
                + "merge them: DuplicatePolicy.KEEP_LAST, MEAN or KEEP_ALL (the builders' duplicates(...), adapt's "
                + "last argument)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dataset.builder().ratings(new RatingScale(1, 5))
                .addInteraction("u", "a", 5, 1).addInteraction("u", "a", 1, 3).build());

        Interactions last = Interactions.builder().duplicates(DuplicatePolicy.KEEP_LAST)
                .add("u", "a", 5, 1).add("u", "b", 2, 2).add("u", "a", 1, 3).add("v", "a", 4, 4).build();
        assertEquals(List.of(new Interaction("u", "a", 1, 3), new Interaction("u", "b", 2, 2),
                new Interaction("v", "a", 4, 4)), last.stream().toList(), "the last value, at the first's place");
        Interactions mean = Interactions.builder().duplicates(DuplicatePolicy.MEAN)
                .add("u", "a", 5, 1).add("u", "b", 2, 2).add("u", "a", 1, 3).add("u", "a", 4, 0).build();
        assertEquals(List.of(new Interaction("u", "a", 10 / 3f, 3), new Interaction("u", "b", 2, 2)),
                mean.stream().toList(), "the mean, at the latest time");
        Interactions all = Interactions.builder().duplicates(DuplicatePolicy.KEEP_ALL)
                .add("u", "a", 5, 1).add("u", "a", 1, 3).build();
        assertEquals(2, all.size());
        Dataset merged = Dataset.builder().ratings(new RatingScale(1, 5)).duplicates(DuplicatePolicy.MEAN)
                .addInteraction("u", "a", 5, 1).addInteraction("u", "a", 1, 3).build();
        assertEquals(3, merged.interactions().value(0));
    }
}
