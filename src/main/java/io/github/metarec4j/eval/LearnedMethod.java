package io.github.metarec4j.eval;

import io.github.metarec4j.MetaRecommender;
import io.github.metarec4j.UserModel;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.internal.meta.MetaModel;
import io.github.metarec4j.internal.meta.SupervisedTrainer;
import io.github.metarec4j.internal.util.Checks;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.meta.Provenance;
import io.github.metarec4j.meta.TrainingListener;
import io.github.metarec4j.model.ScorerConfig;

import java.util.List;
import java.util.Optional;

/**
 * The library's learned recommenders behind {@link Methods}: fit trains (meta-learning or
 * plain supervised) and wraps the model in a {@link MetaRecommender}; adapt is
 * {@link MetaRecommender#adapt}; items are scored in one batch by the engine behind the
 * facade ({@link MetaModel#outputs}): ratings as {@code predict} gives them, ranking scores as
 * {@code recommend} ranks by them, so the top-N latency is the model's scoring plus the
 * protocol's ranking.
 * Immutable; thread-safe.
 */
final class LearnedMethod implements EvaluatedMethod {

    /** How the shared weights are learned. */
    enum Training { META, SUPERVISED }

    private final String name;
    private final Training training;
    private final ScorerConfig scorer;
    private final MamlConfig config;
    private final List<TrainingListener> listeners;

    LearnedMethod(String name, Training training, ScorerConfig scorer, MamlConfig config,
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
            MetaModel model = rec.model();
            float[] userInput = model.encodeUser(features);
            float[] adapted = user.adaptedParameters();
            return new AdaptedUser() {
                @Override
                public double[] predictRatings(List<String> items) {
                    Checks.state(predictsRatings(), "this model ranks items (engagement objective) and does not "
                            + "predict ratings");
                    int[] indices = indices(items);
                    float[][] outputs = model.outputs(userInput, adapted, indices);
                    double[] out = new double[indices.length];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = model.rating(outputs[i], indices[i]);
                    }
                    return out;
                }

                /** The scores {@code MetaRecommender.recommend} ranks by, in one batch. */
                @Override
                public double[] rankingScores(List<String> items) {
                    int[] indices = indices(items);
                    float[][] outputs = model.outputs(userInput, adapted, indices);
                    double[] out = new double[indices.length];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = model.rankingScore(outputs[i], indices[i]);
                    }
                    return out;
                }

                private int[] indices(List<String> items) {
                    Checks.notNull(items, "items");
                    int[] indices = new int[items.size()];
                    for (int i = 0; i < indices.length; i++) {
                        String id = items.get(i);
                        indices[i] = model.catalogue().ids().indexOf(id).orElseThrow(() -> new IllegalArgumentException(
                                "item '" + Checks.shown(id) + "' is not in the model's catalogue: it has neither features nor a "
                                        + "training interaction, so the model cannot score it; describe every item "
                                        + "in the data set's item features"));
                    }
                    return indices;
                }
            };
        }

        @Override
        public boolean predictsRatings() {
            return rec.model().predictsRatings();
        }

        @Override
        public Optional<TrainingStats> trainingStats() {
            Provenance p = rec.model().provenance();
            return Optional.of(new TrainingStats(p.trainingTasks(), p.trainingSeconds()));
        }
    }
}
