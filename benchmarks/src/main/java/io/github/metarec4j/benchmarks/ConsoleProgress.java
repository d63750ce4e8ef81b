package io.github.metarec4j.benchmarks;

import io.github.metarec4j.eval.EvaluationListener;
import io.github.metarec4j.eval.ScenarioResult;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Prints a line when a run's method is fitted and one per scenario as it is scored, with its
 * headline figures and how long it took.
 *
 * <p>Not thread-safe: one per run, on the evaluating thread.
 */
final class ConsoleProgress implements EvaluationListener {

    private final PrintStream out;
    private final String label;
    /** The figures a progress line shows, of those the scenario has. */
    private final List<String> shown;
    private long last = System.nanoTime();

    /**
     * Progress of the run called {@code label} ("meta-learned seed 42"), printed on {@code out},
     * each scenario's line with the figures {@code shown} ("MAE", "P@10") that it has.
     */
    ConsoleProgress(PrintStream out, String label, List<String> shown) {
        this.out = out;
        this.label = label;
        this.shown = List.copyOf(shown);
    }

    @Override
    public void onFitted(String method, double fitSeconds) {
        out.printf(Locale.ROOT, "  %s: fitted in %.1f s%n", label, fitSeconds);
        last = System.nanoTime();
    }

    @Override
    public void onScenarioEnd(String method, ScenarioResult result) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %s  %-18s", label, result.scenario()));
        for (String metric : shown) {
            OptionalDouble v = result.metric(metric);
            if (v.isPresent()) {
                line.append(String.format(Locale.ROOT, "  %s %.4f", metric, v.getAsDouble()));
            }
        }
        long now = System.nanoTime();
        line.append(String.format(Locale.ROOT, "  (%,d users, %.1f s)", result.users(), (now - last) / 1e9));
        last = now;
        out.println(line);
        out.flush();
    }
}
