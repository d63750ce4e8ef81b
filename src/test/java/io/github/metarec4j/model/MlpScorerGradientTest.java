package io.github.metarec4j.model;

import io.github.metarec4j.TestBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Gradient check of the hand-written backward pass against central finite differences in
 * double precision (as DL4J's GradientCheckUtil: relative error with an absolute floor),
 * for every parameter block, every adaptation scope and both losses.
 */
class MlpScorerGradientTest extends TestBase {

    private static final double EPS = 1e-6;
    private static final double MAX_REL_ERROR = 1e-5;
    private static final double MIN_ABS_ERROR = 1e-9;

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (Objective o : List.of(Objective.RATING, Objective.IMPLICIT)) {
            for (AdaptationScope s : AdaptationScope.values()) {
                list.add(Arguments.of(o, s, 2));
                list.add(Arguments.of(o, s, 0));
            }
        }
        return list.stream();
    }

    /** The per-task gradient with respect to each task's own adapted parameters (the inner loop). */
    @ParameterizedTest(name = "{0} {1} idSize={2}")
    @MethodSource("cases")
    void adaptedGradientMatchesFiniteDifferences(Objective objective, AdaptationScope scope, int idSize) {
        ScorerFixture f = new ScorerFixture(objective, DataType.DOUBLE, 3, 4, true, idSize, 11);
        MlpScorer s = f.scorer;
        MlpScorer.Prefix prefix = s.prefix(f.params, scope, f.batch);
        // distinct per-task weights, as after some inner steps
        INDArray adapted = s.adaptedCopies(f.params, scope, 3);
        adapted.addi(Nd4j.randn(DataType.DOUBLE, adapted.shape()).muli(0.05));
        MlpScorer.Pass pass = s.forward(prefix, adapted);
        s.lossGradient(pass);
        INDArray grad = adapted.ulike();
        s.backward(pass, grad, null);
        for (int t = 0; t < adapted.size(0); t++) {
            for (int k = 0; k < adapted.size(1); k++) {
                double orig = adapted.getDouble(t, k);
                adapted.putScalar(t, k, orig + EPS);
                double up = loss(s, prefix, adapted);
                adapted.putScalar(t, k, orig - EPS);
                double down = loss(s, prefix, adapted);
                adapted.putScalar(t, k, orig);
                check("task " + t + " adapted[" + k + "] " + blockOf(s, scope, k), grad.getDouble(t, k),
                        (up - down) / (2 * EPS));
            }
        }
    }

    /**
     * The first-order meta-gradient with respect to the shared parameters: with the
     * adapted copies equal to the shared values, it is the total derivative of the loss.
     */
    @ParameterizedTest(name = "{0} {1} idSize={2}")
    @MethodSource("cases")
    void sharedGradientMatchesFiniteDifferences(Objective objective, AdaptationScope scope, int idSize) {
        ScorerFixture f = new ScorerFixture(objective, DataType.DOUBLE, 2, 5, true, idSize, 23);
        MlpScorer s = f.scorer;
        INDArray params = f.params;
        MlpScorer.Pass pass = s.forward(s.prefix(params, scope, f.batch), s.adaptedCopies(params, scope, 2));
        s.lossGradient(pass);
        INDArray adaptedGrad = Nd4j.create(DataType.DOUBLE, 2, s.layout().adaptedSize(scope));
        INDArray grad = params.ulike();
        grad.assign(Double.NaN); // every entry must be written
        s.backward(pass, adaptedGrad, grad);
        for (long k = 0; k < params.length(); k++) {
            double orig = params.getDouble(0, k);
            params.putScalar(0, k, orig + EPS);
            double up = totalLoss(s, params, scope, f.batch);
            params.putScalar(0, k, orig - EPS);
            double down = totalLoss(s, params, scope, f.batch);
            params.putScalar(0, k, orig);
            check("param[" + k + "] " + blockOf(s, k), grad.getDouble(0, k), (up - down) / (2 * EPS));
        }
    }

    private static double loss(MlpScorer s, MlpScorer.Prefix prefix, INDArray adapted) {
        return s.lossGradient(s.forward(prefix, adapted));
    }

    private static double totalLoss(MlpScorer s, INDArray params, AdaptationScope scope, RowBatch batch) {
        return s.lossGradient(s.forward(s.prefix(params, scope, batch),
                s.adaptedCopies(params, scope, batch.tasks())));
    }

    private static void check(String what, double analytic, double numeric) {
        double abs = Math.abs(analytic - numeric);
        double rel = abs / Math.max(Math.abs(analytic) + Math.abs(numeric), 1e-300);
        if (Double.isNaN(analytic) || (abs > MIN_ABS_ERROR && rel > MAX_REL_ERROR)) {
            fail(what + ": backprop " + analytic + " vs finite differences " + numeric + " (relative error " + rel
                    + ")");
        }
        assertTrue(true);
    }

    private static String blockOf(MlpScorer s, AdaptationScope scope, long adaptedIndex) {
        return blockOf(s, adaptedIndex + s.layout().adaptedOffset(scope));
    }

    private static String blockOf(MlpScorer s, long index) {
        for (ParameterLayout.Block b : s.layout().blocks()) {
            if (index >= b.offset() && index < b.offset() + b.length()) {
                return b.name() + "(" + (index - b.offset()) / b.cols() + "," + (index - b.offset()) % b.cols() + ")";
            }
        }
        return "?";
    }
}
