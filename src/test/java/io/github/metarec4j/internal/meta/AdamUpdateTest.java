package io.github.metarec4j.internal.meta;

import io.github.metarec4j.TestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plain-Java outer update against what training did before with ND4J: clip by global
 * norm ({@code norm2}, {@code muli}), DL4J's {@link Adam} updater, {@code params.subi}; over
 * many steps, so the moments and the bias correction are exercised as they evolve.
 */
class AdamUpdateTest extends TestBase {

    @ParameterizedTest(name = "learning rate {0}, clip {1}")
    @CsvSource({"0.001, 0", "0.01, 0", "0.005, 1.0", "0.05, 0.3"})
    void matchesDl4jAdamWithClipping(double learningRate, double clipNorm) {
        int size = 1_003; // not a multiple of the vector width
        SplittableRandom random = new SplittableRandom(11);
        float[] params = new float[size];
        for (int i = 0; i < size; i++) {
            params[i] = (float) random.nextGaussian();
        }
        INDArray reference = Nd4j.createFromArray(params.clone()).reshape(1, size);
        Adam adam = new Adam(learningRate);
        GradientUpdater<?> updater = adam.instantiate(Nd4j.zeros(DataType.FLOAT, 1, adam.stateSize(size)), true);
        AdamUpdate java = new AdamUpdate(size, learningRate, clipNorm);
        int clipped = 0;
        for (int step = 0; step < 40; step++) {
            float[] gradient = new float[size];
            double spread = step % 3 == 0 ? 0.005 : 0.5; // some steps above the clip norm, some below
            for (int i = 0; i < size; i++) {
                // some coordinates without gradient for a while, as rows of the ID table
                gradient[i] = i % 7 == 0 && step % 4 != 0 ? 0f : (float) (spread * random.nextGaussian());
            }
            INDArray g = Nd4j.createFromArray(gradient.clone()).reshape(1, size);
            if (clipNorm > 0) {
                double norm = g.norm2Number().doubleValue();
                if (norm > clipNorm) {
                    g.muli(clipNorm / norm);
                    clipped++;
                }
            }
            updater.applyUpdater(g, step, 0);
            reference.subi(g);
            java.apply(params, gradient, step);
            float[] expected = reference.toFloatVector();
            for (int i = 0; i < size; i++) {
                assertEquals(expected[i], params[i], 1e-6f * Math.max(1f, Math.abs(expected[i])),
                        "parameter " + i + " after step " + step);
            }
        }
        if (clipNorm > 0) {
            assertTrue(clipped > 0 && clipped < 40, "clipping both applied and not: " + clipped + " of 40 steps");
        }
    }

    @Test
    void firstStepMovesEachParameterByTheLearningRateAgainstItsGradientSign() {
        // at t = 0, m = 0.1 g, v = 0.001 g^2, step = lr sqrt(0.001) / 0.1: the update is lr * sign(g)
        AdamUpdate java = new AdamUpdate(3, 0.01, 0);
        float[] params = {1f, 1f, 1f};
        java.apply(params, new float[]{4f, -0.5f, 0f}, 0);
        assertEquals(0.99f, params[0], 1e-6f);
        assertEquals(1.01f, params[1], 1e-6f);
        assertEquals(1f, params[2], 0f);
    }

    @Test
    void rejectsMismatchedSizesAndBadSettings() {
        AdamUpdate java = new AdamUpdate(3, 0.01, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> java.apply(new float[4], new float[4], 0));
        assertTrue(e.getMessage().contains("holds 3 parameters, got 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> java.apply(new float[3], new float[2], 0));
        assertTrue(e.getMessage().contains("got a gradient of 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AdamUpdate(3, 0.01, -1));
        assertTrue(e.getMessage().contains("clipNorm"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AdamUpdate(3, 0.01, 1.0, 0.999, 1e-8, 0));
        assertTrue(e.getMessage().contains("beta1"), e.getMessage());
    }
}
