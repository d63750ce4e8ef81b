package io.github.metarec4j.benchmarks;

import io.github.metarec4j.meta.MamlConfig.SelectionMetric;
import io.github.metarec4j.meta.MamlConfig.TaskOrder;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.model.AdaptationScope;
import io.github.metarec4j.model.Objective;
import io.github.metarec4j.model.ScorerConfig.EngagementLoss;
import io.github.metarec4j.model.ScorerConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of the learned methods given on a benchmark's command line ({@code --set
 * "hiddenLayers=64,64;innerSteps=5"}): each a setting of {@link ScorerConfig} or
 * {@link MamlConfig} by its builder's name, applied over the defaults. For experiments and
 * the {@code tune} command's candidates; the library itself has no string-keyed settings.
 *
 * <p>Immutable value; thread-safe.
 */
final class ConfigOverrides {

    /** The settings {@code --set} knows, with the form of their values, for the usage text and errors. */
    static final Map<String, String> KNOWN = known();

    private final Map<String, String> values;

    private ConfigOverrides(Map<String, String> values) {
        // in the order given, so that toString() reads as the text parse read
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** No overrides. */
    static ConfigOverrides none() {
        return new ConfigOverrides(Map.of());
    }

    /**
     * Parses {@code "name=value;name=value"}.
     *
     * @throws BenchmarkOptions.UsageException naming an unknown setting, a setting given twice or a
     *                                         malformed pair
     */
    static ConfigOverrides parse(String text) throws BenchmarkOptions.UsageException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : text.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0 || pair.substring(0, equals).isBlank()) {
                throw new BenchmarkOptions.UsageException("--set needs name=value pairs separated by ';', got '"
                        + pair.trim() + "'");
            }
            String name = pair.substring(0, equals).trim();
            if (!KNOWN.containsKey(name)) {
                throw new BenchmarkOptions.UsageException("--set does not know '" + name + "'; it knows "
                        + KNOWN.keySet());
            }
            if (values.put(name, pair.substring(equals + 1).trim()) != null) {
                throw new BenchmarkOptions.UsageException("--set gives '" + name + "' twice; give it once");
            }
        }
        ConfigOverrides o = new ConfigOverrides(values);
        try {
            o.scorer(ScorerConfig.builder().build());
            o.training(MamlConfig.builder().build());
        } catch (IllegalArgumentException e) {
            throw new BenchmarkOptions.UsageException("--set " + text + ": " + e.getMessage());
        }
        return o;
    }

    /** {@code v} as a constant of {@code type}, case-insensitive; the message lists the constants. */
    private static <E extends Enum<E>> E enumValue(Class<E> type, String setting, String v) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v.trim())) {
                return e;
            }
        }
        throw new IllegalArgumentException(setting + " must be one of " + Arrays.toString(
                type.getEnumConstants()) + ", got '" + v + "'");
    }

    /** Whether there is nothing to override. */
    boolean isEmpty() {
        return values.isEmpty();
    }

    /** The overrides as given, in the form {@link #parse} reads. */
    @Override
    public String toString() {
        return String.join(";", values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    /** {@code base} with the scorer settings applied. */
    ScorerConfig scorer(ScorerConfig base) {
        ScorerConfig.Builder b = base.toBuilder();
        values.forEach((name, v) -> {
            switch (name) {
                case "towerSize" -> b.towerSize(integer(v));
                case "hiddenLayers" -> b.hiddenLayers(integers(v));
                case "itemIdEmbeddingSize" -> b.itemIdEmbeddingSize(integer(v));
                case "userFactors" -> b.userFactors(integer(v));
                case "separateFactors" -> b.separateFactors(bool(v));
                case "historyEncoder" -> b.historyEncoder(bool(v));
                case "itemIdDropout" -> b.itemIdDropout(number(v));
                case "objective" -> b.objective(enumValue(Objective.class, "objective", v));
                case "negatives" -> b.negatives(integer(v));
                case "engagementWeight" -> b.engagementWeight(number(v));
                case "strengthWeights" -> b.strengthWeights(bool(v));
                case "itemBiasOffset" -> b.itemBiasOffset(bool(v));
                case "itemBiasDamping" -> b.itemBiasDamping(number(v));
                case "rankingRatingWeight" -> b.rankingRatingWeight(number(v));
                case "innerEngagementLoss" -> b.innerEngagementLoss(enumValue(EngagementLoss.class, "innerEngagementLoss", v));
                default -> {
                    // a training setting
                }
            }
        });
        return b.build();
    }

    /** {@code base} with the training settings applied. */
    MamlConfig training(MamlConfig base) {
        MamlConfig.Builder b = base.toBuilder();
        values.forEach((name, v) -> {
            switch (name) {
                case "innerSteps" -> b.innerSteps(integer(v));
                case "innerLearningRate" -> b.innerLearningRate(number(v));
                case "learnInnerRates" -> b.learnInnerRates(bool(v));
                case "adaptationDamping" -> b.adaptationDamping(number(v));
                case "ridgePenalty" -> b.ridgePenalty(number(v));
                case "outerLearningRate" -> b.outerLearningRate(number(v));
                case "metaBatchSize" -> b.metaBatchSize(integer(v));
                case "epochs" -> b.epochs(integer(v));
                case "supportSize" -> {
                    int[] range = integers(v.replace('-', ','));
                    b.supportSize(range[0], range[range.length - 1]);
                }
                case "maxQuery" -> b.maxQuery(integer(v));
                case "adaptationScope" -> b.adaptationScope(enumValue(AdaptationScope.class, "adaptationScope", v));
                case "taskOrder" -> b.taskOrder(enumValue(TaskOrder.class, "taskOrder", v));
                case "gradientClipNorm" -> b.gradientClipNorm(number(v));
                case "itemL2" -> b.itemL2(number(v));
                case "validationFraction" -> b.validationFraction(number(v));
                case "patience" -> b.patience(integer(v));
                case "selection" -> b.selection(enumValue(SelectionMetric.class, "selection", v));
                case "threads" -> b.threads(integer(v));
                case "reptileStepSize" -> b.reptileStepSize(number(v));
                default -> {
                    // a scorer setting
                }
            }
        });
        return b.build();
    }

    private static Map<String, String> known() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String name : List.of("towerSize", "itemIdEmbeddingSize", "userFactors", "negatives", "innerSteps",
                "metaBatchSize", "epochs", "maxQuery", "patience", "threads")) {
            m.put(name, "a whole number");
        }
        for (String name : List.of("itemIdDropout", "engagementWeight", "itemBiasDamping", "rankingRatingWeight",
                "innerLearningRate", "adaptationDamping", "ridgePenalty", "outerLearningRate", "gradientClipNorm", "itemL2",
                "validationFraction", "reptileStepSize")) {
            m.put(name, "a number");
        }
        for (String name : List.of("separateFactors", "historyEncoder", "strengthWeights", "itemBiasOffset",
                "learnInnerRates")) {
            m.put(name, "true or false");
        }
        m.put("hiddenLayers", "widths separated by commas, or none");
        m.put("supportSize", "min-max");
        m.put("objective", Arrays.toString(Objective.values()));
        m.put("innerEngagementLoss", Arrays.toString(EngagementLoss.values()));
        m.put("adaptationScope", Arrays.toString(AdaptationScope.values()));
        m.put("taskOrder", Arrays.toString(TaskOrder.values()));
        m.put("selection", Arrays.toString(SelectionMetric.values()));
        return Collections.unmodifiableMap(m);
    }

    private static int integer(String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + v + "' is not a whole number");
        }
    }

    private static int[] integers(String v) {
        if (v.isBlank() || v.equals("none")) {
            return new int[0];
        }
        List<Integer> out = new ArrayList<>();
        for (String part : v.split(",")) {
            out.add(integer(part.trim()));
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double number(String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + v + "' is not a number");
        }
    }

    private static boolean bool(String v) {
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("'" + v + "' is not true or false");
        }
        return Boolean.parseBoolean(v);
    }
}
