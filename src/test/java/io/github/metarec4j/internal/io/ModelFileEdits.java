package io.github.metarec4j.internal.io;

import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Edits of a model file's entries, as a hand-editor (or a damaged disk) would make them, for the io tests. */
final class ModelFileEdits {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFileEdits() {
    }

    /** Edits the manifest as JSON and stores it with a recomputed checksum, as a careful hand-editor would. */
    static void rewriteManifest(Path file, Consumer<ObjectNode> edit) throws IOException {
        rewrite(file, entries -> {
            try {
                ObjectNode manifest = (ObjectNode) JSON.readTree(entries.get(ModelFile.MANIFEST_ENTRY));
                edit.accept(manifest);
                entries.put(ModelFile.MANIFEST_ENTRY, JSON.writeValueAsBytes(manifest));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            recomputeChecksum(entries);
        });
    }

    static void recomputeChecksum(Map<String, byte[]> entries) {
        entries.put(ModelFile.CHECKSUM_ENTRY, ModelFile.checksum(entries.get(ModelFile.MANIFEST_ENTRY),
                entries.get(ModelFile.PARAMETERS_ENTRY)).getBytes(StandardCharsets.US_ASCII));
    }

    static void rewrite(Path file, Consumer<Map<String, byte[]>> edit) throws IOException {
        Map<String, byte[]> entries = unzip(file);
        edit.accept(entries);
        zip(file, entries);
    }

    static Map<String, byte[]> unzip(Path file) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        assertNotEquals(0, entries.size());
        return entries;
    }

    static void zip(Path file, Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            bytes.writeTo(out);
        }
    }
}
