package io.github.metarec4j.internal.model;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * ND4J's native thread pools, process-wide.
 *
 * <p>By default ND4J runs every operation on all cores (OpenMP) and its BLAS on all cores
 * too. For small arrays that costs more in thread hand-offs than it gains, and multi-threaded
 * reductions add up in a varying order. Training, adaptation and serving do not run on ND4J
 * (they run on {@link JavaTensors}); ND4J draws the initial weights ({@link ParameterInit}),
 * runs the reference implementation {@link Nd4jTensors} in the tests, and the products of the
 * EASE baseline in {@code eval}. The tests, the benchmarks and the quickstart call
 * {@link #singleThreaded()} so that those run alike from run to run; the version 0.1 figures
 * that motivated it, when training ran on ND4J, are in docs/performance.md.
 *
 * <p>The library does not change these settings by itself, because they apply to the whole
 * process, and an application may use ND4J for other work.
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
