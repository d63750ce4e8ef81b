package io.github.metarec4j.data;

/**
 * What to do with two or more interactions of the same user with the same item: chosen in
 * {@link Dataset.Builder#duplicates}, {@link CsvDataset.Builder#duplicates},
 * {@link Interactions.Builder#duplicates} and {@code MetaRecommender.adapt}, which all apply it
 * through {@link Interactions.Builder}.
 *
 * <p>A rating given twice is usually a mistake in the data (a join that repeated rows, a
 * re-rating kept beside the first), and a support set {@code {50: 5, 50: 1}} silently acts as
 * {@code {50: 3}}; so the default refuses it, naming the user and item (and, in files, both lines).
 *
 * <p>Immutable; thread-safe.
 */
public enum DuplicatePolicy {
    /** Fail, naming the user, the item and both values (the default). */
    REJECT,
    /** Keep one interaction, with the value and timestamp of the one added last. */
    KEEP_LAST,
    /** Keep one interaction, at the place of the first, with the mean of the values and the latest timestamp. */
    MEAN,
    /** Keep every row as its own interaction: for logs of events (plays, check-ins) where repeats are data. */
    KEEP_ALL
}
