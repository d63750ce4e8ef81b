package io.github.metarec4j.benchmarks;

import io.github.metarec4j.MetaRecommender;
import io.github.metarec4j.MetaTrainer;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.data.Interactions;
import io.github.metarec4j.data.MovieLens;
import io.github.metarec4j.eval.ColdStartProtocol;
import io.github.metarec4j.eval.EvaluationUser;
import io.github.metarec4j.eval.ProtocolSplit;
import io.github.metarec4j.eval.Ranking;
import io.github.metarec4j.eval.RatingErrors;
import io.github.metarec4j.eval.Scenario;
import io.github.metarec4j.internal.model.Nd4jThreads;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.model.ScorerConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * Onboarding measured offline (docs/onboarding.md, issue 10 part 3): which 10 of a CS100K new
 * user's first 20 ratings to adapt on. Writes {@code results.md} to the output folder.
 *
 * <pre>
 *   mvn -q test-compile exec:exec@onboarding [-Donboarding.args="--data ../shared/data/ml-100k --epochs 20 --out target/onboarding"]
 * </pre>
 *
 * <p>A model meta-trained on CS100K's training data (library defaults but {@code --epochs},
 * seed 1). Each new user of {@code new-user-K20} has 20 support ratings (their first 20) and a
 * query (from position 21 on). Only the 20 are candidates for the support, so that no policy
 * sees the query: each policy picks 10 of them, the user is adapted on those, and MAE (on the
 * query, micro-averaged as the protocol's) and P@10 (over the scenario's candidates, relevant:
 * rated 4 or more) are measured. Policies: the protocol's first 10 (time order);
 * {@code suggestOnboardingItems}'s order over the whole catalogue, from the user's features
 * alone, kept to the 20; the 10 most rated in the training data; 10 at random (several seeds).
 */
public final class OnboardingBenchmark {

    private static final int POOL = 20;
    private static final int ASKED = 10;

    private OnboardingBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = SessionBenchmark.options(args, "OnboardingBenchmark",
                List.of("data", "out", "epochs", "seeds"));
        Path data = Path.of(options.getOrDefault("data", MovieLens.defaultPath().toString()));
        Path out = Path.of(options.getOrDefault("out", "target/onboarding"));
        int epochs = Integer.parseInt(options.getOrDefault("epochs", "20"));
        int seeds = Integer.parseInt(options.getOrDefault("seeds", "5"));
        Files.createDirectories(out);
        Nd4jThreads.singleThreaded();
        MachineInfo machine = MachineInfo.current();

        ProtocolSplit split = ColdStartProtocol.cs100k().split(MovieLens.load100k(data));
        MetaRecommender rec = MetaTrainer.builder().scorer(ScorerConfig.builder().build())
                .training(MamlConfig.builder().epochs(epochs).seed(1).build()).build().fit(split.training());
        Scenario k20 = split.scenario(Scenario.newUser(POOL)).orElseThrow();
        Map<String, Integer> counts = new HashMap<>();
        Interactions training = split.training().interactions();
        for (int r = 0; r < training.size(); r++) {
            counts.merge(training.items().id(training.itemIndex(r)), 1, Integer::sum);
        }

        Map<String, BiFunction<EvaluationUser, List<Interaction>, List<Interaction>>> policies = new LinkedHashMap<>();
        policies.put("first 10 (protocol)", (u, pool) -> pool.subList(0, ASKED));
        policies.put("suggestOnboardingItems", (u, pool) -> byOrder(pool,
                rec.suggestOnboardingItems(split.data().userFeatures(u.userId()), rec.catalogue().size())));
        policies.put("most rated in training", (u, pool) -> pool.stream()
                .sorted(Comparator.comparingInt((Interaction x) -> -counts.getOrDefault(x.itemId(), 0))).limit(ASKED)
                .toList());
        for (int s = 1; s <= seeds; s++) {
            long seed = s;
            policies.put("random, seed " + s, (u, pool) -> {
                List<Interaction> shuffled = new ArrayList<>(pool);
                Collections.shuffle(shuffled, new Random(seed * 1_000_003L + u.userId().hashCode()));
                return shuffled.subList(0, ASKED);
            });
        }

        Ranking ranking = split.ranking();
        StringBuilder md = new StringBuilder("# Onboarding: which items to ask a new user about\n\n");
        md.append(String.format(Locale.ROOT, "Machine: %d cores, %s, Java %s, load average %.2f at the start; %s.%n"
                        + "Settings: library defaults, %d epochs at most, seed 1; %d users of new-user-K%d, %d of their "
                        + "first %d ratings adapted on.%n%n| policy | MAE | P@10 | mean training count of the 10 |%n"
                        + "|---|---|---|---|%n", machine.cores(), machine.cpu().orElse("CPU unknown"), machine.java(),
                machine.loadAverage().orElse(Double.NaN), machine.date(), epochs, k20.users().size(), POOL, ASKED, POOL));
        double randomMae = 0;
        double randomP10 = 0;
        for (Map.Entry<String, BiFunction<EvaluationUser, List<Interaction>, List<Interaction>>> p : policies.entrySet()) {
            RatingErrors errors = RatingErrors.clippedTo(split.data().ratingScale().orElseThrow());
            double p10 = 0;
            double popularity = 0;
            int relevant = 0;
            for (EvaluationUser u : k20.users()) {
                List<Interaction> pool = u.support().subList(0, POOL);
                List<Interaction> asked = p.getValue().apply(u, pool);
                var user = rec.adapt(split.data().userFeatures(u.userId()), asked);
                SessionBenchmark.addErrors(errors, rec.predict(user, u.queryItems()), u.queryValues());
                OptionalDouble hit = SessionBenchmark.precisionAt10(ranking, u, rec.scores(user, u.candidates()));
                if (hit.isPresent()) {
                    p10 += hit.getAsDouble();
                    relevant++;
                }
                popularity += asked.stream().mapToInt(x -> counts.getOrDefault(x.itemId(), 0)).average()
                        .orElse(0) / k20.users().size();
            }
            p10 /= relevant;
            double mae = errors.mae().orElseThrow();
            if (p.getKey().startsWith("random")) {
                randomMae += mae / seeds;
                randomP10 += p10 / seeds;
            }
            md.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.0f |%n", p.getKey(), mae, p10, popularity));
        }
        md.append(String.format(Locale.ROOT, "| random, mean of %d seeds | %.4f | %.4f | |%n", seeds, randomMae, randomP10));
        Files.writeString(out.resolve("results.md"), md);
        System.out.println(md);
        System.out.println("wrote " + out.resolve("results.md"));
    }

    /** The first {@link #ASKED} of {@code pool} in the order of {@code order} (which holds every item). */
    private static List<Interaction> byOrder(List<Interaction> pool, List<String> order) {
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            rank.put(order.get(i), i);
        }
        return pool.stream().sorted(Comparator.comparingInt((Interaction x) -> rank.get(x.itemId()))).limit(ASKED)
                .toList();
    }
}
