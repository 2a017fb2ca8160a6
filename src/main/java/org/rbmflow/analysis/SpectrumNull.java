package org.rbmflow.analysis;

import org.rbmflow.random.Xoshiro256PlusPlus;

/**
 * The permutation null of WWᵀ's largest eigenvalue (DESIGN §2, "Non-random pattern"): W's own entries shuffled
 * over all N_v·N_h positions keep their distribution (the noise level, heavy tails) and lose every arrangement,
 * so a shuffled W is a weight matrix of the same size and entry distribution without structure.
 *
 * <pre>
 *   s²   = ‖W‖²_F / (N_v·N_h)                         (the same for every shuffle)
 *   τ_p  = λ_max(W_p W_pᵀ) / s²,   p = 1 … P           (W_p: the p-th shuffle, Fisher–Yates, successive)
 *   c    = the m-th largest τ_p,   m = ⌈α(P + 1)⌉ − 1   (c = +∞ when m &lt; 1: P too small for α)
 * </pre>
 * λ_0/s² &gt; c is the permutation test "p = (1 + #{τ_p ≥ λ_0/s²}) / (1 + P) &lt; α": for W with exchangeable entries
 * (iid, no structure) the rank of λ_0/s² among the P + 1 values is uniform, so λ_0/s² &gt; c, i.e. it is among the
 * top m, has probability m/(P + 1) = {@link #falsePositiveRate} &lt; α. {@link SpectrumEdges} uses the same c at every
 * rank, with the noise variance left after the larger eigenvalues.
 * Owns its workspace; not thread-safe.
 */
public final class SpectrumNull {
  /**
   * @param scaledThreshold c, dimensionless (multiply by a noise variance for an eigenvalue threshold)
   * @param scaledTop       τ_1 … τ_P in the order drawn
   */
  public record Result(double scaledThreshold, double[] scaledTop) {}

  private final int nv;
  private final int nh;
  private final int permutations;
  private final double alpha;
  private final double[] work;
  private final TopEigenvalue top;

  /**
   * @param permutations shuffles P, ≥ 1 (P + 1 ≥ 2/α for a threshold below the largest shuffle)
   * @param alpha        level of the test, in (0, 1)
   */
  public SpectrumNull(int nv, int nh, int permutations, double alpha) {
    if (permutations < 1) {
      throw new IllegalArgumentException("permutations must be ≥ 1, got " + permutations);
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
    }
    this.nv = nv;
    this.nh = nh;
    this.permutations = permutations;
    this.alpha = alpha;
    this.work = new double[nv * nh];
    this.top = new TopEigenvalue(nv, nh);
  }

  /** m = ⌈α(P + 1)⌉ − 1: the rank from the top of the threshold among the shuffles (&lt; 1: none). */
  static int thresholdRank(int permutations, double alpha) {
    // the 1e-9 keeps α(P + 1) that is an integer up to rounding from moving up by one
    return (int) Math.ceil(alpha * (permutations + 1) - 1e-9) - 1;
  }

  /** P(λ_0/s² &gt; c) for W without structure: m/(P + 1) with m as in {@link #thresholdRank}, ≤ α. */
  public static double falsePositiveRate(int permutations, double alpha) {
    return Math.max(thresholdRank(permutations, alpha), 0) / (permutations + 1.0);
  }

  /** The null of W (row-major N_v×N_h, read only), shuffled with {@code rng}. */
  public Result of(float[] w, Xoshiro256PlusPlus rng) {
    if (w.length != nv * nh) {
      throw new IllegalArgumentException("W has " + w.length + " entries, expected " + nv + "×" + nh);
    }
    double sum2 = 0;
    for (int k = 0; k < w.length; k++) {
      work[k] = w[k];
      sum2 += work[k] * work[k];
    }
    // s² = ‖W‖²_F / (N_v N_h)
    double s2 = sum2 / w.length;
    double[] tau = new double[permutations];
    for (int p = 0; p < permutations; p++) {
      // Fisher–Yates shuffle of all entries
      for (int i = work.length - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        double t = work[i];
        work[i] = work[j];
        work[j] = t;
      }
      tau[p] = s2 == 0 ? 0 : top.of(work) / s2;
    }
    int m = thresholdRank(permutations, alpha);
    double c = Double.POSITIVE_INFINITY;
    if (m >= 1) {
      double[] sorted = tau.clone();
      java.util.Arrays.sort(sorted);
      c = sorted[permutations - m];
    }
    return new Result(c, tau);
  }
}
