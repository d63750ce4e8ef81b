package io.github.metarec4j.meta;

import io.github.metarec4j.internal.meta.MamlTrainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/** Logs training progress through SLF4J at INFO, rate-limited to one step line per interval. */
final class LoggingListener implements TrainingListener {

    private static final Logger LOG = LoggerFactory.getLogger(MamlTrainer.class);

    private final long intervalNanos;
    private long lastLog = Long.MIN_VALUE;

    LoggingListener(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public void onTrainingStart(TrainingPlan plan) {
        LOG.info("meta-training: up to {} epochs, {} training users, {} validation users, meta-batch {}, "
                        + "{} parameters", plan.epochs(), plan.trainingUsers(), plan.validationUsers(),
                plan.metaBatchSize(), plan.parameters());
        lastLog = System.nanoTime();
    }

    @Override
    public void onMetaStep(TrainingProgress p) {
        long now = System.nanoTime();
        if (now - lastLog >= intervalNanos) {
            lastLog = now;
            if (LOG.isInfoEnabled()) {
                LOG.info(String.format("epoch %d/%d step %d/%d: query loss %.4f, %,.0f tasks/s", p.epoch(), p.epochs(),
                        p.step(), p.stepsInEpoch(), p.loss(), p.tasksPerSecond()));
            }
        }
    }

    @Override
    public void onEpochEnd(EpochSummary s) {
        if (LOG.isInfoEnabled()) {
            LOG.info(String.format("epoch %d/%d done in %.1f s: query loss %.4f, validation %s%s", s.epoch(),
                    s.epochs(), s.epochTime().toNanos() / 1e9, s.trainingLoss(),
                    Double.isNaN(s.validationScore()) ? "off" : String.format("%.4f (MAE %.4f, Recall@20 %.4f)",
                            s.validationScore(), s.validationMae(), s.validationRecall()),
                    s.improved() ? " (best)" : ""));
        }
    }

    @Override
    public void onTrainingEnd(TrainingSummary s) {
        if (LOG.isInfoEnabled()) {
            LOG.info(String.format("meta-training finished after %d epochs%s in %.1f s (%,.0f tasks/s); best epoch %d,"
                            + " validation %.4f", s.epochsRun(), s.stopReason().note(),
                    s.time().toNanos() / 1e9, s.tasksPerSecond(), s.bestEpoch(), s.bestValidationScore()));
        }
    }
}
