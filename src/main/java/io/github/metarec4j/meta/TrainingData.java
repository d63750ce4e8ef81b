package io.github.metarec4j.meta;

import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.FeatureEncoder;
import io.github.metarec4j.data.FeedbackType;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.IdIndex;
import io.github.metarec4j.data.Interactions;
import io.github.metarec4j.model.ItemCatalogue;
import io.github.metarec4j.model.MlpScorerConfig;
import io.github.metarec4j.model.Objective;
import io.github.metarec4j.task.UserHistory;
import io.github.metarec4j.util.Permutations;
import io.github.metarec4j.util.Seeds;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A dataset turned into what training reads: encoders fitted on the feature tables, the
 * item catalogue with ID rows for the items the training users rated, every user's
 * encoded features and time-ordered history, and the split into training users and
 * validation users (held out whole, to measure the new-user error).
 */
final class TrainingData {

    final Objective objective;
    final FeatureEncoder userEncoder;
    final FeatureEncoder itemEncoder;
    final ItemCatalogue catalogue;
    /** Encoded features of every user with interactions, row-major, in {@code Interactions.users()} order. */
    final float[] userInputs;
    final int userWidth;
    final List<UserHistory> fit;
    final List<UserHistory> validation;
    /** Subtracted from ratings to centre them (their mean over the training users); 0 for implicit. */
    final double ratingOffset;
    /** Rows of the item-ID table: 1 ("unknown") + one per item rated by a training user. */
    final int idRows;
    private final Map<Integer, int[]> sortedItems = new HashMap<>();

    private TrainingData(Objective objective, FeatureEncoder userEncoder, FeatureEncoder itemEncoder,
                         ItemCatalogue catalogue, float[] userInputs, int userWidth, List<UserHistory> fit,
                         List<UserHistory> validation, double ratingOffset, int idRows) {
        this.objective = objective;
        this.userEncoder = userEncoder;
        this.itemEncoder = itemEncoder;
        this.catalogue = catalogue;
        this.userInputs = userInputs;
        this.userWidth = userWidth;
        this.fit = fit;
        this.validation = validation;
        this.ratingOffset = ratingOffset;
        this.idRows = idRows;
        for (UserHistory h : fit) {
            sortedItems.put(h.user(), h.sortedItems());
        }
        for (UserHistory h : validation) {
            sortedItems.put(h.user(), h.sortedItems());
        }
    }

    /** The resolved objective for {@code data}: AUTO follows the feedback type. */
    static Objective resolve(Objective requested, FeedbackType feedback) {
        if (requested == Objective.AUTO) {
            return feedback == FeedbackType.EXPLICIT ? Objective.RATING : Objective.IMPLICIT;
        }
        if (requested == Objective.RATING && feedback == FeedbackType.IMPLICIT) {
            throw new IllegalArgumentException("objective RATING predicts ratings, but this dataset holds implicit "
                    + "feedback; use Objective.IMPLICIT (or AUTO)");
        }
        return requested;
    }

    static TrainingData prepare(Dataset data, MlpScorerConfig scorer, MamlConfig maml) {
        Objective objective = resolve(scorer.objective(), data.feedbackType());
        FeatureEncoder userEncoder = FeatureEncoder.fit(data.userSchema(), data.userFeatures().values());
        FeatureEncoder itemEncoder = FeatureEncoder.fit(data.itemSchema(), data.itemFeatures().values());
        Interactions table = data.interactions();
        IdIndex catalogueIds = data.catalogue();
        IdIndex users = table.users();

        List<UserHistory> all = new ArrayList<>(users.size());
        for (int u = 0; u < users.size(); u++) {
            int[] rows = table.rowsOfUser(u);
            int[] items = new int[rows.length];
            float[] values = new float[rows.length];
            for (int i = 0; i < rows.length; i++) {
                items[i] = catalogueIds.indexOf(table.items().id(table.itemIndex(rows[i]))).getAsInt();
                values[i] = (float) table.value(rows[i]);
            }
            all.add(new UserHistory(u, items, values));
        }
        if (all.stream().noneMatch(h -> h.size() >= 2)) {
            throw new IllegalArgumentException("no user has 2 or more interactions, so no user can be split into a "
                    + "support set and a query set; meta-training needs users with several interactions each");
        }

        // validation users: held out whole, among users with enough history for a new-user replay
        int minHistory = maml.validationSupport() + 5;
        List<UserHistory> eligible = all.stream().filter(h -> h.size() >= minHistory).toList();
        int wanted = (int) Math.round(maml.validationFraction() * all.size());
        int count = Math.min(wanted, eligible.size());
        int[] pick = Permutations.sample(eligible.size(), count, new SplittableRandom(Seeds.derive(maml.seed(), 3)));
        boolean[] held = new boolean[users.size()];
        List<UserHistory> validation = new ArrayList<>();
        for (int i : pick) {
            validation.add(eligible.get(i));
            held[eligible.get(i).user()] = true;
        }
        List<UserHistory> fit = all.stream().filter(h -> !held[h.user()] && h.size() >= 2).toList();

        // item IDs for the items the training users rated; everything else scores from content
        int[] idRow = new int[catalogueIds.size()];
        int next = 1;
        double sum = 0;
        long n = 0;
        for (UserHistory h : fit) {
            for (int i = 0; i < h.size(); i++) {
                if (idRow[h.item(i)] == 0) {
                    idRow[h.item(i)] = next++;
                }
                sum += h.value(i);
                n++;
            }
        }
        if (scorer.itemIdEmbeddingSize() == 0) {
            Arrays.fill(idRow, 0);
            next = 1;
        }
        double offset = objective == Objective.RATING ? sum / n : 0;
        float[] itemOffsets = new float[catalogueIds.size()];
        if (objective == Objective.RATING && scorer.itemBiasOffset()) {
            // b_i = sum(r - mu) / (n_i + d) over the training users' ratings
            double[] residual = new double[itemOffsets.length];
            int[] ratings = new int[itemOffsets.length];
            for (UserHistory h : fit) {
                for (int i = 0; i < h.size(); i++) {
                    residual[h.item(i)] += h.value(i) - offset;
                    ratings[h.item(i)]++;
                }
            }
            for (int i = 0; i < itemOffsets.length; i++) {
                itemOffsets[i] = (float) (residual[i] / (ratings[i] + scorer.itemBiasDamping()));
            }
        }
        List<Features> itemFeatures = catalogueIds.ids().stream().map(data::itemFeatures).toList();
        ItemCatalogue catalogue = ItemCatalogue.of(catalogueIds, itemFeatures, itemEncoder, idRow, itemOffsets);

        int width = userEncoder.dimension();
        float[] userInputs = new float[users.size() * width];
        for (int u = 0; u < users.size(); u++) {
            userEncoder.encodeInto(data.userFeatures(users.id(u)), userInputs, u * width);
        }
        return new TrainingData(objective, userEncoder, itemEncoder, catalogue, userInputs, width, fit,
                validation, offset, next);
    }

    /** The items of user {@code user}, sorted (for excluding them from sampled negatives). */
    int[] itemsOf(int user) {
        return sortedItems.get(user);
    }

}
