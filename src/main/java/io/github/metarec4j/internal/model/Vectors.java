package io.github.metarec4j.internal.model;

/**
 * The few vector loops of the plain-Java kernels, each in the form HotSpot's C2 compiler
 * turns into SIMD instructions: whole arrays (or rows) indexed from 0 for {@code axpy}, four
 * independent partial sums for {@code dot} (float sums cannot be reordered into SIMD lanes,
 * but independent chains can overlap).
 *
 * <p>Stateless; thread-safe.
 */
public final class Vectors {

    private Vectors() {
    }

    /** {@code y[0..n) += a x[0..n)}. */
    public static void axpy(float a, float[] x, float[] y, int n) {
        for (int j = 0; j < n; j++) {
            y[j] += a * x[j];
        }
    }

    /**
     * {@code y[0..n) += sum over i < count of a[idx[i]] rows[offset + idx[i]]}. The rows are
     * taken four at a time, so that {@code y} is loaded and stored once per four rows, not once
     * per row; the sum of four products is added to {@code y} as one value (float rounding
     * differs from four {@link #axpy} calls).
     */
    public static void addRows(float[] a, int[] idx, int count, float[][] rows, int offset, float[] y, int n) {
        int i = 0;
        for (; i + 4 <= count; i += 4) {
            int k0 = idx[i];
            int k1 = idx[i + 1];
            int k2 = idx[i + 2];
            int k3 = idx[i + 3];
            axpy4(a[k0], rows[offset + k0], a[k1], rows[offset + k1], a[k2], rows[offset + k2], a[k3],
                    rows[offset + k3], y, n);
        }
        for (; i < count; i++) {
            int k = idx[i];
            axpy(a[k], rows[offset + k], y, n);
        }
    }

    /** {@code y[0..n) += a0 x0 + a1 x1 + a2 x2 + a3 x3}. */
    private static void axpy4(float a0, float[] x0, float a1, float[] x1, float a2, float[] x2, float a3, float[] x3,
                              float[] y, int n) {
        for (int j = 0; j < n; j++) {
            y[j] += a0 * x0[j] + a1 * x1[j] + a2 * x2[j] + a3 * x3[j];
        }
    }

    /** {@code x[xAt..xAt+n) . y[yAt..yAt+n)}. */
    public static float dot(float[] x, int xAt, float[] y, int yAt, int n) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            s0 += x[xAt + j] * y[yAt + j];
            s1 += x[xAt + j + 1] * y[yAt + j + 1];
            s2 += x[xAt + j + 2] * y[yAt + j + 2];
            s3 += x[xAt + j + 3] * y[yAt + j + 3];
        }
        for (; j < n; j++) {
            s0 += x[xAt + j] * y[yAt + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * {@code start + x W[offset ..]}: a new row, with W given as rows; zero entries of
     * {@code x} (ReLU leaves many) are skipped.
     */
    public static float[] affine(float[] start, float[] x, float[][] w, int offset) {
        float[] z = start.clone();
        int h = z.length;
        for (int k = 0; k < x.length; k++) {
            float a = x[k];
            if (a != 0f) {
                axpy(a, w[offset + k], z, h);
            }
        }
        return z;
    }

    /** {@code [x, 1] W} for W given as {@code x.length + 1} rows (the bias last): a new row. */
    public static float[] affine(float[] x, float[][] w) {
        return affine(w[x.length], x, w, 0);
    }

    /** {@code max(z, 0)}, a new row. */
    public static float[] relu(float[] z) {
        float[] a = z.clone();
        for (int j = 0; j < a.length; j++) {
            if (a[j] < 0f) {
                a[j] = 0f;
            }
        }
        return a;
    }
}
