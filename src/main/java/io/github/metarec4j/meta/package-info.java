/**
 * How meta-training runs and what it reports: {@link MamlConfig} (inner and outer loop,
 * validation, early stopping, seed) with its nested {@link MamlConfig.TaskOrder} and
 * {@link MamlConfig.SelectionMetric},
 * {@link TrainingListener} (progress, with logging and progress-bar listeners, and a way to
 * ask training to stop), {@link Checkpoints} (save training's state and resume),
 * {@link Provenance} (how a model was made, stored with it) and
 * {@link TrainingDivergedException}. The trainers themselves are in the engine, which is not
 * API.
 */
package io.github.metarec4j.meta;
