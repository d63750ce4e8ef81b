package io.github.metarec4j.internal.io;

import io.github.metarec4j.internal.meta.MetaModel;
import io.github.metarec4j.internal.util.AtomicFiles;
import io.github.metarec4j.internal.util.Checks;
import io.github.metarec4j.internal.util.Digests;
import io.github.metarec4j.internal.util.Version;
import io.github.metarec4j.io.ModelFormatException.Problem;
import io.github.metarec4j.io.ModelFormatException;
import org.nd4j.shade.jackson.core.JsonParser;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Saves a {@link MetaModel} to one file and loads it back, exactly: the loaded model has
 * the same parameters bit for bit, the same configurations, encoders and catalogue, and so
 * adapts and scores identically.
 *
 * <p>The file is a ZIP archive of three entries:
 * <ul>
 *   <li>{@code manifest.json}: UTF-8 JSON, readable with {@code unzip -p model.mr4j
 *       manifest.json}. It holds the format name {@value #FORMAT} and version, the version of
 *       metarec4j that wrote it, both configurations, the resolved objective, the parameter
 *       layout (inputs and blocks), the feedback type, rating scale and offset, the user and
 *       item feature schemas with their vocabularies and numeric statistics, the item
 *       catalogue (ids in order, raw features, item-ID rows) and the model's provenance.
 *       Doubles are JSON numbers that parse back to the same double; NaN and the infinities
 *       are the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.</li>
 *   <li>{@code parameters.bin}: the parameter vector as IEEE 754 float32 values,
 *       little-endian, no header, in {@link io.github.metarec4j.internal.model.ParameterLayout} order.</li>
 *   <li>{@code checksum.sha256}: the SHA-256 of the manifest's bytes followed by the
 *       parameters' bytes, as 64 lowercase hex digits; verified on load.</li>
 * </ul>
 *
 * <p>A file is written to a temporary file in the target's directory, forced to disk, and
 * renamed over the target, so a crash leaves either the old file or the new one under the
 * target's name, never half of one.
 *
 * <p>On load the format version is checked first (a newer format may arrange or checksum its
 * entries differently, so "upgrade" is the useful answer), then the checksum, then the
 * manifest's parts against each other (the parameter count against the layout, item-ID rows
 * against the table, encoders against the input widths). The ZIP's central directory is not
 * consulted: the entries' own headers and CRCs, and the checksum, cover all that the model
 * is made of.
 *
 * <pre>{@code
 * ModelFile.write(model, Path.of("models/ml-100k.mr4j"));
 * MetaModel same = ModelFile.read(Path.of("models/ml-100k.mr4j"));
 * }</pre>
 *
 * <p>Stateless; thread-safe. Concurrent writes to the same path each write their own
 * temporary file, and the target ends up holding one complete model (the last rename wins).
 */
public final class ModelFile {

    /** The format name every manifest carries in its {@code format} field. */
    public static final String FORMAT = "metarec4j-model";
    /**
     * The model format version this metarec4j writes, and the only one it reads. Version 2
     * (metarec4j 0.2) stores the scorer with a user state and up to two heads; version 1 stored
     * the 0.1 scorer, which this version no longer has.
     */
    public static final int FORMAT_VERSION = 2;

    /** What messages and {@link ModelFormatException#file()} call a model read from or written to a stream. */
    public static final Path STREAM = Path.of("the stream");

    static final String MANIFEST_ENTRY = "manifest.json";
    static final String PARAMETERS_ENTRY = "parameters.bin";
    static final String CHECKSUM_ENTRY = "checksum.sha256";

    /** A ZIP archive starts with a local file header, "PK\3\4". */
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    /** An empty ZIP archive is only its end record, which starts "PK\5\6". */
    private static final byte[] EMPTY_ZIP_MAGIC = {'P', 'K', 5, 6};
    private static final String DAMAGED_ADVICE = "restore it from a backup or save the model again";
    /** Configured once, then only used: ObjectMapper is thread-safe after configuration. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ModelFile() {
    }

    /**
     * Saves {@code model} to {@code path}, replacing a file already there. The parent directory
     * must exist: a missing directory usually means a mistyped path, so it is not created.
     *
     * @throws IllegalArgumentException if the parent directory does not exist (or is a file), or
     *                                  {@code path} is a directory
     * @throws UncheckedIOException     if the file cannot be written (disk full, no permission);
     *                                  the target is then left as it was
     * @throws IllegalStateException    if the model's manifest would fail the checks of {@link #read}
     *                                  (nothing is written then)
     */
    public static void write(MetaModel model, Path path) {
        Checks.notNull(model, "model");
        Checks.notNull(path, "path");
        Path target = path.toAbsolutePath().normalize();
        Path directory = target.getParent();
        Checks.argument(directory != null, "cannot save a model to " + target
                + ": it is not a file path; give a path such as models/model.mr4j");
        Checks.argument(!Files.exists(directory) || Files.isDirectory(directory), "cannot save the model to "
                + target + ": " + directory + " is a file, not a directory; give a path in a directory");
        Checks.argument(Files.isDirectory(directory), "cannot save the model to " + target + ": the directory "
                + directory + " does not exist; create it first (ModelFile.write does not create directories)");
        Checks.argument(!Files.isDirectory(target), "cannot save the model to " + target
                + ": it is a directory; give a file path such as " + target.resolve("model.mr4j"));
        byte[] bytes = bytes(model, target);
        try {
            AtomicFiles.write(target, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the model to " + target + ": " + e + "; check that "
                    + directory + " is writable and has free space", e);
        }
    }

    /**
     * Writes {@code model} to {@code out}, in the same format as {@link #write(MetaModel, Path)};
     * the stream is flushed, not closed.
     *
     * @throws UncheckedIOException  if writing to the stream fails
     * @throws IllegalStateException if the model's manifest would fail the checks of {@link #read}
     */
    public static void write(MetaModel model, OutputStream out) {
        Checks.notNull(model, "model");
        Checks.notNull(out, "out");
        byte[] bytes = bytes(model, STREAM);
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model to the stream: " + e, e);
        }
    }

    /**
     * Reads a model written by {@link #write(MetaModel, OutputStream)} (or the bytes of a model
     * file) from {@code in}, to its end; the stream is not closed. Refuses what
     * {@link #read(Path)} refuses, with the same messages, naming the file {@link #STREAM}.
     *
     * @throws ModelFormatException as {@link #read(Path)}
     * @throws UncheckedIOException if reading from the stream fails
     */
    public static MetaModel read(InputStream in) {
        Checks.notNull(in, "in");
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model from the stream: " + e, e);
        }
        return decode(STREAM, bytes);
    }

    /** The model file's bytes: the ZIP archive of its three entries, checked to load back. */
    private static byte[] bytes(MetaModel model, Path target) {
        byte[] manifest = manifestBytes(model);
        byte[] parameters = parameterBytes(model);
        verifyReadable(target, manifest, parameters);
        String checksum = checksum(manifest, parameters);
        // entry times from the model, not the clock, so saving one model twice gives the same bytes
        LocalDateTime time = model.provenance().createdAt() == null ? LocalDateTime.of(1980, 1, 1, 0, 0)
                : LocalDateTime.ofInstant(model.provenance().createdAt(), ZoneOffset.UTC);
        return zip(time, manifest, parameters, (checksum + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Loads the model saved at {@code path}.
     *
     * @throws ModelFormatException if there is no file at {@code path}; if it is not a metarec4j
     *                              model file; if it is damaged (broken ZIP structure, checksum
     *                              mismatch, missing entry, parameters that do not fit the
     *                              layout, an invalid manifest); or if it was written in a newer
     *                              format version than {@link #FORMAT_VERSION}. The message says
     *                              which, and what to do.
     * @throws UncheckedIOException if the file exists but cannot be read (no permission, an I/O error)
     */
    public static MetaModel read(Path path) {
        Checks.notNull(path, "path");
        Path file = path.toAbsolutePath().normalize();
        return decode(file, readBytes(file));
    }

    /** The model in {@code bytes}, the contents of {@code file} (or of {@link #STREAM}). */
    private static MetaModel decode(Path file, byte[] bytes) {
        Map<String, byte[]> entries = entries(file, bytes);
        byte[] manifestBytes = entries.get(MANIFEST_ENTRY);
        if (manifestBytes == null) {
            if (entries.containsKey(PARAMETERS_ENTRY) || entries.containsKey(CHECKSUM_ENTRY)) {
                throw damaged(file, "it has no " + MANIFEST_ENTRY + " entry beside its other entries "
                        + entries.keySet(), null);
            }
            throw notAModel(file, "no manifest");
        }
        ManifestNode manifest = parseManifest(file, manifestBytes, entries.containsKey(PARAMETERS_ENTRY));
        checkFormat(file, manifest);
        byte[] parameterBytes = require(file, entries, PARAMETERS_ENTRY);
        String stored = new String(require(file, entries, CHECKSUM_ENTRY), StandardCharsets.US_ASCII).trim();
        String actual = checksum(manifestBytes, parameterBytes);
        if (!actual.equalsIgnoreCase(stored)) {
            throw damaged(file, "its checksum does not match its contents (the file says " + abbreviate(stored)
                    + ", the contents hash to " + actual + ")", null);
        }
        if (parameterBytes.length % Float.BYTES != 0) {
            throw damaged(file, "its " + PARAMETERS_ENTRY + " entry has " + parameterBytes.length
                    + " bytes, which is not a whole number of float32 values", null);
        }
        try {
            return ManifestCodec.decode(manifest, floats(parameterBytes));
        } catch (ManifestNode.Invalid e) {
            throw damaged(file, e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // from the library's own constructors: a value of the right type but out of range
            throw damaged(file, "its manifest describes an invalid model (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Runs the checks of {@link #read} on what {@link #write} is about to write, so that a model
     * that saves is a model that loads: a file that cannot be read back is refused before it
     * replaces anything.
     */
    private static void verifyReadable(Path target, byte[] manifest, byte[] parameters) {
        try {
            ManifestCodec.decode(parseManifest(target, manifest, true), floats(parameters));
        } catch (ManifestNode.Invalid | IllegalArgumentException e) {
            throw new IllegalStateException("cannot save the model to " + target + ": the file would not load "
                    + "back (" + e.getMessage() + "); this is a bug in metarec4j, please report it with this "
                    + "message", e);
        }
    }

    // ------------------------------------------------------------------ writing

    private static byte[] manifestBytes(MetaModel model) {
        try {
            return JSON.writeValueAsBytes(ManifestCodec.encode(model));
        } catch (JsonProcessingException e) {
            // a tree of plain nodes always serialises; reaching this is a bug in this class
            throw new IllegalStateException("cannot write the manifest as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static byte[] parameterBytes(MetaModel model) {
        float[] values = model.parameters();
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }

    private static float[] floats(byte[] bytes) {
        float[] values = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    /**
     * The ZIP archive of the three entries, built in memory: a model's file is a few megabytes
     * at most, and holding it whole lets the temporary file be written and forced in one go.
     */
    private static byte[] zip(LocalDateTime time, byte[] manifest, byte[] parameters, byte[] checksum) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(manifest.length / 4 + parameters.length + 1024);
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            putEntry(zip, MANIFEST_ENTRY, manifest, time);
            putEntry(zip, PARAMETERS_ENTRY, parameters, time);
            putEntry(zip, CHECKSUM_ENTRY, checksum, time);
        } catch (IOException e) {
            // a ByteArrayOutputStream does not fail
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void putEntry(ZipOutputStream zip, String name, byte[] bytes, LocalDateTime time)
            throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(time);
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    // ------------------------------------------------------------------ reading

    private static byte[] readBytes(Path file) {
        if (!Files.exists(file)) {
            throw new ModelFormatException(file, Problem.MISSING, "there is no model file at " + file
                    + "; check the path (models are saved with MetaRecommender.save)", null);
        }
        if (Files.isDirectory(file)) {
            throw notAModel(file, "it is a directory");
        }
        try {
            // a Java array cannot hold more; no model of this library comes near it
            if (Files.size(file) > Integer.MAX_VALUE - 8) {
                throw notAModel(file, "it is larger than 2 GB");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model file " + file + ": " + e
                    + "; check that it is readable", e);
        }
    }

    /** The entries of a ZIP archive held in memory, by name. */
    private static Map<String, byte[]> entries(Path file, byte[] bytes) {
        if (bytes.length >= EMPTY_ZIP_MAGIC.length && Arrays.equals(bytes, 0, EMPTY_ZIP_MAGIC.length, EMPTY_ZIP_MAGIC,
                0, EMPTY_ZIP_MAGIC.length)) {
            throw notAModel(file, "it is an empty ZIP archive, with no manifest");
        }
        if (bytes.length < ZIP_MAGIC.length || !Arrays.equals(bytes, 0, ZIP_MAGIC.length, ZIP_MAGIC, 0,
                ZIP_MAGIC.length)) {
            throw notAModel(file, bytes.length == 0 ? "it is empty" : "it is not a ZIP archive, so it has no manifest");
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        String duplicate = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null && duplicate == null; entry = zip.getNextEntry()) {
                // ZipInputStream checks each entry's CRC as it reaches the entry's end
                if (entries.put(entry.getName(), zip.readAllBytes()) != null) {
                    duplicate = entry.getName();
                }
            }
        } catch (EOFException e) {
            throw damaged(file, "it ends in the middle of an entry: it is truncated", e);
        } catch (IOException | IllegalArgumentException e) {
            // ZipException (a CRC or size mismatch, bad compressed data), or IllegalArgumentException
            // for an entry name that is not valid UTF-8: all mean the archive's bytes are broken
            throw damaged(file, "it is corrupt or truncated (reading it as a ZIP archive fails with: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        }
        if (duplicate != null) {
            throw damaged(file, "it holds the entry " + duplicate + " twice", null);
        }
        return entries;
    }

    private static ManifestNode parseManifest(Path file, byte[] bytes, boolean hasParameters) {
        JsonNode tree;
        try {
            tree = JSON.readTree(bytes);
        } catch (IOException e) {
            String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            if (!hasParameters) {
                throw notAModel(file, "its " + MANIFEST_ENTRY + " is not JSON: " + detail);
            }
            throw damaged(file, "its manifest is not valid JSON (" + detail + ")", e);
        }
        if (tree == null || !tree.isObject() || !FORMAT.equals(tree.path("format").asText(null))) {
            throw notAModel(file, "its " + MANIFEST_ENTRY + " does not name the format " + FORMAT);
        }
        return ManifestNode.root(tree);
    }

    /** Refuses a manifest of a newer format version, before anything else of it is read. */
    private static void checkFormat(Path file, ManifestNode manifest) {
        int version;
        try {
            version = manifest.integer("formatVersion");
        } catch (ManifestNode.Invalid e) {
            throw damaged(file, e.getMessage(), e);
        }
        if (version > FORMAT_VERSION) {
            String writer = manifest.has("libraryVersion") && manifest.value("libraryVersion").isTextual()
                    ? manifest.text("libraryVersion") : "an unknown version";
            throw new ModelFormatException(file, Problem.NEWER_FORMAT, file + " was written in model format version "
                    + version + " by metarec4j " + writer + "; this metarec4j (" + Version.current()
                    + ") reads format versions up to " + FORMAT_VERSION + ": upgrade metarec4j", null);
        }
        if (version < 1) {
            throw damaged(file, "its manifest says format version " + version + ", and versions start at 1", null);
        }
        if (version < FORMAT_VERSION) {
            String writer = manifest.has("libraryVersion") && manifest.value("libraryVersion").isTextual()
                    ? manifest.text("libraryVersion") : "an unknown version";
            throw new ModelFormatException(file, Problem.OLDER_FORMAT, file + " was written in model format version "
                    + version + " by metarec4j " + writer + ", for a scorer this metarec4j (" + Version.current()
                    + ") no longer has; it reads format version " + FORMAT_VERSION + " only: train the model again "
                    + "with this version", null);
        }
    }

    private static byte[] require(Path file, Map<String, byte[]> entries, String name) {
        byte[] bytes = entries.get(name);
        if (bytes == null) {
            throw damaged(file, "it has no " + name + " entry (it holds " + entries.keySet() + ")", null);
        }
        return bytes;
    }

    /** SHA-256 over the manifest's bytes followed by the parameters' bytes, as lowercase hex. */
    static String checksum(byte[] manifest, byte[] parameters) {
        MessageDigest sha = Digests.sha256();
        sha.update(manifest);
        sha.update(parameters);
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String abbreviate(String s) {
        return s.length() > 70 ? s.substring(0, 67) + "..." : s;
    }

    private static ModelFormatException notAModel(Path file, String why) {
        return new ModelFormatException(file, Problem.NOT_A_MODEL, file + " is not a metarec4j model file ("
                + why + "); was it written by MetaRecommender.save?", null);
    }

    private static ModelFormatException damaged(Path file, String what, Throwable cause) {
        return new ModelFormatException(file, Problem.DAMAGED, file + " is damaged: " + what + "; "
                + DAMAGED_ADVICE, cause);
    }
}
