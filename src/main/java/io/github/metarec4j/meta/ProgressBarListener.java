package io.github.metarec4j.meta;

import java.io.PrintStream;

/** A one-line text progress bar, redrawn with a carriage return, plus a line per epoch. */
final class ProgressBarListener implements TrainingListener {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream out;
    private long lastDraw;

    ProgressBarListener(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onMetaStep(TrainingProgress p) {
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS && p.step() != p.stepsInEpoch()) {
            return;
        }
        lastDraw = now;
        double done = (p.epoch() - 1 + p.step() / (double) p.stepsInEpoch()) / p.epochs();
        int filled = (int) Math.round(done * WIDTH);
        out.printf("\r[%s%s] %3.0f%%  epoch %d/%d  loss %.4f  %,.0f tasks/s ", "=".repeat(filled),
                " ".repeat(WIDTH - filled), 100 * done, p.epoch(), p.epochs(), p.loss(), p.tasksPerSecond());
        out.flush();
    }

    @Override
    public void onEpochEnd(EpochSummary s) {
        out.printf("\repoch %d/%d  loss %.4f  validation %s%s%s%n", s.epoch(), s.epochs(), s.trainingLoss(),
                Double.isNaN(s.validationScore()) ? "off" : String.format("%.4f (MAE %.4f, Recall@20 %.4f)",
                        s.validationScore(), s.validationMae(), s.validationRecall()),
                s.improved() ? "  (best)" : "", " ".repeat(WIDTH));
        out.flush();
    }

    @Override
    public void onTrainingEnd(TrainingSummary s) {
        out.printf("done: %d epochs%s, best %d (validation %.4f), %.1f s, %,.0f tasks/s%n", s.epochsRun(),
                s.stopReason().note(), s.bestEpoch(), s.bestValidationScore(),
                s.time().toNanos() / 1e9, s.tasksPerSecond());
        out.flush();
    }
}
