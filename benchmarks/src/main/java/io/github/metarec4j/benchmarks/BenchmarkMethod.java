package io.github.metarec4j.benchmarks;

import io.github.metarec4j.eval.EvaluatedMethod;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.meta.TrainingListener;
import io.github.metarec4j.model.ScorerConfig;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A method a benchmark command can run, by the name its {@code --methods} option takes:
 * {@link MethodChoice} for CS100K, {@link CsLfmMethods} for CS-LFM (made with {@link #of}).
 * Implementations are immutable and thread-safe.
 */
interface BenchmarkMethod {

    /** What {@code --methods} accepts besides the names: every baseline, every learned method, or all. */
    List<String> GROUPS = List.of("baselines", "learned", "all");

    /** The name {@code --methods} takes (plain words, so that no shell needs quoting). */
    String cliName();

    /** Whether the method trains (and so runs once per seed); baselines are deterministic and run once. */
    boolean learned();

    /**
     * The method to evaluate; baselines ignore the configurations and listeners.
     *
     * @param training the training configuration, seed included
     */
    EvaluatedMethod create(ScorerConfig scorer, MamlConfig training, List<TrainingListener> listeners);

    /** How a method is made from the learned methods' configuration (a baseline ignores it). */
    @FunctionalInterface
    interface Factory {
        /** The method to evaluate, with {@code training}'s seed. */
        EvaluatedMethod create(ScorerConfig scorer, MamlConfig training, List<TrainingListener> listeners);
    }

    /**
     * A method listed with its name, whether it trains, and how it is made: one line per
     * method of a command.
     *
     * @param cliName the name {@code --methods} takes
     * @param learned whether it trains (and so runs once per seed)
     * @param factory how it is made
     */
    record Listed(String cliName, boolean learned, Factory factory) implements BenchmarkMethod {
        @Override
        public EvaluatedMethod create(ScorerConfig scorer, MamlConfig training,
                                      List<TrainingListener> listeners) {
            return factory.create(scorer, training, listeners);
        }
    }

    /** The method called {@code cliName} that {@code factory} makes (see {@link Listed}). */
    static BenchmarkMethod of(String cliName, boolean learned, Factory factory) {
        return new Listed(cliName, learned, factory);
    }

    /** The {@link #cliName()}s of {@code methods}, in order. */
    static List<String> names(List<? extends BenchmarkMethod> methods) {
        return methods.stream().map(BenchmarkMethod::cliName).toList();
    }

    /** The method of {@code methods} called {@code cliName}, if any. */
    static <M extends BenchmarkMethod> Optional<M> byName(List<M> methods, String cliName) {
        return methods.stream().filter(m -> m.cliName().equals(cliName)).findFirst();
    }

    /** The methods of a group of {@link #GROUPS}, in the order of {@code methods}; empty for another word. */
    static <M extends BenchmarkMethod> List<M> group(List<M> methods, String name) {
        return switch (name) {
            case "baselines" -> methods.stream().filter(m -> !m.learned()).toList();
            case "learned" -> methods.stream().filter(BenchmarkMethod::learned).toList();
            case "all" -> List.copyOf(methods);
            default -> List.of();
        };
    }

    /** The names of a group, comma-separated, for a usage text. */
    static String groupNames(List<? extends BenchmarkMethod> methods, String group) {
        return group(methods, group).stream().map(BenchmarkMethod::cliName).collect(Collectors.joining(", "));
    }
}
