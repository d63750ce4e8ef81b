package io.github.metarec4j.eval;

/**
 * Told of an {@link Evaluator}'s progress through one method, so that a command line can
 * report each scenario as soon as it is scored instead of after the whole method. Every
 * method has an empty default; none is timed, so a listener never adds to a latency.
 *
 * <pre>{@code
 * Evaluator evaluator = Evaluator.builder()
 *         .listener(new EvaluationListener() {
 *             public void onScenarioEnd(String method, ScenarioResult r) {
 *                 System.out.println(method + " " + r.scenario() + " " + r.metrics());
 *             }
 *         })
 *         .build();
 * }</pre>
 *
 * <p>Called on the thread that runs {@link Evaluator#evaluate}; an implementation used by
 * one evaluation at a time need not be thread-safe.
 */
public interface EvaluationListener {

    /** {@code method} has been fitted on the training data, in {@code fitSeconds} of wall time. */
    default void onFitted(String method, double fitSeconds) {
    }

    /** {@code method} has been scored on one scenario (the same value {@link MethodResult#scenarios()} will hold). */
    default void onScenarioEnd(String method, ScenarioResult result) {
    }
}
