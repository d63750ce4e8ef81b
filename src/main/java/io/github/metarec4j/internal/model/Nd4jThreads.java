package io.github.metarec4j.internal.model;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * ND4J's native thread pools, process-wide.
 *
 * <p>By default ND4J runs every operation on all cores (OpenMP) and its BLAS on all cores
 * too. For this library's arrays (tens of rows by tens of columns per user) that costs more
 * in thread hand-offs than it gains, and multi-threaded reductions add up in a varying order,
 * so two trainings with the same seed differ in the last bits. Measured on a 2-core machine
 * on MovieLens-100k (3 interleaved runs each): single-threaded ND4J trained in 3.8-4.1 s
 * instead of 5.1-6.7 s, adapted a user in about 6.5 ms instead of 12.8 ms, and gave
 * bit-identical models for the same seed.
 *
 * <p>The library does not change these settings by itself, because they apply to the whole
 * process, and an application may use ND4J for other work. Call {@link #singleThreaded()}
 * once at start-up when serving or training recommenders is the process's job; serve
 * concurrent requests from several Java threads instead.
 *
 * <p>Thread-safe; the settings are global.
 */
public final class Nd4jThreads {

    private Nd4jThreads() {
    }

    /** Runs ND4J's operations and its BLAS on one thread each (per calling Java thread). */
    public static synchronized void singleThreaded() {
        Nd4j.create(1); // the native backend must be loaded before its thread count can be set
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
    }

    /** The number of OpenMP threads ND4J uses per operation. */
    public static int operationThreads() {
        Nd4j.create(1);
        return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }
}
