package io.github.metarec4j.internal.model;

import io.github.metarec4j.internal.util.Checks;

/**
 * Scores a whole catalogue for one adapted user with the {@link Network}: the part of every
 * item's computation that does not depend on the user (item tower, ID rows, the first hidden
 * layer's item part, item factors and biases) is computed once, when the scorer is built;
 * a user then costs the first hidden layer's user part (one row added to every item's),
 * the layers above it, and the heads.
 *
 * <p>Immutable and thread-safe: the cached item part is only read, and every call binds its
 * own {@link JavaTensors}.
 */
public final class CatalogueScorer {

    private final Network network;
    private final JavaTensors.Parameters params;
    private final Network.Items<JavaTensors.Matrix> items;

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
}
