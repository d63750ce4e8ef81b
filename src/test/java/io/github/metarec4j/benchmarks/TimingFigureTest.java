package io.github.metarec4j.benchmarks;

import io.github.metarec4j.eval.Latency;
import io.github.metarec4j.eval.MethodResult;
import io.github.metarec4j.eval.Summary;
import io.github.metarec4j.eval.TrainingStats;
import io.github.metarec4j.meta.TrainingListener.EpochSummary;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The timing figures of a run and their summary over seeds, on hand-made results. */
class TimingFigureTest {

    private static EpochSummary epoch(int epoch, boolean improved, double tasksPerSecond) {
        return new EpochSummary(epoch, 5, 1.0 / epoch, 0.9, improved, 100L * epoch, Duration.ofSeconds(1),
                tasksPerSecond, Double.NaN, Double.NaN);
    }

    private static RunResult learned(long seed, double trainingSeconds, List<EpochSummary> epochs) {
        MethodResult r = new MethodResult("meta-learned", trainingSeconds + 0.5,
                Optional.of(new TrainingStats(300, trainingSeconds)), List.of(), Latency.of(1, 2, 3, 4),
                Latency.of(10, 20));
        return new RunResult(MethodChoice.META_LEARNED, OptionalLong.of(seed), r, epochs);
    }

    @Test
    void aLearnedRunHasEveryFigure() {
        RunResult run = learned(42, 3, List.of(epoch(1, true, 300), epoch(2, true, 100), epoch(3, false, 200)));
        assertEquals(OptionalDouble.of(3.5), TimingFigure.FIT_SECONDS.of(run));
        assertEquals(OptionalDouble.of(3), TimingFigure.TRAINING_SECONDS.of(run));
        assertEquals(OptionalDouble.of(100), TimingFigure.TASKS_PER_SECOND.of(run), "300 tasks in 3 s");
        assertEquals(OptionalDouble.of(200), TimingFigure.EPOCH_TASKS_PER_SECOND.of(run), "the median of 300, 100, 200");
        assertEquals(OptionalDouble.of(3), TimingFigure.EPOCHS_RUN.of(run));
        assertEquals(OptionalDouble.of(2), TimingFigure.BEST_EPOCH.of(run), "the last epoch that improved");
        assertEquals(OptionalDouble.of(2), TimingFigure.SECONDS_TO_BEST_EPOCH.of(run), "two epochs of 1 s");
        assertEquals(OptionalDouble.of(2.5), TimingFigure.ADAPT_MEDIAN.of(run));
        assertEquals(OptionalDouble.of(15), TimingFigure.TOP_N_MEDIAN.of(run));
        assertEquals("meta-learned seed 42", run.label());
    }

    @Test
    void anEvenNumberOfEpochsTakesTheMiddleTwo() {
        RunResult run = learned(1, 1, List.of(epoch(1, true, 100), epoch(2, true, 400), epoch(3, true, 200),
                epoch(4, true, 300)));
        assertEquals(OptionalDouble.of(250), run.epochTasksPerSecond());
    }

    @Test
    void aBaselineHasNoTrainingFigures() {
        MethodResult r = new MethodResult("global-mean", 0.01, Optional.empty(), List.of(), Latency.of(1),
                Latency.of());
        RunResult run = new RunResult(MethodChoice.GLOBAL_MEAN, OptionalLong.empty(), r, List.of());
        assertFalse(TimingFigure.TRAINING_SECONDS.of(run).isPresent());
        assertFalse(TimingFigure.EPOCH_TASKS_PER_SECOND.of(run).isPresent());
        assertFalse(TimingFigure.BEST_EPOCH.of(run).isPresent());
        assertFalse(TimingFigure.TOP_N_P99.of(run).isPresent(), "nothing timed: no figure rather than NaN");
        assertEquals("global-mean", run.label());
        MethodSummary s = MethodSummary.of(List.of(run));
        assertEquals(List.of(TimingFigure.FIT_SECONDS, TimingFigure.ADAPT_MEDIAN, TimingFigure.ADAPT_P99),
                List.copyOf(s.timing().keySet()));
    }

    @Test
    void seedsAreSummarisedWithMeanAndStandardDeviation() {
        MethodSummary s = MethodSummary.of(List.of(learned(42, 2, List.of(epoch(1, true, 10))),
                learned(43, 4, List.of(epoch(1, true, 30)))));
        Summary training = s.timing().get(TimingFigure.TRAINING_SECONDS);
        assertEquals(3, training.mean(), 1e-12);
        assertEquals(Math.sqrt(2), training.std(), 1e-12);
        assertEquals(2, training.n());
        assertEquals("3.0 ± 1.4", MarkdownReport.format(Optional.of(training), 1));
        assertEquals("–", MarkdownReport.format(Optional.empty(), 1));
        assertEquals("0.8312", MarkdownReport.format(Optional.of(Summary.of(0.83123)), 4));
    }
}
