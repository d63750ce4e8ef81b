/**
 * What a caller sees of the model file: {@link ModelFormatException}, thrown when a file or
 * stream cannot be loaded (missing, not a model, damaged, or of a newer format), with the case
 * in {@link ModelFormatException#problem()}. Models are saved and loaded through
 * {@code MetaRecommender.save} and {@code load}; the format's reader and writer are in the
 * engine, which is not API.
 */
package io.github.metarec4j.io;
