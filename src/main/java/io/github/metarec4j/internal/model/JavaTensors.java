package io.github.metarec4j.internal.model;

import io.github.metarec4j.internal.util.Checks;

import java.util.Arrays;
import java.util.List;

/**
 * {@link Tensors} on plain-Java float row arrays: the fast path for the scorer's per-user
 * work, where matrices have tens of rows and ND4J's fixed cost per operation would dwarf the
 * arithmetic (docs/performance.md has the figures).
 *
 * <p>Every loop runs over a whole row from index 0, the form HotSpot's C2 compiler turns into
 * SIMD instructions (about three times as fast as the same loop over a flat array at an offset;
 * docs/performance.md), and products skip the zero entries of their left operand: the
 * one-hot blocks of encoded features and what ReLU zeroes (see {@link Vectors#addRows}).
 *
 * <p>A binding reads one parameter vector (its dense blocks unpacked into rows on first use,
 * its tables read in place) and adds gradients into one {@link Gradient}. Not thread-safe:
 * bind one per thread; several bindings may read one parameter vector at once.
 */
public final class JavaTensors implements Tensors<JavaTensors.Matrix> {

    /** A {@code rows x cols} matrix as row arrays; never modified once built. */
    public static final class Matrix {
        final int rows;
        final int cols;
        final float[][] a;

        Matrix(int rows, int cols, float[][] a) {
            this.rows = rows;
            this.cols = cols;
            this.a = a;
        }

        Matrix(int rows, int cols) {
            this(rows, cols, new float[rows][cols]);
        }
    }

    private final ParameterLayout layout;
    private final float[] theta;
    private final Gradient gradient;
    private final Matrix[] unpacked;
    private final boolean shared;

    /**
     * @param layout   where the blocks are
     * @param theta    the parameters, flat in layout order (read, never written)
     * @param gradient where {@code addGradient} adds; null for forward passes and adaptation only
     */
    public JavaTensors(ParameterLayout layout, float[] theta, Gradient gradient) {
        this.layout = Checks.notNull(layout, "layout");
        Checks.argument(theta.length == layout.size(), "the layout has " + layout.size() + " parameters, got "
                + theta.length);
        this.theta = theta;
        this.gradient = gradient;
        this.unpacked = new Matrix[layout.blocks().size()];
        this.shared = false;
    }

    /** A forward-only binding over parameters unpacked once (see {@link Parameters}). */
    public JavaTensors(Parameters parameters) {
        Checks.notNull(parameters, "parameters");
        this.layout = parameters.layout;
        this.theta = parameters.theta;
        this.gradient = null;
        this.unpacked = parameters.unpacked;
        this.shared = true;
    }

    /**
     * A parameter vector with its layers unpacked into row arrays once, for any number of
     * forward-only bindings at once (a served model binds one per call); the ID tables are read
     * in place. Immutable and thread-safe once built: the parameters must not change afterwards.
     */
    public static final class Parameters {
        private final ParameterLayout layout;
        private final float[] theta;
        private final Matrix[] unpacked;

        /** Unpacks every layer of {@code theta} (flat in {@code layout}'s order). */
        public Parameters(ParameterLayout layout, float[] theta) {
            JavaTensors eager = new JavaTensors(layout, theta, null);
            for (ParameterLayout.Block b : layout.blocks()) {
                if (!layout.tables().contains(b)) {
                    eager.param(b);
                }
            }
            this.layout = layout;
            this.theta = theta;
            this.unpacked = eager.unpacked;
        }
    }

    /**
     * Gradient accumulators for one parameter layout: dense arrays for the layers, and for
     * the ID tables only the rows a step touches (a step reads a few hundred of their
     * thousands of rows). Not thread-safe: one per thread, added up at the end.
     */
    public static final class Gradient {
        private final ParameterLayout layout;
        private final float[][][] dense;
        private final float[][][] tableRows;

        /** Empty accumulators for {@code layout}. */
        public Gradient(ParameterLayout layout) {
            this.layout = Checks.notNull(layout, "layout");
            List<ParameterLayout.Block> blocks = layout.blocks();
            this.dense = new float[blocks.size()][][];
            this.tableRows = new float[blocks.size()][][];
        }

        private float[][] dense(int b) {
            if (dense[b] == null) {
                ParameterLayout.Block block = layout.blocks().get(b);
                dense[b] = new float[block.rows()][block.cols()];
            }
            return dense[b];
        }

        private float[] tableRow(int b, int row) {
            if (tableRows[b] == null) {
                tableRows[b] = new float[layout.blocks().get(b).rows()][];
            }
            float[] r = tableRows[b][row];
            if (r == null) {
                r = new float[layout.blocks().get(b).cols()];
                tableRows[b][row] = r;
            }
            return r;
        }

        /** Adds everything accumulated into {@code flat} (layout order). */
        public void addTo(float[] flat) {
            addTo(flat, 1f);
        }

        /**
         * Adds {@code scale} times everything accumulated into {@code flat} (layout order), touching
         * only the table rows a step wrote.
         */
        public void addTo(float[] flat, float scale) {
            Checks.argument(flat.length == layout.size(), "the layout has " + layout.size() + " values, got "
                    + flat.length);
            List<ParameterLayout.Block> blocks = layout.blocks();
            for (int b = 0; b < blocks.size(); b++) {
                int at = (int) blocks.get(b).offset();
                int cols = blocks.get(b).cols();
                if (dense[b] != null) {
                    for (int r = 0; r < dense[b].length; r++) {
                        add(dense[b][r], scale, flat, at + r * cols);
                    }
                }
                if (tableRows[b] != null) {
                    for (int r = 0; r < tableRows[b].length; r++) {
                        if (tableRows[b][r] != null) {
                            add(tableRows[b][r], scale, flat, at + r * cols);
                        }
                    }
                }
            }
        }

        /** Adds {@code scale} times everything accumulated into {@code target}, another accumulator of the same layout. */
        public void addTo(Gradient target, float scale) {
            Checks.argument(target.layout == layout, "the accumulators belong to different layouts");
            for (int b = 0; b < dense.length; b++) {
                if (dense[b] != null) {
                    float[][] into = target.dense(b);
                    for (int r = 0; r < dense[b].length; r++) {
                        add(dense[b][r], scale, into[r], 0);
                    }
                }
                if (tableRows[b] != null) {
                    for (int r = 0; r < tableRows[b].length; r++) {
                        if (tableRows[b][r] != null) {
                            add(tableRows[b][r], scale, target.tableRow(b, r), 0);
                        }
                    }
                }
            }
        }

        private static void add(float[] row, float scale, float[] flat, int at) {
            if (scale == 1f) {
                for (int j = 0; j < row.length; j++) {
                    flat[at + j] += row[j];
                }
                return;
            }
            for (int j = 0; j < row.length; j++) {
                flat[at + j] += scale * row[j];
            }
        }
    }

    private int index(ParameterLayout.Block block) {
        int b = layout.blocks().indexOf(block);
        Checks.argument(b >= 0, "block " + block.name() + " is not in this layout");
        return b;
    }

    @Override
    public Matrix constant(float[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        for (float[] r : rows) {
            if (r.length != cols) { // not Checks.argument: its message would be built for every row
                throw new IllegalArgumentException("rows of one matrix must have one length: " + cols + " and "
                        + r.length);
            }
        }
        return new Matrix(rows.length, cols, rows);
    }

    @Override
    public Matrix constant(double[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        Matrix m = new Matrix(rows.length, cols);
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) {
                throw new IllegalArgumentException("rows of one matrix must have one length: " + cols + " and "
                        + rows[r].length);
            }
            for (int j = 0; j < cols; j++) {
                m.a[r][j] = (float) rows[r][j];
            }
        }
        return m;
    }

    @Override
    public double[][] values(Matrix m) {
        double[][] out = new double[m.rows][m.cols];
        for (int r = 0; r < m.rows; r++) {
            for (int j = 0; j < m.cols; j++) {
                out[r][j] = m.a[r][j];
            }
        }
        return out;
    }

    /** The row arrays of {@code m} (shared: read only). */
    public float[][] rowsOf(Matrix m) {
        return m.a;
    }

    @Override
    public int rows(Matrix m) {
        return m.rows;
    }

    @Override
    public int cols(Matrix m) {
        return m.cols;
    }

    @Override
    public Matrix param(ParameterLayout.Block block) {
        int b = index(block);
        if (unpacked[b] != null) {
            return unpacked[b];
        }
        Matrix m = new Matrix(block.rows(), block.cols(), new float[block.rows()][]);
        int at = (int) block.offset();
        for (int r = 0; r < block.rows(); r++) {
            m.a[r] = Arrays.copyOfRange(theta, at + r * block.cols(), at + (r + 1) * block.cols());
        }
        if (!shared) {
            unpacked[b] = m; // a shared set is read by other threads: never written after it is built
        }
        return m;
    }

    @Override
    public Matrix gather(ParameterLayout.Block table, int[] ids) {
        int cols = table.cols();
        int at = (int) table.offset();
        Matrix m = new Matrix(ids.length, cols, new float[ids.length][]);
        for (int r = 0; r < ids.length; r++) {
            if (ids[r] < 0 || ids[r] >= table.rows()) {
                throw new IllegalArgumentException("row " + ids[r] + " of table " + table.name()
                        + " does not exist (it has " + table.rows() + ")");
            }
            m.a[r] = Arrays.copyOfRange(theta, at + ids[r] * cols, at + (ids[r] + 1) * cols);
        }
        return m;
    }

    @Override
    public void addGradient(ParameterLayout.Block block, Matrix g, int fromRow) {
        Checks.state(gradient != null, "this binding has no gradient to add to");
        Checks.argument(g.cols == block.cols() && fromRow + g.rows <= block.rows(), "a " + g.rows + "x" + g.cols
                + " gradient at row " + fromRow + " does not fit block " + block.name());
        float[][] d = gradient.dense(index(block));
        for (int r = 0; r < g.rows; r++) {
            Vectors.axpy(1f, g.a[r], d[fromRow + r], g.cols);
        }
    }

    @Override
    public void addGradientRows(ParameterLayout.Block table, int[] ids, Matrix g) {
        Checks.state(gradient != null, "this binding has no gradient to add to");
        Checks.argument(g.rows == ids.length && g.cols == table.cols(), "a " + g.rows + "x" + g.cols
                + " gradient for " + ids.length + " rows of table " + table.name());
        int b = index(table);
        for (int r = 0; r < ids.length; r++) {
            Vectors.axpy(1f, g.a[r], gradient.tableRow(b, ids[r]), g.cols);
        }
    }

    @Override
    public Matrix affine(Matrix x, Matrix w, int fromRow) {
        Checks.argument(fromRow + x.cols < w.rows, "[x, 1] W needs " + (x.cols + 1) + " rows of W from row "
                + fromRow + ", W has " + w.rows);
        return product(x, w, fromRow, w.a[fromRow + x.cols]);
    }

    @Override
    public Matrix times(Matrix x, Matrix w, int fromRow) {
        Checks.argument(fromRow + x.cols <= w.rows, "x W needs " + x.cols + " rows of W from row " + fromRow
                + ", W has " + w.rows);
        return product(x, w, fromRow, null);
    }

    /** Below this many output columns, a product is computed as dot products over W's columns. */
    private static final int NARROW = 4;

    /** {@code x w[fromRow ..] (+ bias)}, skipping the zeros of x. */
    private static Matrix product(Matrix x, Matrix w, int fromRow, float[] bias) {
        int h = w.cols;
        if (h <= NARROW) {
            return narrowProduct(x, w, fromRow, bias);
        }
        Matrix out = new Matrix(x.rows, h);
        int[] idx = new int[x.cols];
        for (int r = 0; r < x.rows; r++) {
            float[] z = out.a[r];
            if (bias != null) {
                System.arraycopy(bias, 0, z, 0, h);
            }
            float[] xr = x.a[r];
            Vectors.addRows(xr, idx, nonZeros(xr, idx), w.a, fromRow, z, h);
        }
        return out;
    }

    /**
     * A product with a few output columns (a head, the user state against item factors): each
     * output is one dot product of an input row with a column of W, taken as a row of W's
     * transpose; adding a two-value row of W per input entry would spend its time on loop
     * overhead.
     */
    private static Matrix narrowProduct(Matrix x, Matrix w, int fromRow, float[] bias) {
        int h = w.cols;
        int d = x.cols;
        float[][] wt = new float[h][d];
        for (int k = 0; k < d; k++) {
            float[] row = w.a[fromRow + k];
            for (int j = 0; j < h; j++) {
                wt[j][k] = row[j];
            }
        }
        Matrix out = new Matrix(x.rows, h);
        for (int r = 0; r < x.rows; r++) {
            float[] xr = x.a[r];
            float[] z = out.a[r];
            for (int j = 0; j < h; j++) {
                z[j] = Vectors.dot(xr, 0, wt[j], 0, d) + (bias == null ? 0f : bias[j]);
            }
        }
        return out;
    }

    @Override
    public Matrix affineGradient(Matrix x, Matrix dz) {
        Checks.argument(x.rows == dz.rows, "[x, 1]^T dz needs as many rows in x as in dz: " + x.rows + " and "
                + dz.rows);
        int n = x.rows;
        int h = dz.cols;
        Matrix g = new Matrix(x.cols + 1, h);
        int[] idx = new int[n];
        float[] column = new float[n];
        for (int i = 0; i < x.cols; i++) {
            for (int r = 0; r < n; r++) {
                column[r] = x.a[r][i];
            }
            Vectors.addRows(column, idx, nonZeros(column, idx), dz.a, 0, g.a[i], h);
        }
        Arrays.fill(column, 1f);
        Vectors.addRows(column, idx, nonZeros(column, idx), dz.a, 0, g.a[x.cols], h);
        return g;
    }

    @Override
    public Matrix timesTransposed(Matrix dz, Matrix w, int fromRow, int toRow) {
        Checks.argument(dz.cols == w.cols && fromRow >= 0 && toRow <= w.rows && fromRow <= toRow,
                "dz W[" + fromRow + ".." + toRow + ")^T needs dz's " + dz.cols + " columns to match W's " + w.cols);
        int d = toRow - fromRow;
        Matrix out = new Matrix(dz.rows, d);
        if (dz.rows < 4) {
            for (int r = 0; r < dz.rows; r++) {
                for (int i = 0; i < d; i++) {
                    out.a[r][i] = Vectors.dot(dz.a[r], 0, w.a[fromRow + i], 0, w.cols);
                }
            }
            return out;
        }
        // W^T as rows, so that each output row is a sum of rows of W^T over dz's non-zero entries
        float[][] wt = new float[w.cols][d];
        for (int i = 0; i < d; i++) {
            float[] row = w.a[fromRow + i];
            for (int j = 0; j < w.cols; j++) {
                wt[j][i] = row[j];
            }
        }
        int[] idx = new int[dz.cols];
        for (int r = 0; r < dz.rows; r++) {
            float[] x = dz.a[r];
            Vectors.addRows(x, idx, nonZeros(x, idx), wt, 0, out.a[r], d);
        }
        return out;
    }

    @Override
    public Matrix relu(Matrix z) {
        Matrix out = new Matrix(z.rows, z.cols);
        for (int r = 0; r < z.rows; r++) {
            float[] a = z.a[r];
            float[] o = out.a[r];
            for (int j = 0; j < z.cols; j++) {
                o[j] = Math.max(a[j], 0f);
            }
        }
        return out;
    }

    @Override
    public Matrix reluGradient(Matrix dA, Matrix a) {
        sameShape(dA, a);
        Matrix out = new Matrix(dA.rows, dA.cols);
        for (int r = 0; r < dA.rows; r++) {
            float[] d = dA.a[r];
            float[] x = a.a[r];
            float[] o = out.a[r];
            for (int j = 0; j < dA.cols; j++) {
                o[j] = x[j] > 0f ? d[j] : 0f;
            }
        }
        return out;
    }

    @Override
    public Matrix add(Matrix a, Matrix b) {
        sameShape(a, b);
        Matrix out = new Matrix(a.rows, a.cols);
        for (int r = 0; r < a.rows; r++) {
            float[] x = a.a[r];
            float[] y = b.a[r];
            float[] o = out.a[r];
            for (int j = 0; j < a.cols; j++) {
                o[j] = x[j] + y[j];
            }
        }
        return out;
    }

    @Override
    public Matrix addRow(Matrix a, Matrix row) {
        Checks.argument(row.rows == 1 && row.cols == a.cols, "a row of " + a.cols + " values is needed, got "
                + row.rows + "x" + row.cols);
        float[] y = row.a[0];
        Matrix out = new Matrix(a.rows, a.cols);
        for (int r = 0; r < a.rows; r++) {
            float[] x = a.a[r];
            float[] o = out.a[r];
            for (int j = 0; j < a.cols; j++) {
                o[j] = x[j] + y[j];
            }
        }
        return out;
    }

    @Override
    public Matrix concat(Matrix a, Matrix b) {
        Checks.argument(a.rows == b.rows, "[a, b] needs as many rows in a as in b: " + a.rows + " and " + b.rows);
        Matrix out = new Matrix(a.rows, a.cols + b.cols);
        for (int r = 0; r < a.rows; r++) {
            System.arraycopy(a.a[r], 0, out.a[r], 0, a.cols);
            System.arraycopy(b.a[r], 0, out.a[r], a.cols, b.cols);
        }
        return out;
    }

    @Override
    public Matrix columns(Matrix m, int from, int to) {
        Checks.argument(from >= 0 && to <= m.cols && from <= to, "columns " + from + ".." + to + " of a matrix of "
                + m.cols);
        Matrix out = new Matrix(m.rows, to - from, new float[m.rows][]);
        for (int r = 0; r < m.rows; r++) {
            out.a[r] = Arrays.copyOfRange(m.a[r], from, to);
        }
        return out;
    }

    @Override
    public Matrix rowRange(Matrix m, int from, int to) {
        Checks.argument(from >= 0 && to <= m.rows && from <= to, "rows " + from + ".." + to + " of a matrix of "
                + m.rows);
        return new Matrix(to - from, m.cols, Arrays.copyOfRange(m.a, from, to));
    }

    @Override
    public Matrix columnSums(Matrix m) {
        Matrix out = new Matrix(1, m.cols);
        for (int r = 0; r < m.rows; r++) {
            Vectors.axpy(1f, m.a[r], out.a[0], m.cols);
        }
        return out;
    }

    @Override
    public Matrix scale(Matrix m, double s) {
        Matrix out = new Matrix(m.rows, m.cols);
        for (int r = 0; r < m.rows; r++) {
            Vectors.axpy((float) s, m.a[r], out.a[r], m.cols);
        }
        return out;
    }

    private static void sameShape(Matrix a, Matrix b) {
        Checks.argument(a.rows == b.rows && a.cols == b.cols, "shapes differ: " + a.rows + "x" + a.cols + " and "
                + b.rows + "x" + b.cols);
    }

    /**
     * Writes the indices of {@code x}'s non-zero entries into {@code idx}, in order, and returns
     * their count; without a branch on the values, since ReLU's zeros fall in no pattern a
     * branch predictor could learn.
     */
    private static int nonZeros(float[] x, int[] idx) {
        int count = 0;
        for (int j = 0; j < x.length; j++) {
            idx[count] = j;
            count += x[j] != 0f ? 1 : 0;
        }
        return count;
    }
}
