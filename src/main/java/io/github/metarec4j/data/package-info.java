/**
 * What a recommender learns from: {@link Dataset} (interactions plus typed user and item
 * features), its parts ({@link Interaction}, {@link Interactions}, {@link Features},
 * {@link FeatureSchema} with its {@link FieldType}s, {@link RatingScale},
 * {@link FeedbackType}, {@link DuplicatePolicy}, {@link IdIndex}), the readers of CSV files
 * ({@link CsvDataset}), MovieLens ({@link MovieLens}) and Last.fm ({@link LastFm}), whose
 * errors ({@link DataFormatException}) name the file, line and column, and
 * {@link SyntheticData}, a seeded generator of users for tests and demos.
 */
package io.github.metarec4j.data;
