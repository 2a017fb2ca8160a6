package org.rbmflow.aggregate;

/**
 * Nonlinear least squares for E(N) = e0 + a·N^b with e0 fixed (DESIGN §2 "Fit"): minimises
 * <pre>
 *   χ²(a, b) = Σ_i w_i r_i²,   r_i = y_i − e0 − a·x_i^b,
 * </pre>
 * x = N_temp (> 0), y = energy per spin, w_i = 1/σ_i² (weighted) or 1 (unweighted).
 *
 * <p><b>Weights.</b> Weighted only when every σ_i is finite and &gt; 0; if {@code sigma} is null or any entry is
 * unusable, all weights are 1 and the result says {@code weighted = false}.
 *
 * <p><b>Seed.</b> The straight-line fit ln(y − e0) = ln a + b·ln x over the points with y − e0 &gt; 0, weighted by
 * w·(y − e0)² (error propagation: var ln(y − e0) ≈ σ²/(y − e0)²). With fewer than two such points at distinct x
 * (all energies at or below e0, say) the seed is the flat curve b = 0, a = Σ w(y − e0) / Σ w.
 *
 * <p><b>Minimisation.</b> Levenberg–Marquardt on (a, b) with the analytic Jacobian ∂f/∂a = x^b,
 * ∂f/∂b = a·x^b·ln x, Marquardt's diagonal damping starting at λ = 10⁻³, λ ÷ 10 after an accepted step and × 10
 * after a rejected one. Converged when an accepted step lowers χ² by at most 10⁻¹² of χ², or when a step is
 * below 10⁻¹² of |a| and of max(1, |b|) (b is an exponent, so its natural scale is 1). At most
 * {@value #MAX_ITERATIONS} trial steps.
 *
 * <p><b>Errors.</b> The covariance of (a, b) is (JᵀWJ)⁻¹ at the optimum. Weighted: the σ_i are taken as known
 * and the errors are the square roots of its diagonal as they stand (χ²/dof is then a goodness-of-fit check).
 * Unweighted: the covariance is scaled by the residual variance χ²/dof, i.e. the scatter of the data about the
 * curve stands in for the unknown σ.
 */
public final class PowerLawFitter {
  /** Trial steps before giving up. */
  public static final int MAX_ITERATIONS = 200;

  private static final double CHI2_TOLERANCE = 1e-12;
  private static final double STEP_TOLERANCE = 1e-12;
  private static final double INITIAL_DAMPING = 1e-3;
  /** JᵀWJ counts as singular when det ≤ this · A_aa · A_bb, i.e. the correlation of a and b exceeds 1 − 5·10⁻¹⁴. */
  private static final double SINGULAR = 1e-13;

  private PowerLawFitter() {}

  /** JᵀWJ = [[aa, ab], [ab, bb]] and JᵀW r = (ga, gb) at one (a, b). */
  private record Normal(double aa, double ab, double bb, double ga, double gb) {}

  /**
   * Fits E(N) = e0 + a·N^b.
   *
   * @param e0    the fixed offset (ground-state energy per spin), finite
   * @param x     N_temp per point, finite and &gt; 0, at least two distinct values
   * @param y     energy per spin per point, finite; same length as x
   * @param sigma standard error of each y, or null (see the class comment for when the fit is weighted)
   * @throws FitException with the reason when there are fewer than 3 points, a value is out of range, the data
   *                      cannot separate a from b, or Levenberg–Marquardt does not converge
   */
  public static PowerLawFit fit(double e0, double[] x, double[] y, double[] sigma) throws FitException {
    validate(e0, x, y, sigma);
    int n = x.length;
    boolean weighted = usable(sigma);
    double[] w = new double[n];
    double[] lnx = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = weighted ? 1 / (sigma[i] * sigma[i]) : 1;
      lnx[i] = Math.log(x[i]);
    }
    double[] p = seed(e0, lnx, y, w);
    double a = p[0];
    double b = p[1];
    double chi2 = chi2(e0, lnx, y, w, a, b);
    if (!Double.isFinite(chi2)) {
      throw new FitException("the log-linear seed a = " + a + ", b = " + b + " gives a non-finite chi2");
    }
    Normal m = normal(e0, lnx, y, w, a, b);
    double lambda = INITIAL_DAMPING;
    for (int it = 1; it <= MAX_ITERATIONS; it++) {
      // (A + λ·diag A)·δ = JᵀW r
      double daa = m.aa() * (1 + lambda);
      double dbb = m.bb() * (1 + lambda);
      double det = daa * dbb - m.ab() * m.ab();
      if (!(det > 0)) {
        throw singular(a, b);
      }
      double da = (dbb * m.ga() - m.ab() * m.gb()) / det;
      double db = (daa * m.gb() - m.ab() * m.ga()) / det;
      boolean small = Math.abs(da) <= STEP_TOLERANCE * Math.abs(a)
          && Math.abs(db) <= STEP_TOLERANCE * Math.max(1, Math.abs(b));
      double trial = chi2(e0, lnx, y, w, a + da, b + db);
      if (trial <= chi2) {
        double drop = chi2 - trial;
        a += da;
        b += db;
        chi2 = trial;
        m = normal(e0, lnx, y, w, a, b);
        lambda /= 10;
        if (small || drop <= CHI2_TOLERANCE * chi2) {
          return result(e0, a, b, chi2, m, n, weighted, it);
        }
      } else {
        lambda *= 10;
        if (small) {
          return result(e0, a, b, chi2, m, n, weighted, it);
        }
      }
    }
    throw new FitException("Levenberg–Marquardt did not converge in " + MAX_ITERATIONS + " iterations (a = " + a
        + ", b = " + b + ", chi2 = " + chi2 + ")");
  }

  private static void validate(double e0, double[] x, double[] y, double[] sigma) throws FitException {
    if (x.length != y.length || (sigma != null && sigma.length != x.length)) {
      throw new IllegalArgumentException("x, y and sigma must have the same length, got " + x.length + ", "
          + y.length + ", " + (sigma == null ? "null" : String.valueOf(sigma.length)));
    }
    if (x.length < 3) {
      throw new FitException("need at least 3 points, have " + x.length);
    }
    if (!Double.isFinite(e0)) {
      throw new FitException("e0 = " + e0 + " is not finite");
    }
    for (int i = 0; i < x.length; i++) {
      if (!(Double.isFinite(x[i]) && x[i] > 0)) {
        throw new FitException("x[" + i + "] = " + x[i] + " is not a finite number > 0");
      }
      if (!Double.isFinite(y[i])) {
        throw new FitException("y[" + i + "] = " + y[i] + " is not finite");
      }
    }
    boolean allEqual = true;
    for (int i = 1; i < x.length; i++) {
      allEqual &= x[i] == x[0];
    }
    if (allEqual) {
      throw new FitException("all x are equal (" + x[0] + "): a and b cannot be separated");
    }
  }

  private static boolean usable(double[] sigma) {
    if (sigma == null) {
      return false;
    }
    for (double s : sigma) {
      if (!(Double.isFinite(s) && s > 0)) {
        return false;
      }
    }
    return true;
  }

  /** (a, b) to start from; see the class comment. */
  private static double[] seed(double e0, double[] lnx, double[] y, double[] w) {
    // weighted straight line t = ln a + b·u, u = ln x, t = ln d, d = y − e0 > 0, weights v = w·d²:
    // b = Σ v (u − ū)(t − t̄) / Σ v (u − ū)²,  ln a = t̄ − b·ū
    double sv = 0;
    double su = 0;
    double st = 0;
    int count = 0;
    for (int i = 0; i < y.length; i++) {
      double d = y[i] - e0;
      if (d > 0) {
        double v = w[i] * d * d;
        sv += v;
        su += v * lnx[i];
        st += v * Math.log(d);
        count++;
      }
    }
    if (count >= 2 && sv > 0) {
      double ubar = su / sv;
      double tbar = st / sv;
      double suu = 0;
      double sut = 0;
      for (int i = 0; i < y.length; i++) {
        double d = y[i] - e0;
        if (d > 0) {
          double v = w[i] * d * d;
          double du = lnx[i] - ubar;
          suu += v * du * du;
          sut += v * du * (Math.log(d) - tbar);
        }
      }
      if (suu > 0) {
        double b = sut / suu;
        return new double[] {Math.exp(tbar - b * ubar), b};
      }
    }
    // flat curve: a = Σ w d / Σ w, b = 0
    double sw = 0;
    double swd = 0;
    for (int i = 0; i < y.length; i++) {
      sw += w[i];
      swd += w[i] * (y[i] - e0);
    }
    return new double[] {swd / sw, 0};
  }

  private static double chi2(double e0, double[] lnx, double[] y, double[] w, double a, double b) {
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      double r = y[i] - e0 - a * Math.exp(b * lnx[i]);
      s += w[i] * r * r;
    }
    return s;
  }

  private static Normal normal(double e0, double[] lnx, double[] y, double[] w, double a, double b) {
    // J_i = (x^b, a·x^b·ln x);  A = Σ w J Jᵀ,  g = Σ w J r
    double aa = 0;
    double ab = 0;
    double bb = 0;
    double ga = 0;
    double gb = 0;
    for (int i = 0; i < y.length; i++) {
      double ja = Math.exp(b * lnx[i]);
      double jb = a * ja * lnx[i];
      double r = y[i] - e0 - a * ja;
      aa += w[i] * ja * ja;
      ab += w[i] * ja * jb;
      bb += w[i] * jb * jb;
      ga += w[i] * ja * r;
      gb += w[i] * jb * r;
    }
    return new Normal(aa, ab, bb, ga, gb);
  }

  private static PowerLawFit result(double e0, double a, double b, double chi2, Normal m, int n, boolean weighted,
      int iterations) throws FitException {
    // cov = A⁻¹ = [[bb, −ab], [−ab, aa]] / det, scaled by χ²/dof when unweighted
    double det = m.aa() * m.bb() - m.ab() * m.ab();
    if (!(det > SINGULAR * m.aa() * m.bb())) {
      throw singular(a, b);
    }
    int dof = n - 2;
    double scale = weighted ? 1 : chi2 / dof;
    double aErr = Math.sqrt(scale * m.bb() / det);
    double bErr = Math.sqrt(scale * m.aa() / det);
    return new PowerLawFit(e0, a, aErr, b, bErr, chi2, dof, n, weighted, iterations);
  }

  private static FitException singular(double a, double b) {
    return new FitException("the normal matrix JᵀWJ is singular at a = " + a + ", b = " + b
        + ": the data cannot separate a from b" + (a == 0 ? " (a = 0 leaves b undetermined)" : ""));
  }
}
