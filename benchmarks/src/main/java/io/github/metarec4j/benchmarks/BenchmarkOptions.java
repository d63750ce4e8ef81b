package io.github.metarec4j.benchmarks;

import io.github.metarec4j.data.MovieLens;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The command line of a benchmark command ({@link Cs100kBenchmark}, {@link CsLfmBenchmark}),
 * parsed and checked; every command takes the same options, with its own defaults and methods
 * ({@link Command}).
 *
 * <p>Immutable value; thread-safe.
 *
 * @param data    the data folder
 * @param out     where the results are written
 * @param seeds   how many seeds each learned method is trained with
 * @param epochs  the most epochs of training, if overridden
 * @param quick   whether to use the tiny configuration for smoke tests
 * @param methods    the methods to run, in the command's order
 * @param validation whether to score on the validation split carved from the training users
 *                   (the protocol's rules applied to its training data, roles by a stable hash)
 *                   instead of the test users
 * @param overrides  settings of the learned methods over the library's defaults
 * @param help       whether only the usage was asked for
 */
record BenchmarkOptions(Path data, Path out, int seeds, OptionalInt epochs, boolean quick,
                        List<BenchmarkMethod> methods, boolean validation, ConfigOverrides overrides, boolean help) {

    /** Where the results go unless {@code --out} says otherwise (git-ignored). */
    static final Path DEFAULT_OUT = Path.of("benchmark-results", "cs100k");
    /** Seeds per learned method unless {@code --seeds} says otherwise. */
    static final int DEFAULT_SEEDS = 3;
    /** The most seeds accepted: each costs a training of every learned method. */
    static final int MAX_SEEDS = 100;

    /** The CS100K command: MovieLens-100k and the methods of {@link MethodChoice}. */
    static final Command CS100K = new Command(MovieLens.defaultPath(), DEFAULT_OUT, List.of(MethodChoice.values()));

    /** The usage text of the CS100K command. */
    static final String USAGE = usage("Cs100kBenchmark", """
            runs the CS100K cold-start benchmark (shared/benchmark/PROTOCOL.md) and writes
              results.md, results.json, mae-vs-k.png and loss-curves.png
              --protocol douban   the same on Douban by docs/protocol-douban.md (give its --data)""",
            "MovieLens-100k (the folder holding u.data)", CS100K);

    /**
     * The usage text of a benchmark command.
     *
     * @param name        the command's class
     * @param description what it does and writes (continuation lines indented by two spaces)
     * @param data        what {@code --data} names
     */
    static String usage(String name, String description, String data, Command command) {
        return """
                usage: %s [options]
                  %s
                  --data <folder>     %s; default %s
                  --out <folder>      where to write the results; default %s
                  --seeds <n>         seeds per learned method (mean and std over them); default %d
                  --epochs <n>        most epochs of training (early stopping may end sooner); default the library's
                  --methods <list>    comma-separated methods or groups; default all
                                        baselines: %s
                                        learned: %s
                  --quick             a tiny model and 2 epochs: a smoke test, not a benchmark
                  --validation        score on a validation split of the training users (the protocol's
                                        rules on its training data, roles by a stable hash), not the test users
                  --set <settings>    learned methods' settings over the defaults, as "name=value;name=value"
                                        (ScorerConfig and MamlConfig builder names, e.g. "hiddenLayers=64,64;innerSteps=5")
                  --help              this text
                """.formatted(name, description, data, command.defaultData(), command.defaultOut(), DEFAULT_SEEDS,
                BenchmarkMethod.groupNames(command.methods(), "baselines"),
                BenchmarkMethod.groupNames(command.methods(), "learned"));
    }

    /** Copies the methods. */
    BenchmarkOptions {
        methods = List.copyOf(methods);
    }

    /**
     * What differs between benchmark commands' options.
     *
     * @param defaultData where the data is unless {@code --data} says otherwise
     * @param defaultOut  where the results go unless {@code --out} says otherwise
     * @param methods     every method the command can run, in the order it runs them (the default: all)
     */
    record Command(Path defaultData, Path defaultOut, List<BenchmarkMethod> methods) {
        /** Copies the methods. */
        Command {
            methods = List.copyOf(methods);
        }
    }

    /** The command line was not understood; the message says why. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Parses the CS100K command's {@code args} (see {@link #parse(Command, String...)}). */
    static BenchmarkOptions parse(String... args) throws UsageException {
        return parse(CS100K, args);
    }

    /**
     * Parses {@code args} of {@code command}: options as {@code --name value} or {@code --name=value}.
     *
     * @throws UsageException for an unknown option, a missing or bad value, or an option given twice
     */
    static BenchmarkOptions parse(Command command, String... args) throws UsageException {
        Path data = command.defaultData();
        Path out = command.defaultOut();
        int seeds = DEFAULT_SEEDS;
        OptionalInt epochs = OptionalInt.empty();
        boolean quick = false;
        boolean validation = false;
        ConfigOverrides overrides = ConfigOverrides.none();
        List<BenchmarkMethod> methods = command.methods();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String name = name(arg, seen);
            switch (name) {
                case "--help", "-h" -> {
                    return new BenchmarkOptions(data, out, seeds, epochs, quick, methods, validation, overrides, true);
                }
                case "--quick", "--validation" -> {
                    if (equals > 0) {
                        throw new UsageException("option " + name + " takes no value");
                    }
                    if (name.equals("--quick")) {
                        quick = true;
                    } else {
                        validation = true;
                    }
                }
                case "--data", "--out", "--seeds", "--epochs", "--methods", "--set" -> {
                    String value = value(args, i, name);
                    i += equals > 0 ? 0 : 1;
                    switch (name) {
                        case "--data" -> data = path(name, value);
                        case "--out" -> out = path(name, value);
                        case "--seeds" -> seeds = count(name, value, MAX_SEEDS);
                        case "--epochs" -> epochs = OptionalInt.of(count(name, value, Integer.MAX_VALUE));
                        case "--set" -> overrides = ConfigOverrides.parse(value);
                        default -> methods = methods(command.methods(), value);
                    }
                }
                default -> throw new UsageException("unknown option '" + arg + "'");
            }
        }
        return new BenchmarkOptions(data, out, seeds, epochs, quick, methods, validation, overrides, false);
    }

    /**
     * The option's name in {@code arg} ({@code --seeds} of {@code --seeds=3} or {@code --seeds}),
     * added to the names {@code seen}.
     *
     * @throws UsageException if it was seen already
     */
    static String name(String arg, Set<String> seen) throws UsageException {
        int equals = arg.indexOf('=');
        String name = equals > 0 ? arg.substring(0, equals) : arg;
        if (!seen.add(name)) {
            throw new UsageException("option " + name + " is given twice; give it once");
        }
        return name;
    }

    /**
     * The value of option {@code name}, given at {@code args[i]}: after its {@code =}, or else the
     * next argument (which the caller then skips).
     *
     * @throws UsageException if there is no value
     */
    static String value(String[] args, int i, String name) throws UsageException {
        int equals = args[i].indexOf('=');
        if (equals > 0) {
            return args[i].substring(equals + 1);
        }
        if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
            return args[i + 1];
        }
        throw new UsageException("option " + name + " needs a value");
    }

    static Path path(String option, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException("option " + option + " needs a folder, got an empty value");
        }
        return Path.of(value);
    }

    /** {@code value} of {@code option} as a whole number from 1 to {@code max}. */
    static int count(String option, String value, int max) throws UsageException {
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

    /** The methods of a comma-separated list of names and groups, each once, in the order of {@code all}. */
    private static List<BenchmarkMethod> methods(List<BenchmarkMethod> all, String list) throws UsageException {
        Set<BenchmarkMethod> chosen = new LinkedHashSet<>();
        for (String word : list.split(",", -1)) {
            String w = word.trim();
            List<BenchmarkMethod> group = BenchmarkMethod.group(all, w);
            if (!group.isEmpty()) {
                chosen.addAll(group);
            } else {
                chosen.add(BenchmarkMethod.byName(all, w).orElseThrow(() -> new UsageException("unknown method '" + w
                        + "' in --methods; choose from " + BenchmarkMethod.names(all) + " or the groups "
                        + BenchmarkMethod.GROUPS)));
            }
        }
        List<BenchmarkMethod> ordered = new ArrayList<>(all);
        ordered.retainAll(chosen);
        return ordered;
    }
}
