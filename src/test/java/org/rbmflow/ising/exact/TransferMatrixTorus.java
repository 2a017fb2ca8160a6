package org.rbmflow.ising.exact;

import java.util.stream.IntStream;

/**
 * Exact Ising averages on an l x l square torus (l &lt;= 10) from the row-to-row transfer matrix,
 * Z = Tr(T^l), with T a dense 2^l x 2^l symmetric matrix stored row-major in a double[].
 *
 * <p>Model and bond conventions as in {@link BruteForceTorus} (J = 1, k_B = 1, periodic in both
 * directions, repeated bonds counted for l &lt;= 2). Row states a, b are l-bit ints, bit c = 1
 * meaning spin (row, c) is -1. The row-pair energy is split symmetrically,
 *
 * <pre>
 *   e(a,b) = -J sum_c a_c b_c - (J/2) [intra(a) + intra(b)] - (h/2) [S(a) + S(b)],
 *   intra(a) = sum_c a_c a_{c+1 mod l},   S(a) = sum_c a_c,
 * </pre>
 *
 * so that H = sum_r e(row_r, row_{r+1 mod l}) and T_ab = exp(-beta e(a,b)).
 *
 * <p>Moments are exact traces, not finite differences. With D1_ab = e_ab T_ab (that is -dT/dbeta),
 * D2_ab = e_ab^2 T_ab and G_ab = [S(a)+S(b)]/2 T_ab, cyclicity of the trace gives
 *
 * <pre>
 *   Z &lt;E&gt;   = l Tr(T^{l-1} D1),            Z &lt;M&gt; = l Tr(T^{l-1} G),
 *   Z &lt;E^2&gt; = l Tr(T^{l-1} D2) + l sum_{k=0}^{l-2} Tr(D1 T^k D1 T^{l-2-k}).
 * </pre>
 *
 * The second moment is taken about l*c with c = &lt;E&gt;/l (e replaced by e - c) so that the
 * variance has no cancellation. Powers of T are kept as (matrix, log-scale) pairs, normalised to
 * a largest entry of 1 after each product, so nothing overflows.
 *
 * <p>Cost: about 2l dense products of size 2^l, i.e. instant for l &lt;= 8 and a few seconds for
 * l = 10 (products run in parallel over rows).
 */
public final class TransferMatrixTorus {

  /** Coupling constant; the model is ferromagnetic with J = 1. */
  private static final double J = 1.0;

  /** Largest torus side handled (2^10 x 2^10 matrices, 8 MB each). */
  public static final int MAX_SIDE = 10;

  private TransferMatrixTorus() {}

  /**
   * Exact averages on the l x l periodic square lattice.
   *
   * @param l side length, 1 &lt;= l &lt;= 10 (N = l*l spins)
   * @param t temperature T &gt; 0 (units of J / k_B)
   * @param h external field (units of J)
   * @return energy, magnetization and specific heat per spin; absMagnetizationPerSpin is NaN
   * @throws IllegalArgumentException if l is out of range or t, h are not usable
   */
  public static ExactValues solve(int l, double t, double h) {
    return new Solver(l, t, h).values();
  }

  /**
   * ln Z of the l x l periodic square lattice.
   *
   * @param l side length, 1 &lt;= l &lt;= 10
   * @param t temperature T &gt; 0
   * @param h external field
   * @return natural log of the partition function
   */
  public static double logPartitionFunction(int l, double t, double h) {
    return new Solver(l, t, h).logZ();
  }

  /** A dense row-major matrix standing for exp(logScale) * m. */
  private record Scaled(double[] m, double logScale) {}

  /** Builds T, D1, G for one (l, T, h) and the powers T^k, k = 0..l-1. */
  private static final class Solver {
    private final int l;
    private final int dim;
    private final double beta;
    private final double[] e;
    private final double eMin;
    private final double[] t;
    private final double[] g;
    private final Scaled[] powers;

    Solver(int l, double temperature, double h) {
      if (l < 1 || l > MAX_SIDE) {
        throw new IllegalArgumentException("torus side must be in [1, " + MAX_SIDE + "], got " + l);
      }
      BruteForceTorus.checkTemperatureAndField(temperature, h);
      this.l = l;
      this.dim = 1 << l;
      this.beta = 1.0 / temperature;
      int mask = dim - 1;
      // Per-row sums: S(a) = l - 2 popcount(a); intra(a) = l - 2 popcount(a XOR rot(a)) where
      // rot(a)_c = a_{c+1 mod l}; inter(a,b) = sum_c a_c b_c = l - 2 popcount(a XOR b).
      int[] rowSum = new int[dim];
      int[] intra = new int[dim];
      for (int a = 0; a < dim; a++) {
        int rot = ((a >>> 1) | (a << (l - 1))) & mask;
        rowSum[a] = l - 2 * Integer.bitCount(a);
        intra[a] = l - 2 * Integer.bitCount(a ^ rot);
      }
      // e(a,b) = -J inter(a,b) - (J/2)(intra(a)+intra(b)) - (h/2)(S(a)+S(b)).
      e = new double[dim * dim];
      double min = Double.POSITIVE_INFINITY;
      for (int a = 0; a < dim; a++) {
        for (int b = 0; b < dim; b++) {
          int inter = l - 2 * Integer.bitCount(a ^ b);
          double v =
              -J * inter - 0.5 * J * (intra[a] + intra[b]) - 0.5 * h * (rowSum[a] + rowSum[b]);
          e[a * dim + b] = v;
          min = Math.min(min, v);
        }
      }
      eMin = min;
      // T_ab = exp(-beta (e_ab - e_min)) <= 1; the true matrix is exp(-beta e_min) times this,
      // a common factor that cancels in every average and is restored in ln Z.
      t = new double[dim * dim];
      for (int i = 0; i < t.length; i++) {
        t[i] = Math.exp(-beta * (e[i] - eMin));
      }
      // P_k = T^k for k = 0..l-1, each renormalised to max entry 1 with its log scale.
      powers = new Scaled[l];
      powers[0] = new Scaled(identity(dim), 0.0);
      for (int k = 1; k < l; k++) {
        powers[k] = multiply(powers[k - 1], new Scaled(t, 0.0), dim);
      }
      // G_ab = [S(a) + S(b)]/2 T_ab: the magnetization carried by one row pair.
      g = new double[dim * dim];
      for (int a = 0; a < dim; a++) {
        for (int b = 0; b < dim; b++) {
          g[a * dim + b] = 0.5 * (rowSum[a] + rowSum[b]) * t[a * dim + b];
        }
      }
    }

    // Z (in units of exp(L_{l-1} - beta l e_min)) = Tr(P_{l-1} T).
    private double reducedZ() {
      return traceOfProduct(powers[l - 1].m(), t, dim);
    }

    // ln Z = ln Tr(P_{l-1} T) + L_{l-1} - beta l e_min.
    double logZ() {
      return Math.log(reducedZ()) + powers[l - 1].logScale() - beta * l * eMin;
    }

    ExactValues values() {
      int n = l * l;
      double z = reducedZ();
      double[] last = powers[l - 1].m();
      // <E> = l Tr(P_{l-1} D1) / Tr(P_{l-1} T), D1_ab = e_ab T_ab.
      double[] d1 = new double[dim * dim];
      for (int i = 0; i < d1.length; i++) {
        d1[i] = e[i] * t[i];
      }
      double meanE = l * traceOfProduct(last, d1, dim) / z;
      // <M> = l Tr(P_{l-1} G) / Tr(P_{l-1} T).
      double meanM = l * traceOfProduct(last, g, dim) / z;

      // Centre on c = <E>/l: D1c_ab = (e_ab - c) T_ab, D2c_ab = (e_ab - c)^2 T_ab, so the moments
      // below are those of E' = E - l c = E - <E>.
      double c = meanE / l;
      double[] d1c = new double[dim * dim];
      double[] d2c = new double[dim * dim];
      for (int i = 0; i < d1c.length; i++) {
        double de = e[i] - c;
        d1c[i] = de * t[i];
        d2c[i] = de * de * t[i];
      }
      // <E'^2> Z = l Tr(P_{l-1} D2c) + l sum_{k=0}^{l-2} Tr(B_k B_{l-2-k}), B_k = D1c P_k,
      // where each term carries exp(L_k + L_{l-2-k} - L_{l-1}) relative to Z = Tr(P_{l-1} T).
      double second = l * traceOfProduct(last, d2c, dim) / z;
      if (l >= 2) {
        Scaled[] b = new Scaled[l - 1];
        Scaled d1cScaled = new Scaled(d1c, 0.0);
        for (int k = 0; k <= l - 2; k++) {
          b[k] = k == 0 ? d1cScaled : multiply(d1cScaled, powers[k], dim);
        }
        double pairs = 0;
        for (int k = 0; k <= l - 2; k++) {
          Scaled x = b[k];
          Scaled y = b[l - 2 - k];
          double scale = Math.exp(x.logScale() + y.logScale() - powers[l - 1].logScale());
          pairs += traceOfProduct(x.m(), y.m(), dim) * scale;
        }
        second += l * pairs / z;
      }
      // <E'> = 0 up to rounding; subtract it anyway so Var E = <E'^2> - <E'>^2 exactly.
      double meanShifted = meanE - l * c;
      double varE = second - meanShifted * meanShifted;
      // C = beta^2 Var E / N.
      return new ExactValues(meanE / n, meanM / n, Double.NaN, beta * beta * varE / n);
    }
  }

  private static double[] identity(int dim) {
    double[] id = new double[dim * dim];
    for (int i = 0; i < dim; i++) {
      id[i * dim + i] = 1.0;
    }
    return id;
  }

  // Tr(X Y) = sum_{i,j} X_ij Y_ji.
  private static double traceOfProduct(double[] x, double[] y, int dim) {
    double s = 0;
    for (int i = 0; i < dim; i++) {
      for (int j = 0; j < dim; j++) {
        s += x[i * dim + j] * y[j * dim + i];
      }
    }
    return s;
  }

  // (X e^{Lx}) (Y e^{Ly}) = (XY / s) e^{Lx + Ly + ln s}, s = max |(XY)_ij|.
  private static Scaled multiply(Scaled x, Scaled y, int dim) {
    double[] a = x.m();
    double[] b = y.m();
    double[] out = new double[dim * dim];
    IntStream rows = IntStream.range(0, dim);
    if (dim >= 128) {
      rows = rows.parallel();
    }
    rows.forEach(
        i -> {
          int rowOffset = i * dim;
          for (int k = 0; k < dim; k++) {
            double aik = a[rowOffset + k];
            if (aik == 0.0) {
              continue;
            }
            int bOffset = k * dim;
            for (int j = 0; j < dim; j++) {
              out[rowOffset + j] += aik * b[bOffset + j];
            }
          }
        });
    double s = 0;
    for (double v : out) {
      s = Math.max(s, Math.abs(v));
    }
    if (s == 0.0) {
      return new Scaled(out, x.logScale() + y.logScale());
    }
    for (int i = 0; i < out.length; i++) {
      out[i] /= s;
    }
    return new Scaled(out, x.logScale() + y.logScale() + Math.log(s));
  }
}
