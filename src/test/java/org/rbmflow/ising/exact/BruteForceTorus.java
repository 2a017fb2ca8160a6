package org.rbmflow.ising.exact;

/**
 * Exact Ising averages by enumerating every spin configuration, for an l x l square torus (l <= 5,
 * 2^25 states at most) and for a 1D ring of n <= 20 spins. Ground truth for the transfer-matrix
 * solvers, and small enough to trust by inspection.
 *
 * <p>Model: H = -J sum_bonds s_i s_j - h sum_i s_i, J = 1, k_B = 1, beta = 1/T; energies in units
 * of J. A configuration is an int whose bit i is 1 when spin i is -1 (down).
 *
 * <p>Bonds are listed per site, so small systems count repeated bonds: the torus has the 2N bonds
 * (i, right(i)) and (i, down(i)) (for l = 2 each neighbouring pair is joined by two bonds, for
 * l = 1 the single spin has two self-bonds), and the ring has the n bonds (i, i+1 mod n) (for
 * n = 2 the two spins are joined by two bonds, for n = 1 the spin has one self-bond). The
 * transfer-matrix solvers use the same conventions.
 */
public final class BruteForceTorus {

  /** Coupling constant; the model is ferromagnetic with J = 1. */
  private static final double J = 1.0;

  /** Largest torus side that is enumerated (2^25 configurations). */
  public static final int MAX_SIDE = 5;

  /** Largest ring that is enumerated (2^20 configurations). */
  public static final int MAX_RING = 20;

  private BruteForceTorus() {}

  /**
   * Exact averages on the l x l periodic square lattice.
   *
   * @param l side length, 1 &lt;= l &lt;= 5 (N = l*l spins)
   * @param t temperature T &gt; 0 (units of J / k_B)
   * @param h external field (units of J)
   * @return energy, magnetization, |magnetization| and specific heat, all per spin
   * @throws IllegalArgumentException if l is out of range or t, h are not usable
   */
  public static ExactValues solve(int l, double t, double h) {
    return torusHistogram(l, t, h).values(1.0 / t, h);
  }

  /**
   * ln Z of the l x l periodic square lattice, by the same enumeration as {@link #solve}.
   *
   * @param l side length, 1 &lt;= l &lt;= 5
   * @param t temperature T &gt; 0
   * @param h external field
   * @return natural log of the partition function
   */
  public static double logPartitionFunction(int l, double t, double h) {
    return torusHistogram(l, t, h).logZ(1.0 / t, h);
  }

  /**
   * Exact averages on a ring of n spins with bonds (i, i+1 mod n), i = 0..n-1. For n = 2 this
   * means two bonds between spins 0 and 1 (so E = -2J s0 s1 - h (s0 + s1)); for n = 1 one
   * self-bond (a constant -J).
   *
   * @param n number of spins, 1 &lt;= n &lt;= 20
   * @param t temperature T &gt; 0
   * @param h external field
   * @return energy, magnetization, |magnetization| and specific heat, all per spin
   * @throws IllegalArgumentException if n is out of range or t, h are not usable
   */
  public static ExactValues solveRing(int n, double t, double h) {
    return ringHistogram(n, t, h).values(1.0 / t, h);
  }

  /**
   * ln Z of the ring of n spins, by the same enumeration as {@link #solveRing}.
   *
   * @param n number of spins, 1 &lt;= n &lt;= 20
   * @param t temperature T &gt; 0
   * @param h external field
   * @return natural log of the partition function
   */
  public static double logPartitionFunction1d(int n, double t, double h) {
    return ringHistogram(n, t, h).logZ(1.0 / t, h);
  }

  private static Histogram torusHistogram(int l, double t, double h) {
    if (l < 1 || l > MAX_SIDE) {
      throw new IllegalArgumentException("torus side must be in [1, " + MAX_SIDE + "], got " + l);
    }
    checkTemperatureAndField(t, h);
    int n = l * l;
    // Bit i = r*l + c holds site (r, c). right(i) = r*l + (c+1 mod l), down(i) = (i + l) mod N.
    // rightMaskInner selects the columns c < l-1, whose right neighbour is bit i+1;
    // rightMaskEdge selects column c = l-1, whose right neighbour is bit i-(l-1).
    int rightMaskInner = 0;
    int rightMaskEdge = 0;
    for (int r = 0; r < l; r++) {
      for (int c = 0; c < l; c++) {
        int bit = 1 << (r * l + c);
        if (c < l - 1) {
          rightMaskInner |= bit;
        } else {
          rightMaskEdge |= bit;
        }
      }
    }
    int full = (int) ((1L << n) - 1);
    // Histogram g[u][p]: number of configurations with u unsatisfied bonds and p down spins.
    // Then sum_bonds s_i s_j = 2N - 2u and sum_i s_i = N - 2p.
    long[][] g = new long[2 * n + 1][n + 1];
    long states = 1L << n;
    for (long xs = 0; xs < states; xs++) {
      int x = (int) xs;
      // right[i] = x[right(i)], down[i] = x[down(i)]; a bond is unsatisfied when the bits differ.
      int right = ((x >>> 1) & rightMaskInner) | ((x << (l - 1)) & rightMaskEdge);
      int down = n == l ? x : ((x >>> l) | (x << (n - l))) & full;
      int u = Integer.bitCount(x ^ right) + Integer.bitCount(x ^ down);
      g[u][Integer.bitCount(x)]++;
    }
    return new Histogram(n, 2 * n, g);
  }

  private static Histogram ringHistogram(int n, double t, double h) {
    if (n < 1 || n > MAX_RING) {
      throw new IllegalArgumentException("ring length must be in [1, " + MAX_RING + "], got " + n);
    }
    checkTemperatureAndField(t, h);
    int full = (1 << n) - 1;
    // Histogram g[u][p] as for the torus, with n bonds: sum_bonds s_i s_{i+1} = n - 2u.
    long[][] g = new long[n + 1][n + 1];
    for (int x = 0; x <= full; x++) {
      // next[i] = x[(i+1) mod n]: rotate right by one within n bits.
      int next = ((x >>> 1) | (x << (n - 1))) & full;
      g[Integer.bitCount(x ^ next)][Integer.bitCount(x)]++;
    }
    return new Histogram(n, n, g);
  }

  static void checkTemperatureAndField(double t, double h) {
    if (!(t > 0) || !Double.isFinite(t)) {
      throw new IllegalArgumentException("temperature must be finite and > 0, got " + t);
    }
    if (!Double.isFinite(h)) {
      throw new IllegalArgumentException("field must be finite, got " + h);
    }
  }

  /**
   * Exact density of states g[u][p] of a system of {@code spins} spins and {@code bonds} bonds:
   * u unsatisfied bonds, p down spins.
   */
  private static final class Histogram {
    private final int spins;
    private final int bonds;
    private final long[][] g;

    Histogram(int spins, int bonds, long[][] g) {
      this.spins = spins;
      this.bonds = bonds;
      this.g = g;
    }

    // E(u, p) = -J (bonds - 2u) - h (N - 2p).
    private double energy(int u, int p, double h) {
      return -J * (bonds - 2 * u) - h * (spins - 2 * p);
    }

    private double minEnergy(double h) {
      double eMin = Double.POSITIVE_INFINITY;
      for (int u = 0; u < g.length; u++) {
        for (int p = 0; p < g[u].length; p++) {
          if (g[u][p] != 0) {
            eMin = Math.min(eMin, energy(u, p, h));
          }
        }
      }
      return eMin;
    }

    // ln Z = -beta E_min + ln sum_{u,p} g(u,p) exp(-beta (E(u,p) - E_min)); every weight is <= g.
    double logZ(double beta, double h) {
      double eMin = minEnergy(h);
      double z = 0;
      for (int u = 0; u < g.length; u++) {
        for (int p = 0; p < g[u].length; p++) {
          if (g[u][p] != 0) {
            z += g[u][p] * Math.exp(-beta * (energy(u, p, h) - eMin));
          }
        }
      }
      return Math.log(z) - beta * eMin;
    }

    ExactValues values(double beta, double h) {
      double eMin = minEnergy(h);
      // Weights w = g exp(-beta (E - E_min)) <= g never overflow; Z' = sum w.
      double z = 0;
      double sumE = 0;
      double sumM = 0;
      double sumAbsM = 0;
      for (int u = 0; u < g.length; u++) {
        for (int p = 0; p < g[u].length; p++) {
          if (g[u][p] == 0) {
            continue;
          }
          double w = g[u][p] * Math.exp(-beta * (energy(u, p, h) - eMin));
          double m = spins - 2 * p;
          z += w;
          sumE += w * energy(u, p, h);
          sumM += w * m;
          sumAbsM += w * Math.abs(m);
        }
      }
      double meanE = sumE / z;
      // Second pass, centred: Var E = sum w (E - <E>)^2 / Z', no cancellation between <E^2>, <E>^2.
      double sumVar = 0;
      for (int u = 0; u < g.length; u++) {
        for (int p = 0; p < g[u].length; p++) {
          if (g[u][p] != 0) {
            double w = g[u][p] * Math.exp(-beta * (energy(u, p, h) - eMin));
            double d = energy(u, p, h) - meanE;
            sumVar += w * d * d;
          }
        }
      }
      double varE = sumVar / z;
      // C = Var E / (N T^2) = beta^2 Var E / N.
      return new ExactValues(
          meanE / spins, sumM / z / spins, sumAbsM / z / spins, beta * beta * varE / spins);
    }
  }
}
