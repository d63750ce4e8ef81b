/**
 * The model file: {@code ModelFile} writes a trained model to a ZIP of a JSON manifest and the
 * parameters and reads it back exactly, checking the format version and checksum;
 * {@code ManifestCodec} and {@code ManifestNode} are the manifest's fields and their parsing.
 * Not API: public only because other packages of the library use it, left out of the Javadoc,
 * and free to change or disappear in any release.
 */
package io.github.metarec4j.internal.io;
