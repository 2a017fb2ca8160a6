package org.rbmflow.ising;

/**
 * The Monte Carlo configurations of one (lattice, T, H, seed) and what was measured while making them.
 * Arrays are owned by the set and never modified after generation.
 *
 * @param lattice        the lattice
 * @param temperature    T (canonical, see {@link MonteCarlo#canonical(double)}), units of J
 * @param field          H, units of J
 * @param seed           the master seed the data derives from
 * @param spins          the configurations, bit-packed; configuration i came from replica i mod 64,
 *                       sample ⌊i/64⌋
 * @param energy         energy per spin of each configuration
 * @param magnetization  magnetization per spin of each configuration
 * @param acceptance     accepted / attempted single-spin flips while sampling (0 at T = 0)
 * @param tauIntEnergy   integrated autocorrelation time of the energy, sweeps (0 at T = 0)
 * @param tauIntAbsMagnetization integrated autocorrelation time of |m|, sweeps (0 at T = 0)
 * @param thermSweeps    sweeps run before the first sample's spacing began (thermalisation + probe)
 * @param decorSweeps    sweeps between successive samples of one replica (0 at T = 0)
 */
public record SampleSet(
    Lattice lattice,
    double temperature,
    double field,
    long seed,
    SpinBlock spins,
    double[] energy,
    double[] magnetization,
    double acceptance,
    double tauIntEnergy,
    double tauIntAbsMagnetization,
    int thermSweeps,
    int decorSweeps) {

  public int count() {
    return spins.count();
  }
}
