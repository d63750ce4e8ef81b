package io.github.metarec4j.data;

import io.github.metarec4j.internal.util.Checks;
import io.github.metarec4j.internal.util.Seeds;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded generator of a {@link Dataset} in which every user's taste depends on hidden
 * traits that their features show only in part, so meta-learning has something real to
 * find: a model that sees only features can learn part of a user's taste, and the rest
 * shows only in the user's own ratings, so adapting on a handful of them helps. Shared by
 * the tests and the examples (as Tribuo's {@code LabelledDataGenerator}).
 *
 * <pre>{@code
 * Dataset data = SyntheticData.builder().users(600).items(300).ratingsPerUser(20, 60)
 *         .traits(4).noise(0.35).seed(7).build().generate();
 * }</pre>
 *
 * <h2>The generative model</h2>
 * With {@code K} = {@link #traits()}, {@code N(m, s^2)} a normal draw and
 * {@code U} a uniform one:
 * <pre>
 * item i = 1..M
 *   q_i   ~ N(0, I_K)                        taste profile, hidden
 *   b_i   ~ N(0, 0.5^2)                      quality, hidden
 *   p_i   = b_i + N(0, 0.5^2)                popularity: drives exposure, reveals quality in part
 *   features: genres     = { "g{k}+" : q_ik &gt; 0.5 } and { "g{k}-" : q_ik &lt; -0.5 }   (q_i, coarsely)
 *             era        = one of 1970s, 1980s, 1990s, 2000s, uniformly           (pure noise)
 *             popularity = p_i
 *
 * user u = 1..N
 *   t_u   ~ N(0, I_K)                        traits, hidden
 *   c_u   ~ N(0, 0.5^2)                      personal bias, visible only in ratings
 *   features: segment = "s{k}+" or "s{k}-" for k = argmax_k |t_uk| and the sign of t_uk
 *             age     = round(clip(35 + 5 t_u1 + N(0, 8^2), 16, 80))                 (t_u1, weakly)
 *             region  = one of r1..r5, uniformly                                     (pure noise)
 *
 * ratings of user u
 *   n_u   ~ U{min, .., max}
 *   items: n_u distinct items drawn one after another without replacement, each draw
 *          with probability proportional to w_i = exp(1.5 p_i) among the items left
 *   r_ui  = clip(round(3.3 + b_i + c_u + 0.9 (t_u . q_i) / sqrt(K) + N(0, noise^2)), 1, 5)
 *   time of the j-th draw (j = 0, 1, ..): 1_000_000 + s_u + 60 j + U{0, .., 29},
 *          s_u ~ U{0, .., 604_799} (users start within one week)
 * </pre>
 * Genres and segments number the trait dimensions from 1 ({@code g1+}, {@code s3-}).
 *
 * <p>What this means for a recommender: {@code t_u . q_i / sqrt(K)} has unit variance,
 * so taste moves a rating by about 0.9 stars; the segment (the dominant trait with its
 * sign) and the age reveal part of it, the other traits and the personal bias
 * {@code c_u} (about 0.5 stars) show only in the user's ratings. Items are chosen by
 * popularity alone (not by taste), with a long tail: with the defaults the most popular
 * item is rated by most users and the least popular by a handful (every item is in the
 * catalogue, rated or not). Timestamps increase
 * strictly within a user, in draw order, so a user's first ratings are a natural support
 * set; users start at different times, so a global time split leaves some of them
 * wholly in the future.
 *
 * <p>{@link Builder#implicit() Implicit} feedback keeps, with value 1, exactly the
 * interactions the same configuration rates 4 or 5 (the items the user engaged with
 * and liked); a user who rates nothing that high has features but no interactions.
 *
 * <p>The same configuration always generates the same data: each user and each item
 * draws from its own stream, split from {@link #seed()} with {@link Seeds}, and the
 * normal and exponential draws are computed with {@link StrictMath} from
 * {@link SplittableRandom#nextDouble()} rather than by JDK methods whose algorithm is
 * unspecified, so the data (and its fingerprint, kept as provenance) does not change with
 * the platform. A user's data does not depend on how many users there are either.
 *
 * <p>Immutable value; thread-safe ({@link #generate()} may run concurrently).
 *
 * @param users             number of users, {@code u1 .. u<users>}
 * @param items             number of items, {@code i1 .. i<items>}
 * @param minRatingsPerUser fewest items a user rates
 * @param maxRatingsPerUser most items a user rates; at most {@code items}, since the items are distinct
 * @param traits            dimension {@code K} of the hidden traits and taste profiles
 * @param noise             standard deviation of the noise on a rating, before rounding
 * @param feedbackType      explicit ratings on 1 to 5 stars, or implicit feedback (value 1)
 * @param seed              the seed of every random draw
 */
public record SyntheticData(int users, int items, int minRatingsPerUser, int maxRatingsPerUser, int traits,
                            double noise, FeedbackType feedbackType, long seed) {

    /** The scale of the explicit ratings. */
    public static final RatingScale SCALE = new RatingScale(1, 5);

    /** The user fields: {@code segment} (categorical), {@code age} (numeric), {@code region} (categorical). */
    public static final FeatureSchema USER_SCHEMA = FeatureSchema.builder()
            .categorical("segment").numeric("age").categorical("region").build();

    /** The item fields: {@code genres} (multi-categorical), {@code era} (categorical), {@code popularity} (numeric). */
    public static final FeatureSchema ITEM_SCHEMA = FeatureSchema.builder()
            .multiCategorical("genres").categorical("era").numeric("popularity").build();

    /** Implicit feedback keeps the interactions rated at least this. */
    public static final int IMPLICIT_THRESHOLD = 4;

    private static final double GLOBAL_MEAN = 3.3;
    private static final double TASTE_WEIGHT = 0.9;
    private static final double QUALITY_SD = 0.5;
    private static final double POPULARITY_NOISE_SD = 0.5;
    private static final double USER_BIAS_SD = 0.5;
    /** How sharply exposure follows popularity: exp(1.5 p) has a long tail (log-sd about 1.06). */
    private static final double EXPOSURE = 1.5;
    private static final double GENRE_THRESHOLD = 0.5;
    private static final List<String> ERAS = List.of("1970s", "1980s", "1990s", "2000s");
    private static final int REGIONS = 5;
    private static final long START_TIME = 1_000_000L;
    private static final int START_SPREAD = 7 * 24 * 3600;
    private static final int SPACING = 60;
    /** Below SPACING, so that times stay strictly increasing within a user. */
    private static final int JITTER = 30;

    // stream ids for Seeds.derive: one family for items, one for users
    private static final long ITEM_STREAMS = 1;
    private static final long USER_STREAMS = 2;

    /**
     * Validates every value (the builder is the usual way in).
     *
     * @throws IllegalArgumentException naming the first bad value, with the value
     */
    public SyntheticData {
        Checks.positive(users, "users");
        Checks.positive(items, "items");
        Checks.argument(minRatingsPerUser >= 1,
                "ratingsPerUser(min, max): min must be at least 1, got " + minRatingsPerUser);
        Checks.argument(maxRatingsPerUser >= minRatingsPerUser, "ratingsPerUser(min, max): max ("
                + maxRatingsPerUser + ") must be >= min (" + minRatingsPerUser + ")");
        Checks.argument(maxRatingsPerUser <= items, "ratingsPerUser(min, max): max (" + maxRatingsPerUser
                + ") must be <= items (" + items + "), since a user rates distinct items; lower max or add items");
        Checks.positive(traits, "traits");
        Checks.nonNegative(noise, "noise",
                "it is the standard deviation of a rating's noise in stars, such as 0.35; 0 for none");
        Checks.notNull(feedbackType, "feedbackType");
    }

    /**
     * A builder holding the defaults: 600 users, 300 items, 20 to 60 ratings per user,
     * 4 traits, noise 0.35, explicit ratings, seed 7.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder().users(users).items(items).ratingsPerUser(minRatingsPerUser, maxRatingsPerUser)
                .traits(traits).noise(noise).seed(seed);
        b.feedbackType = feedbackType;
        return b;
    }

    /**
     * Generates the dataset: every user and item with features (see the class comment),
     * interactions inserted user by user in time order.
     *
     * @throws IllegalStateException for implicit feedback, if no rating reaches
     *                               {@value #IMPLICIT_THRESHOLD} (only with very few ratings)
     */
    public Dataset generate() {
        Dataset.Builder data = Dataset.builder().userSchema(USER_SCHEMA).itemSchema(ITEM_SCHEMA);
        if (feedbackType == FeedbackType.EXPLICIT) {
            data.ratings(SCALE);
        } else {
            data.implicitFeedback();
        }
        double[][] profile = new double[items][];
        double[] quality = new double[items];
        // the key of an exponential race: item i's draw time is Exp(1) / w_i
        double[] inverseWeight = new double[items];
        for (int i = 0; i < items; i++) {
            SplittableRandom random = new SplittableRandom(Seeds.derive(Seeds.derive(seed, ITEM_STREAMS), i));
            profile[i] = gaussians(random, traits);
            quality[i] = QUALITY_SD * gaussian(random);
            double popularity = quality[i] + POPULARITY_NOISE_SD * gaussian(random);
            inverseWeight[i] = StrictMath.exp(-EXPOSURE * popularity);
            data.addItem(itemId(i), Features.builder()
                    .put("genres", genres(profile[i]))
                    .put("era", ERAS.get(random.nextInt(ERAS.size())))
                    .put("popularity", popularity)
                    .build());
        }
        Interactions.Builder table = Interactions.builder();
        long rated = 0;
        double tasteScale = TASTE_WEIGHT / Math.sqrt(traits);
        for (int u = 0; u < users; u++) {
            SplittableRandom random = new SplittableRandom(Seeds.derive(Seeds.derive(seed, USER_STREAMS), u));
            double[] trait = gaussians(random, traits);
            double bias = USER_BIAS_SD * gaussian(random);
            double age = Math.rint(Math.max(16, Math.min(80, 35 + 5 * trait[0] + 8 * gaussian(random))));
            String userId = "u" + (u + 1);
            data.addUser(userId, Features.builder()
                    .put("segment", segment(trait))
                    .put("age", age)
                    .put("region", "r" + (1 + random.nextInt(REGIONS)))
                    .build());
            int count = minRatingsPerUser + random.nextInt(maxRatingsPerUser - minRatingsPerUser + 1);
            int[] chosen = weightedSample(random, count, inverseWeight);
            long time = START_TIME + random.nextInt(START_SPREAD);
            for (int j = 0; j < count; j++) {
                int i = chosen[j];
                double score = GLOBAL_MEAN + quality[i] + bias + tasteScale * dot(trait, profile[i])
                        + noise * gaussian(random);
                int rating = (int) SCALE.clip(Math.rint(score));
                // every draw happens in both modes, so implicit feedback is exactly a subset of the ratings
                long at = time + (long) SPACING * j + random.nextInt(JITTER);
                rated++;
                if (feedbackType == FeedbackType.EXPLICIT) {
                    table.add(userId, itemId(i), rating, at);
                } else if (rating >= IMPLICIT_THRESHOLD) {
                    table.add(userId, itemId(i), 1, at);
                }
            }
        }
        Checks.state(table.size() > 0, "none of the " + rated + " generated ratings reached "
                + IMPLICIT_THRESHOLD + ", so implicit feedback would be empty: generate more users or ratings");
        return data.interactions(table.build()).build();
    }

    private static String itemId(int i) {
        return "i" + (i + 1);
    }

    /** The genres that show the clearly positive and negative dimensions of a taste profile. */
    private static List<String> genres(double[] profile) {
        List<String> genres = new ArrayList<>();
        for (int k = 0; k < profile.length; k++) {
            if (profile[k] > GENRE_THRESHOLD) {
                genres.add("g" + (k + 1) + "+");
            } else if (profile[k] < -GENRE_THRESHOLD) {
                genres.add("g" + (k + 1) + "-");
            }
        }
        return genres;
    }

    /** The dominant trait with its sign. */
    private static String segment(double[] trait) {
        int top = 0;
        for (int k = 1; k < trait.length; k++) {
            if (Math.abs(trait[k]) > Math.abs(trait[top])) {
                top = k;
            }
        }
        return "s" + (top + 1) + (trait[top] >= 0 ? "+" : "-");
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    /**
     * {@code count} distinct indices drawn one after another, each with probability
     * proportional to {@code 1 / inverseWeight[i]} among those left, in draw order. An
     * exponential race (Efraimidis and Spirakis): item i finishes at {@code Exp(1) *
     * inverseWeight[i]}, and the first {@code count} to finish, in finishing order, have
     * exactly that distribution, however skewed the weights. A max-heap keeps the
     * {@code count} earliest finishers, so most items cost one draw and one comparison
     * (sorting every item's time per user took most of the generation time).
     */
    private static int[] weightedSample(SplittableRandom random, int count, double[] inverseWeight) {
        double[] time = new double[count];
        int[] item = new int[count];
        for (int i = 0; i < count; i++) {
            time[i] = exponential(random) * inverseWeight[i];
            item[i] = i;
        }
        for (int at = count / 2 - 1; at >= 0; at--) {
            siftDown(time, item, count, at, time[at], item[at]);
        }
        for (int i = count; i < inverseWeight.length; i++) {
            double finish = exponential(random) * inverseWeight[i];
            if (finish < time[0]) {
                siftDown(time, item, count, 0, finish, i);
            }
        }
        // heap sort: move the latest finisher to the end, repeatedly, so the result is in finishing order
        for (int end = count - 1; end > 0; end--) {
            double latest = time[0];
            int latestItem = item[0];
            siftDown(time, item, end, 0, time[end], item[end]);
            time[end] = latest;
            item[end] = latestItem;
        }
        return item;
    }

    /**
     * Puts (t, i) at position {@code at} of a max-heap of {@code size} entries (by time),
     * moving it down past later finishers; what was at {@code at} is overwritten.
     */
    private static void siftDown(double[] time, int[] item, int size, int at, double t, int i) {
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && time[child + 1] > time[child]) {
                child++;
            }
            if (time[child] <= t) {
                break;
            }
            time[at] = time[child];
            item[at] = item[child];
            at = child;
        }
        time[at] = t;
        item[at] = i;
    }

    private static double[] gaussians(SplittableRandom random, int count) {
        double[] out = new double[count];
        for (int k = 0; k < count; k++) {
            out[k] = gaussian(random);
        }
        return out;
    }

    /**
     * A standard normal draw by Box-Muller. Not {@code random.nextGaussian()}: its algorithm
     * is not specified, so it could change with the JDK, and StrictMath gives the same bits
     * on every platform; a seed must always give the same data (its fingerprint is provenance).
     */
    private static double gaussian(SplittableRandom random) {
        double radius = StrictMath.sqrt(-2 * StrictMath.log(1 - random.nextDouble()));
        return radius * StrictMath.cos(2 * Math.PI * random.nextDouble());
    }

    /** A standard exponential draw (see {@link #gaussian} for why not the JDK's). */
    private static double exponential(SplittableRandom random) {
        return -StrictMath.log(1 - random.nextDouble());
    }

    /** Builds a validated {@link SyntheticData}; not thread-safe. */
    public static final class Builder {
        private int users = 600;
        private int items = 300;
        private int minRatingsPerUser = 20;
        private int maxRatingsPerUser = 60;
        private int traits = 4;
        private double noise = 0.35;
        private FeedbackType feedbackType = FeedbackType.EXPLICIT;
        private long seed = 7;

        private Builder() {
        }

        /** Number of users (default 600). */
        public Builder users(int count) {
            this.users = count;
            return this;
        }

        /** Number of items (default 300). */
        public Builder items(int count) {
            this.items = count;
            return this;
        }

        /** Each user rates between {@code min} and {@code max} distinct items, uniformly (default 20 to 60). */
        public Builder ratingsPerUser(int min, int max) {
            this.minRatingsPerUser = min;
            this.maxRatingsPerUser = max;
            return this;
        }

        /** Dimension of the hidden traits (default 4). */
        public Builder traits(int count) {
            this.traits = count;
            return this;
        }

        /** Standard deviation of the noise on a rating, in stars, before rounding (default 0.35). */
        public Builder noise(double sd) {
            this.noise = sd;
            return this;
        }

        /** The seed of every random draw (default 7). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Explicit ratings on 1 to 5 stars (the default). */
        public Builder explicit() {
            this.feedbackType = FeedbackType.EXPLICIT;
            return this;
        }

        /**
         * Implicit feedback: the items each user rated {@value SyntheticData#IMPLICIT_THRESHOLD}
         * or more, with value 1.
         */
        public Builder implicit() {
            this.feedbackType = FeedbackType.IMPLICIT;
            return this;
        }

        /**
         * Validates and builds the configuration.
         *
         * @throws IllegalArgumentException naming the first bad value
         */
        public SyntheticData build() {
            return new SyntheticData(users, items, minRatingsPerUser, maxRatingsPerUser, traits, noise,
                    feedbackType, seed);
        }
    }
}
