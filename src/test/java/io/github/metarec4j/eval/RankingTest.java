package io.github.metarec4j.eval;

import io.github.metarec4j.TestBase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The protocol's ranking: score descending, ties by h(id) = (id * 2654435761) mod 2^32. The
 * hashes used below: h(1) = 2654435761, h(2) = 1013904226, h(3) = 3668339987,
 * h(4) = 2027808452, h(5) = 387276917.
 */
class RankingTest extends TestBase {

    private final Ranking ranking = Ranking.of(IdKey.INTEGER);

    @Test
    void theHashIsPythons() {
        assertEquals(2_654_435_761L, Ranking.hash(1));
        assertEquals(1_013_904_226L, Ranking.hash(2));
        assertEquals(3_668_339_987L, Ranking.hash(3));
        assertEquals(2_027_808_452L, Ranking.hash(4));
        assertEquals(387_276_917L, Ranking.hash(5));
        assertEquals(0, Ranking.hash(0));
        assertEquals(1_640_531_535L, Ranking.hash(-1), "(-1 * 2654435761) % 2**32 in Python");
        assertEquals(Ranking.hash(5), ranking.tieBreak("5"));
    }

    @Test
    void higherScoresFirstTiesByHash() {
        List<String> items = List.of("1", "2", "3", "4", "5");
        double[] scores = {1, 2, 2, 0, 2};
        assertArrayEquals(new int[]{4, 1, 2, 0, 3}, ranking.order(items, scores));
        assertEquals(List.of("5", "2", "3"), ranking.top(items, scores, 3));
        assertEquals(List.of("5", "2", "3", "1", "4"), ranking.top(items, scores, 10));
    }

    @Test
    void aConstantScorerGetsTheHashOrderNotTheIdOrder() {
        List<String> items = List.of("1", "2", "3", "4", "5");
        assertEquals(List.of("5", "2", "4", "1", "3"), ranking.top(items, new double[5], 5));
    }

    @Test
    void negativeZeroTiesWithZero() {
        assertEquals(List.of("2", "1"), ranking.top(List.of("1", "2"), new double[]{0.0, -0.0}, 2));
    }

    @Test
    void badScoresAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ranking.top(List.of("1", "2"), new double[]{1, Double.NaN}, 1));
        assertTrue(e.getMessage().contains("item '2' is NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ranking.order(List.of("1"), new double[2]));
        assertTrue(e.getMessage().contains("1 items, 2 scores"), e.getMessage());
    }

    @Test
    void aHugeItemIdIsShownShortenedInTheMessage() {
        String huge = "x".repeat(100_000);
        String m = assertThrows(IllegalArgumentException.class,
                () -> Ranking.of(IdKey.STABLE_HASH).order(List.of("1", huge), new double[]{1, Double.NaN})).getMessage();
        assertEquals("the score of item '" + "x".repeat(60) + "... (100000 characters)' is NaN; scores must be "
                + "finite numbers to be ranked", m);
    }
}
