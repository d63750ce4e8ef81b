package io.github.metarec4j;

import io.github.metarec4j.data.DuplicatePolicy;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.FeedbackType;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.data.Interactions;
import io.github.metarec4j.data.RatingScale;
import io.github.metarec4j.internal.io.ModelFile;
import io.github.metarec4j.internal.meta.MetaModel;
import io.github.metarec4j.internal.model.ItemCatalogue;
import io.github.metarec4j.internal.util.Checks;
import io.github.metarec4j.internal.util.Digests;
import io.github.metarec4j.internal.util.StableHash;
import io.github.metarec4j.internal.util.TopK;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.meta.Provenance;
import io.github.metarec4j.model.Objective;
import io.github.metarec4j.model.ScorerConfig;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A fitted meta-learned recommender: trained once on many users by a {@link MetaTrainer}, it
 * adapts to a new user from a handful of ratings (or from their features alone) and
 * recommends items, including items nobody has rated yet.
 *
 * <pre>{@code
 * MetaRecommender rec = MetaTrainer.builder()
 *         .training(MamlConfig.builder().epochs(30).seed(42).build())
 *         .build()
 *         .fit(data);                                          // meta-training
 * UserModel alice = rec.adapt(aliceFeatures, Map.of("heat", 5.0, "casino", 4.0)); // the inner loop, no retraining
 * List<Recommendation> top = rec.recommend(alice, 10);        // her support items left out
 * double r = rec.predict(alice, "heat");
 * rec.save(Path.of("model.mr4j"));
 * }</pre>
 *
 * <p>Immutable and thread-safe: the meta-learned weights are read, never written, and every
 * call works on its own arrays, so one instance may serve any number of threads.
 * {@link #withItems} and {@link #lenient()} return new recommenders that share the weights.
 *
 * <p>Serving threads: the calls keep nothing per thread (no thread-local caches), take no
 * lock and do not call ND4J, so a serving thread costs only the short-lived arrays of the
 * call it is running. With a scorer without hidden layers under the {@code USER} scope (the
 * default), a {@link #recommend(UserModel, int) recommend} over the whole catalogue allocates
 * about 17 bytes per catalogue item (0.7 MB for 40,981 items); with hidden layers, or under the
 * {@code HEAD} scope, it computes every item's layers and allocates far more per item
 * (docs/performance.md, "Large catalogues"). The calls are CPU-bound and never block: a pool
 * of about one serving thread per core is enough, and virtual threads (Java 21 and later) may
 * run them, without pinning, but gain nothing over such a pool.
 *
 * <p>Item ids a model does not know (neither trained on nor added with {@link #withItems}):
 * a strict recommender (the default) rejects them with an exception naming the id; a
 * {@link #lenient()} one skips them in support sets (counted in
 * {@link UserModel#skippedItems()}) and candidate lists, and scores them as NaN in
 * {@link #scores} and {@link #predict(UserModel, List)} (Spark ALS's {@code coldStartStrategy}
 * "nan" and "drop").
 */
public final class MetaRecommender {

    /** The user id under which an anonymous user's feedback is merged; never shown or stored. */
    private static final String ANONYMOUS = "anonymous";

    private final MetaModel model;
    private final String modelId;
    /** The tie key of every catalogue item, by catalogue index: the FNV-1a hash of its id. */
    private final long[] tieKeys;
    private final boolean lenient;

    MetaRecommender(MetaModel model) {
        this(model, false);
    }

    private MetaRecommender(MetaModel model, boolean lenient) {
        this(model, lenient, identify(model));
    }

    /** {@code modelId}: the digest of {@code model}'s weights, known already when they are shared. */
    private MetaRecommender(MetaModel model, boolean lenient, String modelId) {
        this.model = model;
        this.modelId = modelId;
        this.tieKeys = model.catalogue().ids().ids().stream().mapToLong(StableHash::fnv1a32).toArray();
        this.lenient = lenient;
    }

    private MetaRecommender(MetaRecommender other, boolean lenient) {
        this.model = other.model;
        this.modelId = other.modelId;
        this.tieKeys = other.tieKeys;
        this.lenient = lenient;
    }

    /** The engine behind the facade, for this package's tests. */
    MetaModel model() {
        return model;
    }

    /** The scorer configuration the model was trained with. */
    public ScorerConfig scorerConfig() {
        return model.network().config();
    }

    /** The training configuration, which also says how users are adapted ({@code innerSteps}, rates). */
    public MamlConfig trainingConfig() {
        return model.training();
    }

    /**
     * How the model was made: library version, time, seed, data fingerprint, epochs, best epoch
     * and its validation score, tasks, wall time, algorithm, engine, threads, Java version, OS
     * and CPU architecture.
     */
    public Provenance provenance() {
        return model.provenance();
    }

    /** Explicit ratings or implicit feedback: what the model was trained on, and what {@code adapt} takes. */
    public FeedbackType feedbackType() {
        return model.feedbackType();
    }

    /** The rating scale of an explicit-feedback model (support ratings must lie on it); empty for implicit feedback. */
    public Optional<RatingScale> ratingScale() {
        return model.ratingScale();
    }

    /** What the model's heads were trained for. */
    public Objective objective() {
        return model.objective();
    }

    /** The ids of the items this recommender can score, in catalogue order. */
    public List<String> catalogue() {
        return model.catalogue().ids().ids();
    }

    /** Whether {@code itemId} is in the catalogue. */
    public boolean knows(String itemId) {
        Checks.notNull(itemId, "itemId");
        return model.catalogue().ids().indexOf(itemId).isPresent();
    }

    /**
     * A recommender that also knows {@code items}: items added after training, scored from
     * their features alone, exactly as an item that is in the training data's item features
     * but has no interaction (neither has a trained ID embedding). The weights are shared, not
     * copied; the new catalogue's item part is computed once (a pass over the catalogue, as
     * loading does). Keeps this recommender's strict or lenient mode, and its model id: user
     * models and sessions adapted by one work with the other.
     *
     * @throws IllegalArgumentException if {@code items} is empty, an id is already in the
     *                                  catalogue, or features do not fit the item schema
     */
    public MetaRecommender withItems(Map<String, Features> items) {
        Checks.notEmpty(items, "items", "pass the new items' ids and features");
        return new MetaRecommender(model.withItems(items), lenient, modelId);
    }

    /**
     * This recommender in lenient mode: unknown item ids in support sets and candidate lists are
     * skipped (support items counted in {@link UserModel#skippedItems()}), and scored as NaN by
     * {@link #scores} and {@link #predict(UserModel, List)}. For serving, where a catalogue
     * update may reach the recommender after the clients. Shares the weights.
     */
    public MetaRecommender lenient() {
        return lenient ? this : new MetaRecommender(this, true);
    }

    /** This recommender in strict mode (the default): an unknown item id is an error. */
    public MetaRecommender strict() {
        return lenient ? new MetaRecommender(this, false) : this;
    }

    /** Whether unknown item ids are skipped (lenient) rather than rejected (strict). */
    public boolean isLenient() {
        return lenient;
    }

    /**
     * Adapts to a user with no feedback yet, from their features alone (the meta-learned
     * starting point, personalised only through the user's features).
     *
     * @throws IllegalArgumentException if the features do not fit the user schema
     */
    public UserModel adapt(Features userFeatures) {
        return adapt(userFeatures, Map.of());
    }

    /**
     * Adapts to an anonymous user (a visitor, a session) from their feedback by item id: a
     * rating on the model's scale for explicit feedback, a positive strength (1 if there is none)
     * for implicit feedback. Deterministic: the same input gives the same user model.
     *
     * @param userFeatures the user's features ({@link Features#none()} if there are none)
     * @param feedback     item id to value; may be empty
     * @throws IllegalArgumentException naming the offending item or value: a support item not
     *                                  in the catalogue (strict mode), a rating off the scale,
     *                                  a null id or value, a feature the schema does not know
     * @throws IllegalStateException    if adapting gives values that are not finite numbers
     *                                  (weights that overflow)
     */
    public UserModel adapt(Features userFeatures, Map<String, ? extends Number> feedback) {
        Checks.notNull(feedback, "feedback");
        List<Interaction> support = new ArrayList<>(feedback.size());
        for (Map.Entry<String, ? extends Number> e : feedback.entrySet()) {
            Checks.argument(e.getKey() != null, "feedback holds a null item id; pass item ids only");
            Checks.argument(e.getValue() != null, "feedback for item '" + Checks.shown(e.getKey())
                    + "' is null; pass a rating (or 1 for implicit feedback)");
            support.add(Interaction.of(ANONYMOUS, e.getKey(), e.getValue().doubleValue()));
        }
        return adapt(userFeatures, support, DuplicatePolicy.REJECT);
    }

    /**
     * Adapts to a user: their starting state from their features and support items, the rating
     * head fitted in closed form and the rest by {@code innerSteps} gradient steps on their
     * support set (docs/algorithm.md). Deterministic: the same input gives the same user model.
     *
     * @param userFeatures the user's features ({@link Features#none()} if there are none)
     * @param support      the user's feedback, all of one user; may be empty. For explicit
     *                     feedback, values are ratings on the training scale; for implicit, a
     *                     positive strength
     * @throws IllegalArgumentException naming the offending item or value: a support item
     *                                  not in the catalogue (strict mode), a rating off the
     *                                  scale, a feature the schema does not know, an item given
     *                                  twice, interactions of two users
     * @throws IllegalStateException    if adapting gives values that are not finite numbers
     *                                  (weights that overflow)
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
        Checks.notNull(userFeatures, "userFeatures");
        Checks.notNull(support, "support");
        Checks.notNull(duplicates, "duplicates");
        return adapt(model.encodeUser(userFeatures), support, duplicates);
    }

    /** {@link #adapt(Features, Collection, DuplicatePolicy)} for features already encoded. */
    UserModel adapt(float[] userInput, Collection<Interaction> support, DuplicatePolicy duplicates) {
        MetaModel m = model;
        ItemCatalogue catalogue = m.catalogue();
        Interactions.Builder rows = Interactions.builder().duplicates(duplicates);
        Set<String> skipped = new LinkedHashSet<>();
        String user = null;
        for (Interaction x : support) {
            Checks.notNull(x, "a support interaction");
            if (user == null) {
                user = x.userId();
            } else if (!user.equals(x.userId())) {
                throw new IllegalArgumentException("the support interactions belong to more than one user ('" + Checks.shown(user)
                        + "' and '" + Checks.shown(x.userId()) + "'); adapt one user at a time");
            }
            checkValue(m, x);
            if (catalogue.ids().indexOf(x.itemId()).isEmpty()) {
                if (lenient) {
                    skipped.add(x.itemId());
                    continue;
                }
                throw new IllegalArgumentException("support item '" + Checks.shown(x.itemId()) + "' is neither in the catalogue "
                        + "nor described by features: add it first with withItems(Map.of(\"" + Checks.shown(x.itemId())
                        + "\", features)), leave it out, or use a lenient() recommender, which skips unknown items");
            }
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
        float[] adapted = m.adapt(userInput, items, values);
        for (float a : adapted) {
            if (!Float.isFinite(a)) {
                throw new IllegalStateException("adapting to this user gave values that are not finite numbers ("
                        + a + "): the model's weights are unusable for them; train it again with a lower "
                        + "innerLearningRate (now " + m.training().innerLearningRate() + ")");
            }
        }
        return new UserModel(modelId, userInput, adapted, supportIds, skipped);
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
     * items; fewer if the catalogue has fewer. Items are ranked by the model's ranking score
     * ({@link #scores}): the predicted rating for a rating model, the engagement score for an
     * engagement model, and with both heads (the default for ratings) engagement plus
     * {@link ScorerConfig#rankingRatingWeight()} times the predicted rating, so the list holds
     * items the user is likely to pick and to rate well. Equal scores are ordered by the 32-bit
     * FNV-1a hash of the item id's UTF-8 bytes, ascending: a fixed shuffle, so that ties favour
     * neither the catalogue order nor the ids' order (items whose hashes are equal too follow
     * catalogue order).
     *
     * @throws IllegalArgumentException if {@code k <= 0} or the user model comes from another model
     * @throws IllegalStateException    if the model scores an item as NaN or infinite (weights that
     *                                  overflow): such a score is never ranked or returned
     */
    public List<Recommendation> recommend(UserModel user, int k) {
        return recommend(user, RecommendRequest.of(k));
    }

    /**
     * The user's top items as {@code request} says (candidates, exclusions, filter, rescorer,
     * {@code k}; see {@link RecommendRequest}), best first, ties broken as
     * {@link #recommend(UserModel, int)} says. Unknown candidate ids are an error, or skipped by
     * a lenient recommender.
     *
     * @throws IllegalArgumentException if an argument is null, a candidate is not in the
     *                                  catalogue (strict mode), or the user model comes from
     *                                  another model
     * @throws IllegalStateException    if the model scores an item as NaN or infinite
     */
    public List<Recommendation> recommend(UserModel user, RecommendRequest request) {
        return recommend(user, request, Set.of());
    }

    /** {@link #recommend(UserModel, RecommendRequest)} with {@code alsoExcluded} left out too. */
    List<Recommendation> recommend(UserModel user, RecommendRequest request, Set<String> alsoExcluded) {
        checkUser(user);
        Checks.notNull(request, "request");
        MetaModel m = model;
        int[] items;
        float[][] outputs;
        double[] ranking;
        if (request.candidates().isPresent()) {
            items = indices(request.candidates().get());
            outputs = m.outputs(user.userInput(), user.adapted(), items);
            ranking = null;
        } else {
            // every item's ranking score in one pass, the item part of the network cached
            items = null;
            outputs = null;
            ranking = m.rankingScoresAll(user.userInput(), user.adapted());
        }
        int n = items == null ? ranking.length : items.length;
        // ranked as floats (TopK's keys; scores that differ only beyond a float's precision count as
        // ties), returned as the doubles they are (over the catalogue, written over the ranking scores)
        float[] scores = new float[n];
        double[] exact = ranking != null ? ranking : new double[n];
        int[] position = new int[n];
        boolean[] excluded = new boolean[m.catalogue().size()];
        if (!request.includesSupportItems()) {
            user.supportItems().forEach(id -> m.catalogue().ids().indexOf(id).ifPresent(i -> excluded[i] = true));
        }
        request.exclusions().forEach(id -> m.catalogue().ids().indexOf(id).ifPresent(i -> excluded[i] = true));
        alsoExcluded.forEach(id -> m.catalogue().ids().indexOf(id).ifPresent(i -> excluded[i] = true));
        boolean needsIds = request.filter().isPresent() || request.rescorer().isPresent();
        for (int p = 0; p < n; p++) {
            int item = items == null ? p : items[p];
            // the id only when a filter or rescorer asks for it: this loop runs over the whole catalogue
            String id = needsIds ? m.catalogue().ids().id(item) : null;
            if (excluded[item] || request.filter().isPresent() && !request.filter().get().test(id)) {
                position[p] = -1;
                continue;
            }
            double score = ranking != null ? ranking[p] : m.rankingScore(outputs[p], item);
            checkScore(score, item);
            if (request.rescorer().isPresent()) {
                score = request.rescorer().get().rescore(id, score);
                if (Double.isNaN(score)) {
                    position[p] = -1;
                    continue;
                }
            }
            scores[p] = (float) score;
            exact[p] = score;
            position[p] = item;
        }
        int[] best = TopK.best(scores, p -> position[p], tieKeys, n, request.k());
        List<Recommendation> out = new ArrayList<>(best.length);
        for (int p : best) {
            out.add(new Recommendation(m.catalogue().ids().id(position[p]), exact[p]));
        }
        return out;
    }

    /**
     * The top items of each user, as {@link #recommend(UserModel, RecommendRequest)} gives them,
     * in the order of {@code users}: a convenience loop for a batch job (each user costs what
     * one {@code recommend} costs; the items' part of the network is cached once per model for
     * every call alike). Runs on the calling thread; call it from several threads for a large
     * batch.
     *
     * @throws IllegalArgumentException if an argument is null, or as {@link #recommend(UserModel, RecommendRequest)}
     */
    public List<List<Recommendation>> recommend(List<UserModel> users, RecommendRequest request) {
        Checks.notNull(users, "users");
        Checks.notNull(request, "request");
        List<List<Recommendation>> out = new ArrayList<>(users.size());
        for (int u = 0; u < users.size(); u++) {
            UserModel user = users.get(u);
            Checks.argument(user != null, "users hold null at position " + u + "; pass adapted users only");
            out.add(recommend(user, request));
        }
        return out;
    }

    /**
     * The model's raw scores of {@code items} for this user, in order, unclipped: what
     * {@code recommend} ranks by (see {@link #recommend(UserModel, int)}), not a rating. An
     * unknown item scores NaN in lenient mode.
     *
     * @throws IllegalArgumentException if an argument is null, an item is not in the catalogue
     *                                  (strict mode), or the user model comes from another model
     * @throws IllegalStateException    if the model scores an item as NaN or infinite
     */
    public double[] scores(UserModel user, List<String> items) {
        return batch(user, items, true);
    }

    /**
     * The user's predicted rating of {@code itemId}, clipped to the rating scale (a model with a
     * rating head: trained on explicit ratings, {@link Objective#RATING} or {@link Objective#JOINT});
     * for an engagement-only model, its engagement score squashed into (0, 1), which orders
     * items as {@code recommend} does but is not a calibrated probability.
     *
     * @throws IllegalArgumentException if the item is not in the catalogue (in lenient mode too:
     *                                  use {@link #predict(UserModel, List)} for NaN), or the
     *                                  user model comes from another model
     * @throws IllegalStateException    if the model's outputs for the item are not finite numbers
     *                                  (weights that overflow)
     */
    public double predict(UserModel user, String itemId) {
        checkUser(user);
        int item = indexOf(itemId);
        float[] outputs = model.outputs(user.userInput(), user.adapted(), new int[]{item})[0];
        for (float y : outputs) {
            checkScore(y, item);
        }
        return model.prediction(outputs, item);
    }

    /**
     * The user's predictions for {@code items}, in order, as {@link #predict(UserModel, String)}
     * gives each; an unknown item gets NaN in lenient mode.
     *
     * @throws IllegalArgumentException if an argument is null, an item is not in the catalogue
     *                                  (strict mode), or the user model comes from another model
     * @throws IllegalStateException    if the model's outputs for an item are not finite numbers
     */
    public double[] predict(UserModel user, List<String> items) {
        return batch(user, items, false);
    }

    /** Ranking scores or predictions of {@code ids}, NaN for ids a lenient recommender skips. */
    private double[] batch(UserModel user, List<String> ids, boolean rankingScores) {
        checkUser(user);
        Checks.notNull(ids, "items");
        double[] out = new double[ids.size()];
        int[] known = new int[ids.size()];
        int[] items = new int[ids.size()];
        int n = 0;
        for (int i = 0; i < out.length; i++) {
            String id = ids.get(i);
            Checks.argument(id != null, "items hold a null id at position " + i + "; pass item ids only");
            OptionalInt index = model.catalogue().ids().indexOf(id);
            if (index.isEmpty()) {
                out[i] = Double.NaN;
                if (!lenient) {
                    indexOf(id); // throws, with the message every unknown id gets
                }
                known[i] = -1;
            } else {
                items[n] = index.getAsInt();
                known[i] = n++;
            }
        }
        items = Arrays.copyOf(items, n);
        float[][] outputs = model.outputs(user.userInput(), user.adapted(), items);
        for (int i = 0; i < out.length; i++) {
            if (known[i] < 0) {
                continue;
            }
            int r = known[i];
            for (float y : outputs[r]) {
                checkScore(y, items[r]);
            }
            out[i] = rankingScores ? model.rankingScore(outputs[r], items[r]) : model.prediction(outputs[r], items[r]);
        }
        return out;
    }

    /** The catalogue indices of {@code ids}, in order; unknown ones rejected, or skipped when lenient. */
    private int[] indices(Collection<String> ids) {
        int[] out = new int[ids.size()];
        int n = 0;
        for (String id : ids) {
            OptionalInt index = model.catalogue().ids().indexOf(id);
            if (index.isPresent()) {
                out[n++] = index.getAsInt();
            } else if (!lenient) {
                indexOf(id);
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * Fails rather than return or rank a score that is not a finite number: only weights that
     * overflow give one, and its place in a ranking would mean nothing.
     */
    private void checkScore(double score, int item) {
        if (!Double.isFinite(score)) {
            throw new IllegalStateException("the model scores item '" + Checks.shown(model.catalogue().ids().id(item))
                    + "' as " + score + " for this user: its weights overflow; train it again with lower "
                    + "learning rates");
        }
    }

    /** The catalogue index of {@code itemId}, or an exception that says how to add it. */
    int indexOf(String itemId) {
        Checks.notNull(itemId, "itemId");
        return model.catalogue().ids().indexOf(itemId).orElseThrow(() -> new IllegalArgumentException(
                "item '" + Checks.shown(itemId) + "' is not in the catalogue; add new items with withItems(Map.of(\"" + Checks.shown(itemId)
                        + "\", features)) before scoring them, or use a lenient() recommender, which skips unknown items"));
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

    /** A short digest of the meta-learned weights: user models are valid exactly for equal weights. */
    private static String identify(MetaModel model) {
        float[] values = model.parameters();
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4);
        bytes.asFloatBuffer().put(values);
        return HexFormat.of().formatHex(Digests.sha256().digest(bytes.array()), 0, 8);
    }

    /**
     * Why {@code itemId} scores as it does for the user adapted on {@code support}: how much
     * each of their interactions moves its score (leave-one-out: the user adapted again
     * without it, the change in the item's score) and how much each of the item's attributes
     * does (occlusion: the item scored as if described otherwise, see {@link Explanation}).
     * Costs one {@code adapt} per support interaction.
     *
     * @param userFeatures the user's features ({@link Features#none()} if there are none)
     * @param support      the user's feedback, as {@link #adapt(Features, Collection)} takes it
     * @throws IllegalArgumentException as {@link #adapt(Features, Collection)}, or if the item is
     *                                  not in the catalogue
     */
    public Explanation explain(Features userFeatures, Collection<Interaction> support, String itemId) {
        Checks.notNull(userFeatures, "userFeatures");
        Checks.notNull(support, "support");
        List<Interaction> rows = new ArrayList<>(support.size());
        for (Interaction x : support) {
            rows.add(Checks.notNull(x, "a support interaction"));
        }
        return explain(model.encodeUser(userFeatures), rows, itemId);
    }

    /** {@link #explain(Features, Collection, String)} for features already encoded. */
    Explanation explain(float[] userInput, List<Interaction> support, String itemId) {
        return Explainer.explain(this, userInput, support, itemId);
    }

    /**
     * Why an item scores as it does for a user: {@link MetaRecommender#explain}'s answer. An
     * effect is what a thing adds to the item's score and prediction: positive if it pulls
     * them up. Immutable value; thread-safe.
     *
     * @param itemId       the item explained
     * @param score        its ranking score (what {@code recommend} ranks by)
     * @param prediction   its prediction (as {@code predict}: the rating with a rating head)
     * @param interactions each of the user's interactions: the score and prediction minus those of
     *                     the user adapted without it; largest effect on the score first
     * @param attributes   each of the item's attributes ({@code field=value}, a multi-valued field's
     *                     values one by one): the score and prediction minus those of the item
     *                     described otherwise: a multi-valued field without the value, a categorical
     *                     field with each of its other known values (the mean over them), a
     *                     numeric field left out (the training mean); largest effect on the score
     *                     first
     */
    public record Explanation(String itemId, double score, double prediction, List<Effect> interactions,
                              List<Effect> attributes) {

        /** Copies the lists. */
        public Explanation {
            interactions = List.copyOf(interactions);
            attributes = List.copyOf(attributes);
        }

        /**
         * What one interaction or attribute adds to the item's ranking score and prediction.
         *
         * @param name       the item id of the interaction, or {@code field=value} of the attribute
         * @param score      its effect on the ranking score
         * @param prediction its effect on the prediction
         */
        public record Effect(String name, double score, double prediction) {
        }
    }

    /**
     * The {@code k} items a new user should be asked to rate first (or to pick from, for
     * implicit feedback), best first: those whose answer would teach the adapted model most
     * about this user. An item's worth is the chance that the user can answer (has met it:
     * with an engagement head, the model's estimate for this user, from their features; without
     * one, the item's share of the training interactions) times what the answer would teach
     * (the expected reduction of the uncertainty of the user's predictions over the catalogue,
     * from the closed-form fit of their values; docs/onboarding.md). Fewer than {@code k} if the
     * catalogue has fewer items; no item is left out. Deterministic; ties are broken as
     * {@link #recommend(UserModel, int)} breaks them. Thread-safe, as every method here.
     *
     * @param userFeatures the user's features ({@link Features#none()} if there are none)
     * @param k            how many items to suggest
     * @throws IllegalArgumentException if {@code k <= 0}, the features are null, or they do not
     *                                  fit the user schema (the message names the field)
     */
    public List<String> suggestOnboardingItems(Features userFeatures, int k) {
        checkSuggestions(k);
        Checks.notNull(userFeatures, "userFeatures");
        return suggestions(model.encodeUser(userFeatures), new int[0], new float[0], Set.of(), k);
    }

    /**
     * The next {@code k} items to ask a session's user about, as
     * {@link #suggestOnboardingItems(Features, int)} ranks them given what they have already
     * answered: the items in the session's window (rated, clicked or skipped) are left out, and
     * the window's feedback is taken into account (an item like those already rated teaches
     * less).
     *
     * @throws IllegalArgumentException if {@code k <= 0}, the session is null or was started
     *                                  with another model
     */
    public List<String> suggestOnboardingItems(UserSession session, int k) {
        checkSuggestions(k);
        Checks.notNull(session, "session");
        checkUser(session.user());
        Map<Integer, Float> feedback = new java.util.LinkedHashMap<>();
        Set<String> asked = new LinkedHashSet<>();
        for (UserSession.Event e : session.events()) {
            asked.add(e.itemId());
            OptionalInt index = model.catalogue().ids().indexOf(e.itemId());
            if (e.kind() == UserSession.Kind.FEEDBACK && index.isPresent()) {
                feedback.put(index.getAsInt(), (float) e.value());
            }
        }
        int[] items = feedback.keySet().stream().mapToInt(Integer::intValue).toArray();
        float[] values = new float[items.length];
        for (int i = 0; i < items.length; i++) {
            values[i] = feedback.get(items[i]);
        }
        return suggestions(session.user().userInput(), items, values, asked, k);
    }

    private static void checkSuggestions(int k) {
        Checks.argument(k > 0, "k must be positive (the number of items to suggest), got " + k);
    }

    private List<String> suggestions(float[] userInput, int[] items, float[] values, Set<String> asked, int k) {
        double[] worth = model.onboardingScores(userInput, items, values);
        int n = worth.length;
        float[] scores = new float[n];
        int[] position = new int[n];
        for (int i = 0; i < n; i++) {
            boolean left = asked.contains(model.catalogue().ids().id(i));
            // by logarithm: the products span many orders of magnitude, below float's smallest
            scores[i] = (float) Math.max(Math.log(worth[i]), -Float.MAX_VALUE);
            position[i] = left ? -1 : i;
        }
        List<String> out = new ArrayList<>(Math.min(k, n));
        for (int p : TopK.best(scores, p -> position[p], tieKeys, n, k)) {
            out.add(model.catalogue().ids().id(position[p]));
        }
        return out;
    }

    /**
     * Starts a live session for a user with no feedback yet, keeping the most recent
     * {@link UserSession#DEFAULT_WINDOW} ratings or clicks (see {@link UserSession}).
     *
     * @throws IllegalArgumentException if the features do not fit the user schema
     */
    public UserSession startSession(Features userFeatures) {
        return startSession(userFeatures, UserSession.DEFAULT_WINDOW);
    }

    /**
     * Starts a live session for a user with no feedback yet, adapting on at most their
     * {@code window} most recent ratings or clicks (see {@link UserSession}).
     *
     * @throws IllegalArgumentException if {@code window <= 0} or the features do not fit the user schema
     */
    public UserSession startSession(Features userFeatures, int window) {
        Checks.notNull(userFeatures, "userFeatures");
        Checks.argument(window > 0, "window must be positive (how many of the most recent ratings or clicks a "
                + "session adapts on), got " + window);
        return Session.start(this, model.encodeUser(userFeatures), window);
    }

    /**
     * Resumes a session from {@link UserSession#toBytes()}: its window of events is adapted on
     * again (deterministic: the session answers as it did when it was stored), with this
     * recommender's strict or lenient handling of unknown items.
     *
     * @throws IllegalArgumentException if the bytes are not a session, are of another format, are
     *                                  truncated or damaged (the checksum does not match), hold a
     *                                  value that is not a finite number, were written by a session
     *                                  of another model, or (strict mode) name an item this
     *                                  recommender does not know; the message says which
     */
    public UserSession resumeSession(byte[] bytes) {
        return Session.resume(this, bytes);
    }

    /** Identifies this recommender's weights: user models and sessions are valid for equal weights only. */
    String modelId() {
        return modelId;
    }

    /** Fails, with the message every unknown id gets, if {@code itemId} is unknown and this recommender strict. */
    void checkKnown(String itemId) {
        if (!lenient) {
            indexOf(itemId);
        }
    }

    /**
     * One user's live session: they rate, click or skip one item at a time, and each
     * {@link #record} or {@link #skip} returns a new session adapted to what they did, whose
     * {@link #recommend} and {@link #predict} follow at once. Started by
     * {@link MetaRecommender#startSession}, stored with {@link #toBytes()} and resumed by
     * {@link MetaRecommender#resumeSession}.
     *
     * <pre>{@code
     * UserSession s = rec.startSession(features);
     * s = s.record("heat", 5).record("casino", 4).skip("cats");
     * List<Recommendation> top = s.recommend(10);                // heat, casino and cats left out
     * byte[] stored = s.toBytes();                               // ... and later, or elsewhere:
     * UserSession again = rec.resumeSession(stored).record("fargo", 5);
     * }</pre>
     *
     * <p><b>The window.</b> A session adapts on the user's {@link #window()} most recent
     * ratings or clicks (one per item: the latest event of an item replaces any earlier one),
     * each time from the meta-learned starting point, exactly as
     * {@link MetaRecommender#adapt(Features, Collection)} adapts on them; older ones are
     * dropped, so that a user whose taste changes is followed. Every event in the window
     * counts the same: the engine's closed-form fit of the rating head weighs every support
     * rating alike, so recency weights are not offered. Skips are not adapted on (the engine
     * learns from what a user engaged with, not from what they passed over); the most recent
     * {@code window} of them are left out of {@link #recommend}, as the ratings and clicks in
     * the window are.
     *
     * <p>Immutable and thread-safe: {@code record} and {@code skip} return a new session and
     * leave this one as it was, also when they fail.
     *
     * <p>A session answers from the recommender that started or resumed it: after a catalogue
     * update ({@link MetaRecommender#withItems}) or a new model, move it with
     * {@code newRecommender.resumeSession(session.toBytes())} (the same weights accept it; other
     * weights refuse it with a message).
     */
    public interface UserSession {

        /** The window of {@link MetaRecommender#startSession(Features)}. */
        int DEFAULT_WINDOW = 50;

        /** What the user did with an item. */
        enum Kind {
            /** A rating (explicit feedback) or a click or play with its strength (implicit). */
            FEEDBACK,
            /** The user passed over the item: left out of recommendations, not adapted on. */
            SKIP
        }

        /**
         * One event of a session.
         *
         * @param itemId the item
         * @param kind   feedback or skip
         * @param value  the rating or strength of feedback; 0 for a skip
         */
        record Event(String itemId, Kind kind, double value) {
        }

        /**
         * This session with the user's feedback on {@code itemId}: a rating on the model's scale
         * (explicit feedback) or a positive strength (implicit), adapted on at once.
         *
         * @throws IllegalArgumentException naming the item or value: an item this recommender does
         *                                  not know (strict mode; a lenient one keeps the event but
         *                                  does not adapt on it, see {@link UserModel#skippedItems()}),
         *                                  a rating off the scale, a strength that is not positive
         */
        UserSession record(String itemId, double value);

        /**
         * A click (or a play) of {@code itemId}: {@code record(itemId, 1)}, for a model of
         * implicit feedback.
         *
         * @throws IllegalArgumentException for a model of explicit ratings, or as {@link #record}
         */
        UserSession click(String itemId);

        /**
         * This session with {@code itemId} passed over: left out of {@link #recommend}, not
         * adapted on; replaces any feedback on the item in the window.
         *
         * @throws IllegalArgumentException if the item is unknown and the recommender strict
         */
        UserSession skip(String itemId);

        /**
         * The user's top {@code k} items, as {@link MetaRecommender#recommend(UserModel, int)}
         * gives them for {@link #user()}, the skipped items left out too.
         *
         * @throws IllegalArgumentException if {@code k <= 0}
         */
        List<Recommendation> recommend(int k);

        /**
         * The user's top items as {@code request} says, as
         * {@link MetaRecommender#recommend(UserModel, RecommendRequest)} gives them, the skipped
         * items left out too.
         *
         * @throws IllegalArgumentException as {@link MetaRecommender#recommend(UserModel, RecommendRequest)}
         */
        List<Recommendation> recommend(RecommendRequest request);

        /**
         * The user's predicted rating of {@code itemId}, as {@link MetaRecommender#predict(UserModel, String)}.
         *
         * @throws IllegalArgumentException if the item is not in the catalogue
         */
        double predict(String itemId);

        /**
         * Why {@code itemId} scores as it does for this session's user: as
         * {@link MetaRecommender#explain(Features, Collection, String)} on the window's ratings or
         * clicks.
         *
         * @throws IllegalArgumentException if the item is not in the catalogue
         */
        Explanation explain(String itemId);

        /** The user as adapted on the window: for the recommender's other methods. */
        UserModel user();

        /** The window's events, oldest first: at most {@link #window()} feedback events and as many skips. */
        List<Event> events();

        /** How many of the most recent ratings or clicks the session adapts on. */
        int window();

        /**
         * This session as bytes, for a store: a versioned binary format holding the model's id,
         * the encoded features, the window and its events, ending in a CRC-32 of everything
         * before it, so that {@link MetaRecommender#resumeSession} notices damaged bytes.
         */
        byte[] toBytes();
    }

    /**
     * Saves the fitted recommender to one file (written to a temporary name, then renamed,
     * so a crash never leaves a half-written model under {@code path}).
     *
     * @throws IllegalArgumentException if the parent directory does not exist
     * @throws java.io.UncheckedIOException if writing fails
     */
    public void save(Path path) {
        Checks.notNull(path, "path");
        ModelFile.write(model, path);
    }

    /**
     * Loads a recommender saved by {@link #save(Path)}; it predicts exactly as the saved one did.
     *
     * @throws io.github.metarec4j.io.ModelFormatException if the file is missing, not a model
     *         file, damaged, or from a newer format version (the message says which)
     */
    public static MetaRecommender load(Path path) {
        Checks.notNull(path, "path");
        return new MetaRecommender(ModelFile.read(path));
    }

    /**
     * Writes the fitted recommender to {@code out} in the model file format (for a database, an
     * object store, a network); the stream is flushed, not closed.
     *
     * @throws java.io.UncheckedIOException if writing fails
     */
    public void save(OutputStream out) {
        Checks.notNull(out, "out");
        ModelFile.write(model, out);
    }

    /**
     * Reads a recommender written by {@link #save(OutputStream)} from {@code in}, to its
     * end; the stream is not closed.
     *
     * @throws io.github.metarec4j.io.ModelFormatException as {@link #load(Path)}
     */
    public static MetaRecommender load(InputStream in) {
        Checks.notNull(in, "in");
        return new MetaRecommender(ModelFile.read(in));
    }

    @Override
    public String toString() {
        return "MetaRecommender[" + model.catalogue().size() + " items, model " + modelId + (lenient ? ", lenient" : "")
                + "]";
    }
}
