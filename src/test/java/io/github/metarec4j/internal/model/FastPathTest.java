package io.github.metarec4j.internal.model;

import io.github.metarec4j.TestBase;
import io.github.metarec4j.model.AdaptationScope;
import io.github.metarec4j.model.Objective;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast path and the reference are one network: {@link JavaTensors} and {@link Nd4jTensors}
 * give the same numbers (float, to float tolerance), operation by operation and for whole
 * passes of {@link Network}: the meta-gradient of a task, adaptation and scoring. The pair is
 * listed in docs/architecture.md.
 */
class FastPathTest extends TestBase {

    private static final int N = 9;

    @Test
    void everyOperationGivesTheReferencesNumbers() {
        NetworkFixture f = new NetworkFixture(Objective.JOINT, AdaptationScope.USER, new int[]{5}, 3, 3);
        float[] theta = f.floatTheta();
        JavaTensors.Gradient javaGradient = new JavaTensors.Gradient(f.layout);
        INDArray ndGradient = Nd4j.zeros(DataType.FLOAT, 1, f.layout.size());
        JavaTensors j = new JavaTensors(f.layout, theta, javaGradient);
        Nd4jTensors n = new Nd4jTensors(f.layout, Nd4j.create(theta, new long[]{1, theta.length}, DataType.FLOAT),
                ndGradient);
        Random random = new Random(5);
        float[][] x = NetworkFixture.matrix(N, 7, 0.5, random);
        float[][] dz = NetworkFixture.matrix(N, 4, 0.6, random);
        ParameterLayout.Block tower = f.layout.block(ParameterLayout.ITEM_TOWER);
        ParameterLayout.Block ids = f.layout.block(ParameterLayout.ITEM_FACTOR);
        int[] rows = {1, 4, 4, 0, 9, 2, 3, 3, 7};

        same(j.values(j.param(tower)), n.values(n.param(tower)), "param");
        same(j.values(j.gather(ids, rows)), n.values(n.gather(ids, rows)), "gather");
        same(j.values(j.affine(j.constant(x), j.param(tower), 0)),
                n.values(n.affine(n.constant(x), n.param(tower), 0)), "affine");
        same(j.values(j.times(j.constant(x), j.param(tower), 1)), n.values(n.times(n.constant(x), n.param(tower), 1)),
                "times");
        same(j.values(j.affineGradient(j.constant(x), j.constant(dz))),
                n.values(n.affineGradient(n.constant(x), n.constant(dz))), "affineGradient");
        same(j.values(j.timesTransposed(j.constant(dz), j.param(tower), 2, 7)),
                n.values(n.timesTransposed(n.constant(dz), n.param(tower), 2, 7)), "timesTransposed, many rows");
        float[][] one = {dz[0]};
        same(j.values(j.timesTransposed(j.constant(one), j.param(tower), 0, 8)),
                n.values(n.timesTransposed(n.constant(one), n.param(tower), 0, 8)), "timesTransposed, one row");
        same(j.values(j.relu(j.constant(x))), n.values(n.relu(n.constant(x))), "relu");
        float[][] a = NetworkFixture.matrix(N, 7, 0.8, random);
        same(j.values(j.reluGradient(j.constant(x), j.relu(j.constant(a)))),
                n.values(n.reluGradient(n.constant(x), n.relu(n.constant(a)))), "reluGradient");
        same(j.values(j.add(j.constant(x), j.constant(x))), n.values(n.add(n.constant(x), n.constant(x))), "add");
        same(j.values(j.addRow(j.constant(x), j.constant(new float[][]{x[1]}))),
                n.values(n.addRow(n.constant(x), n.constant(new float[][]{x[1]}))), "addRow");
        same(j.values(j.concat(j.constant(x), j.constant(dz))), n.values(n.concat(n.constant(x), n.constant(dz))),
                "concat");
        same(j.values(j.columns(j.constant(x), 2, 5)), n.values(n.columns(n.constant(x), 2, 5)), "columns");
        same(j.values(j.rowRange(j.constant(x), 3, 6)), n.values(n.rowRange(n.constant(x), 3, 6)), "rowRange");
        same(j.values(j.columnSums(j.constant(x))), n.values(n.columnSums(n.constant(x))), "columnSums");
        same(j.values(j.scale(j.constant(x), -0.5)), n.values(n.scale(n.constant(x), -0.5)), "scale");

        j.addGradient(tower, j.constant(NetworkFixture.matrix(3, 4, 1, new Random(8))), 2);
        n.addGradient(tower, n.constant(NetworkFixture.matrix(3, 4, 1, new Random(8))), 2);
        j.addGradientRows(ids, rows, j.constant(NetworkFixture.matrix(N, ids.cols(), 1, new Random(9))));
        n.addGradientRows(ids, rows, n.constant(NetworkFixture.matrix(N, ids.cols(), 1, new Random(9))));
        float[] fromJava = new float[theta.length];
        javaGradient.addTo(fromJava);
        assertArrays(ndGradient.toFloatVector(), fromJava, "gradients added, repeated rows summed");
    }

    @ParameterizedTest
    @MethodSource("io.github.metarec4j.internal.model.NetworkGradientTest#networks")
    void aTasksMetaGradientAdaptationAndScoresAreTheReferences(Objective objective, AdaptationScope scope,
                                                               int[] hidden, int factors) {
        NetworkFixture f = new NetworkFixture(objective, scope, hidden, factors, 13);
        float[] theta = f.floatTheta();
        INDArray ndTheta = Nd4j.create(theta, new long[]{1, theta.length}, DataType.FLOAT);
        JavaTensors.Gradient javaGradient = new JavaTensors.Gradient(f.layout);
        INDArray ndGradient = Nd4j.zeros(DataType.FLOAT, 1, f.layout.size());
        double javaLoss = f.network.metaGradient(new JavaTensors(f.layout, theta, javaGradient), f.user, f.support,
                f.query, 3, 0.1, 0.05, 0.5);
        double ndLoss = f.network.metaGradient(new Nd4jTensors(f.layout, ndTheta, ndGradient), f.user, f.support,
                f.query, 3, 0.1, 0.05, 0.5);
        assertEquals(ndLoss, javaLoss, 1e-5 * Math.max(1, Math.abs(ndLoss)));
        float[] fromJava = new float[theta.length];
        javaGradient.addTo(fromJava);
        assertArrays(ndGradient.toFloatVector(), fromJava, "meta-gradient");

        double[] javaAdapted = f.network.adapt(new JavaTensors(f.layout, theta, null), f.user, f.support, 3, 0.1);
        double[] ndAdapted = f.network.adapt(new Nd4jTensors(f.layout, ndTheta, null), f.user, f.support, 3, 0.1);
        assertArrays(toFloat(ndAdapted), toFloat(javaAdapted), "adapted values");
        double[][] javaScores = f.network.score(new JavaTensors(f.layout, theta, null), f.user, javaAdapted,
                f.query.inputs(), f.query.ids());
        double[][] ndScores = f.network.score(new Nd4jTensors(f.layout, ndTheta, null), f.user, javaAdapted,
                f.query.inputs(), f.query.ids());
        for (int r = 0; r < javaScores.length; r++) {
            assertArrays(toFloat(ndScores[r]), toFloat(javaScores[r]), "scores of row " + r);
        }
    }

    /**
     * Second order on the fast path (single precision, the Hessian-vector products' step of
     * {@code TaskGradient.SecondOrder.SINGLE_PRECISION_STEP}) against the double-precision reference
     * with a step of 1e-5, which the gradient check pins to finite differences of the task's loss:
     * the differences of float gradients keep about three digits of the largest entry.
     */
    @ParameterizedTest
    @MethodSource("io.github.metarec4j.internal.model.NetworkGradientTest#networks")
    void theSecondOrderMetaGradientInSinglePrecisionIsTheReferences(Objective objective, AdaptationScope scope,
                                                                    int[] hidden, int factors) {
        NetworkFixture f = new NetworkFixture(objective, scope, hidden, factors, 29);
        float[] theta = f.floatTheta();
        INDArray ndTheta = Nd4j.create(theta, new long[]{1, theta.length}, DataType.FLOAT).castTo(DataType.DOUBLE);
        JavaTensors.Gradient javaGradient = new JavaTensors.Gradient(f.layout);
        INDArray ndGradient = Nd4j.zeros(DataType.DOUBLE, 1, f.layout.size());
        f.network.secondOrderMetaGradient(new JavaTensors(f.layout, theta, javaGradient), f.user, f.support, f.query,
                3, 0.1, 0.05, 0.5, 1e-2);
        f.network.secondOrderMetaGradient(new Nd4jTensors(f.layout, ndTheta, ndGradient), f.user, f.support,
                f.query, 3, 0.1, 0.05, 0.5, 1e-5);
        float[] fromJava = new float[theta.length];
        javaGradient.addTo(fromJava);
        double[] reference = ndGradient.toDoubleVector();
        double largest = java.util.Arrays.stream(reference).map(Math::abs).max().orElse(0);
        assertTrue(largest > 0, "the reference gradient is zero");
        for (int i = 0; i < reference.length; i++) {
            assertEquals(reference[i], fromJava[i], 1e-3 * largest, "second-order meta-gradient [" + i + "]");
        }
    }

    @Test
    void theJavaPathNamesWhatDoesNotFit() {
        NetworkFixture f = new NetworkFixture(Objective.RATING, AdaptationScope.USER, new int[]{5}, 3, 3);
        JavaTensors j = new JavaTensors(f.layout, f.floatTheta(), null);
        ParameterLayout.Block tower = f.layout.block(ParameterLayout.ITEM_TOWER);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> j.affine(j.constant(new float[2][9]), j.param(tower), 0));
        assertTrue(e.getMessage().contains("[x, 1] W needs 10 rows of W from row 0, W has 8"), e.getMessage());
        IllegalStateException noGradient = assertThrows(IllegalStateException.class,
                () -> j.addGradient(tower, j.param(tower), 0));
        assertTrue(noGradient.getMessage().contains("no gradient"), noGradient.getMessage());
        IllegalArgumentException wrongSize = assertThrows(IllegalArgumentException.class,
                () -> new JavaTensors(f.layout, new float[3], null));
        assertTrue(wrongSize.getMessage().contains("the layout has " + f.layout.size() + " parameters, got 3"),
                wrongSize.getMessage());
        IllegalArgumentException badRow = assertThrows(IllegalArgumentException.class,
                () -> j.gather(f.layout.block(ParameterLayout.ITEM_BIAS), new int[]{10}));
        assertTrue(badRow.getMessage().contains("row 10 of table itemBias does not exist (it has 10)"),
                badRow.getMessage());
    }

    private static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    private static void same(double[][] expected, double[][] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": rows");
        for (int r = 0; r < expected.length; r++) {
            assertEquals(expected[r].length, actual[r].length, what + ": columns");
            for (int c = 0; c < expected[r].length; c++) {
                assertEquals(expected[r][c], actual[r][c], 1e-5 * Math.max(1, Math.abs(expected[r][c])),
                        what + " [" + r + "][" + c + "]");
            }
        }
    }

    private static void assertArrays(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 2e-4 * Math.max(1, Math.abs(expected[i])), what + " [" + i + "]");
        }
    }
}
