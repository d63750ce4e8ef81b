package io.github.metarec4j.internal.model;

import io.github.metarec4j.internal.util.Checks;

/**
 * A ridge regression with a prior mean, solved exactly: {@code w} minimising
 * {@code 1/2 sum_j (x_j . w - z_j)^2 + 1/2 sum_i lambda_i (w_i - w0_i)^2}, that is
 * {@code (X^T X + diag(lambda)) w = X^T z + diag(lambda) w0}, by a Cholesky factorisation in
 * double precision. The rating head's user values are such a regression once the items'
 * factors are known: this is matrix factorisation's fold-in of a new user, with the prior at
 * the user's starting state and meta-learned penalties.
 *
 * <p>Immutable value; thread-safe.
 */
public final class Ridge {

    private final double[] w;
    private final double[][] lower;

    private Ridge(double[] w, double[][] lower) {
        this.w = w;
        this.lower = lower;
    }

    /**
     * Solves the regression.
     *
     * @param x      the rows {@code x_j} (any number, each of {@code w0.length} values)
     * @param z      their targets
     * @param lambda the penalties, all positive
     * @param w0     the prior mean
     */
    public static Ridge solve(double[][] x, double[] z, double[] lambda, double[] w0) {
        int d = w0.length;
        Checks.argument(lambda.length == d && x.length == z.length, "a ridge of " + d + " values needs " + d
                + " penalties and one target per row: " + lambda.length + " penalties, " + x.length + " rows, "
                + z.length + " targets");
        double[][] a = new double[d][d];
        double[] b = new double[d];
        for (int r = 0; r < x.length; r++) {
            double[] row = x[r];
            if (row.length != d) { // not Checks.argument: its message would be built for every row
                throw new IllegalArgumentException("a row of " + row.length + " values for a ridge of " + d);
            }
            for (int i = 0; i < d; i++) {
                b[i] += row[i] * z[r];
                for (int j = 0; j <= i; j++) {
                    a[i][j] += row[i] * row[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            Checks.argument(lambda[i] > 0 && Double.isFinite(lambda[i]), "ridge penalties must be positive and "
                    + "finite, got " + lambda[i]);
            a[i][i] += lambda[i];
            b[i] += lambda[i] * w0[i];
        }
        double[][] lower = cholesky(a);
        // X^T X + diag(lambda) is positive definite in exact arithmetic: a pivot that is not is rounding
        // of enormous inputs (overflowing weights), treated as the diverged case
        return lower == null ? nan(d) : new Ridge(solve(lower, b), lower);
    }

    /** A "solution" of NaNs, for a regression whose inputs are not finite numbers (diverged training). */
    static Ridge nan(int size) {
        double[] w = new double[size];
        java.util.Arrays.fill(w, Double.NaN);
        double[][] lower = new double[size][size];
        for (double[] row : lower) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        return new Ridge(w, lower);
    }

    /** The solution (a copy). */
    public double[] w() {
        return w.clone();
    }

    /** {@code (X^T X + diag(lambda))^-1 v}. */
    public double[] inverseTimes(double[] v) {
        Checks.argument(v.length == w.length, "a vector of " + w.length + " values is needed, got " + v.length);
        return solve(lower, v);
    }

    /**
     * The lower triangle L of {@code a = L L^T}, {@code a} symmetric positive definite (lower
     * triangle given); null if a pivot is not a positive finite number.
     */
    private static double[][] cholesky(double[][] a) {
        int d = a.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(sum > 0) || Double.isInfinite(sum)) {
                        return null;
                    }
                    l[i][i] = Math.sqrt(sum);
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
        return l;
    }

    /** {@code x} with {@code L L^T x = b}. */
    private static double[] solve(double[][] l, double[] b) {
        int d = b.length;
        double[] y = new double[d];
        for (int i = 0; i < d; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i][k] * y[k];
            }
            y[i] = sum / l[i][i];
        }
        double[] x = new double[d];
        for (int i = d - 1; i >= 0; i--) {
            double sum = y[i];
            for (int k = i + 1; k < d; k++) {
                sum -= l[k][i] * x[k];
            }
            x[i] = sum / l[i][i];
        }
        return x;
    }
}
