package io.github.metarec4j.internal.meta;

import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.FeedbackType;
import io.github.metarec4j.data.RatingScale;
import io.github.metarec4j.internal.data.FeatureEncoder;
import io.github.metarec4j.internal.model.CatalogueScorer;
import io.github.metarec4j.internal.model.ItemCatalogue;
import io.github.metarec4j.internal.model.JavaTensors;
import io.github.metarec4j.internal.model.Network;
import io.github.metarec4j.internal.model.Onboarding;
import io.github.metarec4j.internal.model.Rows;
import io.github.metarec4j.internal.util.Checks;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.meta.Provenance;
import io.github.metarec4j.model.Objective;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A meta-trained model: the shared parameters and everything needed to adapt them to a
 * user and score items (the network, the training configuration whose inner-loop settings
 * {@link #adapt} uses, feature encoders, item catalogue, rating offset) plus how it was made.
 *
 * <p>This is the engine behind {@code MetaRecommender}; it speaks in encoded vectors and
 * catalogue indices. Adapting and scoring run the {@link Network} on the plain-Java fast
 * path; scoring the whole catalogue reuses every item's user-independent part, computed
 * once per model ({@link CatalogueScorer}).
 *
 * <p>Immutable: the parameters are never written after training, and every call works on
 * its own arrays, so one instance may serve many threads.
 */
public final class MetaModel {

    /** Below this many items, scoring runs item by item; above, over the cached catalogue. */
    private static final int FEW_ITEMS = 128;

    private final Network network;
    private final MamlConfig training;
    private final float[] parameters;
    private final FeatureEncoder userEncoder;
    private final FeatureEncoder itemEncoder;
    private final ItemCatalogue catalogue;
    private final double ratingOffset;
    private final FeedbackType feedbackType;
    private final RatingScale ratingScale;
    private final Provenance provenance;
    private final RowSampler sampler;
    private final JavaTensors.Parameters unpacked;
    private final CatalogueScorer catalogueScorer;

    /**
     * Assembles a model from its parts (as training or a model file produces them).
     *
     * @param parameters  the flat parameters, {@code network.layout().size()} values; copied
     * @param ratingScale the scale of explicit ratings, null for implicit feedback
     */
    public MetaModel(Network network, MamlConfig training, float[] parameters, FeatureEncoder userEncoder,
                     FeatureEncoder itemEncoder, ItemCatalogue catalogue, double ratingOffset,
                     FeedbackType feedbackType, RatingScale ratingScale, Provenance provenance) {
        this.network = Checks.notNull(network, "network");
        this.training = Checks.notNull(training, "training");
        Checks.notNull(parameters, "parameters");
        Checks.argument(parameters.length == network.layout().size(), "the model has " + network.layout().size()
                + " parameters but " + parameters.length + " were given");
        Checks.argument(training.adaptationScope() == network.layout().scope(), "the training configuration "
                + "adapts " + training.adaptationScope() + " but the layout was made for " + network.layout().scope());
        this.parameters = parameters.clone();
        this.userEncoder = Checks.notNull(userEncoder, "userEncoder");
        this.itemEncoder = Checks.notNull(itemEncoder, "itemEncoder");
        this.catalogue = Checks.notNull(catalogue, "catalogue");
        Checks.argument(userEncoder.dimension() == network.layout().userInputs()
                        && itemEncoder.dimension() == network.layout().itemInputs(),
                "the encoders do not match the layout's input sizes");
        this.feedbackType = Checks.notNull(feedbackType, "feedbackType");
        Checks.argument(catalogue.size() > 0, "the catalogue has no items; a model needs items to score");
        for (int i = 0; i < this.parameters.length; i++) {
            if (!Float.isFinite(this.parameters[i])) { // the message only for a bad one: there are millions
                throw new IllegalArgumentException("parameter " + i + " (in block " + network.layout().blockAt(i).name()
                        + ") is " + this.parameters[i] + ", not a finite number");
            }
        }
        // with a rating head, the mean of the training ratings: outside the scale it can only be damage, and
        // 1e300 made every score NaN (without one it is 0)
        Checks.argument(Double.isFinite(ratingOffset) && (ratingScale == null || !network.objective().hasRatingHead()
                        || ratingScale.contains(ratingOffset)),
                "the rating offset is " + ratingOffset + ", but it is the mean training rating and must lie on the "
                        + "rating scale" + (ratingScale == null ? "" : " " + ratingScale));
        this.ratingOffset = ratingOffset;
        Checks.argument((feedbackType == FeedbackType.EXPLICIT) == (ratingScale != null),
                "explicit feedback needs a rating scale and implicit feedback none");
        Checks.argument(ratingScale != null || !network.objective().hasRatingHead(),
                "a model with a rating head needs a rating scale");
        this.ratingScale = ratingScale;
        this.provenance = Checks.notNull(provenance, "provenance");
        this.sampler = sampler(network, catalogue, ratingOffset);
        this.unpacked = new JavaTensors.Parameters(network.layout(), this.parameters);
        this.catalogueScorer = new CatalogueScorer(network, unpacked, catalogue);
    }

    /**
     * {@code base} with another catalogue: the weights (and their unpacked layers) shared, not
     * copied or checked again; only the catalogue's item part is computed.
     */
    private MetaModel(MetaModel base, ItemCatalogue catalogue) {
        this.network = base.network;
        this.training = base.training;
        this.parameters = base.parameters;
        this.userEncoder = base.userEncoder;
        this.itemEncoder = base.itemEncoder;
        this.catalogue = catalogue;
        this.ratingOffset = base.ratingOffset;
        this.feedbackType = base.feedbackType;
        this.ratingScale = base.ratingScale;
        this.provenance = base.provenance;
        this.sampler = sampler(network, catalogue, ratingOffset);
        this.unpacked = base.unpacked;
        this.catalogueScorer = new CatalogueScorer(network, unpacked, catalogue);
    }

    /** The negatives' sampler of a catalogue: negatives are drawn among the items with an ID embedding. */
    private static RowSampler sampler(Network network, ItemCatalogue catalogue, double ratingOffset) {
        int withIds = 0;
        for (int i = 0; i < catalogue.size(); i++) {
            withIds += catalogue.hasOwnId(i) ? 1 : 0;
        }
        int[] itemsWithIds = new int[withIds];
        for (int i = 0, at = 0; i < catalogue.size(); i++) {
            if (catalogue.hasOwnId(i)) {
                itemsWithIds[at++] = i;
            }
        }
        return new RowSampler(catalogue, network.objective(), ratingOffset, network.config().negatives(),
                network.config().strengthWeights(), itemsWithIds);
    }

    /** The network: configuration, objective, layout. */
    public Network network() {
        return network;
    }

    /** The training configuration, whose inner-loop settings {@link #adapt} uses. */
    public MamlConfig training() {
        return training;
    }

    /** A copy of the shared (meta-learned) parameters. */
    public float[] parameters() {
        return parameters.clone();
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

    /** Added to the rating head's output (with the item's offset) to give a rating; 0 for implicit feedback. */
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

    /** Number of values in a user's adapted state. */
    public int adaptedSize() {
        return network.layout().adaptedSize();
    }

    /** This model with {@code items} added to its catalogue, scored from their features alone; the weights shared. */
    public MetaModel withItems(Map<String, Features> items) {
        return new MetaModel(this, catalogue.with(items, itemEncoder));
    }

    /** Encodes a user's features. */
    public float[] encodeUser(Features features) {
        return userEncoder.encode(features);
    }

    /**
     * The inner loop for one user: the starting state from their features and support items,
     * then {@code innerSteps} steps on the support. Deterministic: the negatives of the
     * engagement head are drawn from a generator seeded by the support itself.
     *
     * @param userInput     encoded user features
     * @param supportItems  catalogue indices of the items the user gave feedback on
     * @param supportValues the feedback (ratings, or implicit strengths)
     * @return the adapted values, {@link #adaptedSize()} of them
     */
    public float[] adapt(float[] userInput, int[] supportItems, float[] supportValues) {
        Checks.argument(userInput.length == userEncoder.dimension(), "user input must have "
                + userEncoder.dimension() + " values, got " + userInput.length);
        Checks.argument(supportItems.length == supportValues.length, "support items and values must pair up, got "
                + supportItems.length + " and " + supportValues.length);
        int[] rowItems = supportItems(supportItems, supportValues);
        Rows rows = sampler.rows(rowItems, supportItems.length, supportValues, 0, null);
        // the rows' item part from the catalogue cache: the item tower is not computed again
        double[] adapted = network.adapt(tensors(), userInput, catalogueScorer.rows(rowItems), rows,
                training.innerSteps(), training.innerLearningRate());
        float[] out = new float[adapted.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = (float) adapted[j];
        }
        return out;
    }

    /** The support's rows, with the engagement head's negatives drawn as {@link #adapt} documents. */
    Rows supportRows(int[] supportItems, float[] supportValues) {
        return sampler.rows(supportItems(supportItems, supportValues), supportItems.length, supportValues, 0, null);
    }

    /** The catalogue items of the support's rows: the support, then the negatives drawn as {@link #adapt} documents. */
    private int[] supportItems(int[] supportItems, float[] supportValues) {
        int[] sorted = supportItems.clone();
        Arrays.sort(sorted);
        SplittableRandom random = new SplittableRandom(Arrays.hashCode(sorted) * 31L
                + Arrays.hashCode(supportValues));
        return sampler.withNegatives(supportItems, sorted, random);
    }

    /**
     * The heads' raw outputs for catalogue items: {@code items x heads} (see
     * {@link #rating}, {@link #rankingScore}).
     */
    public float[][] outputs(float[] userInput, float[] adapted, int[] items) {
        double[] a = checkAdapted(adapted);
        if (items.length >= FEW_ITEMS) {
            float[][] all = catalogueScorer.score(userInput, a);
            float[][] out = new float[items.length][];
            for (int i = 0; i < items.length; i++) {
                out[i] = all[items[i]];
            }
            return out;
        }
        float[][] inputs = new float[items.length][];
        int[] ids = new int[items.length];
        for (int i = 0; i < items.length; i++) {
            inputs[i] = catalogue.inputRow(items[i]);
            ids[i] = catalogue.idRow(items[i]);
        }
        double[][] y = items.length == 0 ? new double[0][] : network.score(tensors(), userInput, a, inputs, ids);
        float[][] out = new float[y.length][];
        for (int i = 0; i < y.length; i++) {
            out[i] = new float[y[i].length];
            for (int h = 0; h < y[i].length; h++) {
                out[i][h] = (float) y[i][h];
            }
        }
        return out;
    }

    /**
     * The heads' raw outputs for catalogue item {@code item} scored from {@code itemInput} in
     * place of its encoded features (its ID row kept): what the item would score if it were
     * described so.
     */
    public float[] outputsAs(float[] userInput, float[] adapted, int item, float[] itemInput) {
        Checks.argument(itemInput.length == catalogue.inputWidth(), "item input must have " + catalogue.inputWidth()
                + " values, got " + itemInput.length);
        double[] y = network.score(tensors(), userInput, checkAdapted(adapted), new float[][]{itemInput},
                new int[]{catalogue.idRow(item)})[0];
        float[] out = new float[y.length];
        for (int h = 0; h < y.length; h++) {
            out[h] = (float) y[h];
        }
        return out;
    }

    /** The heads' raw outputs for every catalogue item, in catalogue order. */
    public float[][] outputsAll(float[] userInput, float[] adapted) {
        return catalogueScorer.score(userInput, checkAdapted(adapted));
    }

    /**
     * {@link #rankingScore} of every catalogue item, in catalogue order; for a scorer whose
     * outputs are linear in the user (the default), from {@link CatalogueScorer}'s flat pass,
     * without an array per item.
     */
    public double[] rankingScoresAll(float[] userInput, float[] adapted) {
        return catalogueScorer.rankingScores(userInput, checkAdapted(adapted), this::rankingScore);
    }

    /**
     * How much asking the user about each catalogue item is worth, in catalogue order
     * (docs/onboarding.md): the chance that they can answer, {@link #availability}, times what
     * their answer would teach the adapted values ({@link Onboarding#gains}: the expected
     * reduction of the uncertainty of their predictions over the catalogue, each item weighted
     * by that chance too).
     *
     * @param userInput     encoded user features
     * @param supportItems  catalogue indices of the items the user has already given feedback on
     * @param supportValues their feedback
     */
    public double[] onboardingScores(float[] userInput, int[] supportItems, float[] supportValues) {
        double[] available = availability(userInput, adapt(userInput, supportItems, supportValues));
        double[] gain = Onboarding.gains(network, unpacked, catalogueScorer, supportItems, available,
                training.innerLearningRate());
        double[] out = new double[gain.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = available[i] * gain[i];
        }
        return out;
    }

    /**
     * The chance that the user has met each catalogue item (sums to 1): with an engagement head,
     * its softmax over the catalogue for the adapted user (trained on the training interactions
     * against uniformly drawn items, so {@code exp(y_eng)} estimates how often this user picks
     * the item); without one, each item's share of the training interactions; for a model file
     * written before those were stored, equal among the items with an ID row.
     */
    public double[] availability(float[] userInput, float[] adapted) {
        int n = catalogue.size();
        double[] p = new double[n];
        if (network.objective().hasEngagementHead()) {
            float[][] y = outputsAll(userInput, adapted);
            int h = network.objective().engagementHead();
            double max = Double.NEGATIVE_INFINITY;
            for (float[] row : y) {
                max = Math.max(max, row[h]);
            }
            for (int i = 0; i < n; i++) {
                p[i] = Math.exp(y[i][h] - max);
            }
        } else {
            for (int i = 0; i < n; i++) {
                p[i] = catalogue.hasCounts() ? catalogue.count(i) : catalogue.hasOwnId(i) ? 1 : 0;
            }
        }
        double sum = Arrays.stream(p).sum();
        for (int i = 0; i < n; i++) {
            p[i] = sum > 0 ? p[i] / sum : 1.0 / n;
        }
        return p;
    }

    /** Whether the model predicts ratings (it has a rating head). */
    public boolean predictsRatings() {
        return network.objective().hasRatingHead();
    }

    /** The predicted rating of catalogue item {@code item} from its outputs {@code y}, clipped to the scale. */
    public double rating(float[] y, int item) {
        Checks.state(ratingScale != null, "this model learned from implicit feedback and predicts no ratings");
        return network.rating(y, ratingOffset + catalogue.offset(item), ratingScale.min(), ratingScale.max());
    }

    /** {@code recommend}'s score of catalogue item {@code item} from its outputs {@code y}; higher is better. */
    public double rankingScore(float[] y, int item) {
        double min = ratingScale == null ? 0 : ratingScale.min();
        double max = ratingScale == null ? 0 : ratingScale.max();
        return network.rankingScore(y, ratingOffset + catalogue.offset(item), min, max);
    }

    /**
     * What {@code predict} returns for catalogue item {@code item} from its outputs: the rating
     * (clipped to the scale) with a rating head, else the engagement score squashed into
     * (0, 1) by a sigmoid, a monotone score rather than a calibrated probability (the head is
     * trained to rank an interacted item above sampled ones).
     */
    public double prediction(float[] y, int item) {
        if (predictsRatings()) {
            return rating(y, item);
        }
        double z = y[network.objective().engagementHead()];
        return 1 / (1 + Math.exp(-z));
    }

    /** The engagement head's objective, for callers that rank: see {@link Objective}. */
    public Objective objective() {
        return network.objective();
    }

    private JavaTensors tensors() {
        return new JavaTensors(unpacked);
    }

    private double[] checkAdapted(float[] adapted) {
        Checks.argument(adapted.length == adaptedSize(), "adapted values must have " + adaptedSize()
                + " entries, got " + adapted.length);
        double[] a = new double[adapted.length];
        for (int j = 0; j < a.length; j++) {
            a[j] = adapted[j];
        }
        return a;
    }
}
