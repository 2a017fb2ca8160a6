package org.rbmflow.bench;

import java.util.Locale;
import org.rbmflow.ising.IsingDataset;
import org.rbmflow.linalg.Gemm;
import org.rbmflow.linalg.Linalg;
import org.rbmflow.linalg.VectorSupport;
import org.rbmflow.random.Xoshiro256PlusPlus;
import org.rbmflow.rbm.CdTrainer;
import org.rbmflow.rbm.Rbm;
import org.rbmflow.rbm.TrainingConfig;
import org.rbmflow.rbm.TrainingSet;

/**
 * Memory of one large grid point's training: the Monte Carlo data set generated and held bit-packed, then an RBM of
 * N_h hidden units trained on it, minibatches expanded on the fly. Run it under -Xmx to test a heap budget.
 * {@code nh} ≥ 1, checked by the caller.
 */
public record TrainBench(BenchData data, int nh, TrainingConfig config) {
  /**
   * One measurement; sizes in MiB.
   *
   * @param mcSeconds wall time of the data set's generation
   * @param trainSeconds wall time of the training
   * @param heapUsedMib heap in use after a garbage collection at the end, the data set still held
   * @param heapPeakMib the heap pools' peak use over the run
   */
  public record Result(BenchData data, int nh, int epochs, String backend, double mcSeconds, double trainSeconds,
      long configsHeld, double heapUsedMib, double heapPeakMib, double heapMaxMib, boolean vectorApi) {
    /** {@code rbmflow-train L=.. n_v=.. n_h=.. n_temp=.. configs=.. epochs=.. backend=.. mc_seconds=.. ...} */
    public String line() {
      return String.format(Locale.ROOT,
          "rbmflow-train L=%d n_v=%d n_h=%d n_temp=%d configs=%d epochs=%d backend=%s mc_seconds=%.1f "
              + "train_seconds=%.1f configs_held=%d heap_used_mib=%.1f heap_peak_mib=%.1f heap_max_mib=%.1f",
          data.lattice().l(), data.lattice().sites(), nh, data.nTemp(), data.configs(), epochs, backend, mcSeconds,
          trainSeconds, configsHeld, heapUsedMib, heapPeakMib, heapMaxMib) + VectorApiKey.of(vectorApi);
    }
  }

  public Result run() {
    long t0 = System.nanoTime();
    IsingDataset held = data.generate();
    double mcSeconds = (System.nanoTime() - t0) / 1e9;
    Rbm rbm = Rbm.gaussian(data.lattice().sites(), nh, 0.01, new Xoshiro256PlusPlus(2));
    long t1 = System.nanoTime();
    Gemm gemm = Linalg.best();
    new CdTrainer(rbm, config, gemm, new Xoshiro256PlusPlus(3)).train(TrainingSet.of(held.sets()), null);
    double trainSeconds = (System.nanoTime() - t1) / 1e9;
    double used = Heap.usedAfterGcMib();
    return new Result(data, nh, config.epochs(), gemm.name(), mcSeconds, trainSeconds, held.size(), used,
        Heap.peakMib(), Heap.maxMib(), VectorSupport.available());
  }
}
