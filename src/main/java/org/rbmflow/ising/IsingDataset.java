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

  /** Total number of configurations. */
  public long size() {
    long total = 0;
    for (SampleSet s : sets) {
      total += s.count();
    }
    return total;
  }
}
