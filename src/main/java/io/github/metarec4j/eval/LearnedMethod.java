package io.github.metarec4j.eval;

import io.github.metarec4j.MetaRecommender;
import io.github.metarec4j.MetaTrainer;
import io.github.metarec4j.UserModel;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.internal.util.Checks;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.meta.Provenance;
import io.github.metarec4j.meta.TrainingListener;
import io.github.metarec4j.model.ScorerConfig;

import java.util.List;
import java.util.Optional;

/**
 * The library's learned recommenders behind {@link Methods}: fit trains with a
 * {@link MetaTrainer} (meta-learning or plain supervised); adapt is
 * {@link MetaRecommender#adapt}; items are scored in one batch through the facade's batch
 * methods: ratings as {@link MetaRecommender#predict(UserModel, List)} gives them, ranking
 * scores as {@link MetaRecommender#scores} gives them (what {@code recommend} ranks by), so the
 * top-N latency is the model's scoring plus the protocol's ranking.
 * Immutable; thread-safe.
 */
final class LearnedMethod implements EvaluatedMethod {

    private final String name;
    private final MetaTrainer trainer;

    LearnedMethod(String name, MetaTrainer.Algorithm algorithm, ScorerConfig scorer, MamlConfig config,
                  List<TrainingListener> listeners) {
        this(name, trainer(algorithm, scorer, config, listeners));
    }

    LearnedMethod(String name, MetaTrainer trainer) {
        this.name = Checks.notBlank(name, "name");
        this.trainer = Checks.notNull(trainer, "trainer");
    }

    private static MetaTrainer trainer(MetaTrainer.Algorithm algorithm, ScorerConfig scorer, MamlConfig config,
                                       List<TrainingListener> listeners) {
        MetaTrainer.Builder b = MetaTrainer.builder().algorithm(Checks.notNull(algorithm, "algorithm"))
                .scorer(Checks.notNull(scorer, "scorer config")).training(Checks.notNull(config, "training config"));
        Checks.notNull(listeners, "listeners").forEach(b::listener);
        return b.build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public FittedMethod fit(Dataset data) {
        Checks.notNull(data, "training");
        return new Fitted(trainer.fit(data));
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
                    Checks.state(predictsRatings(), "this model ranks items (engagement objective) and does not "
                            + "predict ratings");
                    return rec.predict(user, items);
                }

                /** The scores {@code MetaRecommender.recommend} ranks by, in one batch. */
                @Override
                public double[] rankingScores(List<String> items) {
                    return rec.scores(user, items);
                }
            };
        }

        @Override
        public boolean predictsRatings() {
            return rec.objective().hasRatingHead();
        }

        @Override
        public Optional<TrainingStats> trainingStats() {
            Provenance p = rec.provenance();
            return Optional.of(new TrainingStats(p.trainingTasks(), p.trainingSeconds()));
        }
    }
}
