/**
 * The trainers and the trained model: {@code MamlTrainer} (first-order MAML with learned inner
 * rates) and {@code SupervisedTrainer} (the non-meta ablation) over the shared loop
 * {@code TrainingRun} (Adam in {@code AdamUpdate}, clipping, validation by {@code Validator},
 * early stopping, listeners, checkpoints in {@code CheckpointFile}), one meta-batch over
 * threads ({@code MetaStep}), a task's rows ({@code RowSampler}), the prepared data
 * ({@code TrainingData}), and {@code MetaModel}, the immutable trained model with its serving
 * paths behind {@code MetaRecommender}. Not API: public only because other packages of the
 * library use it, left out of the Javadoc, and free to change or disappear in any release.
 */
package io.github.metarec4j.internal.meta;
