package io.github.metarec4j.internal.io;

import io.github.metarec4j.TestBase;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.FeatureSchema;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.FieldType;
import io.github.metarec4j.internal.data.FeatureEncoder;
import io.github.metarec4j.internal.meta.MetaModel;
import io.github.metarec4j.internal.model.ItemCatalogue;
import io.github.metarec4j.io.ModelFormatException;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.meta.Provenance;
import io.github.metarec4j.model.ScorerConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelFileTest extends TestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Dataset explicitData;
    private static MetaModel explicitModel;
    private static MetaModel implicitModel;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        explicitData = ModelFixtures.dataset(40, 15, 25, 5, false, 7);
        explicitModel = ModelFixtures.trained(explicitData);
        implicitModel = ModelFixtures.trained(ModelFixtures.dataset(40, 15, 25, 5, true, 8));
    }

    // ------------------------------------------------------------------ round trip

    @Test
    void anExplicitModelComesBackExactly() {
        Path file = dir.resolve("explicit.mr4j");
        ModelFile.write(explicitModel, file);
        MetaModel loaded = ModelFile.read(file);
        assertSameModel(explicitModel, loaded);
        assertTrue(explicitModel.catalogue().hasOwnId(0) && !explicitModel.catalogue().hasOwnId(27),
                "the fixture has items with and without an ID of their own");
        assertTrue(loaded.catalogue().hasCounts() && loaded.catalogue().count(0) > 0 && loaded.catalogue().count(27) == 0,
                "the items' training counts are stored, 0 for an item nobody in the training data rated");
    }

    @Test
    void anImplicitModelComesBackExactly() {
        Path file = dir.resolve("implicit.mr4j");
        ModelFile.write(implicitModel, file);
        MetaModel loaded = ModelFile.read(file);
        assertTrue(loaded.ratingScale().isEmpty());
        assertSameModel(implicitModel, loaded);
    }

    @Test
    void adaptingAndScoringALoadedModelGivesBitIdenticalOutputs() {
        Path file = dir.resolve("model.mr4j");
        ModelFile.write(explicitModel, file);
        MetaModel loaded = ModelFile.read(file);
        ItemCatalogue catalogue = explicitModel.catalogue();
        int[] support = {catalogue.ids().indexOf("i2").getAsInt(), catalogue.ids().indexOf("i5").getAsInt(),
                catalogue.ids().indexOf("i8").getAsInt(), catalogue.ids().indexOf("i11").getAsInt()};
        float[] values = {5, 2, 4, 1};
        int[] all = IntStream.range(0, catalogue.size()).toArray();
        for (Features user : List.of(explicitData.userFeatures("u1"), Features.none(),
                Features.builder().put("occupation", "pilot").put("age", 44).build())) {
            float[] before = explicitModel.encodeUser(user);
            float[] after = loaded.encodeUser(user);
            assertArrayEquals(before, after);
            float[] adaptedBefore = explicitModel.adapt(before, support, values);
            float[] adaptedAfter = loaded.adapt(after, support, values);
            assertTrue(Arrays.equals(adaptedBefore, adaptedAfter), "adapted parameters differ for " + user);
            assertTrue(Arrays.deepEquals(explicitModel.outputs(before, adaptedBefore, all),
                    loaded.outputs(after, adaptedAfter, all)), "scores differ for " + user);
        }
    }

    @Test
    void nanInfinitiesAndAwkwardDoublesRoundTrip() {
        Provenance p = explicitModel.provenance();
        Provenance odd = new Provenance(p.libraryVersion(), Instant.parse("2024-02-29T23:59:59.123456789Z"),
                Long.MIN_VALUE, p.dataFingerprint(), p.trainingUsers(), p.validationUsers(), p.epochsRun(),
                p.bestEpoch(), Double.NaN, Long.MAX_VALUE, Double.POSITIVE_INFINITY, p.algorithm(), p.engine(),
                Integer.MAX_VALUE, "17 \"quoted\" \u00e9", p.os(), p.architecture());
        MamlConfig training = explicitModel.training().toBuilder().innerLearningRate(0.1 + 0.2)
                .outerLearningRate(Double.MIN_VALUE).seed(-1).build();
        MetaModel m = new MetaModel(explicitModel.network(), training, explicitModel.parameters(),
                explicitModel.userEncoder(), explicitModel.itemEncoder(), explicitModel.catalogue(), -0.0,
                // a scale around 0, since the offset (the mean rating) must lie on it
                explicitModel.feedbackType(), new io.github.metarec4j.data.RatingScale(-1, 5), odd);
        Path file = dir.resolve("odd.mr4j");
        ModelFile.write(m, file);
        MetaModel loaded = ModelFile.read(file);
        assertEquals(odd, loaded.provenance(), "records compare doubles with Double.compare: NaN equals NaN");
        assertTrue(Double.isNaN(loaded.provenance().bestValidationScore()));
        assertEquals(training, loaded.training());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(loaded.ratingOffset()));
    }

    @Test
    void theManifestIsReadableJsonWithEveryConfigurationField() throws IOException {
        Path file = dir.resolve("model.mr4j");
        ModelFile.write(explicitModel, file);
        String text = new String(ModelFileEdits.unzip(file).get(ModelFile.MANIFEST_ENTRY), StandardCharsets.UTF_8);
        assertTrue(text.contains("\"format\" : \"metarec4j-model\""), text);
        ObjectNode manifest = (ObjectNode) JSON.readTree(text);
        assertEquals(2, manifest.get("formatVersion").intValue());
        assertEquals("RELU", manifest.at("/scorer/weightInit").textValue(), "WeightInit by its enum name");
        // a configuration component the codec does not write would be lost on load: fail here instead
        assertEquals(components(ScorerConfig.class), fieldNames(manifest.get("scorer")));
        assertEquals(components(MamlConfig.class), fieldNames(manifest.get("training")));
        assertEquals(components(Provenance.class), fieldNames(manifest.get("provenance")));
    }

    // ------------------------------------------------------------------ writing

    @Test
    void writingLeavesNoTemporaryFileAndReplacesAnExistingFile() throws IOException {
        Path file = dir.resolve("model.mr4j");
        ModelFile.write(explicitModel, file);
        ModelFile.write(implicitModel, file);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "only the model file, no temporary one");
        }
        assertSameModel(implicitModel, ModelFile.read(file));
    }

    @Test
    void theSameModelIsWrittenAsTheSameBytes() throws IOException {
        ModelFile.write(explicitModel, dir.resolve("a.mr4j"));
        ModelFile.write(explicitModel, dir.resolve("b.mr4j"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.mr4j")), Files.readAllBytes(dir.resolve("b.mr4j")));
    }

    @Test
    void aMissingDirectoryIsNotCreated() {
        Path file = dir.resolve("no-such-dir").resolve("model.mr4j");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelFile.write(explicitModel, file));
        assertMessageHas(e, dir.resolve("no-such-dir").toString(), "does not exist", "create it first");
        assertTrue(Files.notExists(file.getParent()));
    }

    @Test
    void aDirectoryIsNotAFilePath() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelFile.write(explicitModel, dir));
        assertMessageHas(e, "is a directory", "model.mr4j");
    }

    // ------------------------------------------------------------------ files that are not models

    @Test
    void aMissingFileIsNamed() {
        Path file = dir.resolve("nothing-here.mr4j");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(file));
        assertEquals(ModelFormatException.Problem.MISSING, e.problem());
        assertMessageHas(e, "there is no model file at " + file, "check the path");
    }

    @Test
    void aTextFileIsNotAModel() throws IOException {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "these are not the weights you are looking for\n");
        assertNotAModel(file, "not a ZIP archive");
    }

    @Test
    void anEmptyFileIsNotAModel() throws IOException {
        Path file = dir.resolve("empty.mr4j");
        Files.createFile(file);
        assertNotAModel(file, "it is empty");
    }

    @Test
    void aZipWithoutOurManifestIsNotAModel() throws IOException {
        Path file = dir.resolve("other.zip");
        ModelFileEdits.zip(file, Map.of("readme.txt", "hello".getBytes(StandardCharsets.UTF_8)));
        assertNotAModel(file, "no manifest");

        Path webApp = dir.resolve("webapp.zip");
        ModelFileEdits.zip(webApp, Map.of("manifest.json", "{\"name\": \"My App\", \"start_url\": \"/\"}".getBytes(StandardCharsets.UTF_8)));
        assertNotAModel(webApp, "does not name the format metarec4j-model");
    }

    // ------------------------------------------------------------------ damaged files

    @Test
    void aFlippedByteIsDetected() throws IOException {
        Path file = written();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= (byte) 0xFF;
        Files.write(file, bytes);
        ModelFormatException e = assertDamaged(file);
        // where the byte lands decides which check sees it first: the inflater, the ZIP CRC, our checksum
        assertTrue(e.getMessage().contains("it is corrupt") || e.getMessage().contains("checksum"), e.getMessage());
    }

    /**
     * 300 fixed-seed random byte changes and cuts of a model file: each is refused as damaged or
     * not a model, except a cut or change in the ZIP's central directory, which the reader does not
     * consult (the entries and the checksum hold the whole model): that file loads the same model.
     */
    @Test
    void everyRandomDamageIsRefusedWithTheLibrarysException() throws IOException {
        Path file = written();
        byte[] good = Files.readAllBytes(file);
        java.util.SplittableRandom random = new java.util.SplittableRandom(581);
        Path damaged = dir.resolve("damaged.mr4j");
        for (int trial = 0; trial < 300; trial++) {
            byte[] bytes = trial % 3 == 0 ? Arrays.copyOf(good, random.nextInt(good.length)) : good.clone();
            if (trial % 3 != 0) {
                int at = random.nextInt(bytes.length);
                bytes[at] ^= (byte) (1 + random.nextInt(255));
            }
            Files.write(damaged, bytes);
            try {
                MetaModel loaded = ModelFile.read(damaged);
                assertArrayEquals(explicitModel.parameters(), loaded.parameters(), "trial " + trial);
                assertEquals(explicitModel.catalogue().ids().ids(), loaded.catalogue().ids().ids(), "trial " + trial);
            } catch (ModelFormatException e) {
                assertTrue(e.problem() == ModelFormatException.Problem.DAMAGED
                        || e.problem() == ModelFormatException.Problem.NOT_A_MODEL, e.getMessage());
            }
        }
    }

    @Test
    void aTruncatedFileIsDetected() throws IOException {
        Path file = written();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        ModelFormatException e = assertDamaged(file);
        // cut inside an entry (as here) or, by chance, exactly between two
        assertTrue(e.getMessage().contains("it is truncated") || e.getMessage().contains("it has no"),
                e.getMessage());
    }

    @Test
    void aChecksumMismatchIsDetected() throws IOException {
        Path file = written();
        ModelFileEdits.rewrite(file, entries -> {
            String manifest = new String(entries.get(ModelFile.MANIFEST_ENTRY), StandardCharsets.UTF_8);
            entries.put(ModelFile.MANIFEST_ENTRY,
                    manifest.replace("\"innerSteps\" : 3", "\"innerSteps\" : 4").getBytes(StandardCharsets.UTF_8));
        });
        ModelFormatException e = assertDamaged(file);
        assertMessageHas(e, "its checksum does not match its contents");
    }

    @Test
    void aMissingParameterEntryIsDetected() throws IOException {
        Path file = written();
        ModelFileEdits.rewrite(file, entries -> entries.remove(ModelFile.PARAMETERS_ENTRY));
        assertMessageHas(assertDamaged(file), "it has no parameters.bin entry");
    }

    @Test
    void parametersThatDoNotFitTheLayoutAreDetected() throws IOException {
        Path file = written();
        long size = explicitModel.network().layout().size();
        ModelFileEdits.rewrite(file, entries -> {
            byte[] parameters = entries.get(ModelFile.PARAMETERS_ENTRY);
            entries.put(ModelFile.PARAMETERS_ENTRY, Arrays.copyOf(parameters, parameters.length - Float.BYTES));
            ModelFileEdits.recomputeChecksum(entries);
        });
        assertMessageHas(assertDamaged(file), "the parameters entry holds " + (size - 1) + " values",
                "has " + size + " parameters");
    }

    @Test
    void aMissingManifestFieldIsNamed() throws IOException {
        Path file = written();
        ModelFileEdits.rewriteManifest(file, m -> ((ObjectNode) m.get("training")).remove("innerSteps"));
        assertMessageHas(assertDamaged(file), "manifest field training.innerSteps is missing");

        ModelFileEdits.rewriteManifest(file, m -> ((ObjectNode) m.get("training")).put("innerSteps", "five"));
        assertMessageHas(assertDamaged(file), "manifest field training.innerSteps must be a whole number");
    }

    @Test
    void aManifestValueOutOfRangeIsReportedWithTheLibrarysOwnMessage() throws IOException {
        Path file = written();
        ModelFileEdits.rewriteManifest(file, m -> ((ObjectNode) m.get("training")).put("innerSteps", -1));
        assertMessageHas(assertDamaged(file), "describes an invalid model", "innerSteps must be zero or positive");
    }

    /** Issue 12, lesser: a save whose parent is a file said the directory "does not exist". */
    @Test
    void aParentThatIsAFileIsNamedAsOne() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("notes.txt"), "text");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelFile.write(explicitModel, notADirectory.resolve("model.mr4j")));
        assertEquals("cannot save the model to " + notADirectory.resolve("model.mr4j") + ": " + notADirectory
                + " is a file, not a directory; give a path in a directory", e.getMessage());
    }

    /** Issue 12, lesser: an empty ZIP archive was reported as "not a ZIP archive". */
    @Test
    void anEmptyZipIsNamedAsOne() throws IOException {
        Path empty = dir.resolve("empty.zip");
        ModelFileEdits.zip(empty, Map.of());
        assertNotAModel(empty, "it is an empty ZIP archive, with no manifest");
    }

    /** Issue 12, lesser: a manifest with ratingOffset 1e300 loaded and predicted NaN. */
    @Test
    void aRatingOffsetOffTheScaleIsDamage() throws IOException {
        Path file = written();
        ModelFileEdits.rewriteManifest(file, m -> ((ObjectNode) m.get("feedback")).put("ratingOffset", 1e300));
        assertMessageHas(assertDamaged(file), "describes an invalid model (the rating offset is 1.0E300, but it is "
                + "the mean training rating and must lie on the rating scale RatingScale[min=1.0, max=5.0])");
        Path empty = written();
        ModelFileEdits.rewriteManifest(empty, m -> ((ObjectNode) m.get("catalogue")).putArray("items"));
        assertMessageHas(assertDamaged(empty), "the catalogue has no items");
    }

    @Test
    void anItemIdRowOutsideTheTableIsDetected() throws IOException {
        Path file = written();
        int rows = explicitModel.network().layout().idRows();
        ModelFileEdits.rewriteManifest(file, m -> ((ObjectNode) m.at("/catalogue/items/0")).put("idRow", rows));
        assertMessageHas(assertDamaged(file), "manifest field catalogue.items[0].idRow is " + rows);
    }

    @Test
    void aNewerFormatVersionAsksForAnUpgrade() throws IOException {
        Path file = written();
        ModelFileEdits.rewriteManifest(file, m -> m.put("formatVersion", 99).put("libraryVersion", "9.9.0"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(file));
        assertEquals(ModelFormatException.Problem.NEWER_FORMAT, e.problem());
        assertMessageHas(e, file.toString(), "was written in model format version 99 by metarec4j 9.9.0",
                "reads format versions up to 2", "upgrade metarec4j");
    }

    @Test
    void anOlderFormatVersionAsksForRetraining() throws IOException {
        Path file = written();
        ModelFileEdits.rewriteManifest(file, m -> m.put("formatVersion", 1).put("libraryVersion", "0.1.0"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(file));
        assertEquals(ModelFormatException.Problem.OLDER_FORMAT, e.problem());
        assertMessageHas(e, file.toString(), "was written in model format version 1 by metarec4j 0.1.0",
                "reads format version 2 only", "train the model again");
    }

    // ------------------------------------------------------------------ helpers

    private static void assertSameModel(MetaModel expected, MetaModel actual) {
        assertTrue(Arrays.equals(expected.parameters(), actual.parameters()),
                "parameters must be bit-identical");
        assertEquals(expected.network().config(), actual.network().config());
        assertEquals(expected.network().objective(), actual.network().objective());
        assertEquals(expected.network().layout().blocks(), actual.network().layout().blocks());
        assertEquals(expected.training(), actual.training());
        assertEquals(expected.feedbackType(), actual.feedbackType());
        assertEquals(expected.ratingScale(), actual.ratingScale());
        assertEquals(expected.ratingOffset(), actual.ratingOffset());
        assertEquals(expected.provenance(), actual.provenance());
        assertSameEncoder(expected.userEncoder(), actual.userEncoder());
        assertSameEncoder(expected.itemEncoder(), actual.itemEncoder());
        ItemCatalogue a = expected.catalogue();
        ItemCatalogue b = actual.catalogue();
        assertEquals(a.ids().ids(), b.ids().ids());
        assertEquals(a.hasCounts(), b.hasCounts());
        float[] inputA = new float[a.inputWidth()];
        float[] inputB = new float[b.inputWidth()];
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.idRow(i), b.idRow(i));
            assertEquals(a.count(i), b.count(i), "training count of item " + i);
            assertEquals(a.features(i), b.features(i));
            a.copyInput(i, inputA, 0);
            b.copyInput(i, inputB, 0);
            assertArrayEquals(inputA, inputB);
        }
    }

    private static void assertSameEncoder(FeatureEncoder expected, FeatureEncoder actual) {
        FeatureSchema schema = expected.schema();
        assertEquals(schema, actual.schema());
        for (FeatureSchema.Field f : schema.fields()) {
            if (f.type() == FieldType.NUMERIC) {
                assertArrayEquals(expected.numericStats(f.name()), actual.numericStats(f.name()));
            } else {
                assertEquals(expected.vocabulary(f.name()), actual.vocabulary(f.name()));
            }
        }
        for (Features probe : List.of(Features.none(),
                Features.builder().put("occupation", "doctor").put("age", 37.25).build(),
                Features.builder().put("occupation", "astronaut").put("age", 1e6).build(),
                Features.builder().put("genres", List.of("Drama", "Western")).build())) {
            if (probe.asMap().keySet().stream().allMatch(k -> schema.field(k).isPresent())) {
                assertArrayEquals(expected.encode(probe), actual.encode(probe), "encoding of " + probe);
            }
        }
    }

    private Path written() {
        Path file = dir.resolve("model.mr4j");
        ModelFile.write(explicitModel, file);
        return file;
    }

    private static ModelFormatException assertDamaged(Path file) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(file));
        assertEquals(ModelFormatException.Problem.DAMAGED, e.problem(), e.getMessage());
        assertMessageHas(e, file + " is damaged: ", "; restore it from a backup or save the model again");
        return e;
    }

    private static void assertNotAModel(Path file, String why) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(file));
        assertEquals(ModelFormatException.Problem.NOT_A_MODEL, e.problem(), e.getMessage());
        assertMessageHas(e, file + " is not a metarec4j model file (", why, "was it written by MetaRecommender.save?");
    }

    private static void assertMessageHas(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message lacks '" + part + "': " + e.getMessage());
        }
    }

    private static List<String> components(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
