package org.rbmflow.ising;

import org.rbmflow.linalg.VectorSupport;

/** Observables of Ising configurations: per-configuration energy and magnetization, and their estimates. */
public final class Observables {
  /**
   * Whether {@link #energyAndMagnetization} runs on the Vector API (the results are the same either way). A method,
   * not a constant of this class, for the reason given at {@code Activations.vector()}.
   */
  static boolean vector() {
    return VectorSupport.available();
  }

  private Observables() {}

  /** Energy per spin of configuration i of a block: [−Σ_bonds s_i s_j − H Σ s_i] / N. */
  public static double energyPerSpin(Lattice lattice, SpinBlock block, int i, double field) {
    int n = lattice.sites();
    int z = lattice.coordination();
    int[] nb = lattice.neighbourTable();
    long bondSum = 0;
    long spinSum = 0;
    for (int j = 0; j < n; j++) {
      int s = block.spin(i, j);
      spinSum += s;
      bondSum += s * block.spin(i, nb[j * z]);
      if (z == 4) {
        bondSum += s * block.spin(i, nb[j * z + 2]);
      }
    }
    return (-bondSum - field * spinSum) / (double) n;
  }

  /**
   * Energy per spin (nearest-neighbour part, −Σ_bonds s_i s_j / N) and magnetization per spin of a ±1 float
   * configuration {@code v[off … off+N)}, written to {@code out[0]} and {@code out[1]}. On the Vector API when the
   * JVM has it ({@link VectorSpinSums}, from the lattice's geometry), else over the neighbour table; for ±1 entries
   * the sums are exact integers either way, so the results are the same bits.
   *
   * @param neighbours {@link Lattice#neighbourTable()} of the lattice (passed in so callers reuse it)
   */
  public static void energyAndMagnetization(Lattice lattice, int[] neighbours, float[] v, int off, double[] out) {
    if (vector()) {
      VectorSpinSums.energyAndMagnetization(lattice, v, off, out);
    } else {
      energyAndMagnetizationScalar(lattice, neighbours, v, off, out);
    }
  }

  /** The scalar loop of {@link #energyAndMagnetization}; package-private for tests. */
  static void energyAndMagnetizationScalar(Lattice lattice, int[] neighbours, float[] v, int off, double[] out) {
    int n = lattice.sites();
    int z = lattice.coordination();
    double bond = 0;
    double spin = 0;
    for (int j = 0; j < n; j++) {
      float s = v[off + j];
      spin += s;
      bond += s * v[off + neighbours[j * z]];
      if (z == 4) {
        bond += s * v[off + neighbours[j * z + 2]];
      }
    }
    out[0] = -bond / n;
    out[1] = spin / n;
  }

  /** Whether an energy per spin counts as "random": |e| ≤ σ∞ = √bonds / N (DESIGN §2). */
  public static boolean isRandomEnergy(Lattice lattice, double energyPerSpin) {
    return Math.abs(energyPerSpin) <= lattice.infiniteTemperatureEnergySigma();
  }

  /** The estimates of one sample set; errors cluster configurations by replica (i mod 64). */
  public static ObservableSummary summarise(SampleSet set) {
    int n = set.count();
    int clusters = Math.min(MultiSpinMetropolis.LANES, n);
    double[] e = set.energy();
    double[] m = set.magnetization();
    double[] absM = new double[n];
    int random = 0;
    for (int i = 0; i < n; i++) {
      absM[i] = Math.abs(m[i]);
      if (isRandomEnergy(set.lattice(), e[i])) {
        random++;
      }
    }
    double t = set.temperature();
    double[] heat = t == 0 ? new double[] {0, 0} : specificHeat(e, clusters, set.lattice().sites(), t);
    return ObservableSummary.builder().temperature(t).field(set.field()).configs(n)
        .energy(mean(e)).energyErr(clusteredError(e, clusters))
        .magnetization(mean(m)).magnetizationErr(clusteredError(m, clusters))
        .absMagnetization(mean(absM)).absMagnetizationErr(clusteredError(absM, clusters))
        .specificHeat(heat[0]).specificHeatErr(heat[1])
        .acceptance(set.acceptance()).tauInt(set.tauIntEnergy()).decorSweeps(set.decorSweeps())
        .randomFraction((double) random / n).build();
  }

  static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  /**
   * Standard error of the mean of x when x_i belongs to cluster i mod G and clusters are independent
   * (cluster-robust variance): Var(x̄) = G/(G−1) · Σ_g (S_g − n_g x̄)² / n².
   */
  static double clusteredError(double[] x, int clusters) {
    int n = x.length;
    if (clusters < 2) {
      return Double.NaN;
    }
    double mean = mean(x);
    double[] dev = new double[clusters];
    for (int i = 0; i < n; i++) {
      dev[i % clusters] += x[i] - mean;
    }
    double ss = 0;
    for (double d : dev) {
      ss += d * d;
    }
    return Math.sqrt(clusters / (clusters - 1.0) * ss) / n;
  }

  /**
   * C = N·Var(e)/T² with e the energy per spin (Var with the n/(n−1) correction), and its
   * delete-one-cluster jackknife error: σ² = (G−1)/G · Σ_g (C₋g − C̄₋)².
   */
  static double[] specificHeat(double[] e, int clusters, int sites, double t) {
    int n = e.length;
    double shift = e[0];
    double[] s1 = new double[clusters];
    double[] s2 = new double[clusters];
    int[] cnt = new int[clusters];
    double t1 = 0;
    double t2 = 0;
    for (int i = 0; i < n; i++) {
      double d = e[i] - shift;
      s1[i % clusters] += d;
      s2[i % clusters] += d * d;
      cnt[i % clusters]++;
      t1 += d;
      t2 += d * d;
    }
    double c = heat(t1, t2, n, sites, t);
    if (clusters < 2) {
      return new double[] {c, Double.NaN};
    }
    double[] jack = new double[clusters];
    double jackMean = 0;
    for (int g = 0; g < clusters; g++) {
      jack[g] = heat(t1 - s1[g], t2 - s2[g], n - cnt[g], sites, t);
      jackMean += jack[g];
    }
    jackMean /= clusters;
    double ss = 0;
    for (double v : jack) {
      ss += (v - jackMean) * (v - jackMean);
    }
    return new double[] {c, Math.sqrt((clusters - 1.0) / clusters * ss)};
  }

  private static double heat(double sum, double sumSq, int n, int sites, double t) {
    if (n < 2) {
      return Double.NaN;
    }
    double mean = sum / n;
    double var = (sumSq - n * mean * mean) / (n - 1);
    return sites * var / (t * t);
  }
}
