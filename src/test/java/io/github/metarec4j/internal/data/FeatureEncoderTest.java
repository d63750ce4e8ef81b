package io.github.metarec4j.internal.data;

import io.github.metarec4j.data.FeatureSchema;
import io.github.metarec4j.data.Features;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureEncoderTest {

    private static final FeatureSchema SCHEMA = FeatureSchema.builder()
            .categorical("gender").multiCategorical("genres").numeric("age").build();

    private static final List<Features> EXAMPLES = List.of(
            Features.builder().put("gender", "M").put("genres", List.of("Drama", "Action")).put("age", 20).build(),
            Features.builder().put("gender", "F").put("genres", List.of("Drama")).put("age", 40).build());

    /** Ages 20 and 40: mean 30, sample standard deviation sqrt(200). */
    private static final double AGE_STD = Math.sqrt(200);

    private static final FeatureEncoder ENCODER = FeatureEncoder.fit(SCHEMA, EXAMPLES);

    private static float[] encode(Features f) {
        return ENCODER.encode(f);
    }

    @Test
    void laysOutEachFieldTypeInSchemaOrder() {
        // gender: unknown, F, M | genres: unknown, Action, Drama | age
        assertEquals(7, ENCODER.dimension());
        assertEquals(List.of("F", "M"), ENCODER.vocabulary("gender"), "sorted, not in order of appearance");
        assertEquals(List.of("Action", "Drama"), ENCODER.vocabulary("genres"));
        assertArrayEquals(new double[]{30, AGE_STD}, ENCODER.numericStats("age"), 1e-12);
        assertArrayEquals(new int[]{0, 3}, ENCODER.unknownSlots());
        assertArrayEquals(new float[]{0, 0, 1, 0, 0.5f, 0.5f, (float) (-10 / AGE_STD)}, encode(EXAMPLES.get(0)), 1e-6f);
        assertArrayEquals(new float[]{0, 1, 0, 0, 0, 1, (float) (10 / AGE_STD)}, encode(EXAMPLES.get(1)), 1e-6f);
    }

    @Test
    void anUnknownCategoryGoesToSlotZero() {
        float[] v = encode(Features.builder().put("gender", "X").put("genres", List.of("Western")).put("age", 30).build());
        assertArrayEquals(new float[]{1, 0, 0, 1, 0, 0, 0}, v);
    }

    @Test
    void aMissingFieldIsUnknownOrTheMean() {
        assertArrayEquals(new float[]{1, 0, 0, 1, 0, 0, 0}, encode(Features.none()));
        assertArrayEquals(new float[]{1, 0, 0, 1, 0, 0, 0}, encode(Features.builder().put("genres", List.of()).build()),
                "an empty list of values is unknown too");
    }

    @Test
    void multipleValuesAreScaledToSumToOne() {
        float[] v = encode(Features.builder().put("genres", List.of("Action", "Drama", "Western")).build());
        assertArrayEquals(new float[]{1f / 3, 1f / 3, 1f / 3}, new float[]{v[3], v[4], v[5]}, 1e-6f,
                "the unknown value takes its share in slot 0");
        float[] one = encode(Features.builder().put("genres", "Drama").build());
        assertEquals(1f, one[5], "a single String is a one-value list");
    }

    @Test
    void numbersAreStandardisedAndClipped() {
        assertEquals((float) (5 / AGE_STD), encode(Features.builder().put("age", 35).build())[6], 1e-6f);
        assertEquals(5f, encode(Features.builder().put("age", 1e6).build())[6]);
        assertEquals(-5f, encode(Features.builder().put("age", -1e6).build())[6]);
        assertEquals((float) (10 / AGE_STD), encode(Features.builder().put("age", "40").build())[6], 1e-6f,
                "a numeric string is a number");
    }

    @Test
    void aConstantNumberHasUnitDeviation() {
        FeatureSchema s = FeatureSchema.builder().numeric("x").build();
        FeatureEncoder e = FeatureEncoder.fit(s, List.of(Features.builder().put("x", 3).build(),
                Features.builder().put("x", 3).build()));
        assertArrayEquals(new double[]{3, 1}, e.numericStats("x"));
        assertEquals(2f, e.encode(Features.builder().put("x", 5).build())[0]);
    }

    /** Issue 12, finding 1: sums and squares of huge numbers overflowed to statistics no model file accepts. */
    @Test
    void hugeNumbersGiveFiniteStatisticsThatRestoreAccepts() {
        FeatureSchema s = FeatureSchema.builder().numeric("year").build();
        double[][] cases = {{1e308, 1e308}, {1e200, -1e200}, {Double.MAX_VALUE, -Double.MAX_VALUE, 0},
                {-Double.MAX_VALUE, 1e-300}};
        for (double[] years : cases) {
            List<Features> examples = java.util.Arrays.stream(years)
                    .mapToObj(y -> Features.builder().put("year", y).build()).toList();
            FeatureEncoder fitted = FeatureEncoder.fit(s, examples);
            double[] stats = fitted.numericStats("year");
            assertTrue(Double.isFinite(stats[0]) && Double.isFinite(stats[1]) && stats[1] > 0,
                    java.util.Arrays.toString(years) + " gave " + java.util.Arrays.toString(stats));
            FeatureEncoder restored = FeatureEncoder.restore(s, Map.of(), Map.of("year", stats));
            for (Features f : examples) {
                float z = restored.encode(f)[0];
                assertTrue(z >= -5 && z <= 5, "encodes within the clip bounds: " + z);
                assertEquals(fitted.encode(f)[0], z);
            }
        }
        assertArrayEquals(new double[]{1e308, 1}, FeatureEncoder.fit(s, List.of(
                Features.builder().put("year", 1e308).build(), Features.builder().put("year", 1e308).build()))
                .numericStats("year"), "a constant, however large, has unit deviation");
    }

    @Test
    void encodeIntoWritesAtTheOffsetAndOverwrites() {
        float[] out = new float[10];
        java.util.Arrays.fill(out, 9f);
        ENCODER.encodeInto(Features.none(), out, 2);
        assertArrayEquals(new float[]{9, 9, 1, 0, 0, 1, 0, 0, 0, 9}, out);
    }

    @Test
    void aFieldOutsideTheSchemaIsNamed() {
        Features f = Features.builder().put("shoeSize", 42).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> encode(f));
        assertTrue(e.getMessage().startsWith("feature field 'shoeSize' is not in the schema"), e.getMessage());
        assertTrue(e.getMessage().contains("declare it in the FeatureSchema or remove it"), e.getMessage());
        IllegalArgumentException fit = assertThrows(IllegalArgumentException.class,
                () -> FeatureEncoder.fit(SCHEMA, List.of(f)));
        assertTrue(fit.getMessage().contains("'shoeSize'"), fit.getMessage());
    }

    @Test
    void aValueOfTheWrongTypeIsNamed() {
        IllegalArgumentException cat = assertThrows(IllegalArgumentException.class,
                () -> encode(Features.builder().put("gender", List.of("F", "M")).build()));
        assertTrue(cat.getMessage().startsWith("categorical field 'gender' holds [F, M]"), cat.getMessage());
        assertTrue(cat.getMessage().contains("give it a String value"), cat.getMessage());

        IllegalArgumentException num = assertThrows(IllegalArgumentException.class,
                () -> encode(Features.builder().put("age", "old").build()));
        assertEquals("numeric field 'age' holds 'old', which is not a finite number; give it a number or leave the "
                + "field out", num.getMessage());

        IllegalArgumentException multi = assertThrows(IllegalArgumentException.class,
                () -> FeatureEncoder.fit(SCHEMA, List.of(Features.builder().put("genres", 3.5).build())));
        assertTrue(multi.getMessage().startsWith("multi-valued field 'genres' holds 3.5"), multi.getMessage());
    }

    @Test
    void aWholeNumberIsACategory() {
        FeatureSchema s = FeatureSchema.builder().categorical("zip").build();
        FeatureEncoder e = FeatureEncoder.fit(s, List.of(Features.builder().put("zip", 8).build()));
        assertEquals(List.of("8"), e.vocabulary("zip"));
    }

    @Test
    void askingForAFieldOfTheWrongKindSaysSo() {
        IllegalArgumentException v = assertThrows(IllegalArgumentException.class, () -> ENCODER.vocabulary("age"));
        assertTrue(v.getMessage().startsWith("'age' is not a categorical field"), v.getMessage());
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class, () -> ENCODER.numericStats("gender"));
        assertTrue(s.getMessage().startsWith("'gender' is not a numeric field"), s.getMessage());
    }

    @Test
    void restoreGivesIdenticalEncodings() {
        FeatureEncoder restored = FeatureEncoder.restore(SCHEMA,
                Map.of("gender", ENCODER.vocabulary("gender"), "genres", ENCODER.vocabulary("genres")),
                Map.of("age", ENCODER.numericStats("age")));
        assertEquals(ENCODER.dimension(), restored.dimension());
        for (Features f : List.of(EXAMPLES.get(0), EXAMPLES.get(1), Features.none(),
                Features.builder().put("gender", "X").put("age", 99).build())) {
            assertArrayEquals(ENCODER.encode(f), restored.encode(f), f.toString());
        }
    }

    @Test
    void restoreRejectsMissingParts() {
        IllegalArgumentException noVocab = assertThrows(IllegalArgumentException.class, () -> FeatureEncoder.restore(
                SCHEMA, Map.of("gender", List.of("F")), Map.of("age", new double[]{30, 10})));
        assertEquals("categorical field 'genres' has no vocabulary", noVocab.getMessage());
        IllegalArgumentException badStd = assertThrows(IllegalArgumentException.class, () -> FeatureEncoder.restore(
                SCHEMA, Map.of("gender", List.of(), "genres", List.of()), Map.of("age", new double[]{30, 0})));
        assertEquals("numeric field 'age' needs {mean, std} with a finite mean and a finite std > 0, got [30.0, 0.0]",
                badStd.getMessage());
        IllegalArgumentException nanMean = assertThrows(IllegalArgumentException.class, () -> FeatureEncoder.restore(
                SCHEMA, Map.of("gender", List.of(), "genres", List.of()), Map.of("age", new double[]{Double.NaN, 1})));
        assertTrue(nanMean.getMessage().endsWith("got [NaN, 1.0]"), nanMean.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> FeatureEncoder.restore(
                SCHEMA, Map.of("gender", List.of("F", "F"), "genres", List.of()), Map.of("age", new double[]{30, 1})));
        assertEquals("the vocabulary of field 'gender' lists a value twice; each value needs one slot",
                twice.getMessage());
        IllegalArgumentException noMaps = assertThrows(IllegalArgumentException.class,
                () -> FeatureEncoder.restore(SCHEMA, null, Map.of()));
        assertEquals("vocabularies must not be null", noMaps.getMessage());
    }

    @Test
    void anEmptySchemaEncodesToNothing() {
        FeatureEncoder e = FeatureEncoder.fit(FeatureSchema.empty(), List.of());
        assertEquals(0, e.dimension());
        assertEquals(0, e.encode(Features.none()).length);
    }
}
