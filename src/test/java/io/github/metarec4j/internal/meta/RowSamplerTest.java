package io.github.metarec4j.internal.meta;

import io.github.metarec4j.TestBase;
import io.github.metarec4j.data.FeatureSchema;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.IdIndex;
import io.github.metarec4j.internal.data.FeatureEncoder;
import io.github.metarec4j.internal.model.ItemCatalogue;
import io.github.metarec4j.internal.model.Rows;
import io.github.metarec4j.model.Objective;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rows of one side of a task, on a catalogue of six items whose inputs are one-hot (so a
 * row's input names its item): a..e have ID rows 1..5 and rating offsets, f has neither.
 */
class RowSamplerTest extends TestBase {

    private static final float[] OFFSETS = {0.5f, -0.25f, 1f, 0.125f, -1f, 0f};
    private static final int[] ID_ROWS = {1, 2, 3, 4, 5, 0};
    /** Negatives are drawn from a..e: f has no ID row. */
    private static final int[] WITH_IDS = {0, 1, 2, 3, 4};
    private static final double RATING_OFFSET = 3.5;
    private static final ItemCatalogue CATALOGUE = catalogue();
    /** A user who rated a 5 and c 2 (their items, sorted, are what negatives avoid). */
    private static final int[] ITEMS = {0, 2};
    private static final float[] RATINGS = {5, 2};

    private static ItemCatalogue catalogue() {
        List<String> ids = List.of("a", "b", "c", "d", "e", "f");
        List<Features> features = ids.stream().map(id -> Features.builder().put("name", id).build()).toList();
        FeatureEncoder encoder = FeatureEncoder.fit(FeatureSchema.builder().categorical("name").build(), features);
        return ItemCatalogue.of(IdIndex.of(ids), features, encoder, ID_ROWS, OFFSETS);
    }

    private static RowSampler sampler(Objective objective, int negatives, boolean strengthWeights) {
        return new RowSampler(CATALOGUE, objective, RATING_OFFSET, negatives, strengthWeights, WITH_IDS);
    }

    /** The catalogue index of row {@code r}, from its input (the catalogue's own array). */
    private static int itemOf(Rows rows, int r) {
        for (int i = 0; i < CATALOGUE.size(); i++) {
            if (CATALOGUE.inputRow(i) == rows.inputs()[r]) {
                return i;
            }
        }
        throw new AssertionError("row " + r + " is no catalogue item's input");
    }

    @Test
    void positivesComeFirstThenNegativesOutsideTheUsersItems() {
        RowSampler sampler = sampler(Objective.JOINT, 4, false);
        Set<Integer> drawn = new HashSet<>();
        SplittableRandom random = new SplittableRandom(3);
        for (int call = 0; call < 50; call++) {
            Rows rows = sampler.rows(ITEMS, RATINGS, ITEMS, 0, random);
            assertEquals(6, rows.size());
            assertEquals(2, rows.positives());
            assertSame(CATALOGUE.inputRow(0), rows.inputs()[0]);
            assertSame(CATALOGUE.inputRow(2), rows.inputs()[1]);
            assertEquals(1, rows.ids()[0]);
            assertEquals(3, rows.ids()[1]);
            assertEquals(5 - 3.5 - 0.5, rows.targets()[0], 1e-6, "rating - rating offset - item offset");
            assertEquals(2 - 3.5 - 1, rows.targets()[1], 1e-6);
            assertEquals(1f, rows.strengths()[0]);
            assertEquals(1f, rows.strengths()[1]);
            for (int r = 2; r < rows.size(); r++) {
                int item = itemOf(rows, r);
                drawn.add(item);
                assertEquals(ID_ROWS[item], rows.ids()[r], "a negative keeps its ID row");
                assertEquals(0f, rows.targets()[r]);
                assertEquals(0f, rows.strengths()[r]);
            }
        }
        assertEquals(Set.of(1, 3, 4), drawn, "items with an ID row (not f), never the user's own (a, c)");
    }

    @Test
    void aRatingOnlyObjectiveDrawsNoNegativesAndEngagementHasNoRatingTargets() {
        Rows rating = sampler(Objective.RATING, 4, false).rows(ITEMS, RATINGS, ITEMS, 0, new SplittableRandom(1));
        assertEquals(2, rating.size());
        assertEquals(2, rating.positives());
        assertEquals(5 - 3.5 - 0.5, rating.targets()[0], 1e-6);

        Rows engagement = sampler(Objective.ENGAGEMENT, 3, false).rows(ITEMS, new float[]{1, 1}, ITEMS, 0,
                new SplittableRandom(1));
        assertEquals(5, engagement.size());
        assertArrayEquals(new float[5], engagement.targets(), "no rating head, no targets");

        Rows none = sampler(Objective.JOINT, 4, false).rows(new int[0], new float[0], ITEMS, 0,
                new SplittableRandom(1));
        assertEquals(0, none.size(), "no positives, nothing to rank them above");
    }

    @Test
    void idDropoutHidesIdsAndADroppedPositiveIsTrainedWithoutItsItemOffset() {
        Rows all = sampler(Objective.JOINT, 4, false).rows(ITEMS, RATINGS, ITEMS, 1, new SplittableRandom(2));
        assertArrayEquals(new int[6], all.ids(), "dropout 1 hides every ID, negatives' too");
        assertEquals(5 - 3.5, all.targets()[0], 1e-6, "served as a new item is: without its offset");
        assertEquals(2 - 3.5, all.targets()[1], 1e-6);

        // a user of every item with an ID row, at dropout 0.5: each row is either kept or dropped, consistently
        int[] items = {0, 1, 2, 3, 4};
        float[] ratings = {1, 2, 3, 4, 5};
        RowSampler sampler = sampler(Objective.RATING, 0, false);
        SplittableRandom random = new SplittableRandom(8);
        int dropped = 0;
        int kept = 0;
        for (int call = 0; call < 40; call++) {
            Rows rows = sampler.rows(items, ratings, items, 0.5, random);
            for (int r = 0; r < items.length; r++) {
                assertSame(CATALOGUE.inputRow(items[r]), rows.inputs()[r], "the features stay");
                if (rows.ids()[r] == 0) {
                    dropped++;
                    assertEquals(ratings[r] - 3.5, rows.targets()[r], 1e-6);
                } else {
                    kept++;
                    assertEquals(ID_ROWS[items[r]], rows.ids()[r]);
                    assertEquals(ratings[r] - 3.5 - OFFSETS[items[r]], rows.targets()[r], 1e-6);
                }
            }
        }
        assertEquals(200, dropped + kept);
        assertTrue(dropped > 70 && kept > 70, "about half of 200 dropped: " + dropped);
    }

    @Test
    void strengthWeightsAreOnePlusTheLogOfThePlayCount() {
        int[] items = {1, 3, 4};
        float[] plays = {1, 10, 100};
        Rows weighted = sampler(Objective.ENGAGEMENT, 2, true).rows(items, plays, items, 0, new SplittableRandom(1));
        assertEquals(1, weighted.strengths()[0], 1e-6);
        assertEquals(1 + Math.log(10), weighted.strengths()[1], 1e-6);
        assertEquals(1 + 2 * Math.log(10), weighted.strengths()[2], 1e-6);
        assertEquals(0, weighted.strengths()[3], "a negative's strength is ignored");
        Rows flat = sampler(Objective.ENGAGEMENT, 2, false).rows(items, plays, items, 0, new SplittableRandom(1));
        assertArrayEquals(new float[]{1, 1, 1, 0, 0}, flat.strengths());
    }

    @Test
    void theSameGeneratorStateDrawsTheSameRows() {
        RowSampler sampler = sampler(Objective.JOINT, 6, true);
        Rows a = sampler.rows(ITEMS, RATINGS, ITEMS, 0.3, new SplittableRandom(21));
        Rows b = sampler.rows(ITEMS, RATINGS, ITEMS, 0.3, new SplittableRandom(21));
        assertArrayEquals(a.ids(), b.ids());
        assertArrayEquals(a.targets(), b.targets());
        assertArrayEquals(a.strengths(), b.strengths());
        for (int r = 0; r < a.size(); r++) {
            assertSame(a.inputs()[r], b.inputs()[r], "row " + r);
        }
    }
}
