package io.github.metarec4j.meta;

import java.time.Instant;

/**
 * How a model was made, stored with it.
 *
 * <p>Model files written by 0.2.0 snapshots before the training statistics were recorded
 * (format 2 without them) read {@link #UNKNOWN} for {@code algorithm}, {@code engine},
 * {@code javaVersion}, {@code os} and {@code architecture}, and 0 for {@code threads};
 * {@code libraryVersion}, {@code createdAt} and {@code dataFingerprint} are null in a file
 * that lacks them. A model trained with {@code MetaTrainer.Builder.transferFrom} says so only
 * in the training log, not here (yet).
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
 * @param algorithm           how the weights were learned: {@code "first-order MAML"}, or
 *                            {@code "supervised"} (no meta-learning)
 * @param engine              what trained it: {@code "plain-Java kernel"} for {@code MetaTrainer};
 *                            for {@code SparkMetaTrainer}, Spark's version, master and partitions
 * @param threads             threads per meta-batch (on Spark: its default parallelism)
 * @param javaVersion         the Java runtime that trained it ({@code java.version} and vendor)
 * @param os                  its operating system ({@code os.name} and {@code os.version})
 * @param architecture        its CPU architecture ({@code os.arch})
 */
public record Provenance(String libraryVersion, Instant createdAt, long seed, String dataFingerprint,
                         int trainingUsers, int validationUsers, int epochsRun, int bestEpoch,
                         double bestValidationScore, long trainingTasks, double trainingSeconds,
                         String algorithm, String engine, int threads, String javaVersion, String os,
                         String architecture) {

    /** What a field not recorded by an older version reads as. */
    public static final String UNKNOWN = "unknown";

    /** The time of training as a {@link java.time.Duration}. */
    public java.time.Duration trainingTime() {
        return java.time.Duration.ofNanos(Math.round(trainingSeconds * 1e9));
    }
}
