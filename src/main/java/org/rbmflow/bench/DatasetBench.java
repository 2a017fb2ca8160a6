package org.rbmflow.bench;

import java.util.Locale;
import org.rbmflow.ising.IsingDataset;

/** Generates a whole training set and holds it in memory; reports the time and the heap. Run it under -Xmx. */
public record DatasetBench(BenchData data) {
  /**
   * One measurement; sizes in MiB.
   *
   * @param seconds wall time of the generation
   * @param configsHeld configurations in the data set
   * @param spinMib the bit-packed spins alone
   * @param heapUsedMib heap in use after a garbage collection, the data set still held
   */
  public record Result(BenchData data, double seconds, long configsHeld, double spinMib, double heapUsedMib,
      double heapMaxMib) {
    /** {@code rbmflow-dataset L=.. n_temp=.. configs=.. threads=.. seconds=.. configs_held=.. spin_mib=.. ...} */
    public String line() {
      return String.format(Locale.ROOT,
          "rbmflow-dataset L=%d n_temp=%d configs=%d threads=%d seconds=%.2f configs_held=%d spin_mib=%.1f "
              + "heap_used_mib=%.1f heap_max_mib=%.1f",
          data.lattice().l(), data.nTemp(), data.configs(), data.threads(), seconds, configsHeld, spinMib,
          heapUsedMib, heapMaxMib);
    }
  }

  public Result run() {
    long t0 = System.nanoTime();
    IsingDataset held = data.generate();
    double seconds = (System.nanoTime() - t0) / 1e9;
    double used = Heap.usedAfterGcMib();
    long spinBytes = held.size() * data.lattice().words() * 8L;
    return new Result(data, seconds, held.size(), Heap.mib(spinBytes), used, Heap.maxMib());
  }
}
