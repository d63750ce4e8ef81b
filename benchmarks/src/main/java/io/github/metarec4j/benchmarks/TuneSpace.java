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

    /**
     * A candidate: its name, its settings, and whether it is trained without meta-learning (the
     * same scorer fitted to all training rows, then adapted to each user by the same inner loop
     * at serving time: the ablation of meta-learning itself).
     */
    record Candidate(String name, ConfigOverrides settings, boolean supervised) {

        Candidate(String name, ConfigOverrides settings) {
            this(name, settings, false);
        }
    }

    /** The name of the candidate trained without meta-learning, in both spaces. */
    static final String SUPERVISED = "supervised-fine-tuned";

    /** Every candidate's settings, defined once; the spaces below list names in their order. */
    private static final Map<String, String> SETTINGS = settings();
    private static final Map<String, String> CS100K = space(
            "defaults",
            // what each part of the scorer and the inner loop adds: one taken away at a time
            "no-history-encoder", "no-factors", "shared-factors", SUPERVISED, "no-ridge", "damping-5",
            "fixed-inner-rates", "softmax-inner-loss", "rating-head-only", "random-tasks", "head-scope",
            "hidden-64", "select-by-loss", "select-by-mae",
            // the settings
            "outer-rate-1e-3", "factors-32", "negatives-50", "itemL2-0.001", "inner-steps-1", "inner-steps-5");
    private static final Map<String, String> CSLFM = space(
            "defaults", "no-history-encoder", SUPERVISED, "damping-5", "fixed-inner-rates", "softmax-inner-loss",
            "head-scope", "hidden-64", "outer-rate-1e-3", "factors-128", "negatives-50", "itemL2-0.001",
            "strength-weights");

    private TuneSpace() {
    }

    private static Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("defaults", "");
        m.put("no-history-encoder", "historyEncoder=false");
        m.put("no-factors", "userFactors=0;historyEncoder=false");
        m.put("shared-factors", "separateFactors=false");
        m.put(SUPERVISED, "");
        m.put("no-ridge", "ridgePenalty=0");
        m.put("damping-5", "adaptationDamping=5");
        m.put("fixed-inner-rates", "learnInnerRates=false");
        m.put("softmax-inner-loss", "innerEngagementLoss=SOFTMAX");
        m.put("rating-head-only", "objective=RATING");
        m.put("random-tasks", "taskOrder=RANDOM");
        m.put("head-scope", "adaptationScope=HEAD");
        m.put("hidden-64", "hiddenLayers=64");
        m.put("select-by-loss", "selection=LOSS");
        m.put("select-by-mae", "selection=MAE");
        m.put("outer-rate-1e-3", "outerLearningRate=0.001");
        m.put("factors-32", "userFactors=32");
        m.put("factors-128", "userFactors=128");
        m.put("negatives-50", "negatives=50");
        m.put("itemL2-0.001", "itemL2=0.001");
        m.put("inner-steps-1", "innerSteps=1");
        m.put("inner-steps-5", "innerSteps=5");
        m.put("strength-weights", "strengthWeights=true");
        return m;
    }

    /** The named candidates with their settings, in the order given. */
    private static Map<String, String> space(String... names) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String n : names) {
            m.put(n, SETTINGS.get(n));
        }
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
            out.add(new Candidate(n.trim(), ConfigOverrides.parse(settings), n.trim().equals(SUPERVISED)));
        }
        return out;
    }
}
