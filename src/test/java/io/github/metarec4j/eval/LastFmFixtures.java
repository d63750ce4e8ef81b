package io.github.metarec4j.eval;

import io.github.metarec4j.Skip;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.LastFm;

import java.nio.file.Path;


/** Last.fm (HetRec 2011) read once per JVM, and cut by CS-LFM once, for the eval tests. */
final class LastFmFixtures {

    private static Dataset data;
    private static ProtocolSplit split;

    private LastFmFixtures() {
    }

    /**
     * The real data set; the test is skipped (with how to get it) where it is absent. Call from
     * {@code @BeforeEach}: surefire reports a class-level skip without its message.
     */
    static synchronized Dataset data() {
        Path path = LastFm.defaultPath();
        Skip.unlessLastFm(path);
        if (data == null) {
            data = LastFm.loadHetrec2k(path);
        }
        return data;
    }

    /** The real data set cut by CS-LFM (skipped as {@link #data()}). */
    static synchronized ProtocolSplit split() {
        if (split == null) {
            split = ImplicitColdStartProtocol.csLfm().split(data());
        }
        return split;
    }
}
