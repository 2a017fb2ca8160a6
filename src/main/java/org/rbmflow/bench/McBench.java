package org.rbmflow.bench;

import java.util.Locale;
import org.rbmflow.ising.AcceptanceTable;
import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.MultiSpinMetropolis;
import org.rbmflow.random.SplitMix64;
import org.rbmflow.random.Xoshiro256PlusPlus;

/**
 * Metropolis throughput at H = 0 on one thread: checkerboard sweeps of {@code replicas} random starts of a square
 * torus, multi-spin coded (64 replicas per machine word), after a warm-up like the NumPy reference's.
 * {@code replicas} ≥ 1, {@code sweeps} ≥ 1 timed sweeps, {@code temperature} > 0; sizes checked by the caller.
 */
public record McBench(Lattice lattice, int replicas, int sweeps, double temperature, long seed) {
  /**
   * One measurement.
   *
   * @param seconds wall time of the timed sweeps
   * @param flipsPerNs spin-flip attempts per nanosecond (sweeps × replicas × sites / time)
   * @param energyPerSpin the replicas' mean energy per spin after the timed sweeps (a sanity check against the
   *     yardsticks)
   */
  public record Result(int l, int replicas, int sweeps, double temperature, double seconds, double flipsPerNs,
      double energyPerSpin) {
    /** {@code rbmflow-mc L=.. replicas=.. sweeps=.. T=.. seconds=.. flips_per_ns=.. energy_per_spin=..} */
    public String line() {
      return String.format(Locale.ROOT,
          "rbmflow-mc L=%d replicas=%d sweeps=%d T=%s seconds=%.4f flips_per_ns=%.4f energy_per_spin=%.4f",
          l, replicas, sweeps, temperature, seconds, flipsPerNs, energyPerSpin);
    }
  }

  public Result run() {
    int words = (replicas + 63) / 64;
    MultiSpinMetropolis[] mc = new MultiSpinMetropolis[words];
    AcceptanceTable table = new AcceptanceTable(4, temperature, 0);
    for (int w = 0; w < words; w++) {
      Xoshiro256PlusPlus rng = Xoshiro256PlusPlus.forKeys(seed, SplitMix64.tag("bench-mc"), w);
      mc[w] = new MultiSpinMetropolis(lattice, table, rng);
      long[] spins = mc[w].spins();
      for (int i = 0; i < spins.length; i++) {
        spins[i] = rng.nextLong();
      }
    }
    // warm-up (also lets the JIT compile the sweep), as the NumPy reference does
    for (MultiSpinMetropolis m : mc) {
      m.sweeps(Math.max(10, Math.min(2000, 2_000_000 / lattice.sites())));
    }
    long t0 = System.nanoTime();
    for (MultiSpinMetropolis m : mc) {
      m.sweeps(sweeps);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    double flips = (double) sweeps * replicas * lattice.sites();
    return new Result(lattice.l(), replicas, sweeps, temperature, seconds, flips / seconds / 1e9,
        meanEnergyPerSpin(mc));
  }

  private double meanEnergyPerSpin(MultiSpinMetropolis[] mc) {
    double energy = 0;
    int[] nb = lattice.neighbourTable();
    for (int r = 0; r < replicas; r++) {
      long[] spins = mc[r / 64].spins();
      int lane = r & 63;
      long unlike = 0;
      for (int i = 0; i < spins.length; i++) {
        unlike += ((spins[i] ^ spins[nb[4 * i]]) >>> lane) & 1L;
        unlike += ((spins[i] ^ spins[nb[4 * i + 2]]) >>> lane) & 1L;
      }
      energy += -(lattice.bonds() - 2.0 * unlike) / lattice.sites();
    }
    return energy / replicas;
  }
}
