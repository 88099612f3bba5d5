package dev.chronoscope.emulator.models.fit;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularMatrixException;

import java.util.Arrays;

/**
 * Weighted least squares (ordinary, non-negative, ridge) on commons-math3's QR decomposition.
 * Columns are scaled to unit RMS before solving: FLOPs (1e13) and an intercept (1) in one design
 * matrix would otherwise lose every digit of the small column.
 */
public final class LeastSquares {
    private LeastSquares() {}

    /**
     * @param x       design matrix, one row per sample
     * @param y       targets
     * @param weights row weights (e.g. 1/y to minimise relative error)
     * @param lambda  ridge penalty on scaled columns (RIDGE only)
     */
    public static double[] solve(Solver solver, double[][] x, double[] y, double[] weights, double lambda) {
        int n = x.length, p = n == 0 ? 0 : x[0].length;
        if (n < p || p == 0) throw new IllegalArgumentException("cannot fit " + p + " coefficients from " + n + " samples");
        double[] scale = new double[p];
        for (int j = 0; j < p; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) s += sq(x[i][j] * weights[i]);
            scale[j] = s == 0 ? 1 : Math.sqrt(s / n);
        }
        double[][] a = new double[n + (solver == Solver.RIDGE ? p : 0)][p];
        double[] b = new double[a.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) a[i][j] = x[i][j] * weights[i] / scale[j];
            b[i] = y[i] * weights[i];
        }
        if (solver == Solver.RIDGE) {
            for (int j = 0; j < p; j++) a[n + j][j] = Math.sqrt(lambda * n);
        }
        double[] beta = solver == Solver.NNLS ? nnls(a, b) : qr(a, b, allTrue(p));
        for (int j = 0; j < p; j++) beta[j] /= scale[j];
        return beta;
    }

    /** Lawson–Hanson active-set NNLS; each passive-set subproblem is an unconstrained QR solve. */
    static double[] nnls(double[][] a, double[] b) {
        int p = a[0].length;
        boolean[] passive = new boolean[p];
        double[] beta = new double[p];
        for (int outer = 0; outer < 30 * p; outer++) {
            double[] w = gradient(a, b, beta);
            int best = -1;
            for (int j = 0; j < p; j++) if (!passive[j] && w[j] > 1e-10 * norm(b) && (best < 0 || w[j] > w[best])) best = j;
            if (best < 0) return beta;
            passive[best] = true;
            while (true) {
                double[] z = qr(a, b, passive);
                boolean feasible = true;
                for (int j = 0; j < p; j++) if (passive[j] && z[j] <= 0) feasible = false;
                if (feasible) { beta = z; break; }
                double alpha = 1;
                for (int j = 0; j < p; j++) {
                    if (passive[j] && z[j] <= 0) alpha = Math.min(alpha, beta[j] / (beta[j] - z[j]));
                }
                for (int j = 0; j < p; j++) {
                    beta[j] += alpha * (z[j] - beta[j]);
                    if (passive[j] && beta[j] <= 1e-15) { passive[j] = false; beta[j] = 0; }
                }
            }
        }
        return beta;
    }

    private static double[] qr(double[][] a, double[] b, boolean[] columns) {
        int[] cols = java.util.stream.IntStream.range(0, columns.length).filter(j -> columns[j]).toArray();
        double[] full = new double[columns.length];
        if (cols.length == 0) return full;
        RealMatrix m = new Array2DRowRealMatrix(a.length, cols.length);
        for (int i = 0; i < a.length; i++) for (int k = 0; k < cols.length; k++) m.setEntry(i, k, a[i][cols[k]]);
        double[] sub;
        try {
            sub = new QRDecomposition(m, 1e-12).getSolver().solve(new ArrayRealVector(b, false)).toArray();
        } catch (SingularMatrixException e) {
            throw new IllegalArgumentException("the chosen features are linearly dependent on these samples; drop one or use ridge", e);
        }
        for (int k = 0; k < cols.length; k++) full[cols[k]] = sub[k];
        return full;
    }

    /** Aᵀ(b − Aβ): the direction in which each coefficient would reduce the residual. */
    private static double[] gradient(double[][] a, double[] b, double[] beta) {
        double[] w = new double[beta.length];
        for (int i = 0; i < a.length; i++) {
            double r = b[i];
            for (int j = 0; j < beta.length; j++) r -= a[i][j] * beta[j];
            for (int j = 0; j < beta.length; j++) w[j] += a[i][j] * r;
        }
        return w;
    }

    private static boolean[] allTrue(int p) {
        boolean[] t = new boolean[p];
        Arrays.fill(t, true);
        return t;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double d : v) s += d * d;
        return Math.sqrt(s);
    }

    private static double sq(double v) { return v * v; }
}
