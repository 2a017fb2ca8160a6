package org.rbmflow.analysis;

/**
 * The Marchenko–Pastur bulk of WWᵀ for a weight matrix without structure: W is N_v×N_h with independent entries of
 * mean 0 and variance σ². For N_v, N_h → ∞ at fixed ratio the non-zero eigenvalues of WWᵀ fill
 * [σ²(√N_h − √N_v)², σ²(√N_h + √N_v)²] (symmetric in N_v and N_h: WWᵀ and WᵀW share them). At finite size the
 * largest eigenvalue fluctuates about the upper edge on the Tracy–Widom scale
 * σ²(√N_h + √N_v)(1/√N_h + 1/√N_v)^{1/3} and lies above it with probability of order 0.1 to 0.2, so the bare edge is
 * not a test of stated level; {@link SpectrumNull} calibrates the threshold instead.
 */
public final class MarchenkoPastur {
  private MarchenkoPastur() {}

  /** The upper edge divided by σ²: (√N_h + √N_v)², dimensionless. */
  public static double scaledUpperEdge(int nv, int nh) {
    // λ₊/σ² = (√N_h + √N_v)²
    double s = Math.sqrt(nh) + Math.sqrt(nv);
    return s * s;
  }

  /** The upper edge λ₊ = σ²(√N_h + √N_v)², in the units of WWᵀ's eigenvalues (those of σ²). */
  public static double upperEdge(double sigma2, int nv, int nh) {
    return sigma2 * scaledUpperEdge(nv, nh);
  }

  /** Tracy–Widom scale of the largest eigenvalue, σ²(√N_h + √N_v)(1/√N_h + 1/√N_v)^{1/3}, in eigenvalue units. */
  public static double edgeFluctuation(double sigma2, int nv, int nh) {
    // s = σ² (√N_h + √N_v)(1/√N_h + 1/√N_v)^{1/3}
    double a = Math.sqrt(nh);
    double b = Math.sqrt(nv);
    return sigma2 * (a + b) * Math.cbrt(1 / a + 1 / b);
  }
}
