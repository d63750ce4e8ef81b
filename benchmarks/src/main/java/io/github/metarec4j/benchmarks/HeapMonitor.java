package io.github.metarec4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The most heap a phase of a benchmark used: a daemon thread samples
 * {@link MemoryMXBean#getHeapMemoryUsage()} every few milliseconds and keeps the largest "used"
 * since the last {@link #reset()}. Used heap counts garbage not yet collected, so it is an upper
 * bound of what the phase needs (the collector lets garbage grow towards the heap limit); that a
 * run finishes under {@code -Xmx} is the proof that the limit suffices.
 *
 * <p>Thread-safe; {@link #close()} stops the sampling.
 */
final class HeapMonitor implements AutoCloseable {

    private static final long MIB = 1024 * 1024;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong sincePhase = new AtomicLong();
    private final AtomicLong overall = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    /** Starts sampling every {@code intervalMillis}. */
    HeapMonitor(long intervalMillis) {
        sampler = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(intervalMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-monitor");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        long used = memory.getHeapMemoryUsage().getUsed();
        sincePhase.accumulateAndGet(used, Math::max);
        overall.accumulateAndGet(used, Math::max);
    }

    /** Starts a new phase: its peak starts from the heap used now. */
    void reset() {
        sincePhase.set(memory.getHeapMemoryUsage().getUsed());
    }

    /** The most heap used since the last {@link #reset()}, in MiB. */
    long phasePeakMiB() {
        sample();
        return sincePhase.get() / MIB;
    }

    /** The most heap used since this monitor started, in MiB. */
    long overallPeakMiB() {
        sample();
        return overall.get() / MIB;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
