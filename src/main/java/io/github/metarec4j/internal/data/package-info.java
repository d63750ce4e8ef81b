/**
 * The engine's side of the data: {@code FeatureEncoder}, which turns {@code Features} into a
 * tower's numeric input by a {@code FeatureSchema} and vocabularies learned from the data
 * (unseen categories to a reserved slot). Not API: public only because other packages of the
 * library use it, left out of the Javadoc, and free to change or disappear in any release.
 */
package io.github.metarec4j.internal.data;
