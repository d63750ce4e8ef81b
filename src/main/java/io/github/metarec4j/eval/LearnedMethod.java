package io.github.metarec4j.eval;

import io.github.metarec4j.MetaRecommender;
import io.github.metarec4j.Recommendation;
import io.github.metarec4j.UserModel;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.meta.MetaModel;
import io.github.metarec4j.meta.Provenance;
import io.github.metarec4j.meta.SupervisedTrainer;
import io.github.metarec4j.meta.TrainingListener;
import io.github.metarec4j.model.MlpScorerConfig;
import io.github.metarec4j.model.Objective;
import io.github.metarec4j.util.Checks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The library's learned recommenders behind {@link Methods}, through the public facade: fit
 * trains (meta-learning or plain supervised), adapt is {@link MetaRecommender#adapt}, and
 * items are scored by {@link MetaRecommender#recommend(UserModel, int, java.util.Collection)}
 * over exactly the items asked for (the evaluator applies the protocol's tie-break).
 * Immutable; thread-safe.
 */
final class LearnedMethod implements EvaluatedMethod {

    /** How the shared weights are learned. */
    enum Training { META, SUPERVISED }

    private final String name;
    private final Training training;
    private final MlpScorerConfig scorer;
    private final MamlConfig config;
    private final List<TrainingListener> listeners;

    LearnedMethod(String name, Training training, MlpScorerConfig scorer, MamlConfig config,
                  List<TrainingListener> listeners) {
        this.name = name;
        this.training = training;
        this.scorer = Checks.notNull(scorer, "scorer config");
        this.config = Checks.notNull(config, "training config");
        this.listeners = List.copyOf(Checks.notNull(listeners, "listeners"));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public FittedMethod fit(Dataset data) {
        Checks.notNull(data, "training");
        MetaRecommender rec;
        if (training == Training.META) {
            MetaRecommender.Builder b = MetaRecommender.builder().scorer(scorer).training(config);
            listeners.forEach(b::listener);
            rec = b.build().fit(data);
        } else {
            rec = MetaRecommender.of(new SupervisedTrainer(scorer, config, listeners).fit(data));
        }
        return new Fitted(rec);
    }

    @Override
    public String toString() {
        return name;
    }

    private record Fitted(MetaRecommender rec) implements FittedMethod {

        @Override
        public AdaptedUser adapt(String userId, Features features, List<Interaction> support) {
            UserModel user = rec.adapt(features, support);
            return new AdaptedUser() {
                @Override
                public double[] predictRatings(List<String> items) {
                    Checks.state(predictsRatings(), "this model ranks items (implicit objective) and does not "
                            + "predict ratings");
                    return rankingScores(items);
                }

                @Override
                public double[] rankingScores(List<String> items) {
                    Checks.notNull(items, "items");
                    if (items.isEmpty()) {
                        return new double[0];
                    }
                    Map<String, Double> scores = new HashMap<>();
                    for (Recommendation r : rec.recommend(user, items.size(), items)) {
                        scores.put(r.itemId(), r.score());
                    }
                    return items.stream().mapToDouble(scores::get).toArray();
                }
            };
        }

        @Override
        public boolean predictsRatings() {
            MetaModel m = rec.model();
            return m.scorer().objective() == Objective.RATING;
        }

        @Override
        public Optional<TrainingStats> trainingStats() {
            Provenance p = rec.model().provenance();
            return Optional.of(new TrainingStats(p.trainingTasks(), p.trainingSeconds()));
        }
    }
}
