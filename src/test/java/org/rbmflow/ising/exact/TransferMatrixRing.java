package org.rbmflow.ising.exact;

/**
 * Exact Ising averages on a 1D ring of n spins in a field, from the 2 x 2 transfer matrix, for any
 * finite n: Z = Tr(T^n) = lambda_+^n + lambda_-^n.
 *
 * <p>Model and bond conventions as in {@link BruteForceTorus#solveRing}: bonds (i, i+1 mod n),
 * J = 1, k_B = 1. The bond energy is split symmetrically,
 *
 * <pre>
 *   e(s,s') = -J s s' - (h/2)(s + s'),   H = sum_i e(s_i, s_{i+1}),   T_{ss'} = exp(-beta e(s,s')).
 * </pre>
 *
 * <p>Moments are exact, in the eigenbasis of the symmetric T (eigenvalues
 * lambda_+ &gt; lambda_- &gt; 0, eigenvectors v_+, v_-). For X in {D1 = e T, D2 = e^2 T,
 * G = (s+s')/2 T} write X^_ij = v_i^T X v_j. Then, with mu_i = lambda_i / lambda_+ (mu_+ = 1,
 * mu_- = r) and all of T, X divided by lambda_+,
 *
 * <pre>
 *   Z / lambda_+^n = 1 + r^n,
 *   Z &lt;X&gt; / lambda_+^n = n (X^_++ + r^{n-1} X^_--),
 *   Z &lt;E^2&gt; / lambda_+^n = n (D2^_++ + r^{n-1} D2^_--)
 *       + n sum_{i,j} (D1^_ij)^2 sum_{k=0}^{n-2} mu_i^k mu_j^{n-2-k},
 * </pre>
 *
 * the last from Z &lt;E^2&gt; = n Tr(T^{n-1} D2) + n sum_k Tr(D1 T^k D1 T^{n-2-k}). Only r^n, never
 * lambda^n, is formed, so any n is safe, and so is any T with beta |h| below about 350 (beyond
 * that exp(-2 beta |h|) underflows); as for the torus the second moment is taken about &lt;E&gt;
 * to avoid cancellation.
 */
public final class TransferMatrixRing {

  /** Coupling constant; the model is ferromagnetic with J = 1. */
  private static final double J = 1.0;

  private TransferMatrixRing() {}

  /**
   * Exact averages on a ring of n spins.
   *
   * @param n number of spins, n &gt;= 1
   * @param t temperature T &gt; 0 (units of J / k_B)
   * @param h external field (units of J)
   * @return energy, magnetization and specific heat per spin; absMagnetizationPerSpin is NaN
   * @throws IllegalArgumentException if n &lt; 1 or t, h are not usable
   */
  public static ExactValues solve(int n, double t, double h) {
    if (n < 1) {
      throw new IllegalArgumentException("ring length must be >= 1, got " + n);
    }
    BruteForceTorus.checkTemperatureAndField(t, h);
    double beta = 1.0 / t;

    // T / exp(beta (J + |h|)): entries a = T_{++}, d = T_{--}, b = T_{+-}, all <= 1.
    //   a = exp(beta (h - |h|)), d = exp(-beta (h + |h|)), b = exp(-2 beta J - beta |h|).
    double absH = Math.abs(h);
    double a = Math.exp(beta * (h - absH));
    double d = Math.exp(-beta * (h + absH));
    double b = Math.exp(-2 * beta * J - beta * absH);
    // lambda_+ = (a+d)/2 + sqrt(((a-d)/2)^2 + b^2); gap = lambda_+ - lambda_- = 2 sqrt(...);
    // det = ad - b^2 = exp(-2 beta |h|) (1 - exp(-4 beta J)), written without cancellation;
    // lambda_- = det / lambda_+.
    double root = Math.hypot(0.5 * (a - d), b);
    double lambdaPlus = 0.5 * (a + d) + root;
    // det = ad - b^2 = exp(-2 beta |h|) (1 - exp(-4 beta J)), written without cancellation, and
    // r = lambda_- / lambda_+ = det / lambda_+^2. ln r is taken as ln det - 2 ln lambda_+ when r is
    // small and as ln(1 - gap/lambda_+) when r is close to 1, accurate in both regimes.
    double det = -Math.exp(-2 * beta * absH) * Math.expm1(-4 * beta * J);
    double gapOverLambda = 2 * root / lambdaPlus;
    double logR =
        gapOverLambda < 0.5
            ? Math.log1p(-gapOverLambda)
            : Math.log(det) - 2 * Math.log(lambdaPlus);
    // Eigenvectors of [[a, b], [b, d]]: v_+ = (cos th, sin th), v_- = (-sin th, cos th),
    // tan 2th = 2b / (a - d).
    double theta = 0.5 * Math.atan2(2 * b, a - d);
    double[] vPlus = {Math.cos(theta), Math.sin(theta)};
    double[] vMinus = {-Math.sin(theta), Math.cos(theta)};

    // Matrices in the basis (s = +1, s = -1), scaled by 1 / lambda_+ so that mu_+ = 1.
    double[] spin = {1.0, -1.0};
    double[][] tm = {{a, b}, {b, d}};
    double[][] e = new double[2][2];
    double[][] d1 = new double[2][2];
    double[][] gm = new double[2][2];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        e[i][j] = -J * spin[i] * spin[j] - 0.5 * h * (spin[i] + spin[j]);
        tm[i][j] /= lambdaPlus;
        d1[i][j] = e[i][j] * tm[i][j];
        gm[i][j] = 0.5 * (spin[i] + spin[j]) * tm[i][j];
      }
    }

    double rN = powR(logR, n);
    double rN1 = powR(logR, n - 1);
    double z = 1.0 + rN;
    // <X> = n (X^_++ + r^{n-1} X^_--) / (1 + r^n).
    double meanE = n * (sandwich(vPlus, d1, vPlus) + rN1 * sandwich(vMinus, d1, vMinus)) / z;
    double meanM = n * (sandwich(vPlus, gm, vPlus) + rN1 * sandwich(vMinus, gm, vMinus)) / z;

    // Centre: e -> e - c with c = <E>/n, so E' = E - <E>.
    double c = meanE / n;
    double[][] d1c = new double[2][2];
    double[][] d2c = new double[2][2];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        double de = e[i][j] - c;
        d1c[i][j] = de * tm[i][j];
        d2c[i][j] = de * de * tm[i][j];
      }
    }
    double second =
        n * (sandwich(vPlus, d2c, vPlus) + rN1 * sandwich(vMinus, d2c, vMinus)) / z;
    if (n >= 2) {
      // sum_{k=0}^{n-2} mu_i^k mu_j^{n-2-k}:  (+,+): n-1;  (-,-): (n-1) r^{n-2};
      // (+,-) and (-,+): sum_{k=0}^{n-2} r^k = (1 - r^{n-1}) / (1 - r)
      //                                     = -expm1((n-1) ln r) / (gap / lambda_+).
      double rN2 = powR(logR, n - 2);
      double mixed = -Math.expm1((n - 1) * logR) / gapOverLambda;
      double pp = sandwich(vPlus, d1c, vPlus);
      double mm = sandwich(vMinus, d1c, vMinus);
      double pm = sandwich(vPlus, d1c, vMinus);
      double pairs = pp * pp * (n - 1) + mm * mm * (n - 1) * rN2 + 2 * pm * pm * mixed;
      second += n * pairs / z;
    }
    double meanShifted = meanE - n * c;
    double varE = second - meanShifted * meanShifted;
    // C = beta^2 Var E / N.
    return new ExactValues(meanE / n, meanM / n, Double.NaN, beta * beta * varE / n);
  }

  // r^k = exp(k ln r), with r^0 = 1 even when r underflows to 0 (ln r = -infinity).
  private static double powR(double logR, int k) {
    return k == 0 ? 1.0 : Math.exp(k * logR);
  }

  // v^T X w for 2-vectors v, w and a 2 x 2 matrix X.
  private static double sandwich(double[] v, double[][] x, double[] w) {
    double s = 0;
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        s += v[i] * x[i][j] * w[j];
      }
    }
    return s;
  }
}
