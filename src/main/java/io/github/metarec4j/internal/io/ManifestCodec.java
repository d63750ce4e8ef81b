package io.github.metarec4j.internal.io;

import io.github.metarec4j.data.FeatureSchema;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.FeedbackType;
import io.github.metarec4j.data.FieldType;
import io.github.metarec4j.data.IdIndex;
import io.github.metarec4j.data.RatingScale;
import io.github.metarec4j.internal.data.FeatureEncoder;
import io.github.metarec4j.internal.meta.MetaModel;
import io.github.metarec4j.internal.model.ItemCatalogue;
import io.github.metarec4j.internal.model.Network;
import io.github.metarec4j.internal.model.ParameterLayout;
import io.github.metarec4j.internal.util.Version;
import io.github.metarec4j.meta.MamlConfig.SelectionMetric;
import io.github.metarec4j.meta.MamlConfig.TaskOrder;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.meta.Provenance;
import io.github.metarec4j.model.AdaptationScope;
import io.github.metarec4j.model.Objective;
import io.github.metarec4j.model.ScorerConfig.EngagementLoss;
import io.github.metarec4j.model.ScorerConfig.WeightInit;
import io.github.metarec4j.model.ScorerConfig;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.JsonNodeFactory;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The manifest of a model file (format version {@value ModelFile#FORMAT_VERSION}): everything
 * of a {@link MetaModel} except its parameters, as a JSON tree, and back.
 *
 * <p>The field names written here <em>are</em> the file format: renaming or removing one
 * makes every saved model unreadable, so a change here needs a new format version (and a
 * reader for the old one). Configurations are written field by field rather than by
 * reflection for the same reason: a renamed record component must not silently change the
 * format. {@code ModelFileTest} fails when a configuration gains a component that is not
 * written here.
 *
 * <p>Stateless; thread-safe.
 */
final class ManifestCodec {

    /** How the parameters entry encodes its values. */
    static final String PARAMETER_ENCODING = "float32-le";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ManifestCodec() {
    }

    // ------------------------------------------------------------------ writing

    /** The manifest of {@code model}. */
    static ObjectNode encode(MetaModel model) {
        Network network = model.network();
        ParameterLayout layout = network.layout();
        ObjectNode root = NODES.objectNode();
        root.put("format", ModelFile.FORMAT);
        root.put("formatVersion", ModelFile.FORMAT_VERSION);
        root.put("libraryVersion", Version.current());
        root.set("scorer", scorerConfig(network.config()));
        root.set("training", training(model.training()));
        root.put("objective", network.objective().name());
        root.set("layout", layout(layout));
        ObjectNode feedback = root.putObject("feedback");
        feedback.put("type", model.feedbackType().name());
        model.ratingScale().ifPresent(scale -> {
            ObjectNode s = feedback.putObject("ratingScale");
            ManifestNode.putDouble(s, "min", scale.min());
            ManifestNode.putDouble(s, "max", scale.max());
        });
        ManifestNode.putDouble(feedback, "ratingOffset", model.ratingOffset());
        root.set("userFeatures", encoder(model.userEncoder()));
        root.set("itemFeatures", encoder(model.itemEncoder()));
        root.set("catalogue", catalogue(model.catalogue()));
        root.set("provenance", provenance(model.provenance()));
        ObjectNode parameters = root.putObject("parameters");
        parameters.put("entry", ModelFile.PARAMETERS_ENTRY);
        parameters.put("encoding", PARAMETER_ENCODING);
        parameters.put("count", layout.size());
        return root;
    }

    private static ObjectNode scorerConfig(ScorerConfig c) {
        ObjectNode o = NODES.objectNode();
        o.put("towerSize", c.towerSize());
        ArrayNode hidden = o.putArray("hiddenLayers");
        c.hiddenLayers().forEach(hidden::add);
        o.put("itemIdEmbeddingSize", c.itemIdEmbeddingSize());
        o.put("userFactors", c.userFactors());
        o.put("separateFactors", c.separateFactors());
        o.put("historyEncoder", c.historyEncoder());
        ManifestNode.putDouble(o, "itemIdDropout", c.itemIdDropout());
        o.put("objective", c.objective().name());
        o.put("weightInit", c.weightInit().name());
        o.put("negatives", c.negatives());
        ManifestNode.putDouble(o, "engagementWeight", c.engagementWeight());
        o.put("strengthWeights", c.strengthWeights());
        o.put("itemBiasOffset", c.itemBiasOffset());
        ManifestNode.putDouble(o, "itemBiasDamping", c.itemBiasDamping());
        ManifestNode.putDouble(o, "rankingRatingWeight", c.rankingRatingWeight());
        o.put("innerEngagementLoss", c.innerEngagementLoss().name());
        return o;
    }

    private static ObjectNode training(MamlConfig c) {
        ObjectNode o = NODES.objectNode();
        o.put("innerSteps", c.innerSteps());
        ManifestNode.putDouble(o, "innerLearningRate", c.innerLearningRate());
        o.put("learnInnerRates", c.learnInnerRates());
        ManifestNode.putDouble(o, "adaptationDamping", c.adaptationDamping());
        ManifestNode.putDouble(o, "ridgePenalty", c.ridgePenalty());
        ManifestNode.putDouble(o, "outerLearningRate", c.outerLearningRate());
        o.put("metaBatchSize", c.metaBatchSize());
        o.put("epochs", c.epochs());
        o.put("minSupport", c.minSupport());
        o.put("maxSupport", c.maxSupport());
        o.put("maxQuery", c.maxQuery());
        o.put("adaptationScope", c.adaptationScope().name());
        o.put("taskOrder", c.taskOrder().name());
        ManifestNode.putDouble(o, "gradientClipNorm", c.gradientClipNorm());
        ManifestNode.putDouble(o, "itemL2", c.itemL2());
        ManifestNode.putDouble(o, "validationFraction", c.validationFraction());
        o.put("validationSupport", c.validationSupport());
        o.put("validationQueryStart", c.validationQueryStart());
        o.put("maxValidationQuery", c.maxValidationQuery());
        o.put("patience", c.patience());
        o.put("selection", c.selection().name());
        o.put("seed", c.seed());
        o.put("threads", c.threads());
        ManifestNode.putDouble(o, "reptileStepSize", c.reptileStepSize());
        return o;
    }

    /**
     * The layout's inputs, and its blocks for readers of the file (another language, a
     * person): where each weight matrix lies in the parameters entry. The reader checks the
     * blocks against the layout it derives, so a change of the layout code cannot silently
     * scramble the weights of old files.
     */
    private static ObjectNode layout(ParameterLayout layout) {
        ObjectNode o = NODES.objectNode();
        o.put("userInputs", layout.userInputs());
        o.put("itemInputs", layout.itemInputs());
        o.put("idRows", layout.idRows());
        ArrayNode blocks = o.putArray("blocks");
        for (ParameterLayout.Block b : layout.blocks()) {
            blocks.addObject().put("name", b.name()).put("rows", b.rows()).put("cols", b.cols())
                    .put("offset", b.offset());
        }
        return o;
    }

    private static ObjectNode encoder(FeatureEncoder encoder) {
        ObjectNode o = NODES.objectNode();
        ArrayNode fields = o.putArray("fields");
        for (FeatureSchema.Field f : encoder.schema().fields()) {
            ObjectNode field = fields.addObject().put("name", f.name()).put("type", f.type().name());
            if (f.type() == FieldType.NUMERIC) {
                double[] stats = encoder.numericStats(f.name());
                ManifestNode.putDouble(field, "mean", stats[0]);
                ManifestNode.putDouble(field, "standardDeviation", stats[1]);
            } else {
                ArrayNode vocabulary = field.putArray("vocabulary");
                encoder.vocabulary(f.name()).forEach(vocabulary::add);
            }
        }
        return o;
    }

    private static ObjectNode catalogue(ItemCatalogue catalogue) {
        ObjectNode o = NODES.objectNode();
        ArrayNode items = o.putArray("items");
        for (int i = 0; i < catalogue.size(); i++) {
            ObjectNode item = items.addObject().put("id", catalogue.ids().id(i)).put("idRow", catalogue.idRow(i));
            if (catalogue.offset(i) != 0f) {
                item.put("offset", (double) catalogue.offset(i));
            }
            if (catalogue.count(i) != 0) {
                item.put("count", catalogue.count(i));
            }
            item.set("features", features(catalogue.features(i)));
        }
        return o;
    }

    private static ObjectNode features(Features features) {
        ObjectNode o = NODES.objectNode();
        for (Map.Entry<String, Object> e : features.asMap().entrySet()) {
            Object value = e.getValue();
            if (value instanceof String s) {
                o.put(e.getKey(), s);
            } else if (value instanceof Double d) {
                o.put(e.getKey(), d); // Features holds finite numbers only
            } else if (value instanceof List<?> values) {
                ArrayNode array = o.putArray(e.getKey());
                values.forEach(v -> array.add((String) v));
            } else {
                throw new IllegalStateException("feature '" + e.getKey() + "' holds a "
                        + value.getClass().getName() + ", which Features does not allow");
            }
        }
        return o;
    }

    private static ObjectNode provenance(Provenance p) {
        ObjectNode o = NODES.objectNode();
        o.put("libraryVersion", p.libraryVersion());
        o.put("createdAt", p.createdAt() == null ? null : p.createdAt().toString());
        o.put("seed", p.seed());
        o.put("dataFingerprint", p.dataFingerprint());
        o.put("trainingUsers", p.trainingUsers());
        o.put("validationUsers", p.validationUsers());
        o.put("epochsRun", p.epochsRun());
        o.put("bestEpoch", p.bestEpoch());
        ManifestNode.putDouble(o, "bestValidationScore", p.bestValidationScore());
        o.put("trainingTasks", p.trainingTasks());
        ManifestNode.putDouble(o, "trainingSeconds", p.trainingSeconds());
        o.put("algorithm", p.algorithm());
        o.put("engine", p.engine());
        o.put("threads", p.threads());
        o.put("javaVersion", p.javaVersion());
        o.put("os", p.os());
        o.put("architecture", p.architecture());
        return o;
    }

    // ------------------------------------------------------------------ reading

    /**
     * The model described by {@code root} with {@code parameters}. The caller has checked the
     * format name and version.
     *
     * @throws ManifestNode.Invalid     naming the field that is missing, mistyped or inconsistent
     * @throws IllegalArgumentException if the values are well-typed but make no valid model (a
     *                                  configuration value out of range, say); from the library's
     *                                  own constructors
     */
    static MetaModel decode(ManifestNode root, float[] parameters) {
        ScorerConfig scorerConfig = scorerConfig(root.object("scorer"));
        MamlConfig training = training(root.object("training"));
        Objective objective = root.constant("objective", Objective.class);
        if (objective == Objective.AUTO) {
            throw new ManifestNode.Invalid(root.where("objective") + " must be the resolved objective, not AUTO");
        }
        ParameterLayout layout = layout(root.object("layout"), scorerConfig, objective, training);
        checkParameters(root.object("parameters"), layout, parameters.length);

        FeatureEncoder userEncoder = encoder(root.object("userFeatures"));
        FeatureEncoder itemEncoder = encoder(root.object("itemFeatures"));
        checkWidth(userEncoder, layout.userInputs(), "userFeatures", "userInputs");
        checkWidth(itemEncoder, layout.itemInputs(), "itemFeatures", "itemInputs");
        ItemCatalogue catalogue = catalogue(root.object("catalogue"), itemEncoder, layout);

        ManifestNode feedback = root.object("feedback");
        FeedbackType feedbackType = feedback.constant("type", FeedbackType.class);
        RatingScale scale = null;
        if (feedback.has("ratingScale")) {
            ManifestNode s = feedback.object("ratingScale");
            scale = new RatingScale(s.number("min"), s.number("max"));
        }
        double ratingOffset = feedback.number("ratingOffset");
        Provenance provenance = provenance(root.object("provenance"));

        Network network = new Network(scorerConfig, objective, layout);
        return new MetaModel(network, training, parameters, userEncoder, itemEncoder, catalogue, ratingOffset,
                feedbackType, scale, provenance);
    }

    private static ScorerConfig scorerConfig(ManifestNode o) {
        return new ScorerConfig(o.integer("towerSize"), o.integers("hiddenLayers"), o.integer("itemIdEmbeddingSize"),
                o.integer("userFactors"), o.bool("separateFactors"), o.bool("historyEncoder"),
                o.number("itemIdDropout"), o.constant("objective", Objective.class),
                o.constant("weightInit", WeightInit.class), o.integer("negatives"), o.number("engagementWeight"),
                o.bool("strengthWeights"), o.bool("itemBiasOffset"), o.number("itemBiasDamping"),
                o.number("rankingRatingWeight"), o.constant("innerEngagementLoss", EngagementLoss.class));
    }

    private static MamlConfig training(ManifestNode o) {
        return new MamlConfig(o.integer("innerSteps"), o.number("innerLearningRate"), o.bool("learnInnerRates"),
                o.number("adaptationDamping"), o.number("ridgePenalty"), o.number("outerLearningRate"), o.integer("metaBatchSize"), o.integer("epochs"),
                o.integer("minSupport"), o.integer("maxSupport"), o.integer("maxQuery"),
                o.constant("adaptationScope", AdaptationScope.class), o.constant("taskOrder", TaskOrder.class),
                o.number("gradientClipNorm"), o.number("itemL2"), o.number("validationFraction"),
                o.integer("validationSupport"), o.integer("validationQueryStart"), o.integer("maxValidationQuery"),
                o.integer("patience"), o.constant("selection", SelectionMetric.class), o.longInteger("seed"),
                o.integer("threads"),
                // files written before Reptile existed: its default (only a REPTILE training reads it)
                o.has("reptileStepSize") ? o.number("reptileStepSize") : MamlConfig.builder().build().reptileStepSize());
    }

    private static ParameterLayout layout(ManifestNode o, ScorerConfig config, Objective objective,
                                          MamlConfig training) {
        ParameterLayout layout = new ParameterLayout(config, objective, training.adaptationScope(),
                training.learnInnerRates(), training.adaptationDamping() > 0, training.ridgePenalty() > 0,
                o.integer("userInputs"), o.integer("itemInputs"), o.integer("idRows"));
        List<ParameterLayout.Block> recorded = new ArrayList<>();
        for (ManifestNode b : o.array("blocks")) {
            recorded.add(new ParameterLayout.Block(b.text("name"), b.integer("rows"), b.integer("cols"),
                    b.longInteger("offset")));
        }
        if (!recorded.equals(layout.blocks())) {
            throw new ManifestNode.Invalid(o.where("blocks") + " records the parameter blocks " + recorded
                    + ", but this metarec4j lays out that configuration as " + layout.blocks()
                    + "; the file was written by an incompatible metarec4j");
        }
        return layout;
    }

    private static void checkParameters(ManifestNode o, ParameterLayout layout, int stored) {
        String entry = o.text("entry");
        String encoding = o.text("encoding");
        if (!entry.equals(ModelFile.PARAMETERS_ENTRY) || !encoding.equals(PARAMETER_ENCODING)) {
            throw new ManifestNode.Invalid(o.where("entry") + " and encoding are \"" + entry + "\" and \""
                    + encoding + "\"; format version " + ModelFile.FORMAT_VERSION + " stores the parameters in \""
                    + ModelFile.PARAMETERS_ENTRY + "\" as \"" + PARAMETER_ENCODING + "\"");
        }
        long count = o.longInteger("count");
        if (count != layout.size() || stored != layout.size()) {
            throw new ManifestNode.Invalid("the parameters entry holds " + stored + " values and the manifest says "
                    + count + ", but the model it describes has " + layout.size() + " parameters");
        }
    }

    private static void checkWidth(FeatureEncoder encoder, int width, String features, String inputs) {
        if (encoder.dimension() != width) {
            throw new ManifestNode.Invalid("manifest field " + features + " encodes to " + encoder.dimension()
                    + " values but layout." + inputs + " is " + width);
        }
    }

    private static FeatureEncoder encoder(ManifestNode o) {
        FeatureSchema.Builder schema = FeatureSchema.builder();
        Map<String, List<String>> vocabularies = new LinkedHashMap<>();
        Map<String, double[]> stats = new LinkedHashMap<>();
        for (ManifestNode f : o.array("fields")) {
            String name = f.text("name");
            FieldType type = f.constant("type", FieldType.class);
            schema.add(new FeatureSchema.Field(name, type));
            if (type == FieldType.NUMERIC) {
                stats.put(name, new double[]{f.number("mean"), f.number("standardDeviation")});
            } else {
                vocabularies.put(name, f.texts("vocabulary"));
            }
        }
        return FeatureEncoder.restore(schema.build(), vocabularies, stats);
    }

    private static ItemCatalogue catalogue(ManifestNode o, FeatureEncoder encoder, ParameterLayout layout) {
        List<ManifestNode> items = o.array("items");
        List<String> ids = new ArrayList<>(items.size());
        List<Features> features = new ArrayList<>(items.size());
        int[] idRows = new int[items.size()];
        float[] offsets = new float[items.size()];
        int[] counts = new int[items.size()];
        boolean counted = false;
        // row 0 is the shared "unknown" embedding; without an ID table every item must use it
        int rows = Math.max(1, layout.idRows());
        for (int i = 0; i < items.size(); i++) {
            ManifestNode item = items.get(i);
            ids.add(item.text("id"));
            idRows[i] = item.integer("idRow");
            if (idRows[i] < 0 || idRows[i] >= rows) {
                throw new ManifestNode.Invalid(item.where("idRow") + " is " + idRows[i]
                        + " but the item-ID table has rows 0 to " + (rows - 1));
            }
            // added within format 1: absent means 0 (every model before it, and items without ratings)
            offsets[i] = item.has("offset") ? (float) item.number("offset") : 0f;
            // added within format 2: the item's training interactions; absent means 0, and in every
            // item (a model file written before counts were stored) that they are unknown
            if (item.has("count")) {
                counts[i] = item.integer("count");
                if (counts[i] < 0) {
                    throw new ManifestNode.Invalid(item.where("count") + " is " + counts[i]
                            + " but a count of training interactions cannot be negative");
                }
                counted = true;
            }
            features.add(features(item.object("features")));
        }
        ItemCatalogue catalogue = ItemCatalogue.of(IdIndex.of(ids), features, encoder, idRows, offsets);
        return counted ? catalogue.withCounts(counts) : catalogue;
    }

    private static Features features(ManifestNode o) {
        Features.Builder b = Features.builder();
        for (String name : o.fieldNames()) {
            JsonNode value = o.value(name);
            if (value.isTextual()) {
                b.put(name, value.textValue());
            } else if (value.isNumber()) {
                b.put(name, value.doubleValue());
            } else if (value.isArray()) {
                b.put(name, o.texts(name));
            } else {
                throw new ManifestNode.Invalid(o.where(name)
                        + " must be a string, a number or an array of strings (a feature value)");
            }
        }
        return b.build();
    }

    private static Provenance provenance(ManifestNode o) {
        Instant createdAt = null;
        String created = o.textOrNull("createdAt");
        if (created != null) {
            try {
                createdAt = Instant.parse(created);
            } catch (DateTimeParseException e) {
                throw new ManifestNode.Invalid(o.where("createdAt") + " is \"" + created
                        + "\", which is not an ISO-8601 instant such as 2024-05-01T12:00:00Z");
            }
        }
        return new Provenance(o.textOrNull("libraryVersion"), createdAt, o.longInteger("seed"),
                o.textOrNull("dataFingerprint"), o.integer("trainingUsers"), o.integer("validationUsers"),
                o.integer("epochsRun"), o.integer("bestEpoch"), o.number("bestValidationScore"),
                o.longInteger("trainingTasks"), o.number("trainingSeconds"),
                // recorded since 0.2's trainer/model split; older files do not have them
                textOrUnknown(o, "algorithm"), textOrUnknown(o, "engine"),
                o.has("threads") ? o.integer("threads") : 0, textOrUnknown(o, "javaVersion"),
                textOrUnknown(o, "os"), textOrUnknown(o, "architecture"));
    }

    private static String textOrUnknown(ManifestNode o, String field) {
        return o.has(field) ? o.text(field) : Provenance.UNKNOWN;
    }
}
