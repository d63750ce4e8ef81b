package io.github.metarec4j.meta;

import java.time.Instant;

/**
 * How a model was made, stored with it.
 *
 * <p>Immutable value; thread-safe.
 *
 * @param libraryVersion      the metarec4j version that trained it
 * @param createdAt           when training finished
 * @param seed                the training seed
 * @param dataFingerprint     SHA-256 of the training interactions
 * @param trainingUsers       users the outer loop trained on
 * @param validationUsers     users held out for validation
 * @param epochsRun           epochs trained
 * @param bestEpoch           the epoch whose weights were kept
 * @param bestValidationScore their validation score (NaN without validation)
 * @param trainingTasks       tasks processed
 * @param trainingSeconds     wall time of training
 */
public record Provenance(String libraryVersion, Instant createdAt, long seed, String dataFingerprint,
                         int trainingUsers, int validationUsers, int epochsRun, int bestEpoch,
                         double bestValidationScore, long trainingTasks, double trainingSeconds) {
}
