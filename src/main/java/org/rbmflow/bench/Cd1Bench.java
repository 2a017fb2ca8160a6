package org.rbmflow.bench;

import java.util.List;
import java.util.Locale;
import org.rbmflow.ising.SpinBlock;
import org.rbmflow.linalg.Gemm;
import org.rbmflow.linalg.Linalg;
import org.rbmflow.linalg.VectorSupport;
import org.rbmflow.random.SplitMix64;
import org.rbmflow.random.Xoshiro256PlusPlus;
import org.rbmflow.rbm.CdTrainer;
import org.rbmflow.rbm.Rbm;
import org.rbmflow.rbm.TrainingConfig;
import org.rbmflow.rbm.TrainingSet;

/**
 * CD-1 training throughput of a ±1 RBM (N_v visible, N_h hidden units) on random ±1 data, one thread, like
 * {@code numpy_reference.py cd1}: {@code config.epochs()} timed epochs after a warm-up of runs of at least 400
 * minibatches for at least 3 s and until the JIT is quiet ({@link Warmup}).
 * Sizes ≥ 1, checked by the caller.
 */
public record Cd1Bench(int nv, int nh, int samples, TrainingConfig config, long seed) {
  /**
   * One measurement.
   *
   * @param backend the linalg facade's GEMM
   * @param secondsPerEpoch wall time of a timed epoch
   * @param gemmGflops the epoch's 6·samples·N_v·N_h product flops per second, in GFLOPS
   */
  public record Result(int nv, int nh, int samples, int batch, String backend, double secondsPerEpoch,
      double gemmGflops, boolean vectorApi) {
    /** {@code rbmflow-cd1 nv=.. nh=.. samples=.. batch=.. backend=.. seconds_per_epoch=.. samples_per_second=.. ...} */
    public String line() {
      return String.format(Locale.ROOT,
          "rbmflow-cd1 nv=%d nh=%d samples=%d batch=%d backend=%s seconds_per_epoch=%.4f samples_per_second=%.0f "
              + "gemm_gflops=%.2f",
          nv, nh, samples, batch, backend, secondsPerEpoch, samples / secondsPerEpoch, gemmGflops)
          + VectorApiKey.of(vectorApi);
    }
  }

  public Result run() {
    Xoshiro256PlusPlus rng = Xoshiro256PlusPlus.forKeys(seed, SplitMix64.tag("bench-cd1"));
    TrainingSet data = new TrainingSet(List.of(new SpinBlock(nv, samples, randomBits(rng))));
    Rbm rbm = Rbm.gaussian(nv, nh, 0.01, rng);
    Gemm gemm = Linalg.best();
    int warmup = Math.max(1, (int) Math.ceil(400.0 * config.batchSize() / samples));
    Warmup.untilJitQuiet(() -> new CdTrainer(rbm, config.withEpochs(warmup), gemm, rng).train(data, null));
    long t0 = System.nanoTime();
    new CdTrainer(rbm, config, gemm, rng).train(data, null);
    double perEpoch = (System.nanoTime() - t0) / 1e9 / config.epochs();
    double flops = 6.0 * samples * nv * nh;
    return new Result(nv, nh, samples, config.batchSize(), gemm.name(), perEpoch, flops / perEpoch / 1e9,
        VectorSupport.available());
  }

  /** {@code samples} random rows of N_v bits, packed 64 a word, the unused bits of each row's last word zero. */
  private long[] randomBits(Xoshiro256PlusPlus rng) {
    int words = (nv + 63) >>> 6;
    long[] bits = new long[Math.multiplyExact(samples, words)];
    long last = (nv & 63) == 0 ? -1L : (1L << (nv & 63)) - 1;
    for (int i = 0; i < samples; i++) {
      for (int k = 0; k < words; k++) {
        bits[i * words + k] = rng.nextLong() & (k == words - 1 ? last : -1L);
      }
    }
    return bits;
  }
}
