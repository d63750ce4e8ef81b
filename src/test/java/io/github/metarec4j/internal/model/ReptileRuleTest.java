package io.github.metarec4j.internal.model;

import io.github.metarec4j.TestBase;
import io.github.metarec4j.internal.meta.TaskGradient;
import io.github.metarec4j.model.AdaptationScope;
import io.github.metarec4j.model.Objective;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link TaskGradient.Reptile}'s direction against its definition, computed here step by step
 * from {@link Network#metaGradient} without an inner loop (next to {@link NetworkFixture}, which
 * lives in this package): {@code (theta - phi_K) / beta}, phi_K the weights after K plain steps
 * on the support and the query in turn.
 */
class ReptileRuleTest extends TestBase {

    private static final double ITEM_L2 = 0.05;

    @Test
    void twoStepsAreTheSupportsGradientPlusTheQuerysWhereTheSupportsStepLed() {
        NetworkFixture f = new NetworkFixture(Objective.JOINT, AdaptationScope.USER, new int[]{5}, 3, 31);
        float[] theta = f.floatTheta();
        double beta = 0.5;
        float[] reptile = direction(f, theta, new TaskGradient.Reptile(beta), 2);

        float[] onSupport = gradient(f, theta, f.support);
        float[] phi = theta.clone();
        for (int i = 0; i < phi.length; i++) {
            phi[i] -= (float) beta * onSupport[i];
        }
        float[] onQuery = gradient(f, phi, f.query);
        double largest = 0;
        for (int i = 0; i < theta.length; i++) {
            largest = Math.max(largest, Math.abs(onSupport[i] + onQuery[i]));
        }
        assertTrue(largest > 0);
        for (int i = 0; i < theta.length; i++) {
            assertEquals(onSupport[i] + onQuery[i], reptile[i], 1e-5 * largest, "entry " + i);
        }
        float[] atTheta = gradient(f, theta, f.query);
        boolean moved = false;
        for (int i = 0; i < theta.length; i++) {
            moved |= Math.abs(atTheta[i] - onQuery[i]) > 1e-3 * largest;
        }
        assertTrue(moved, "the query's gradient is taken after the support's step, not at theta");
    }

    @Test
    void aVanishingStepIsTheSumOfTheSidesGradientsAtTheta() {
        NetworkFixture f = new NetworkFixture(Objective.RATING, AdaptationScope.USER, new int[]{}, 3, 37);
        float[] theta = f.floatTheta();
        float[] reptile = direction(f, theta, new TaskGradient.Reptile(1e-7), 3);
        float[] support = gradient(f, theta, f.support);
        float[] query = gradient(f, theta, f.query);
        for (int i = 0; i < theta.length; i++) {
            double expected = 2 * support[i] + query[i]; // support, query, support
            assertEquals(expected, reptile[i], 1e-4 * Math.max(1, Math.abs(expected)), "entry " + i);
        }
    }

    @Test
    void reptileNeedsTwoStepsAndAPositiveStepSize() {
        NetworkFixture f = new NetworkFixture(Objective.RATING, AdaptationScope.USER, new int[]{}, 3, 41);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> direction(f, f.floatTheta(), new TaskGradient.Reptile(0.1), 1));
        assertEquals("Reptile needs at least 2 inner steps (support, then query), got 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TaskGradient.Reptile(-1));
        assertTrue(e.getMessage().contains("stepSize"), e.getMessage());
    }

    private static float[] direction(NetworkFixture f, float[] theta, TaskGradient rule, int steps) {
        JavaTensors.Gradient into = new JavaTensors.Gradient(f.layout);
        rule.add(f.network, new JavaTensors(f.layout, theta, into), theta, into, f.user, f.support, f.query, steps,
                0.1, ITEM_L2, 1);
        float[] flat = new float[theta.length];
        into.addTo(flat);
        return flat;
    }

    /** The gradient of {@code rows}' loss at the user's starting state (no inner loop), at {@code params}. */
    private static float[] gradient(NetworkFixture f, float[] params, Rows rows) {
        JavaTensors.Gradient g = new JavaTensors.Gradient(f.layout);
        f.network.metaGradient(new JavaTensors(f.layout, params, g), f.user, f.support, rows, 0, 0.1, ITEM_L2, 1);
        float[] flat = new float[params.length];
        g.addTo(flat);
        return flat;
    }
}
