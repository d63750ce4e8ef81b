package io.github.metarec4j;

import io.github.metarec4j.internal.model.Nd4jThreads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.concurrent.TimeUnit;

/**
 * Base of the library's tests (as DL4J's BaseDL4JTest): ND4J's default data type is
 * pinned to FLOAT so a test never depends on another's setting, ND4J runs single-threaded
 * (faster at these sizes, and bit-reproducible: see {@link Nd4jThreads}), and every test
 * method has a time limit, so a hang fails instead of stalling CI.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
public abstract class TestBase {

    @BeforeAll
    static void pinDataTypes() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Nd4jThreads.singleThreaded();
    }
}
