package io.github.metarec4j;

import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.DuplicatePolicy;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.FeedbackType;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.data.Interactions;
import io.github.metarec4j.data.RatingScale;
import io.github.metarec4j.internal.io.ModelFile;
import io.github.metarec4j.internal.meta.MetaModel;
import io.github.metarec4j.internal.meta.MetaTrainer;
import io.github.metarec4j.internal.model.ItemCatalogue;
import io.github.metarec4j.internal.util.Checks;
import io.github.metarec4j.internal.util.Digests;
import io.github.metarec4j.internal.util.StableHash;
import io.github.metarec4j.internal.util.TopK;
import io.github.metarec4j.meta.Checkpoints;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.meta.TrainingListener;
import io.github.metarec4j.model.Objective;
import io.github.metarec4j.model.ScorerConfig;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/**
 * A meta-learned recommender: trained once on many users, it adapts to a new user from a
 * handful of ratings (or from their features alone) and recommends items, including items
 * nobody has rated yet.
 *
 * <pre>{@code
 * MetaRecommender rec = MetaRecommender.builder()
 *         .scorer(ScorerConfig.builder().towerSize(32).hiddenLayers(64).userFactors(32).build())
 *         .training(MamlConfig.builder().innerSteps(3).epochs(30).seed(42).build())
 *         .listener(TrainingListener.logging(Duration.ofSeconds(5)))
 *         .build()
 *         .fit(data);                                    // meta-training: returns the fitted recommender
 * UserModel alice = rec.adapt(aliceFeatures, aliceRatings); // the inner loop, milliseconds
 * List<Recommendation> top = rec.recommend(alice, 10);     // rated items left out
 * double r = rec.predict(alice, "heat");
 * rec.save(Path.of("model.mr4j"));
 * }</pre>
 *
 * <p>{@link #fit} does not change this object: it returns a new, fitted recommender (the
 * unfitted one is a reusable recipe). A fitted recommender never changes either: its
 * meta-learned weights are read, never written, and every call works on its own arrays,
 * so one instance may be shared by any number of threads. {@link #withItems} returns a
 * recommender with a larger catalogue and leaves this one as it is.
 */
public final class MetaRecommender {

    private final ScorerConfig scorerConfig;
    private final MamlConfig trainingConfig;
    private final List<TrainingListener> listeners;
    private final MetaModel model;
    private final String modelId;
    /** The tie key of every catalogue item, by catalogue index: the FNV-1a hash of its id. */
    private final long[] tieKeys;
    /** Where fit saves and resumes training. */
    private final Optional<Checkpoints> checkpoints;

    private MetaRecommender(ScorerConfig scorerConfig, MamlConfig trainingConfig,
                            List<TrainingListener> listeners, MetaModel model) {
        this(scorerConfig, trainingConfig, listeners, model, Optional.empty());
    }

    private MetaRecommender(ScorerConfig scorerConfig, MamlConfig trainingConfig,
                            List<TrainingListener> listeners, MetaModel model, Optional<Checkpoints> checkpoints) {
        this.checkpoints = checkpoints;
        this.scorerConfig = scorerConfig;
        this.trainingConfig = trainingConfig;
        this.listeners = List.copyOf(listeners);
        this.model = model;
        this.modelId = model == null ? "" : identify(model);
        this.tieKeys = model == null ? new long[0]
                : model.catalogue().ids().ids().stream().mapToLong(StableHash::fnv1a32).toArray();
    }

    /** A builder holding the default configuration. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Wraps a trained {@link MetaModel} (from a trainer, or a model file) as a fitted recommender.
     */
    public static MetaRecommender of(MetaModel model) {
        Checks.notNull(model, "model");
        return new MetaRecommender(model.network().config(), model.training(), List.of(), model);
    }

    /**
     * Meta-trains on {@code data} and returns the fitted recommender; this one stays as it was.
     *
     * <p>A listener's {@link TrainingListener#stopRequested()} or an interrupt of the calling
     * thread ends training early without an exception (the interrupt flag is left set); with
     * {@link Builder#checkpoints}, a later fit resumes from the last checkpoint.
     *
     * @throws IllegalArgumentException if {@code data} is null or cannot be trained on, or the
     *                                  checkpoint file is damaged or from another run
     * @throws java.io.UncheckedIOException if a checkpoint cannot be read or written
     * @throws io.github.metarec4j.meta.TrainingDivergedException if training blows up
     */
    public MetaRecommender fit(Dataset data) {
        Checks.notNull(data, "dataset");
        MetaTrainer trainer = new MetaTrainer(scorerConfig, trainingConfig, listeners);
        MetaModel trained = checkpoints.map(trainer::withCheckpoints).orElse(trainer).fit(data);
        return new MetaRecommender(scorerConfig, trainingConfig, listeners, trained);
    }

    /** Whether this recommender has been trained (returned by {@link #fit} or loaded). */
    public boolean isFitted() {
        return model != null;
    }

    /** The trained engine behind this recommender, for evaluation and tooling. */
    public MetaModel model() {
        return fitted();
    }

    /** The scorer configuration. */
    public ScorerConfig scorerConfig() {
        return scorerConfig;
    }

    /** The training configuration. */
    public MamlConfig trainingConfig() {
        return trainingConfig;
    }

    /** The ids of the items this recommender can score, in catalogue order. */
    public List<String> catalogue() {
        return fitted().catalogue().ids().ids();
    }

    /**
     * A recommender that also knows {@code items}: items added after training, scored from
     * their features alone (they have no ID embedding). Cheap: the weights are shared.
     *
     * @throws IllegalArgumentException if an id is already in the catalogue, or features do
     *                                  not fit the item schema
     */
    public MetaRecommender withItems(Map<String, Features> items) {
        Checks.notEmpty(items, "items", "pass the new items' ids and features");
        return new MetaRecommender(scorerConfig, trainingConfig, listeners, fitted().withItems(items));
    }

    /**
     * Adapts to a user with no feedback yet, from their features alone (the meta-learned
     * starting point, personalised only through the user tower).
     */
    public UserModel adapt(Features userFeatures) {
        return adapt(userFeatures, List.of());
    }

    /**
     * Adapts to a user: {@code innerSteps} SGD steps on their support set from the
     * meta-learned weights. Deterministic: the same input gives the same user model.
     *
     * @param userFeatures the user's features ({@link Features#none()} if there are none)
     * @param support      the user's feedback, all of one user; may be empty. For explicit
     *                     feedback, values are ratings on the training scale; for implicit, a
     *                     positive strength
     * @throws IllegalArgumentException naming the offending item or value: a support item
     *                                  not in the catalogue, a rating off the scale, a
     *                                  feature the schema does not know
     * @throws IllegalStateException    if this recommender is not fitted, or adapting gives values
     *                                  that are not finite numbers (weights that overflow)
     */
    public UserModel adapt(Features userFeatures, Collection<Interaction> support) {
        return adapt(userFeatures, support, DuplicatePolicy.REJECT);
    }

    /**
     * Adapts to a user as {@link #adapt(Features, Collection)} does, with {@code duplicates}
     * saying what to do with an item that appears more than once in the support (merged as
     * {@link Interactions.Builder} merges a dataset's rows).
     *
     * @throws IllegalArgumentException as {@link #adapt(Features, Collection)}, and under
     *                                  {@link DuplicatePolicy#REJECT} for an item given twice
     */
    public UserModel adapt(Features userFeatures, Collection<Interaction> support, DuplicatePolicy duplicates) {
        MetaModel m = fitted();
        Checks.notNull(userFeatures, "userFeatures");
        Checks.notNull(support, "support");
        Checks.notNull(duplicates, "duplicates");
        ItemCatalogue catalogue = m.catalogue();
        Interactions.Builder rows = Interactions.builder().duplicates(duplicates);
        String user = null;
        for (Interaction x : support) {
            Checks.notNull(x, "a support interaction");
            if (user == null) {
                user = x.userId();
            } else if (!user.equals(x.userId())) {
                throw new IllegalArgumentException("the support interactions belong to more than one user ('" + Checks.shown(user)
                        + "' and '" + Checks.shown(x.userId()) + "'); adapt one user at a time");
            }
            OptionalInt index = catalogue.ids().indexOf(x.itemId());
            if (index.isEmpty()) {
                throw new IllegalArgumentException("support item '" + Checks.shown(x.itemId()) + "' is neither in the catalogue "
                        + "nor described by features: add it first with withItems(Map.of(\"" + Checks.shown(x.itemId())
                        + "\", features)), or leave it out");
            }
            checkValue(m, x);
            rows.add(x);
        }
        Interactions merged = rows.build();
        int[] items = new int[merged.size()];
        float[] values = new float[merged.size()];
        Set<String> supportIds = new LinkedHashSet<>();
        for (int r = 0; r < merged.size(); r++) {
            String item = merged.items().id(merged.itemIndex(r));
            items[r] = catalogue.ids().indexOf(item).orElseThrow();
            values[r] = (float) merged.value(r);
            supportIds.add(item);
        }
        float[] userInput = m.encodeUser(userFeatures);
        float[] adapted = m.adapt(userInput, items, values);
        for (float a : adapted) {
            if (!Float.isFinite(a)) {
                throw new IllegalStateException("adapting to this user gave values that are not finite numbers ("
                        + a + "): the model's weights are unusable for them; train it again with a lower "
                        + "innerLearningRate (now " + m.training().innerLearningRate() + ")");
            }
        }
        return new UserModel(modelId, userInput, adapted, supportIds);
    }

    private static void checkValue(MetaModel m, Interaction x) {
        if (m.feedbackType() == FeedbackType.EXPLICIT) {
            RatingScale scale = m.ratingScale().orElseThrow();
            if (!scale.contains(x.value())) {
                throw new IllegalArgumentException("rating " + x.value() + " for item '" + Checks.shown(x.itemId())
                        + "' is outside the rating scale [" + scale.min() + ", " + scale.max()
                        + "] this model was trained on; pass ratings on that scale");
            }
        } else if (!(x.value() > 0)) {
            throw new IllegalArgumentException("implicit feedback value " + x.value() + " for item '" + Checks.shown(x.itemId())
                    + "' is not positive; pass only items the user engaged with (value 1 if there is no strength)");
        }
    }

    /**
     * The user's top {@code k} items of the catalogue, best first, leaving out the support
     * items; fewer if the catalogue has fewer. Items are ranked by the model's ranking score:
     * the predicted rating for a rating model, the engagement score for an engagement model,
     * and with both heads (the default for ratings) engagement plus
     * {@link ScorerConfig#rankingRatingWeight()} times the predicted rating, so the list holds
     * items the user is likely to pick and to rate well. Equal scores are ordered by the 32-bit FNV-1a
     * hash of the item id's UTF-8 bytes, ascending ({@link StableHash#fnv1a32}): a fixed
     * shuffle, so that ties favour neither the catalogue order nor the ids' order (items
     * whose hashes are equal too follow catalogue order).
     *
     * @throws IllegalArgumentException if {@code k <= 0} or the user model comes from another model
     * @throws IllegalStateException    if the model scores an item as NaN or infinite (weights that
     *                                  overflow): such a score is never ranked or returned
     */
    public List<Recommendation> recommend(UserModel user, int k) {
        MetaModel m = fitted();
        checkUser(user);
        checkK(k);
        // every item is scored in one pass; the support is masked out afterwards
        float[][] outputs = m.outputsAll(user.userInput(), user.adapted());
        float[] scores = new float[outputs.length];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = (float) m.rankingScore(outputs[i], i);
        }
        boolean[] excluded = new boolean[scores.length];
        for (String item : user.supportItems()) {
            m.catalogue().ids().indexOf(item).ifPresent(i -> excluded[i] = true);
        }
        return top(m, scores, i -> excluded[i] ? -1 : i, scores.length, k);
    }

    /**
     * The top {@code k} of {@code candidates}, best first; every candidate is scored as
     * given (support items included, duplicates once). Ties are broken as in
     * {@link #recommend(UserModel, int)}, not by the order of {@code candidates}.
     *
     * @throws IllegalArgumentException if {@code k <= 0}, a candidate is not in the catalogue,
     *                                  or the user model comes from another model
     */
    public List<Recommendation> recommend(UserModel user, int k, Collection<String> candidates) {
        MetaModel m = fitted();
        checkUser(user);
        checkK(k);
        Checks.notNull(candidates, "candidates");
        int[] items = new LinkedHashSet<>(candidates).stream().mapToInt(this::indexOf).toArray();
        float[][] outputs = m.outputs(user.userInput(), user.adapted(), items);
        float[] scores = new float[items.length];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = (float) m.rankingScore(outputs[i], items[i]);
        }
        return top(m, scores, i -> items[i], items.length, k);
    }

    /**
     * The user's predicted rating of {@code itemId}, clipped to the rating scale (a model with a
     * rating head: trained on explicit ratings, {@link Objective#RATING} or {@link Objective#JOINT});
     * for an engagement-only model, its engagement score squashed into (0, 1), which orders
     * items as {@code recommend} does but is not a calibrated probability.
     *
     * @throws IllegalArgumentException if the item is not in the catalogue, or the user model
     *                                  comes from another model
     * @throws IllegalStateException    if the model's outputs for the item are not finite numbers
     *                                  (weights that overflow)
     */
    public double predict(UserModel user, String itemId) {
        MetaModel m = fitted();
        checkUser(user);
        Checks.notNull(itemId, "itemId");
        int item = indexOf(itemId);
        float[] outputs = m.outputs(user.userInput(), user.adapted(), new int[]{item})[0];
        for (float y : outputs) {
            checkScore(y, item);
        }
        return m.prediction(outputs, item);
    }

    /**
     * Fails rather than return or rank a score that is not a finite number: only weights that
     * overflow give one, and its place in a ranking would mean nothing.
     */
    private void checkScore(double score, int item) {
        if (!Double.isFinite(score)) {
            throw new IllegalStateException("the model scores item '" + Checks.shown(fitted().catalogue().ids().id(item))
                    + "' as " + score + " for this user: its weights overflow; train it again with lower "
                    + "learning rates");
        }
    }

    /**
     * The best {@code k} of {@code n} scored positions, best first; {@code item} maps a
     * position to its catalogue index, or -1 to skip it. Ties by {@link #tieKeys}.
     */
    private List<Recommendation> top(MetaModel m, float[] scores, IntUnaryOperator item, int n, int k) {
        for (int i = 0; i < n; i++) {
            int index = item.applyAsInt(i);
            if (index >= 0) {
                checkScore(scores[i], index);
            }
        }
        int[] best = TopK.best(scores, item, tieKeys, n, k);
        List<Recommendation> out = new ArrayList<>(best.length);
        for (int i : best) {
            out.add(new Recommendation(m.catalogue().ids().id(item.applyAsInt(i)), scores[i]));
        }
        return out;
    }

    private int indexOf(String itemId) {
        Checks.notNull(itemId, "itemId");
        return fitted().catalogue().ids().indexOf(itemId).orElseThrow(() -> new IllegalArgumentException(
                "item '" + Checks.shown(itemId) + "' is not in the catalogue; add new items with withItems(Map.of(\"" + Checks.shown(itemId)
                        + "\", features)) before scoring them"));
    }

    private void checkUser(UserModel user) {
        Checks.notNull(user, "user");
        Checks.argument(user.modelId().equals(modelId), "this UserModel was adapted by another model ("
                + user.modelId() + ", this one is " + modelId + "); adapt the user with this recommender");
        // equal weights, other sizes: bytes put together by hand, not by toBytes
        Checks.argument(user.userInput().length == model.userEncoder().dimension()
                        && user.adapted().length == model.adaptedSize(), "this UserModel has "
                        + user.userInput().length + " encoded features and " + user.adapted().length
                        + " adapted values, but this model uses " + model.userEncoder().dimension() + " and "
                        + model.adaptedSize() + "; adapt the user with this recommender");
    }

    private static void checkK(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive (the number of items to recommend), got " + k);
        }
    }

    private MetaModel fitted() {
        Checks.state(model != null, "this MetaRecommender is not fitted: fit(dataset) returns the fitted "
                + "recommender (rec = rec.fit(data)), or load one with MetaRecommender.load(path)");
        return model;
    }

    /** A short digest of the meta-learned weights: user models are valid exactly for equal weights. */
    private static String identify(MetaModel model) {
        float[] values = model.parameters();
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4);
        bytes.asFloatBuffer().put(values);
        return HexFormat.of().formatHex(Digests.sha256().digest(bytes.array()), 0, 8);
    }

    /**
     * Saves the fitted recommender to one file (written to a temporary name, then renamed,
     * so a crash never leaves a half-written model under {@code path}).
     *
     * @throws IllegalStateException    if this recommender is not fitted
     * @throws IllegalArgumentException if the parent directory does not exist
     * @throws java.io.UncheckedIOException if writing fails
     */
    public void save(Path path) {
        Checks.notNull(path, "path");
        ModelFile.write(fitted(), path);
    }

    /**
     * Loads a recommender saved by {@link #save(Path)}; it predicts exactly as the saved one did.
     *
     * @throws io.github.metarec4j.io.ModelFormatException if the file is missing, not a model
     *         file, damaged, or from a newer format version (the message says which)
     */
    public static MetaRecommender load(Path path) {
        Checks.notNull(path, "path");
        return of(ModelFile.read(path));
    }

    /**
     * Writes the fitted recommender to {@code out} in the model file format (for a database, an
     * object store, a network); the stream is flushed, not closed.
     *
     * @throws IllegalStateException        if this recommender is not fitted
     * @throws java.io.UncheckedIOException if writing fails
     */
    public void save(OutputStream out) {
        Checks.notNull(out, "out");
        ModelFile.write(fitted(), out);
    }

    /**
     * Reads a recommender written by {@link #save(OutputStream)} from {@code in}, to its
     * end; the stream is not closed.
     *
     * @throws io.github.metarec4j.io.ModelFormatException as {@link #load(Path)}
     */
    public static MetaRecommender load(InputStream in) {
        Checks.notNull(in, "in");
        return of(ModelFile.read(in));
    }

    @Override
    public String toString() {
        return model == null ? "MetaRecommender[not fitted]"
                : "MetaRecommender[" + model.catalogue().size() + " items, model " + modelId + "]";
    }

    /** Collects the configuration of a recommender; not thread-safe. */
    public static final class Builder {
        private ScorerConfig scorer = ScorerConfig.builder().build();
        private MamlConfig training = MamlConfig.builder().build();
        private final List<TrainingListener> listeners = new ArrayList<>();
        private Checkpoints checkpoints;

        private Builder() {
        }

        /** The scorer's shape (default: {@code ScorerConfig.builder().build()}). */
        public Builder scorer(ScorerConfig config) {
            this.scorer = Checks.notNull(config, "scorer config");
            return this;
        }

        /** How to meta-train and adapt (default: {@code MamlConfig.builder().build()}). */
        public Builder training(MamlConfig config) {
            this.training = Checks.notNull(config, "training config");
            return this;
        }

        /** Adds a listener to training progress. */
        public Builder listener(TrainingListener listener) {
            listeners.add(Checks.notNull(listener, "listener"));
            return this;
        }

        /**
         * Saves training's state as {@code checkpoints} says, and resumes a fit from a checkpoint
         * of the same configuration and data already there (default: no checkpoints).
         */
        public Builder checkpoints(Checkpoints checkpoints) {
            this.checkpoints = Checks.notNull(checkpoints, "checkpoints");
            return this;
        }

        /** An unfitted recommender; {@link MetaRecommender#fit} trains it. */
        public MetaRecommender build() {
            return new MetaRecommender(scorer, training, listeners, null, Optional.ofNullable(checkpoints));
        }
    }
}
