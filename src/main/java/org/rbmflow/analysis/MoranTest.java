package org.rbmflow.analysis;

import org.rbmflow.ising.Lattice;
import org.rbmflow.random.Xoshiro256PlusPlus;

/**
 * Is a lattice pattern spatially structured? Moran's I with nearest-neighbour weights and a one-sided
 * permutation test against random rearrangements of the pattern's own entries (DESIGN §2).
 *
 * <pre>
 *   I = (N / S₀) · Σ_ij w_ij (x_i − x̄)(x_j − x̄) / Σ_i (x_i − x̄)²,   w_ij = 1 for nearest neighbours,
 *   S₀ = Σ_ij w_ij = 2·bonds,   p = (1 + #{I_perm ≥ I}) / (1 + permutations).
 * </pre>
 * Owns a permutation workspace; not thread-safe.
 */
public final class MoranTest {
  /** Result for one pattern: I, its permutation p-value, and whether p &lt; alpha. */
  public record Result(double moranI, double pValue, boolean nonrandom) {}

  private final Lattice lattice;
  private final int[] neighbours;
  private final int permutations;
  private final double alpha;
  private final double[] work;

  /**
   * @param permutations random permutations per test, ≥ 1 (the smallest attainable p is 1/(1 + permutations))
   * @param alpha        significance level of the one-sided test, e.g. 0.01
   */
  public MoranTest(Lattice lattice, int permutations, double alpha) {
    if (permutations < 1) {
      throw new IllegalArgumentException("permutations must be ≥ 1, got " + permutations);
    }
    this.lattice = lattice;
    this.neighbours = lattice.neighbourTable();
    this.permutations = permutations;
    this.alpha = alpha;
    this.work = new double[lattice.sites()];
  }

  /** Moran's I of x (length N, site order row-major); 0 for a constant pattern. */
  public double moranI(double[] x) {
    int n = lattice.sites();
    int z = lattice.coordination();
    double mean = 0;
    for (int i = 0; i < n; i++) {
      mean += x[i];
    }
    mean /= n;
    double den = 0;
    double num = 0;
    for (int i = 0; i < n; i++) {
      double di = x[i] - mean;
      den += di * di;
      // each bond (i, right) and (i, down) once; w symmetric, so Σ_ij counts it twice
      num += 2 * di * (x[neighbours[i * z]] - mean);
      if (z == 4) {
        num += 2 * di * (x[neighbours[i * z + 2]] - mean);
      }
    }
    if (den == 0) {
      return 0;
    }
    return (double) n / (2.0 * lattice.bonds()) * num / den;
  }

  /** The permutation test of x with the given generator (x is not modified). */
  public Result test(double[] x, Xoshiro256PlusPlus rng) {
    double observed = moranI(x);
    System.arraycopy(x, 0, work, 0, x.length);
    int atLeast = 0;
    for (int p = 0; p < permutations; p++) {
      // Fisher–Yates shuffle of the pattern's own entries
      for (int i = work.length - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        double t = work[i];
        work[i] = work[j];
        work[j] = t;
      }
      if (moranI(work) >= observed) {
        atLeast++;
      }
    }
    double pValue = (1.0 + atLeast) / (1.0 + permutations);
    return new Result(observed, pValue, pValue < alpha);
  }
}
