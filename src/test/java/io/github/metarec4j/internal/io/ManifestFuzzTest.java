package io.github.metarec4j.internal.io;

import io.github.metarec4j.TestBase;
import io.github.metarec4j.internal.meta.MetaModel;
import io.github.metarec4j.io.ModelFormatException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.JsonNodeFactory;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Hand-edited manifests (issue 12: 300 of them in the probe, and "lesser" findings among them):
 * every field of the manifest outside the item list, and every field of its first items, set to
 * each of a dozen hostile values with the checksum recomputed. Each file must either be refused
 * with a {@link ModelFormatException} or load into a model whose scores are finite numbers; a
 * raw exception from inside (ND4J's "empty array", an index out of bounds) or a model that
 * predicts NaN fails the test.
 */
class ManifestFuzzTest extends TestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<JsonNode> HOSTILE = List.of(NODES.numberNode(0), NODES.numberNode(-1),
            NODES.numberNode(1e300), NODES.numberNode(-1e300), NODES.numberNode(Integer.MAX_VALUE),
            NODES.numberNode(0.5), NODES.textNode("NaN"), NODES.textNode("Infinity"), NODES.textNode(""),
            NODES.arrayNode(), NODES.objectNode(), NODES.nullNode(), NODES.booleanNode(true));

    private static MetaModel model;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        model = ModelFixtures.trained(ModelFixtures.dataset(30, 12, 20, 4, false, 3));
    }

    @Test
    void everyHostileFieldIsRefusedOrLoadsIntoFiniteScores() throws IOException {
        Path original = dir.resolve("model.mr4j");
        ModelFile.write(model, original);
        ObjectNode manifest = (ObjectNode) JSON.readTree(ModelFileEdits.unzip(original).get(ModelFile.MANIFEST_ENTRY));
        List<String> paths = new ArrayList<>();
        leaves(manifest, "", paths);
        List<String> failures = new ArrayList<>();
        Path file = dir.resolve("edited.mr4j");
        for (String path : paths) {
            for (JsonNode value : HOSTILE) {
                Files.copy(original, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                ModelFileEdits.rewriteManifest(file, m -> replace(m, path, value));
                try {
                    MetaModel loaded = ModelFile.read(file);
                    float[] user = new float[loaded.userEncoder().dimension()];
                    float[] adapted = loaded.adapt(user, new int[]{0, 1}, new float[]{4, 2});
                    for (float[] row : loaded.outputsAll(user, adapted)) {
                        for (float y : row) {
                            if (!Float.isFinite(y)) {
                                failures.add(path + " = " + value + ": loads and scores " + y);
                                throw new Done();
                            }
                        }
                    }
                } catch (ModelFormatException | Done expected) {
                    // refused with the library's own exception, or reported above
                } catch (RuntimeException e) {
                    failures.add(path + " = " + value + ": " + e);
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + paths.size() * HOSTILE.size() + " edits:\n" + String.join("\n", failures));
        }
        assertTrue(paths.size() > 50, "the walk found the manifest's fields: " + paths.size());
    }

    /** A marker to leave the scoring loop. */
    private static final class Done extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    /** JSON pointers of the leaves (and arrays) of {@code node}; of the item list, the first two items only. */
    private static void leaves(JsonNode node, String at, List<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> leaves(e.getValue(), at + "/" + e.getKey(), out));
        } else if (node.isArray()) {
            out.add(at);
            int n = at.equals("/catalogue/items") || at.endsWith("/blocks") ? Math.min(2, node.size()) : node.size();
            for (int i = 0; i < n; i++) {
                leaves(node.get(i), at + "/" + i, out);
            }
        } else {
            out.add(at);
        }
    }

    private static void replace(ObjectNode root, String path, JsonNode value) {
        int cut = path.lastIndexOf('/');
        JsonNode parent = root.at(path.substring(0, cut));
        String last = path.substring(cut + 1);
        if (parent instanceof ObjectNode o) {
            o.set(last, value);
        } else if (parent instanceof ArrayNode a) {
            a.set(Integer.parseInt(last), value);
        }
    }

}
