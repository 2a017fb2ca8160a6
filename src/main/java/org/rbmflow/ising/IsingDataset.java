package org.rbmflow.ising;

import java.util.List;

/**
 * The training data of one grid point: Monte Carlo configurations at every (T, H) of a grid, the same
 * number at each. Sets are ordered temperature-major: index = iT · fields + iH.
 *
 * @param lattice      the lattice
 * @param temperatures T values (canonical), ascending as given
 * @param fields       H values (canonical)
 * @param seed         master seed
 * @param sets         one sample set per (T, H)
 */
public record IsingDataset(Lattice lattice, double[] temperatures, double[] fields, long seed, List<SampleSet> sets) {
  public IsingDataset {
    if (sets.size() != temperatures.length * fields.length) {
      throw new IllegalArgumentException("expected " + temperatures.length * fields.length + " sets, got " + sets.size());
    }
    sets = List.copyOf(sets);
  }

  public SampleSet set(int temperatureIndex, int fieldIndex) {
    return sets.get(temperatureIndex * fields.length + fieldIndex);
  }

  /**
   * Bytes this data set holds on the heap, estimated: per set the bit-packed spins (⌈N/64⌉ longs a configuration),
   * energy and magnetisation (one double each a configuration) and a fixed allowance for the set's objects.
   */
  public long estimatedBytes() {
    long bytes = 0;
    for (SampleSet s : sets) {
      bytes += 8L * (s.spins().bits().length + s.energy().length + s.magnetization().length) + SET_OVERHEAD_BYTES;
    }
    return bytes;
  }

  /** Object headers and scalars of one sample set, its spin block and its three arrays. */
  private static final long SET_OVERHEAD_BYTES = 256;

  /** Total number of configurations. */
  public long size() {
    long total = 0;
    for (SampleSet s : sets) {
      total += s.count();
    }
    return total;
  }
}
