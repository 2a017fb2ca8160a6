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
 * minibatches for at least 3 s and until the JIT is quiet ({@link Warmup}); then, in the same run, the epoch's matrix
 * products alone on the same backend and shapes ({@link #productsPerEpoch}), the floor the epoch is measured against.
 * Sizes ≥ 1, checked by the caller.
 */
public record Cd1Bench(int nv, int nh, int samples, TrainingConfig config, long seed) {
  /**
   * One measurement.
   *
   * @param backend the linalg facade's GEMM
   * @param secondsPerEpoch wall time of a timed epoch
   * @param gemmGflops the epoch's 6·samples·N_v·N_h product flops per second, in GFLOPS
   * @param productsSecondsPerEpoch wall time of the epoch's matrix products alone, same backend and shapes
   * @param allocatedBytesPerEpoch heap bytes the training thread allocated per timed epoch (the trainer allocates
   *                               nothing once compiled; the Vector API's Java fallback allocates for every operation)
   */
  public record Result(int nv, int nh, int samples, int batch, String backend, double secondsPerEpoch,
      double gemmGflops, double productsSecondsPerEpoch, long allocatedBytesPerEpoch, boolean vectorApi) {
    /** The epoch over its products alone: 1 would be the floor. */
    public double ratio() {
      return secondsPerEpoch / productsSecondsPerEpoch;
    }

    /** Whether the epochs ran (partly) on the Vector API's allocating Java fallback instead of compiled kernels. */
    public boolean vectorFallback() {
      return vectorApi && allocatedBytesPerEpoch > FALLBACK_BYTES_PER_EPOCH;
    }

    /**
     * {@code rbmflow-cd1 nv=.. nh=.. samples=.. batch=.. backend=.. seconds_per_epoch=.. products_seconds_per_epoch=..
     * epoch_over_products=.. samples_per_second=.. gemm_gflops=.. allocated_bytes_per_epoch=.. vector_fallback=..
     * vector_api=..}
     */
    public String line() {
      return String.format(Locale.ROOT,
          "rbmflow-cd1 nv=%d nh=%d samples=%d batch=%d backend=%s seconds_per_epoch=%.4f products_seconds_per_epoch=%.4f "
              + "epoch_over_products=%.2f samples_per_second=%.0f gemm_gflops=%.2f allocated_bytes_per_epoch=%d "
              + "vector_fallback=%s",
          nv, nh, samples, batch, backend, secondsPerEpoch, productsSecondsPerEpoch, ratio(), samples / secondsPerEpoch,
          gemmGflops, allocatedBytesPerEpoch, vectorFallback() ? "yes" : "no") + VectorApiKey.of(vectorApi);
    }
  }

  /**
   * Bytes per epoch above which the Vector API kernels count as run on their Java fallback: a compiled epoch allocates
   * next to nothing (JFR's and the JIT's own bookkeeping), the fallback a vector object per operation, megabytes.
   */
  public static final long FALLBACK_BYTES_PER_EPOCH = 1L << 20;


  public Result run() {
    Xoshiro256PlusPlus rng = Xoshiro256PlusPlus.forKeys(seed, SplitMix64.tag("bench-cd1"));
    TrainingSet data = new TrainingSet(List.of(new SpinBlock(nv, samples, randomBits(rng))));
    Rbm rbm = Rbm.gaussian(nv, nh, 0.01, rng);
    Gemm gemm = Linalg.best();
    int warmup = Math.max(1, (int) Math.ceil(400.0 * config.batchSize() / samples));
    Warmup.untilJitQuiet(() -> new CdTrainer(rbm, config.withEpochs(warmup), gemm, rng).train(data, null));
    // the epochs alone: from the start of training to the end of the last epoch, not the closing evaluation
    long[] allocated = new long[2];
    long[] end = new long[1];
    allocated[0] = BenchArrays.allocatedBytes();
    long t0 = System.nanoTime();
    new CdTrainer(rbm, config, gemm, rng).train(data, (epoch, epochs) -> {
      end[0] = System.nanoTime();
      allocated[1] = BenchArrays.allocatedBytes();
    });
    double perEpoch = (end[0] - t0) / 1e9 / config.epochs();
    double flops = 6.0 * samples * nv * nh;
    double products = productsPerEpoch(gemm, rng);
    return new Result(nv, nh, samples, config.batchSize(), gemm.name(), perEpoch, flops / perEpoch / 1e9, products,
        (allocated[1] - allocated[0]) / config.epochs(), VectorSupport.available());
  }

  /**
   * Seconds of an epoch's matrix products alone, the calls {@link CdTrainer} makes with the same shapes, backend and
   * buffer layout, on random data: per minibatch of B rows (the trainer's chunks of it with a large batch), V0·W and
   * V1·W (B × N_v by N_v × N_h), H·Wᵀ (B × N_h by N_h × N_v) and [V0; V1]ᵀ·[⟨H0⟩; −⟨H1⟩] (N_v × 2B by 2B × N_h),
   * 6·B·N_v·N_h multiply-adds; the best of {@value #PRODUCT_RUNS} runs over the epoch's minibatches after one warm run.
   */
  double productsPerEpoch(Gemm gemm, Xoshiro256PlusPlus rng) {
    int update = config.updateSize(samples);
    int rows = CdTrainer.chunkRows(update, nv, nh, config.persistent());
    float[] v = BenchArrays.signs(2 * rows * nv, rng);
    float[] h = BenchArrays.signs(2 * rows * nh, rng);
    float[] w = BenchArrays.signs(nv * nh, rng);
    float[] pv = new float[rows * nv];
    float[] g = new float[nv * nh];
    Runnable epoch = () -> {
      for (int k = 0; k < samples; k += update) {
        int m = Math.min(update, samples - k);
        for (int c = 0; c < m; c += rows) {
          int r = Math.min(rows, m - c);
          gemm.gemm(false, false, r, nh, nv, 1f, v, 0, nv, w, 0, nh, 0f, h, 0, nh);
          gemm.gemm(false, true, r, nv, nh, 1f, h, 0, nh, w, 0, nh, 0f, pv, 0, nv);
          gemm.gemm(false, false, r, nh, nv, 1f, v, r * nv, nv, w, 0, nh, 0f, h, r * nh, nh);
          gemm.gemm(true, false, nv, nh, 2 * r, 1f, v, 0, nv, h, 0, nh, c == 0 ? 0f : 1f, g, 0, nh);
        }
      }
    };
    return BenchArrays.bestOf(PRODUCT_RUNS, epoch);
  }

  /** Timed runs of the products alone. */
  static final int PRODUCT_RUNS = 5;


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
