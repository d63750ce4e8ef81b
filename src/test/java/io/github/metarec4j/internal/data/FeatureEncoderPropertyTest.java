package io.github.metarec4j.internal.data;

import io.github.metarec4j.data.FeatureSchema;
import io.github.metarec4j.data.Features;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Properties of {@link FeatureEncoder} over 500 fixed-seed random samples of numbers (of every
 * magnitude, from subnormal to the limits of double) and categories: the fitted statistics are
 * finite with a positive deviation, a restored encoder encodes exactly as the fitted one, and
 * every numeric slot lies within the clip bounds.
 */
class FeatureEncoderPropertyTest {

    private static final FeatureSchema SCHEMA = FeatureSchema.builder().numeric("x").categorical("c")
            .multiCategorical("m").build();

    @Test
    void fittedStatisticsAreLoadableAndEncodingsBounded() {
        SplittableRandom random = new SplittableRandom(2026);
        for (int sample = 0; sample < 500; sample++) {
            List<Features> examples = new ArrayList<>();
            int n = 1 + random.nextInt(20);
            for (int i = 0; i < n; i++) {
                Features.Builder f = Features.builder();
                if (random.nextInt(5) > 0) {
                    f.put("x", number(random));
                }
                f.put("c", "c" + random.nextInt(4));
                f.put("m", List.of("g" + random.nextInt(3), "g" + random.nextInt(5)));
                examples.add(f.build());
            }
            FeatureEncoder fitted = FeatureEncoder.fit(SCHEMA, examples);
            double[] stats = fitted.numericStats("x");
            assertTrue(Double.isFinite(stats[0]) && Double.isFinite(stats[1]) && stats[1] > 0,
                    "sample " + sample + ": " + java.util.Arrays.toString(stats));
            FeatureEncoder restored = FeatureEncoder.restore(SCHEMA,
                    Map.of("c", fitted.vocabulary("c"), "m", fitted.vocabulary("m")), Map.of("x", stats));
            for (Features f : examples) {
                float[] v = fitted.encode(f);
                assertArrayEquals(v, restored.encode(f), "sample " + sample);
                assertTrue(v[0] >= -5 && v[0] <= 5, "sample " + sample + ": " + v[0]);
            }
        }
    }

    /** A finite double of a random magnitude (10^-320 to 10^308) and sign, sometimes a repeated round number. */
    private static double number(SplittableRandom random) {
        if (random.nextInt(4) == 0) {
            return 1990;
        }
        double magnitude = Math.pow(10, -320 + random.nextInt(629)) * (1 + random.nextDouble() * 0.79);
        return random.nextBoolean() ? magnitude : -magnitude;
    }
}
