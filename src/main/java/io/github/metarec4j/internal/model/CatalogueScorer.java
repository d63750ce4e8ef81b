package io.github.metarec4j.internal.model;

import io.github.metarec4j.internal.util.Checks;

/**
 * Scores a whole catalogue for one adapted user with the {@link Network}: the part of every
 * item's computation that does not depend on the user (item tower, ID rows, the first hidden
 * layer's item part, item factors and biases) is computed once, when the scorer is built;
 * a user then costs the first hidden layer's user part (one row added to every item's),
 * the layers above it, and the heads.
 *
 * <p>When the outputs are linear in the user ({@link Network#linearInUser()}: the USER scope
 * without hidden layers, the default scorer), {@link #rankingScores} takes a flat pass instead,
 * the fast path of {@link #score}: every item's constant per head and its factors are kept in
 * two flat row-major arrays, and an item costs a dot product per head and no allocation.
 *
 * <p>Immutable and thread-safe: the cached item part is only read, and every call binds its
 * own {@link JavaTensors} and allocates its own arrays; nothing is kept per thread.
 */
public final class CatalogueScorer {

    /**
     * {@code recommend}'s score of one item from its heads' outputs.
     */
    @FunctionalInterface
    public interface Ranking {
        /**
         * @param y    the item's heads' outputs (read during the call only: the flat pass reuses the array)
         * @param item the item's catalogue index
         */
        double score(float[] y, int item);
    }

    private final Network network;
    private final JavaTensors.Parameters params;
    private final Network.Items<JavaTensors.Matrix> items;
    /** The flat pass's item constants {@code first + g}, {@code items x heads} row-major; null without the flat pass. */
    private final float[] constants;
    /** The flat pass's item factors, {@code items x (factorHeads k)} row-major; null without the flat pass. */
    private final float[] factors;

    /**
     * @param network  the scorer's definition
     * @param params   its parameters, flat in layout order (not copied: must not change afterwards)
     * @param catalogue the items to score, in catalogue order
     */
    public CatalogueScorer(Network network, float[] params, ItemCatalogue catalogue) {
        this(network, new JavaTensors.Parameters(network.layout(), Checks.notNull(params, "params")), catalogue);
    }

    /**
     * @param network   the scorer's definition
     * @param params    its parameters, unpacked (shared with other bindings: read only)
     * @param catalogue the items to score, in catalogue order
     */
    public CatalogueScorer(Network network, JavaTensors.Parameters params, ItemCatalogue catalogue) {
        this.network = Checks.notNull(network, "network");
        this.params = Checks.notNull(params, "params");
        Checks.notNull(catalogue, "catalogue");
        int n = catalogue.size();
        float[][] inputs = new float[n][];
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            inputs[i] = catalogue.inputRow(i);
            ids[i] = catalogue.idRow(i);
        }
        this.items = network.items(new JavaTensors(params), inputs, ids);
        if (network.linearInUser()) {
            this.constants = flatten(items.first, items.g, n, network.layout().heads());
            this.factors = items.q == null ? new float[0] : flatten(items.q, null, n, items.q.cols);
        } else {
            this.constants = null;
            this.factors = null;
        }
    }

    /** {@code a + b} (b may be null) as one row-major array of {@code n x cols}. */
    private static float[] flatten(JavaTensors.Matrix a, JavaTensors.Matrix b, int n, int cols) {
        float[] flat = new float[Math.multiplyExact(n, cols)];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < cols; j++) {
                flat[i * cols + j] = b == null ? a.a[i][j] : a.a[i][j] + b.a[i][j];
            }
        }
        return flat;
    }

    /**
     * The cached item part of catalogue items {@code items}, row for row (shared, not copied:
     * read only), for adapting a user on them without computing the item tower again.
     */
    public Network.Items<JavaTensors.Matrix> rows(int[] items) {
        Network.Items<JavaTensors.Matrix> all = this.items;
        int[] ids = new int[items.length];
        for (int r = 0; r < items.length; r++) {
            ids[r] = all.ids[items[r]];
        }
        return new Network.Items<>(select(all.input, items), ids, select(all.hv, items), select(all.x, items),
                select(all.first, items), select(all.q, items), select(all.g, items));
    }

    private static JavaTensors.Matrix select(JavaTensors.Matrix m, int[] rows) {
        if (m == null) {
            return null;
        }
        float[][] a = new float[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            a[r] = m.a[rows[r]];
        }
        return new JavaTensors.Matrix(rows.length, m.cols, a);
    }

    /** The cached item part of the whole catalogue (shared: read only). */
    Network.Items<JavaTensors.Matrix> items() {
        return items;
    }

    /** Number of items. */
    public int size() {
        return items.size();
    }

    /**
     * The heads' raw outputs for every item, in catalogue order: {@code items x heads}.
     *
     * @param userInput the user's encoded features
     * @param adapted   the user's adapted values
     */
    public float[][] score(float[] userInput, double[] adapted) {
        JavaTensors t = new JavaTensors(params);
        JavaTensors.Matrix hu = network.user(t, userInput);
        return t.rowsOf(network.outputs(t, network.pass(t, hu, items), adapted));
    }

    /**
     * {@code ranking}'s score of every item, in catalogue order: over the outputs of
     * {@link #score}, or, when the outputs are linear in the user, over the same outputs from
     * the flat pass (to float rounding: the sums are taken in another order).
     *
     * @param userInput the user's encoded features
     * @param adapted   the user's adapted values
     * @param ranking   an item's score from its outputs
     */
    public double[] rankingScores(float[] userInput, double[] adapted, Ranking ranking) {
        Checks.notNull(ranking, "ranking");
        if (constants == null) {
            float[][] y = score(userInput, adapted);
            double[] out = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                out[i] = ranking.score(y[i], i);
            }
            return out;
        }
        JavaTensors t = new JavaTensors(params);
        float[] user = network.userTerms(t, network.user(t, userInput), adapted);
        ParameterLayout layout = network.layout();
        int heads = layout.heads();
        int k = layout.factors();
        int width = layout.factorHeads() * k;
        float[] p = new float[width]; // the factor sets lead the state
        for (int j = 0; j < width; j++) {
            p[j] = (float) adapted[j];
        }
        int[] set = new int[heads];
        for (int h = 0; h < heads; h++) {
            set[h] = network.factorSet(h) * k;
        }
        int n = size();
        float[] y = new float[heads];
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int c = i * heads;
            int f = i * width;
            for (int h = 0; h < heads; h++) {
                float dot = k == 0 ? 0f : Vectors.dot(factors, f + set[h], p, set[h], k);
                y[h] = constants[c + h] + user[h] + dot;
            }
            out[i] = ranking.score(y, i);
        }
        return out;
    }
}
