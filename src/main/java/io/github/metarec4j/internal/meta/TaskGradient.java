package io.github.metarec4j.internal.meta;

import io.github.metarec4j.internal.model.JavaTensors;
import io.github.metarec4j.internal.model.Network;
import io.github.metarec4j.internal.model.ParameterLayout;
import io.github.metarec4j.internal.model.Rows;
import io.github.metarec4j.internal.util.Checks;

/**
 * How one task (a user's support and query) adds its share to a meta-step's gradient: the
 * meta-learning algorithms {@code MetaTrainer} offers. Each is a rule for the direction the
 * outer update (Adam) follows; everything else (tasks, sampling, validation, serving) is shared.
 *
 * <p>Immutable values; thread-safe.
 */
public sealed interface TaskGradient {

    /**
     * Adds {@code weight} times the task's share of the meta-gradient to {@code into}.
     *
     * @param network    the scorer
     * @param bound      {@code params} and {@code into} bound together (reused across a thread's tasks)
     * @param params     the shared parameters (read only)
     * @param into       the calling thread's gradient accumulators
     * @param userInput  the user's encoded features
     * @param innerSteps the inner steps per task
     * @param fixedRate  the inner learning rate when the rates are not learned
     * @param itemL2     the item rows' L2 penalty
     * @return {@code weight} times the task's query loss (plus the penalty), as the step reports it
     */
    double add(Network network, JavaTensors bound, float[] params, JavaTensors.Gradient into, float[] userInput,
               Rows support, Rows query, int innerSteps, double fixedRate, double itemL2, double weight);

    /** How {@link io.github.metarec4j.meta.Provenance#algorithm()} names the algorithm. */
    String name();

    /**
     * First-order MAML: the query loss's gradient at the adapted values, those treated as their
     * start plus a constant ({@link Network#metaGradient}).
     */
    record FirstOrder() implements TaskGradient {
        @Override
        public double add(Network network, JavaTensors bound, float[] params, JavaTensors.Gradient into,
                          float[] userInput, Rows support, Rows query, int innerSteps, double fixedRate, double itemL2,
                          double weight) {
            return network.metaGradient(bound, userInput, support, query, innerSteps, fixedRate, itemL2, weight);
        }

        @Override
        public String name() {
            return "first-order MAML";
        }
    }

    /**
     * Second-order MAML: the gradient of the query loss through the inner loop
     * ({@link Network#secondOrderMetaGradient}).
     *
     * @param hvpStep the largest change of an adapted value in the Hessian-vector products' central differences
     */
    record SecondOrder(double hvpStep) implements TaskGradient {
        /**
         * The step for single precision: large enough that the difference of two float gradients
         * keeps about five digits, small enough that the loss's third derivative does not show
         * (the fast path against the double-precision reference: NetworkGradientTest).
         */
        public static final double SINGLE_PRECISION_STEP = 1e-2;

        /** Validates the step. */
        public SecondOrder {
            Checks.positive(hvpStep, "hvpStep", "the Hessian-vector products' step");
        }

        @Override
        public double add(Network network, JavaTensors bound, float[] params, JavaTensors.Gradient into,
                          float[] userInput, Rows support, Rows query, int innerSteps, double fixedRate, double itemL2,
                          double weight) {
            return network.secondOrderMetaGradient(bound, userInput, support, query, innerSteps, fixedRate, itemL2,
                    weight, hvpStep);
        }

        @Override
        public String name() {
            return "second-order MAML";
        }
    }

    /**
     * Reptile (Nichol, Achiam and Schulman, 2018): {@code innerSteps} steps of plain gradient
     * descent on every shared parameter, on the task's support and query in turn (support first),
     * each step's loss that of the rows at the user's starting state (no inner loop of the
     * model's own); the task's direction is {@code (theta - phi) / stepSize}, phi the weights the
     * steps reach, which is the sum of the steps' gradients. With one step it is the supervised
     * gradient of the support; with more, the later steps' gradients are taken where the earlier
     * ones led, which is what makes it meta-learn. The inner learning rates, damping and ridge
     * penalties get no gradient (they keep their starting values).
     *
     * @param stepSize the inner steps' learning rate on the shared parameters
     */
    record Reptile(double stepSize) implements TaskGradient {
        /** Validates the step size. */
        public Reptile {
            Checks.positive(stepSize, "stepSize", "Reptile's inner step size");
        }

        @Override
        public double add(Network network, JavaTensors bound, float[] params, JavaTensors.Gradient into,
                          float[] userInput, Rows support, Rows query, int innerSteps, double fixedRate, double itemL2,
                          double weight) {
            Checks.argument(innerSteps >= 2, "Reptile needs at least 2 inner steps (support, then query), got "
                    + innerSteps);
            ParameterLayout layout = network.layout();
            float[] phi = params.clone();
            double loss = Double.NaN;
            for (int step = 0; step < innerSteps; step++) {
                boolean onQuery = step % 2 == 1;
                JavaTensors.Gradient g = new JavaTensors.Gradient(layout);
                double stepLoss = network.metaGradient(new JavaTensors(layout, phi, g), userInput, support,
                        onQuery ? query : support, 0, fixedRate, itemL2, 1);
                if (onQuery && Double.isNaN(loss)) {
                    loss = weight * stepLoss; // the query's loss where the support's step led
                }
                g.addTo(phi, (float) -stepSize);
                g.addTo(into, (float) weight);
            }
            return loss;
        }

        @Override
        public String name() {
            return "Reptile (inner step " + stepSize + ")";
        }
    }
}
