package io.github.metarec4j.benchmarks;

import io.github.metarec4j.meta.TrainingListener;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps every epoch's summary of one training run: the loss curves of the report and the
 * throughput of the training epochs alone (the trainer's own total includes validation).
 *
 * <p>Not thread-safe: one recorder per training run, called on its training thread.
 */
final class EpochRecorder implements TrainingListener {

    private final List<EpochSummary> epochs = new ArrayList<>();

    @Override
    public void onEpochEnd(EpochSummary summary) {
        epochs.add(summary);
    }

    /** The epochs so far, in order. */
    List<EpochSummary> epochs() {
        return List.copyOf(epochs);
    }
}
