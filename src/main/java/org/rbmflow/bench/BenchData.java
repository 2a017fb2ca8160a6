package org.rbmflow.bench;

import org.rbmflow.ising.DatasetGenerator;
import org.rbmflow.ising.IsingDataset;
import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.McSettings;

/**
 * The Monte Carlo data set of the memory benchmarks: {@code nTemp} temperatures T = 0, tStep, 2·tStep, ... times
 * {@code configs} configurations of {@code lattice} at H = 0, generated on {@code threads} threads.
 */
public record BenchData(Lattice lattice, int nTemp, double tStep, int configs, McSettings settings, int threads,
    long seed) {
  /** Generates the whole set and holds it in memory, bit-packed. */
  public IsingDataset generate() {
    double[] temps = new double[nTemp];
    for (int k = 0; k < nTemp; k++) {
      temps[k] = k * tStep;
    }
    return DatasetGenerator.generate(lattice, temps, new double[] {0}, seed, configs, settings, threads, null);
  }
}
