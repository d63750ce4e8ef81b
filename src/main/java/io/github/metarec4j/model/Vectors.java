package io.github.metarec4j.model;

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
