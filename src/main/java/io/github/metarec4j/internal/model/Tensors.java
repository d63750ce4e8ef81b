package io.github.metarec4j.internal.model;

/**
 * The matrix operations the scorer's one definition ({@link Network}) is written against,
 * bound to one parameter vector (and, for backward passes, one gradient accumulator).
 *
 * <p>Two implementations compute the same numbers: {@link JavaTensors}, plain-Java row
 * arrays that HotSpot vectorises (the fast path: a user's rows are tens, where ND4J's fixed
 * cost per operation would dominate), and {@link Nd4jTensors}, ND4J arrays in
 * float or double (the reference, and the double-precision gradient checks). A change to the
 * network is made once, in {@link Network}; the tests pin the two implementations together
 * operation by operation and pass by pass.
 *
 * <p>A matrix {@code M} is {@code rows x cols}; a row vector is a {@code 1 x cols} matrix.
 * "Augmented" weights {@code w} carry the bias as their last row, so {@code affine(x, w, 0)}
 * is {@code [x, 1] w}. Operations return new matrices and never modify their arguments.
 *
 * <p>Implementations are not thread-safe: bind one per thread.
 *
 * @param <M> the implementation's matrix type
 */
public interface Tensors<M> {

    /** A matrix holding {@code rows} (all of one length; never modified, but may be shared rather than copied). */
    M constant(float[][] rows);

    /** A matrix holding {@code rows} (all of one length), in the implementation's precision. */
    M constant(double[][] rows);

    /** The values of {@code m}, row by row (a copy). */
    double[][] values(M m);

    /** Number of rows. */
    int rows(M m);

    /** Number of columns. */
    int cols(M m);

    /** A parameter block as a {@code rows x cols} matrix (a user's adapted copy where the binding has one). */
    M param(ParameterLayout.Block block);

    /** Rows {@code ids} of a table block: an {@code ids.length x cols} matrix. */
    M gather(ParameterLayout.Block table, int[] ids);

    /** Adds {@code g} to the gradient of {@code block}, starting at the block's row {@code fromRow}. */
    void addGradient(ParameterLayout.Block block, M g, int fromRow);

    /** Adds row {@code r} of {@code g} to the gradient of row {@code ids[r]} of a table block. */
    void addGradientRows(ParameterLayout.Block table, int[] ids, M g);

    /**
     * {@code [x, 1] w[fromRow .. fromRow + cols(x)]}: the product of {@code x} with the
     * {@code cols(x)} rows of {@code w} from {@code fromRow}, plus the row after them (the bias).
     */
    M affine(M x, M w, int fromRow);

    /** {@code x w[fromRow .. fromRow + cols(x))}, without a bias. */
    M times(M x, M w, int fromRow);

    /** {@code [x, 1]^T dz}: the gradient of augmented weights, bias row last. */
    M affineGradient(M x, M dz);

    /** {@code dz w[fromRow .. toRow)^T}: the gradient of a product's input. */
    M timesTransposed(M dz, M w, int fromRow, int toRow);

    /** {@code max(z, 0)}. */
    M relu(M z);

    /** {@code dA} where {@code a > 0}, else 0: the gradient through a ReLU whose output is {@code a}. */
    M reluGradient(M dA, M a);

    /** {@code a + b}, same shapes. */
    M add(M a, M b);

    /** {@code a} plus the row vector {@code row} on every row. */
    M addRow(M a, M row);

    /** {@code [a, b]}: the columns of a then those of b (same number of rows). */
    M concat(M a, M b);

    /** Columns {@code from .. to} of {@code m}. */
    M columns(M m, int from, int to);

    /** Rows {@code from .. to} of {@code m}. */
    M rowRange(M m, int from, int to);

    /** The sum of the rows: a row vector. */
    M columnSums(M m);

    /** {@code s m}. */
    M scale(M m, double s);
}
