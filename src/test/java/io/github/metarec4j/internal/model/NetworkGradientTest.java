package io.github.metarec4j.internal.model;

import io.github.metarec4j.TestBase;
import io.github.metarec4j.model.AdaptationScope;
import io.github.metarec4j.model.Objective;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-written backward passes of {@link Network} against central finite differences in
 * double precision (on the ND4J reference), as DL4J's GradientCheckUtil checks its layers:
 * <ul>
 *   <li>the meta-gradient of every shared parameter is the exact gradient of the query loss
 *       (plus the row penalty) at {@code A_0(theta) + delta}, delta the inner loop's change held
 *       fixed: first-order MAML's definition; where the rating head's user values are solved in
 *       closed form, at the ridge's solution for the starting values and penalties of theta,
 *       its rows and targets held fixed;</li>
 *   <li>the gradients of the learned log rates and log damping counts are those of the unrolled
 *       steps with each step's support gradient held fixed;</li>
 *   <li>the inner loop's step uses the exact gradient of the support loss with respect to the
 *       adapted values.</li>
 *   <li>second order: the meta-gradient of every parameter is the gradient of the task's loss,
 *       the inner loop (steps, damping, closed-form fit) run afresh at each perturbed theta;</li>
 * </ul>
 * For each head, scope, depth and with and without factors.
 */
class NetworkGradientTest extends TestBase {

    private static final double EPS = 1e-6;
    private static final double ITEM_L2 = 0.05;
    private static final double WEIGHT = 0.5;

    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of(Objective.JOINT, AdaptationScope.USER, new int[]{5}, 3),
                Arguments.of(Objective.JOINT, AdaptationScope.HEAD, new int[]{5}, 3),
                Arguments.of(Objective.JOINT, AdaptationScope.USER, new int[]{}, 0),
                Arguments.of(Objective.RATING, AdaptationScope.USER, new int[]{5, 4}, 3),
                Arguments.of(Objective.RATING, AdaptationScope.HEAD, new int[]{}, 3),
                Arguments.of(Objective.ENGAGEMENT, AdaptationScope.USER, new int[]{5}, 0),
                Arguments.of(Objective.ENGAGEMENT, AdaptationScope.HEAD, new int[]{5, 4}, 3));
    }

    @ParameterizedTest
    @MethodSource("networks")
    void theMetaGradientIsTheGradientOfTheQueryLossWithTheInnerChangeHeldFixed(Objective objective,
                                                                               AdaptationScope scope, int[] hidden,
                                                                               int factors) {
        NetworkFixture f = new NetworkFixture(objective, scope, hidden, factors, 7);
        INDArray gradient = Nd4j.zeros(DataType.DOUBLE, 1, f.layout.size());
        f.network.metaGradient(new Nd4jTensors(f.layout, f.theta, gradient), f.user, f.support, f.query, 3, 0.1,
                ITEM_L2, WEIGHT);
        double[] g = gradient.toDoubleVector();

        Nd4jTensors t0 = new Nd4jTensors(f.layout, f.theta, null);
        INDArray hu = f.network.user(t0, f.user);
        double[] start = f.network.start(t0, hu, Network.positiveIds(f.support));
        double[] logRates = f.network.logRates(t0, 0.1);
        Network.Adaptation adaptation = f.network.adapt(t0, f.network.pass(t0, hu, f.network.items(t0,
                f.support.inputs(), f.support.ids())), f.support, start, logRates, 3);
        double[] delta = new double[start.length];
        Arrays.setAll(delta, j -> adaptation.adapted()[j] - start[j]);

        ParameterLayout.Block rates = f.layout.block(ParameterLayout.INNER_RATES);
        ParameterLayout.Block damping = f.layout.block(ParameterLayout.INNER_DAMPING);
        int checked = 0;
        for (int p = 0; p < f.layout.size(); p++) {
            double numeric;
            if (inside(rates, p) || inside(damping, p)) {
                if (adaptation.ridge() != null && adaptation.steps().isEmpty()) {
                    continue;
                }
                int j = (int) (p - (inside(rates, p) ? rates.offset() : damping.offset()));
                boolean rate = inside(rates, p);
                numeric = (unrolled(f, start, adaptation, logRates, j, rate ? EPS : 0, rate ? 0 : EPS)
                        - unrolled(f, start, adaptation, logRates, j, rate ? -EPS : 0, rate ? 0 : -EPS)) / (2 * EPS);
            } else {
                double old = f.theta.getDouble(0, p);
                f.theta.putScalar(0, p, old + EPS);
                double up = queryLoss(f, delta, adaptation.ridge());
                f.theta.putScalar(0, p, old - EPS);
                double down = queryLoss(f, delta, adaptation.ridge());
                f.theta.putScalar(0, p, old);
                numeric = (up - down) / (2 * EPS);
            }
            assertClose(numeric, g[p], blockOf(f.layout, p));
            checked++;
        }
        assertTrue(checked > f.layout.size() / 2, "checked " + checked + " of " + f.layout.size());
    }

    @ParameterizedTest
    @MethodSource("networks")
    void theSecondOrderMetaGradientIsTheGradientOfTheTasksLossThroughTheInnerLoop(Objective objective,
                                                                                 AdaptationScope scope, int[] hidden,
                                                                                 int factors) {
        NetworkFixture f = new NetworkFixture(objective, scope, hidden, factors, 23);
        INDArray gradient = Nd4j.zeros(DataType.DOUBLE, 1, f.layout.size());
        double loss = f.network.secondOrderMetaGradient(new Nd4jTensors(f.layout, f.theta, gradient), f.user,
                f.support, f.query, 2, 0.1, ITEM_L2, WEIGHT, 1e-5);
        double[] g = gradient.toDoubleVector();
        assertEquals(taskLoss(f), loss, 1e-12, "the loss is the first-order path's");
        // every parameter of the small blocks, six of each table's and larger layer's (each entry costs two
        // runs of the inner loop on the ND4J reference: all of them would take minutes)
        java.util.SplittableRandom pick = new java.util.SplittableRandom(5);
        int checked = 0;
        for (ParameterLayout.Block block : f.layout.blocks()) {
            int n = (int) block.length();
            int[] entries = n <= 12 ? java.util.stream.IntStream.range(0, n).toArray()
                    : pick.ints(6, 0, n).toArray();
            for (int e : entries) {
                int p = (int) block.offset() + e;
                double old = f.theta.getDouble(0, p);
                f.theta.putScalar(0, p, old + EPS);
                double up = taskLoss(f);
                f.theta.putScalar(0, p, old - EPS);
                double down = taskLoss(f);
                f.theta.putScalar(0, p, old);
                assertClose((up - down) / (2 * EPS), g[p], blockOf(f.layout, p));
                checked++;
            }
        }
        assertTrue(checked >= 3 * f.layout.blocks().size(), "checked " + checked);
    }

    /** The task's loss as a function of theta alone: the inner loop run afresh, then the query loss and penalty. */
    private static double taskLoss(NetworkFixture f) {
        Nd4jTensors t = new Nd4jTensors(f.layout, f.theta, Nd4j.zeros(DataType.DOUBLE, 1, f.layout.size()));
        INDArray hu = f.network.user(t, f.user);
        double[] start = f.network.start(t, hu, Network.positiveIds(f.support));
        double[] adapted = f.network.adapt(t, f.network.pass(t, hu, f.network.items(t, f.support.inputs(),
                f.support.ids())), f.support, start, f.network.logRates(t, 0.1), 2).adapted();
        Network.Pass<INDArray> pass = f.network.pass(t, hu, f.network.items(t, f.query.inputs(), f.query.ids()));
        return f.network.loss(t.values(f.network.outputs(t, pass, adapted)), f.query, WEIGHT,
                new double[f.query.size()][f.layout.heads()])
                + f.network.rowPenalty(t, f.query, Network.positiveIds(f.support), ITEM_L2, WEIGHT);
    }

    @ParameterizedTest
    @MethodSource("networks")
    void anInnerStepFollowsTheExactGradientOfTheSupportLoss(Objective objective, AdaptationScope scope, int[] hidden,
                                                            int factors) {
        NetworkFixture f = new NetworkFixture(objective, scope, hidden, factors, 11);
        Nd4jTensors t = new Nd4jTensors(f.layout, f.theta, null);
        INDArray hu = f.network.user(t, f.user);
        Network.Pass<INDArray> pass = f.network.pass(t, hu, f.network.items(t, f.support.inputs(), f.support.ids()));
        double[] start = f.network.start(t, hu, Network.positiveIds(f.support));
        double[] logRates = new double[start.length]; // every rate 1: the step is minus the gradient
        Network.Adaptation one = f.network.adapt(t, pass, f.support, start, logRates, 1);
        double[] step = one.steps().get(0);
        java.util.Set<Integer> solved = new java.util.HashSet<>();
        for (int j : f.layout.ridgeValues()) {
            solved.add(j);
        }
        for (int j = 0; j < start.length; j++) {
            if (solved.contains(j)) {
                assertEquals(0, step[j], 0, "value " + j + " is solved in closed form, not stepped");
                continue;
            }
            double[] up = start.clone();
            up[j] += EPS;
            double[] down = start.clone();
            down[j] -= EPS;
            double numeric = (supportLoss(f, t, pass, up) - supportLoss(f, t, pass, down)) / (2 * EPS);
            assertClose(numeric, step[j], "adapted value " + j);
            assertEquals(start[j] - one.shrink()[j] * step[j], one.adapted()[j], 1e-12, "the damped step " + j);
        }
    }

    @ParameterizedTest
    @MethodSource("networks")
    void theRidgeSolvesTheRatingHeadsOwnUserValuesExactly(Objective objective, AdaptationScope scope, int[] hidden,
                                                         int factors) {
        NetworkFixture f = new NetworkFixture(objective, scope, hidden, factors, 19);
        if (!f.layout.ridge()) {
            return; // not the rating head's own values, or not only the user state adapted: no ridge
        }
        Nd4jTensors t = new Nd4jTensors(f.layout, f.theta, null);
        INDArray hu = f.network.user(t, f.user);
        Network.Pass<INDArray> pass = f.network.pass(t, hu, f.network.items(t, f.support.inputs(), f.support.ids()));
        double[] start = f.network.start(t, hu, Network.positiveIds(f.support));
        Network.Adaptation adaptation = f.network.adapt(t, pass, f.support, start,
                f.network.logRates(t, 0.1), 2);
        double[] lambda = adaptation.ridge().lambda();
        int[] at = f.layout.ridgeValues();
        // the ridge's objective: P times the support's (half mean squared) rating loss, plus the prior
        java.util.function.ToDoubleFunction<double[]> objectiveOf = a -> {
            double prior = 0;
            for (int i = 0; i < at.length; i++) {
                double d = a[at[i]] - start[at[i]];
                prior += lambda[i] * d * d / 2;
            }
            return f.support.positives() * supportLoss(f, t, pass, a) + prior;
        };
        for (int j : at) {
            double[] up = adaptation.adapted().clone();
            up[j] += EPS;
            double[] down = adaptation.adapted().clone();
            down[j] -= EPS;
            double slope = (objectiveOf.applyAsDouble(up) - objectiveOf.applyAsDouble(down)) / (2 * EPS);
            assertEquals(0, slope, 1e-6, "the objective's slope in solved value " + j);
        }
    }

    private static double supportLoss(NetworkFixture f, Nd4jTensors t, Network.Pass<INDArray> pass, double[] a) {
        return f.network.supportLoss(t.values(f.network.outputs(t, pass, a)), f.support, 1,
                new double[f.support.size()][f.layout.heads()]);
    }

    /**
     * The query loss and row penalty at theta with the adapted values {@code A_0(theta) + delta},
     * the values the ridge solves replaced by its solution for theta's starting values and
     * penalties (its rows and targets those of the unperturbed adaptation).
     */
    private static double queryLoss(NetworkFixture f, double[] delta, Network.RidgeFit ridge) {
        Nd4jTensors t = new Nd4jTensors(f.layout, f.theta, Nd4j.zeros(DataType.DOUBLE, 1, f.layout.size()));
        INDArray hu = f.network.user(t, f.user);
        double[] start = f.network.start(t, hu, Network.positiveIds(f.support));
        double[] a = start.clone();
        for (int j = 0; j < a.length; j++) {
            a[j] += delta[j];
        }
        if (ridge != null) {
            double[] logLambda = ParameterLayout.view(f.theta, f.layout.block(ParameterLayout.INNER_RIDGE))
                    .toDoubleVector();
            double[] lambda = new double[ridge.at().length];
            double[] prior = new double[lambda.length];
            for (int i = 0; i < lambda.length; i++) {
                lambda[i] = Math.exp(logLambda[i]);
                prior[i] = start[ridge.at()[i]];
            }
            double[] w = Ridge.solve(ridge.x(), ridge.z(), lambda, prior).w();
            for (int i = 0; i < w.length; i++) {
                a[ridge.at()[i]] = w[i];
            }
        }
        Network.Pass<INDArray> pass = f.network.pass(t, hu, f.network.items(t, f.query.inputs(), f.query.ids()));
        double loss = f.network.loss(t.values(f.network.outputs(t, pass, a)), f.query, WEIGHT,
                new double[f.query.size()][f.layout.heads()]);
        return loss + f.network.rowPenalty(t, f.query, Network.positiveIds(f.support), ITEM_L2, WEIGHT);
    }

    /** The query loss of the unrolled steps' result, each step's gradient fixed, with rate j or count j moved. */
    private static double unrolled(NetworkFixture f, double[] start, Network.Adaptation adaptation, double[] logRates,
                                   int j, double rateStep, double countStep) {
        double[] rho = logRates.clone();
        rho[j] += rateStep;
        double[] logCounts = ParameterLayout.view(f.theta, f.layout.block(ParameterLayout.INNER_DAMPING))
                .toDoubleVector();
        logCounts[j] += countStep;
        double[] a = start.clone();
        for (double[] g : adaptation.steps()) {
            for (int i = 0; i < a.length; i++) {
                a[i] -= Math.exp(rho[i]) * g[i];
            }
        }
        int n = f.support.positives();
        for (int i = 0; i < a.length; i++) {
            a[i] = start[i] + n / (n + Math.exp(logCounts[i])) * (a[i] - start[i]);
        }
        Nd4jTensors t = new Nd4jTensors(f.layout, f.theta, null);
        INDArray hu = f.network.user(t, f.user);
        Network.Pass<INDArray> pass = f.network.pass(t, hu, f.network.items(t, f.query.inputs(), f.query.ids()));
        return f.network.loss(t.values(f.network.outputs(t, pass, a)), f.query, WEIGHT,
                new double[f.query.size()][f.layout.heads()]);
    }

    /** Relative error below 1e-5, or an absolute one below 1e-8 (DL4J's GradientCheckUtil's criteria). */
    private static void assertClose(double numeric, double analytic, String what) {
        double absolute = Math.abs(numeric - analytic);
        double relative = absolute / Math.max(Math.abs(numeric) + Math.abs(analytic), 1e-300);
        assertTrue(absolute < 1e-8 || relative < 1e-5, what + ": finite differences " + numeric + ", backward "
                + analytic);
    }

    private static boolean inside(ParameterLayout.Block b, int p) {
        return p >= b.offset() && p < b.offset() + b.length();
    }

    private static String blockOf(ParameterLayout layout, int p) {
        return layout.blocks().stream().filter(b -> inside(b, p)).findFirst()
                .map(b -> b.name() + "[" + (p - b.offset()) + "]").orElse("?");
    }
}
