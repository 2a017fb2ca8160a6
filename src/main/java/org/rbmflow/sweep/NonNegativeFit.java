package org.rbmflow.sweep;

import java.util.Arrays;

/**
 * Least squares with non-negative coefficients for a handful of unknowns, in relative terms: the cost model's
 * constants from calibration measurements, each measurement weighted by 1/y so that small and large shapes count
 * alike.
 *
 * <p>Minimises Σ_i ((Σ_j x_ij·c_j − y_i) / y_i)² subject to c_j ≥ 0 by trying every subset of free coefficients (the
 * others held at 0), solving the normal equations of each and keeping the feasible solution of least residual; with
 * at most a few unknowns that is exact and cheap.
 */
final class NonNegativeFit {
  private NonNegativeFit() {}

  /**
   * The coefficients c ≥ 0 (one per column of {@code x}).
   *
   * @param x rows of regressors, one row per measurement, all ≥ 0
   * @param y measured values, each &gt; 0
   */
  static double[] fit(double[][] x, double[] y) {
    int n = x[0].length;
    if (n > 8) {
      throw new IllegalArgumentException("at most 8 unknowns, got " + n);
    }
    // columns scaled to a largest value of 1, so that the elimination sees comparable numbers
    double[] scale = new double[n];
    for (double[] row : x) {
      for (int j = 0; j < n; j++) {
        scale[j] = Math.max(scale[j], row[j]);
      }
    }
    double[][] xs = new double[x.length][n];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < n; j++) {
        xs[i][j] = scale[j] > 0 ? x[i][j] / scale[j] : 0;
      }
    }
    double[] best = new double[n];
    double bestResidual = residual(xs, y, best);
    for (int mask = 1; mask < 1 << n; mask++) {
      double[] c = solve(xs, y, mask);
      if (c != null && residual(xs, y, c) < bestResidual) {
        best = c;
        bestResidual = residual(xs, y, c);
      }
    }
    for (int j = 0; j < n; j++) {
      best[j] = scale[j] > 0 ? best[j] / scale[j] : 0;
    }
    return best;
  }

  /** Relative root-mean-square residual of {@code c}. */
  static double residual(double[][] x, double[] y, double[] c) {
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      double r = (dot(x[i], c) - y[i]) / y[i];
      sum += r * r;
    }
    return Math.sqrt(sum / y.length);
  }

  /** Weighted least squares over the columns in {@code mask}; null when singular or some coefficient is negative. */
  private static double[] solve(double[][] x, double[] y, int mask) {
    int n = x[0].length;
    int[] cols = new int[Integer.bitCount(mask)];
    for (int j = 0, k = 0; j < n; j++) {
      if ((mask & 1 << j) != 0) {
        cols[k++] = j;
      }
    }
    int m = cols.length;
    // normal equations (AᵀA) c = Aᵀb with A_ij = x_ij / y_i and b_i = 1
    double[][] a = new double[m][m + 1];
    for (int i = 0; i < y.length; i++) {
      for (int p = 0; p < m; p++) {
        double ap = x[i][cols[p]] / y[i];
        for (int q = 0; q < m; q++) {
          a[p][q] += ap * x[i][cols[q]] / y[i];
        }
        a[p][m] += ap;
      }
    }
    double[] sol = gauss(a);
    if (sol == null) {
      return null;
    }
    double[] c = new double[n];
    for (int p = 0; p < m; p++) {
      if (!(sol[p] >= 0)) {
        return null;
      }
      c[cols[p]] = sol[p];
    }
    return c;
  }

  /** Gaussian elimination with partial pivoting on the augmented m×(m+1) matrix; null when singular. */
  private static double[] gauss(double[][] a) {
    int m = a.length;
    double scale = 0;
    for (double[] row : a) {
      scale = Math.max(scale, Arrays.stream(row, 0, m).map(Math::abs).max().orElse(0));
    }
    for (int col = 0; col < m; col++) {
      int pivot = col;
      for (int r = col + 1; r < m; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      if (!(Math.abs(a[pivot][col]) > 1e-12 * scale)) {
        return null;
      }
      double[] t = a[col];
      a[col] = a[pivot];
      a[pivot] = t;
      for (int r = 0; r < m; r++) {
        if (r != col) {
          double f = a[r][col] / a[col][col];
          for (int k = col; k <= m; k++) {
            a[r][k] -= f * a[col][k];
          }
        }
      }
    }
    double[] c = new double[m];
    for (int p = 0; p < m; p++) {
      c[p] = a[p][m] / a[p][p];
    }
    return c;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }
}
