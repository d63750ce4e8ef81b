package io.github.metarec4j.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The documented search space of the {@code tune} command: named candidates, each a set of
 * settings over the library's defaults, one factor at a time (the defaults themselves are the
 * first). Immutable; thread-safe.
 */
final class TuneSpace {

    /** A candidate: its name and its settings. */
    record Candidate(String name, ConfigOverrides settings) {
    }

    private static final Map<String, String> CS100K = cs100k();
    private static final Map<String, String> CSLFM = csLfm();

    private TuneSpace() {
    }

    private static Map<String, String> cs100k() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("defaults", "");
        m.put("rating-only", "objective=RATING");
        m.put("no-history", "historyEncoder=false");
        m.put("no-hidden", "hiddenLayers=none");
        m.put("no-id-embedding", "itemIdEmbeddingSize=0");
        m.put("no-factors", "userFactors=0;historyEncoder=false");
        m.put("itemL2-0.5", "itemL2=0.5");
        m.put("itemL2-2", "itemL2=2");
        m.put("outer-1e-3", "outerLearningRate=0.001");
        m.put("select-mae", "selection=MAE");
        m.put("random-tasks", "taskOrder=RANDOM");
        m.put("fixed-rates", "learnInnerRates=false");
        m.put("steps-1", "innerSteps=1");
        m.put("steps-5", "innerSteps=5");
        return m;
    }

    private static Map<String, String> csLfm() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("defaults", "");
        return m;
    }

    /**
     * The candidates {@code list} names (comma-separated), or all of the protocol's.
     *
     * @throws BenchmarkOptions.UsageException for a name the space does not have
     */
    static List<Candidate> named(String protocol, String list) throws BenchmarkOptions.UsageException {
        Map<String, String> space = protocol.equals("cslfm") ? CSLFM : CS100K;
        List<String> names = list.equals("all") ? new ArrayList<>(space.keySet()) : List.of(list.split(","));
        List<Candidate> out = new ArrayList<>();
        for (String n : names) {
            String settings = space.get(n.trim());
            if (settings == null) {
                throw new BenchmarkOptions.UsageException("no candidate '" + n + "' in the " + protocol
                        + " search space; it has " + space.keySet());
            }
            out.add(new Candidate(n.trim(), ConfigOverrides.parse(settings)));
        }
        return out;
    }
}
