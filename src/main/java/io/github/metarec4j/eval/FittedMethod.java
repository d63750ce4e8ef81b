package io.github.metarec4j.eval;

import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.Interaction;

import java.util.List;
import java.util.Optional;

/**
 * A method after {@link EvaluatedMethod#fit}: it adapts to one user at a time.
 *
 * <p>Implementations should be immutable and thread-safe; the library's are.
 */
public interface FittedMethod {

    /**
     * Adapts to a user from their features and support interactions (oldest first; may be
     * empty). Must not change this fitted method: each user gets their own state.
     */
    AdaptedUser adapt(String userId, Features features, List<Interaction> support);

    /**
     * Whether {@link AdaptedUser#predictRatings} gives ratings (for MAE and RMSE); false for a
     * method that only ranks, such as popularity, whose users then have no rating error.
     */
    boolean predictsRatings();

    /** The training effort of a learned method (tasks and time); empty for a method with nothing to train. */
    default Optional<TrainingStats> trainingStats() {
        return Optional.empty();
    }
}
