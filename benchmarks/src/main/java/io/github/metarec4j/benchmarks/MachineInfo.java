package io.github.metarec4j.benchmarks;

import io.github.metarec4j.internal.model.Nd4jThreads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The machine a benchmark ran on, for the report: timings mean little without it.
 *
 * <p>Immutable value; thread-safe.
 *
 * @param cores                processors available to the JVM
 * @param cpu                  the processor's model name, where the OS says ({@code /proc/cpuinfo})
 * @param java                 Java version and VM
 * @param os                   OS name, version and architecture
 * @param maxHeapMiB           the JVM's heap limit
 * @param nd4jOperationThreads OpenMP threads per ND4J operation ({@link Nd4jThreads#operationThreads()})
 * @param loadAverage          the system's load average over the last minute when the benchmark started
 *                             (empty where the OS does not say): other work on the cores skews the timings
 * @param date                 when the benchmark started, ISO-8601 with the offset
 */
record MachineInfo(int cores, Optional<String> cpu, String java, String os, long maxHeapMiB,
                   int nd4jOperationThreads, OptionalDouble loadAverage, String date) {

    /** This machine, now. Loads ND4J's native backend (to ask its thread count). */
    static MachineInfo current() {
        return new MachineInfo(Runtime.getRuntime().availableProcessors(), cpuModel(),
                System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                        + System.getProperty("java.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024), Nd4jThreads.operationThreads(), systemLoadAverage(),
                ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    }

    private static OptionalDouble systemLoadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load >= 0 ? OptionalDouble.of(load) : OptionalDouble.empty(); // negative: not available
    }

    /** The first "model name" of /proc/cpuinfo (Linux); empty elsewhere or if unreadable. */
    private static Optional<String> cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return Optional.empty();
        }
        try (var lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty(); // the CPU's name is a nicety; the report goes on without it
        }
    }
}
