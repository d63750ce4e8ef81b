package io.github.metarec4j.benchmarks;

import io.github.metarec4j.data.MovieLens;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The command line of {@link Cs100kBenchmark}, parsed and checked.
 *
 * <p>Immutable value; thread-safe.
 *
 * @param data    the MovieLens-100k folder
 * @param out     where the results are written
 * @param seeds   how many seeds each learned method is trained with
 * @param epochs  the most epochs of training, if overridden
 * @param quick   whether to use the tiny configuration for smoke tests
 * @param methods the methods to run, in the order of {@link MethodChoice}
 * @param help    whether only the usage was asked for
 */
record BenchmarkOptions(Path data, Path out, int seeds, OptionalInt epochs, boolean quick,
                        List<MethodChoice> methods, boolean help) {

    /** Where the results go unless {@code --out} says otherwise (git-ignored). */
    static final Path DEFAULT_OUT = Path.of("benchmark-results", "cs100k");
    /** Seeds per learned method unless {@code --seeds} says otherwise. */
    static final int DEFAULT_SEEDS = 3;
    /** The most seeds accepted: each costs a training of every learned method. */
    static final int MAX_SEEDS = 100;

    /** The usage text. */
    static final String USAGE = """
            usage: Cs100kBenchmark [options]
              runs the CS100K cold-start benchmark (shared/benchmark/PROTOCOL.md) and writes
              results.md, results.json, mae-vs-k.png and loss-curves.png
              --data <folder>     MovieLens-100k (the folder holding u.data); default %s
              --out <folder>      where to write the results; default %s
              --seeds <n>         seeds per learned method (mean and std over them); default %d
              --epochs <n>        most epochs of training (early stopping may end sooner); default the library's
              --methods <list>    comma-separated methods or groups; default all
                                    baselines: %s
                                    learned: %s
              --quick             a tiny model and 2 epochs: a smoke test, not a benchmark
              --help              this text
            """.formatted(MovieLens.defaultPath(), DEFAULT_OUT, DEFAULT_SEEDS, names("baselines"), names("learned"));

    private static String names(String group) {
        return MethodChoice.group(group).stream().map(MethodChoice::cliName).collect(Collectors.joining(", "));
    }

    /** Copies the methods. */
    BenchmarkOptions {
        methods = List.copyOf(methods);
    }

    /** The command line was not understood; the message says why. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /**
     * Parses {@code args}: options as {@code --name value} or {@code --name=value}.
     *
     * @throws UsageException for an unknown option, a missing or bad value, or an option given twice
     */
    static BenchmarkOptions parse(String... args) throws UsageException {
        Path data = MovieLens.defaultPath();
        Path out = DEFAULT_OUT;
        int seeds = DEFAULT_SEEDS;
        OptionalInt epochs = OptionalInt.empty();
        boolean quick = false;
        List<MethodChoice> methods = List.of(MethodChoice.values());
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String name = equals > 0 ? arg.substring(0, equals) : arg;
            if (!seen.add(name)) {
                throw new UsageException("option " + name + " is given twice; give it once");
            }
            switch (name) {
                case "--help", "-h" -> {
                    return new BenchmarkOptions(data, out, seeds, epochs, quick, methods, true);
                }
                case "--quick" -> {
                    if (equals > 0) {
                        throw new UsageException("option --quick takes no value");
                    }
                    quick = true;
                }
                case "--data", "--out", "--seeds", "--epochs", "--methods" -> {
                    String value;
                    if (equals > 0) {
                        value = arg.substring(equals + 1);
                    } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                        value = args[++i];
                    } else {
                        throw new UsageException("option " + name + " needs a value");
                    }
                    switch (name) {
                        case "--data" -> data = path(name, value);
                        case "--out" -> out = path(name, value);
                        case "--seeds" -> seeds = count(name, value, MAX_SEEDS);
                        case "--epochs" -> epochs = OptionalInt.of(count(name, value, Integer.MAX_VALUE));
                        default -> methods = methods(value);
                    }
                }
                default -> throw new UsageException("unknown option '" + arg + "'");
            }
        }
        return new BenchmarkOptions(data, out, seeds, epochs, quick, methods, false);
    }

    private static Path path(String option, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException("option " + option + " needs a folder, got an empty value");
        }
        return Path.of(value);
    }

    private static int count(String option, String value, int max) throws UsageException {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw new UsageException("option " + option + " needs a whole number from 1" + (max < Integer.MAX_VALUE
                ? " to " + max : " up") + ", got '" + value + "'");
    }

    /** The methods of a comma-separated list of names and groups, each once, in {@link MethodChoice} order. */
    private static List<MethodChoice> methods(String list) throws UsageException {
        Set<MethodChoice> chosen = new LinkedHashSet<>();
        for (String word : list.split(",", -1)) {
            String w = word.trim();
            List<MethodChoice> group = MethodChoice.group(w);
            if (!group.isEmpty()) {
                chosen.addAll(group);
            } else {
                chosen.add(MethodChoice.byName(w).orElseThrow(() -> new UsageException("unknown method '" + w
                        + "' in --methods; choose from " + MethodChoice.names() + " or the groups " + MethodChoice.GROUPS)));
            }
        }
        List<MethodChoice> ordered = new ArrayList<>(List.of(MethodChoice.values()));
        ordered.retainAll(chosen);
        return ordered;
    }
}
