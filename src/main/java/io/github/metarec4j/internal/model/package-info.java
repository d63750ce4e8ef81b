/**
 * The scorer, defined once: {@code Network} (forward pass, loss, backward pass, inner loop,
 * meta-gradient) over {@code Tensors}, with its fast plain-Java implementation
 * ({@code JavaTensors}, {@code Vectors}) and its ND4J reference ({@code Nd4jTensors}); the
 * parameter vector's layout and initialisation ({@code ParameterLayout},
 * {@code ParameterInit}), the rating head's closed-form fit ({@code Ridge}), a task side's
 * rows ({@code Rows}), the item catalogue and whole-catalogue scoring ({@code ItemCatalogue},
 * {@code CatalogueScorer}) and {@code Nd4jThreads} (ND4J's thread pools). Not API: public
 * only because other packages of the library use it, left out of the Javadoc, and free to
 * change or disappear in any release.
 */
package io.github.metarec4j.internal.model;
