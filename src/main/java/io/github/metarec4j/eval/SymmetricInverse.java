package io.github.metarec4j.eval;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The inverse of a symmetric positive definite matrix in double precision, for EASE's
 * {@code (X^T X + lambda I)^-1}.
 *
 * <p>Block recursion on the Schur complement: with {@code G = [[A, B], [B^T, C]]},
 * {@code S = C - B^T A^-1 B} (itself symmetric positive definite),
 * {@code G^-1 = [[A^-1 + A^-1 B S^-1 B^T A^-1, -A^-1 B S^-1], [., S^-1]]}; blocks of at most
 * {@value #BLOCK} rows are inverted by Gauss-Jordan elimination in Java (no pivoting is
 * needed on a positive definite matrix), and the products run as ND4J (BLAS) matrix products
 * on fresh DOUBLE arrays: much faster at a catalogue's size than ND4J's
 * {@code InvertMatrix.invert} or one Gauss-Jordan elimination over the whole matrix (which is
 * memory-bound); the timings are in docs/performance.md. The residual
 * {@code max |G G^-1 - I|} was below 1e-14 on the matrices timed there.
 *
 * <p>Stateless; thread-safe.
 */
final class SymmetricInverse {

    /** Largest block inverted directly. */
    static final int BLOCK = 256;

    private SymmetricInverse() {
    }

    /**
     * The inverse of the {@code n x n} symmetric positive definite matrix {@code g}
     * (row-major; not changed), as a new row-major array.
     */
    static double[] of(double[] g, int n) {
        if (n <= BLOCK) {
            double[] out = g.clone();
            gaussJordan(out, n);
            return out;
        }
        int h = n / 2;
        int m = n - h;
        INDArray aInv = matrix(of(block(g, n, 0, h, 0, h), h), h, h);
        INDArray b = matrix(block(g, n, 0, h, h, n), h, m);
        INDArray aInvB = aInv.mmul(b);
        INDArray s = matrix(block(g, n, h, n, h, n), m, m).subi(b.transpose().mmul(aInvB));
        INDArray sInv = matrix(of(values(s), m), m, m);
        INDArray upperRight = aInvB.mmul(sInv).negi();
        INDArray upperLeft = aInv.subi(upperRight.mmul(aInvB.transpose()));
        double[] p11 = values(upperLeft);
        double[] p12 = values(upperRight);
        double[] p22 = values(sInv);
        double[] out = new double[n * n];
        for (int i = 0; i < h; i++) {
            System.arraycopy(p11, i * h, out, i * n, h);
            System.arraycopy(p12, i * m, out, i * n + h, m);
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < h; j++) {
                out[(h + i) * n + j] = p12[j * m + i];
            }
            System.arraycopy(p22, i * m, out, (h + i) * n + h, m);
        }
        return out;
    }

    /** In-place Gauss-Jordan inversion of a positive definite row-major matrix. */
    static void gaussJordan(double[] a, int n) {
        double[] pivotRow = new double[n];
        for (int k = 0; k < n; k++) {
            int kb = k * n;
            double inverse = 1 / a[kb + k];
            for (int j = 0; j < n; j++) {
                a[kb + j] *= inverse;
            }
            a[kb + k] = inverse;
            System.arraycopy(a, kb, pivotRow, 0, n);
            for (int i = 0; i < n; i++) {
                double f = a[i * n + k];
                if (i == k || f == 0) {
                    continue;
                }
                int ib = i * n;
                for (int j = 0; j < n; j++) {
                    a[ib + j] -= f * pivotRow[j];
                }
                a[ib + k] = -f * inverse;
            }
        }
    }

    private static INDArray matrix(double[] values, int rows, int columns) {
        return Nd4j.create(values, new long[]{rows, columns}, DataType.DOUBLE);
    }

    /** A matrix's values in row-major order, whatever its layout. */
    private static double[] values(INDArray m) {
        return m.dup('c').data().asDouble();
    }

    /** Rows {@code [r0, r1)} and columns {@code [c0, c1)} of the row-major {@code n}-column matrix {@code a}. */
    private static double[] block(double[] a, int n, int r0, int r1, int c0, int c1) {
        int width = c1 - c0;
        double[] out = new double[(r1 - r0) * width];
        for (int i = r0; i < r1; i++) {
            System.arraycopy(a, i * n + c0, out, (i - r0) * width, width);
        }
        return out;
    }
}
