package io.github.metarec4j.meta;

import io.github.metarec4j.data.FeatureEncoder;
import io.github.metarec4j.data.FeedbackType;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.RatingScale;
import io.github.metarec4j.model.AdaptationScope;
import io.github.metarec4j.model.ItemCatalogue;
import io.github.metarec4j.model.CatalogueScorer;
import io.github.metarec4j.model.MlpScorer;
import io.github.metarec4j.model.Objective;
import io.github.metarec4j.model.ParameterLayout;
import io.github.metarec4j.model.RowBatch;
import io.github.metarec4j.model.UserKernel;
import io.github.metarec4j.task.Task;
import io.github.metarec4j.util.Checks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A meta-trained model: the shared initial weights and everything needed to adapt them to
 * a user and score items (scorer, configurations, feature encoders, item catalogue,
 * rating offset) plus how it was made.
 *
 * <p>This is the engine behind {@code MetaRecommender}; it speaks in encoded vectors and
 * catalogue indices. Immutable: the parameters are never written after training, and
 * every call works on its own arrays, so one instance may serve many threads.
 */
public final class MetaModel {

    private final MlpScorer scorer;
    private final MamlConfig training;
    private final INDArray parameters;
    private final FeatureEncoder userEncoder;
    private final FeatureEncoder itemEncoder;
    private final ItemCatalogue catalogue;
    private final double ratingOffset;
    private final FeedbackType feedbackType;
    private final RatingScale ratingScale;
    private final Provenance provenance;
    private final BatchAssembler assembler;
    /** The fast single-user path; null under {@link AdaptationScope#ALL} (towers adapted), which uses ND4J. */
    private final Serving serving;

    /**
     * What serving one user needs, computed once per model: the user tower and the dense
     * layers as Java arrays, every catalogue item's {@code [h_v, e]}, the Java kernel for
     * adaptation and small candidate sets, and the ND4J scorer for the whole catalogue.
     */
    private static final class Serving {
        final float[][] userTower;
        final float[] dense;
        final UserKernel kernel;
        final CatalogueScorer catalogueScorer;

        Serving(MlpScorer scorer, AdaptationScope scope, INDArray params, ItemCatalogue catalogue) {
            ParameterLayout layout = scorer.layout();
            List<ParameterLayout.Block> dense = layout.denseLayers();
            int firstAdapted = scope == AdaptationScope.HEAD ? dense.size() - 1 : 0;
            this.userTower = scorer.userTowerRows(params);
            this.dense = scorer.denseParameters(params);
            this.catalogueScorer = new CatalogueScorer(dense, layout.towerSize(), scorer.itemSide(params, catalogue));
            this.kernel = new UserKernel(dense, firstAdapted, scorer.objective());
        }
    }

    /**
     * Assembles a model from its parts (as training or a model file produces them).
     *
     * @param parameters a {@code [1, layout size]} FLOAT vector; copied
     * @param ratingScale the scale of explicit ratings, null for implicit feedback
     */
    public MetaModel(MlpScorer scorer, MamlConfig training, INDArray parameters, FeatureEncoder userEncoder,
                     FeatureEncoder itemEncoder, ItemCatalogue catalogue, double ratingOffset,
                     FeedbackType feedbackType, RatingScale ratingScale, Provenance provenance) {
        this.scorer = Checks.notNull(scorer, "scorer");
        this.training = Checks.notNull(training, "training");
        Checks.notNull(parameters, "parameters");
        Checks.argument(parameters.length() == scorer.layout().size(), "the model has "
                + scorer.layout().size() + " parameters but " + parameters.length() + " were given");
        this.parameters = parameters.castTo(DataType.FLOAT).dup().reshape(1, scorer.layout().size());
        this.userEncoder = Checks.notNull(userEncoder, "userEncoder");
        this.itemEncoder = Checks.notNull(itemEncoder, "itemEncoder");
        this.catalogue = Checks.notNull(catalogue, "catalogue");
        this.ratingOffset = ratingOffset;
        this.feedbackType = Checks.notNull(feedbackType, "feedbackType");
        Checks.argument((feedbackType == FeedbackType.EXPLICIT) == (ratingScale != null),
                "explicit feedback needs a rating scale and implicit feedback none");
        this.ratingScale = ratingScale;
        this.provenance = Checks.notNull(provenance, "provenance");
        this.assembler = new BatchAssembler(catalogue, userEncoder.dimension(), scorer.objective(), ratingOffset,
                scorer.config().negativesPerPositive());
        this.serving = training.adaptationScope() == AdaptationScope.ALL ? null
                : new Serving(scorer, training.adaptationScope(), this.parameters, catalogue);
    }

    /** The scorer (configuration, objective, layout). */
    public MlpScorer scorer() {
        return scorer;
    }

    /** The training configuration, whose inner-loop settings {@link #adapt} uses. */
    public MamlConfig training() {
        return training;
    }

    /** A copy of the shared (meta-learned) parameters. */
    public INDArray parameters() {
        return parameters.dup();
    }

    /** Encodes user features. */
    public FeatureEncoder userEncoder() {
        return userEncoder;
    }

    /** Encodes item features. */
    public FeatureEncoder itemEncoder() {
        return itemEncoder;
    }

    /** The items this model can score. */
    public ItemCatalogue catalogue() {
        return catalogue;
    }

    /** Added to the model's output to give a rating (the training ratings' mean); 0 for implicit feedback. */
    public double ratingOffset() {
        return ratingOffset;
    }

    /** Explicit ratings or implicit feedback. */
    public FeedbackType feedbackType() {
        return feedbackType;
    }

    /** The rating scale, for explicit feedback. */
    public Optional<RatingScale> ratingScale() {
        return Optional.ofNullable(ratingScale);
    }

    /** How the model was made. */
    public Provenance provenance() {
        return provenance;
    }

    /** Number of values in an adapted parameter vector. */
    public int adaptedSize() {
        return (int) scorer.layout().adaptedSize(training.adaptationScope());
    }

    /** This model with {@code items} added to its catalogue, scored from their features alone. */
    public MetaModel withItems(Map<String, Features> items) {
        return new MetaModel(scorer, training, parameters, userEncoder, itemEncoder,
                catalogue.with(items, itemEncoder), ratingOffset, feedbackType, ratingScale, provenance);
    }

    /** Encodes a user's features. */
    public float[] encodeUser(Features features) {
        return userEncoder.encode(features);
    }

    /**
     * The inner loop for one user: {@code innerSteps} SGD steps on the support set, from the
     * shared weights. With no support the shared weights are returned unchanged.
     * Deterministic: the negatives of implicit feedback are seeded by the support itself.
     *
     * @param userInput     encoded user features
     * @param supportItems  catalogue indices of the items the user gave feedback on
     * @param supportValues the feedback (ratings, or implicit strengths)
     * @return the adapted parameters, {@link #adaptedSize()} values
     */
    public float[] adapt(float[] userInput, int[] supportItems, float[] supportValues) {
        Checks.argument(userInput.length == userEncoder.dimension(), "user input must have "
                + userEncoder.dimension() + " values, got " + userInput.length);
        Checks.argument(supportItems.length == supportValues.length, "support items and values must pair up, got "
                + supportItems.length + " and " + supportValues.length);
        AdaptationScope scope = training.adaptationScope();
        if (supportItems.length == 0 || training.innerSteps() == 0) {
            return scorer.adaptedSlice(parameters, scope).toFloatVector();
        }
        if (serving == null) {
            return adaptWithNd4j(userInput, supportItems, supportValues);
        }
        BatchAssembler.Rows rows = supportRows(supportItems, supportValues);
        float[][] inputs = new float[rows.items().length][];
        for (int r = 0; r < inputs.length; r++) {
            inputs[r] = serving.catalogueScorer.itemRow(rows.items()[r]);
        }
        float[] weights = new float[inputs.length];
        Arrays.fill(weights, 1f / inputs.length);
        float[] dense = serving.kernel.adapt(serving.dense, userVector(userInput), inputs, rows.targets(), weights,
                training.innerSteps(), (float) training.innerLearningRate());
        return Arrays.copyOfRange(dense, dense.length - adaptedSize(), dense.length);
    }

    /** The reference implementation of {@link #adapt}: the batched ND4J inner loop training uses. */
    float[] adaptWithNd4j(float[] userInput, int[] supportItems, float[] supportValues) {
        Task task = new Task(0, supportItems, supportValues, new int[0], new float[0]);
        int[] sorted = sortedCopy(supportItems);
        RowBatch support = assembler.build(List.of(task), BatchAssembler.Side.SUPPORT, userInput, new int[]{0},
                t -> sorted, 0, supportRandom(supportItems, supportValues), t -> 1, DataType.FLOAT);
        return InnerLoop.adapt(scorer, parameters, training.adaptationScope(), support, training.innerSteps(),
                training.innerLearningRate()).toFloatVector();
    }

    /** The support's rows (with sampled negatives for implicit feedback), drawn as {@link #adaptWithNd4j} draws them. */
    private BatchAssembler.Rows supportRows(int[] supportItems, float[] supportValues) {
        return assembler.rows(supportItems, supportValues, sortedCopy(supportItems),
                supportRandom(supportItems, supportValues));
    }

    /** The same support always draws the same negatives, so {@code adapt} is deterministic. */
    private static SplittableRandom supportRandom(int[] supportItems, float[] supportValues) {
        return new SplittableRandom(Arrays.hashCode(sortedCopy(supportItems)) * 31L + Arrays.hashCode(supportValues));
    }

    private static int[] sortedCopy(int[] items) {
        int[] sorted = items.clone();
        Arrays.sort(sorted);
        return sorted;
    }

    private float[] userVector(float[] userInput) {
        return UserKernel.reluLayer(userInput, serving.userTower);
    }

    /** Below this many items, scoring runs in the Java kernel; above, through ND4J over the whole catalogue. */
    private static final int KERNEL_ITEMS = 128;

    /**
     * Scores catalogue items for a user with adapted parameters: predicted ratings (not
     * clipped to the scale) or probabilities of engagement.
     */
    public float[] score(float[] userInput, float[] adapted, int[] items) {
        checkAdapted(adapted);
        if (items.length == 0) {
            return new float[0];
        }
        if (serving == null) {
            return scoreWithNd4j(userInput, adapted, items);
        }
        float[] raw;
        if (items.length < KERNEL_ITEMS) {
            float[][] rows = new float[items.length][];
            for (int i = 0; i < items.length; i++) {
                rows[i] = serving.catalogueScorer.itemRow(items[i]);
            }
            raw = serving.kernel.score(withAdapted(adapted), userVector(userInput), rows);
        } else {
            float[] all = serving.catalogueScorer.score(withAdapted(adapted), userVector(userInput));
            raw = new float[items.length];
            for (int i = 0; i < items.length; i++) {
                raw[i] = all[items[i]];
            }
        }
        return toOutput(raw, items);
    }

    /** Scores every catalogue item, in catalogue order (see {@link #score}). */
    public float[] scoreAll(float[] userInput, float[] adapted) {
        checkAdapted(adapted);
        if (serving == null) {
            int[] all = new int[catalogue.size()];
            Arrays.setAll(all, i -> i);
            return scoreWithNd4j(userInput, adapted, all);
        }
        return toOutput(serving.catalogueScorer.score(withAdapted(adapted), userVector(userInput)), null);
    }

    /** The reference implementation of {@link #score}: the batched ND4J forward pass training uses. */
    float[] scoreWithNd4j(float[] userInput, float[] adapted, int[] items) {
        RowBatch.Builder rows = RowBatch.builder(1, items.length, userEncoder.dimension(), catalogue.inputWidth());
        rows.user(0, userInput, 0);
        for (int r = 0; r < items.length; r++) {
            rows.row(0, r, catalogue, items[r], catalogue.idRow(items[r]), 0f, 0f);
        }
        RowBatch batch = rows.build(DataType.FLOAT);
        AdaptationScope scope = training.adaptationScope();
        INDArray own = Nd4j.create(adapted, new long[]{1, adapted.length}, DataType.FLOAT);
        MlpScorer.Pass pass = scorer.forward(scorer.prefix(parameters, scope, batch), own);
        float[] out = pass.predictions(scorer).toFloatVector();
        if (scorer.objective() == Objective.RATING) {
            for (int i = 0; i < out.length; i++) {
                out[i] += (float) ratingOffset + catalogue.offset(items[i]);
            }
        }
        return out;
    }

    private void checkAdapted(float[] adapted) {
        Checks.argument(adapted.length == adaptedSize(), "adapted parameters must have " + adaptedSize()
                + " values, got " + adapted.length);
    }

    /** The dense layers' parameters with the adapted tail replaced by {@code adapted}. */
    private float[] withAdapted(float[] adapted) {
        float[] dense = serving.dense.clone();
        System.arraycopy(adapted, 0, dense, dense.length - adapted.length, adapted.length);
        return dense;
    }

    /**
     * Raw outputs to ratings (plus the rating offset and the item's offset) or probabilities
     * (sigmoid); {@code items} are the catalogue indices of the outputs, null for catalogue order.
     */
    private float[] toOutput(float[] raw, int[] items) {
        for (int i = 0; i < raw.length; i++) {
            raw[i] = scorer.objective() == Objective.RATING
                    ? raw[i] + (float) ratingOffset + catalogue.offset(items == null ? i : items[i])
                    : (float) (1.0 / (1.0 + Math.exp(-raw[i])));
        }
        return raw;
    }
}
