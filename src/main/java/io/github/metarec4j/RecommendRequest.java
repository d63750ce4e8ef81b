package io.github.metarec4j;

import io.github.metarec4j.internal.util.Checks;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a top-N list should hold: how many items, chosen among which candidates, without which
 * items, kept by which filter and re-scored by which business rule. Passed to
 * {@link MetaRecommender#recommend(UserModel, RecommendRequest)}.
 *
 * <pre>{@code
 * RecommendRequest request = RecommendRequest.top(10)
 *         .exclude(alreadyBought)
 *         .filter(item -> inStock.contains(item))
 *         .rescorer((item, score) -> promoted.contains(item) ? score + 0.5 : score)
 *         .build();
 * List<Recommendation> top = rec.recommend(alice, request);
 * }</pre>
 *
 * <p>The list is made in this order:
 * <ol>
 *   <li>the candidates: the whole catalogue, or {@link Builder#candidates} (each once);</li>
 *   <li>left out: the user's support items (unless {@link Builder#includeSupportItems}), the
 *       {@link Builder#exclude exclusions}, and items the {@link Builder#filter filter} rejects;</li>
 *   <li>each remaining item's ranking score (as {@link MetaRecommender#scores}), passed through
 *       the {@link Builder#rescorer rescorer}; an item it re-scores as NaN is left out (as
 *       Mahout's {@code IDRescorer});</li>
 *   <li>the best {@code k} by that score, ties broken by the item id's hash as
 *       {@link MetaRecommender#recommend(UserModel, int)} says.</li>
 * </ol>
 *
 * <p>Immutable; thread-safe as long as the filter and the rescorer are (they are called from
 * the thread that asks for recommendations, once per candidate item).
 */
public final class RecommendRequest {

    /**
     * Re-scores an item for business rules (promotions, penalties, freshness), as Mahout's
     * {@code IDRescorer}. Return {@code Double.NaN} to leave the item out.
     */
    @FunctionalInterface
    public interface Rescorer {
        /**
         * The score to rank {@code itemId} by.
         *
         * @param itemId the item
         * @param score  the model's ranking score for it
         * @return the new score, or NaN to leave the item out
         */
        double rescore(String itemId, double score);
    }

    private final int k;
    private final Optional<Set<String>> candidates;
    private final Set<String> exclusions;
    private final Optional<Predicate<String>> filter;
    private final Optional<Rescorer> rescorer;
    private final boolean includeSupportItems;

    private RecommendRequest(Builder b) {
        this.k = b.k;
        this.candidates = Optional.ofNullable(b.candidates).map(c -> (Set<String>) java.util.Collections.unmodifiableSet(c));
        this.exclusions = Set.copyOf(b.exclusions);
        this.filter = Optional.ofNullable(b.filter);
        this.rescorer = Optional.ofNullable(b.rescorer);
        this.includeSupportItems = b.includeSupportItems;
    }

    /**
     * A request for the best {@code k} items, to refine with the builder's options.
     *
     * @throws IllegalArgumentException if {@code k <= 0}
     */
    public static Builder top(int k) {
        return new Builder(k);
    }

    /**
     * The plain request: the best {@code k} of the catalogue, the user's support items left
     * out.
     *
     * @throws IllegalArgumentException if {@code k <= 0}
     */
    public static RecommendRequest of(int k) {
        return top(k).build();
    }

    /** How many items to return at most. */
    public int k() {
        return k;
    }

    /** The items to choose among, in the order given; empty for the whole catalogue. */
    public Optional<Set<String>> candidates() {
        return candidates;
    }

    /** Items never returned. */
    public Set<String> exclusions() {
        return exclusions;
    }

    /** Which items may be returned (those for which it is true); empty for all. */
    public Optional<Predicate<String>> filter() {
        return filter;
    }

    /** The business rule applied to the model's scores; empty for none. */
    public Optional<Rescorer> rescorer() {
        return rescorer;
    }

    /** Whether the user's own support items may be returned (by default they are left out). */
    public boolean includesSupportItems() {
        return includeSupportItems;
    }

    @Override
    public String toString() {
        return "RecommendRequest[k=" + k + candidates.map(c -> ", " + c.size() + " candidates").orElse("")
                + (exclusions.isEmpty() ? "" : ", " + exclusions.size() + " exclusions")
                + filter.map(f -> ", filtered").orElse("") + rescorer.map(r -> ", rescored").orElse("")
                + (includeSupportItems ? ", support included" : "") + "]";
    }

    /** Collects a request; not thread-safe. */
    public static final class Builder {
        private final int k;
        private LinkedHashSet<String> candidates;
        private final Set<String> exclusions = new LinkedHashSet<>();
        private Predicate<String> filter;
        private Rescorer rescorer;
        private boolean includeSupportItems;

        private Builder(int k) {
            Checks.argument(k > 0, "k must be positive (the number of items to recommend), got " + k);
            this.k = k;
        }

        /**
         * Chooses among these items only (each once; the catalogue by default). An unknown id is
         * an error, or skipped by a {@link MetaRecommender#lenient() lenient} recommender.
         *
         * @throws IllegalArgumentException if {@code items} is null or holds a null id, or
         *                                  candidates were already set
         */
        public Builder candidates(Collection<String> items) {
            Checks.argument(candidates == null, "candidates were already set; pass them all in one call");
            this.candidates = new LinkedHashSet<>(noNulls(items, "candidates"));
            return this;
        }

        /**
         * Never returns these items (added to any excluded before); ids not in the catalogue are
         * ignored.
         *
         * @throws IllegalArgumentException if {@code items} is null or holds a null id
         */
        public Builder exclude(Collection<String> items) {
            exclusions.addAll(noNulls(items, "exclusions"));
            return this;
        }

        /**
         * Returns only items for which {@code keep} is true (note: the opposite sense of
         * Mahout's {@code IDRescorer.isFiltered}).
         *
         * @throws IllegalArgumentException if {@code keep} is null or a filter was already set
         */
        public Builder filter(Predicate<String> keep) {
            Checks.notNull(keep, "filter");
            Checks.argument(filter == null, "a filter was already set; combine the two with "
                    + "first.and(second) and pass that");
            this.filter = keep;
            return this;
        }

        /**
         * Ranks by {@code rescorer}'s scores instead of the model's (and returns them as
         * {@link Recommendation#score()}): NaN leaves an item out, positive infinity puts it
         * first and negative infinity last (ties among them by the id's hash).
         *
         * @throws IllegalArgumentException if {@code rescorer} is null or one was already set
         */
        public Builder rescorer(Rescorer rescorer) {
            Checks.notNull(rescorer, "rescorer");
            Checks.argument(this.rescorer == null, "a rescorer was already set; compose the two in one "
                    + "rescorer and pass that");
            this.rescorer = rescorer;
            return this;
        }

        /**
         * Lets the user's own support items be returned (by default they are left out: the user
         * has already seen or rated them).
         */
        public Builder includeSupportItems() {
            this.includeSupportItems = true;
            return this;
        }

        /** The request. */
        public RecommendRequest build() {
            return new RecommendRequest(this);
        }

        private static Collection<String> noNulls(Collection<String> items, String what) {
            Checks.notNull(items, what);
            int i = 0;
            for (String item : items) {
                Checks.argument(item != null, what + " hold a null item id at position " + i
                        + "; pass item ids only");
                i++;
            }
            return List.copyOf(items);
        }
    }
}
