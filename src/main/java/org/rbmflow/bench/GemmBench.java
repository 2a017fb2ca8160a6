package org.rbmflow.bench;

import java.util.Locale;
import org.rbmflow.linalg.Gemm;
import org.rbmflow.linalg.Linalg;
import org.rbmflow.linalg.VectorSupport;
import org.rbmflow.random.Xoshiro256PlusPlus;

/**
 * GFLOPS of the linalg facade on the three products of a CD step, one thread: H = V·W (B × N_h), V' = H·Wᵀ
 * (B × N_v) and ΔW = Vᵀ·H (N_v × N_h), with V B × N_v, W N_v × N_h and H B × N_h, float32 row-major, 2·B·N_v·N_h
 * flops a product. Each product is timed for {@code seconds} after a common warm-up ({@link Warmup}).
 * Sizes ≥ 1 and {@code seconds} > 0, checked by the caller.
 */
public record GemmBench(int nv, int nh, int batch, double seconds) {
  /** The products' keys in the result line, in the order they are timed. */
  private static final String[] PRODUCTS = {"vw", "hwt", "vth"};

  /** One measurement: {@code gflops} per product, in the order vw, hwt, vth. */
  public record Result(int nv, int nh, int batch, String backend, double[] gflops, boolean vectorApi) {
    /** {@code rbmflow-gemm nv=.. nh=.. batch=.. backend=.. gflops_vw=.. gflops_hwt=.. gflops_vth=.. vector_api=..} */
    public String line() {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "rbmflow-gemm nv=%d nh=%d batch=%d backend=%s",
          nv, nh, batch, backend));
      for (int p = 0; p < PRODUCTS.length; p++) {
        line.append(String.format(Locale.ROOT, " gflops_%s=%.2f", PRODUCTS[p], gflops[p]));
      }
      return line.append(VectorApiKey.of(vectorApi)).toString();
    }
  }

  public Result run() {
    Gemm gemm = Linalg.best();
    Xoshiro256PlusPlus rng = new Xoshiro256PlusPlus(1);
    float[] v = random(batch * nv, rng);
    float[] w = random(nv * nh, rng);
    float[] h = random(batch * nh, rng);
    float[][] out = {new float[batch * nh], new float[batch * nv], new float[nv * nh]};
    Runnable[] products = {
        () -> gemm.gemm(false, false, batch, nh, nv, 1f, v, w, 0f, out[0]),
        () -> gemm.gemm(false, true, batch, nv, nh, 1f, h, w, 0f, out[1]),
        () -> gemm.gemm(true, false, nv, nh, batch, 1f, v, h, 0f, out[2])};
    // runs of 0.2 s of all three products (JIT for the Java paths, first-call costs for JNI)
    Warmup.untilJitQuiet(() -> {
      long end = System.nanoTime() + 200_000_000L;
      do {
        for (Runnable product : products) {
          product.run();
        }
      } while (System.nanoTime() < end);
    });
    double flopsEach = 2.0 * batch * nv * nh;
    double[] gflops = new double[products.length];
    for (int p = 0; p < products.length; p++) {
      gflops[p] = flopsEach / timePerCall(products[p]) / 1e9;
    }
    return new Result(nv, nh, batch, gemm.name(), gflops, VectorSupport.available());
  }

  /** Seconds per call of {@code product}, called in runs of 10 for at least {@code seconds}. */
  private double timePerCall(Runnable product) {
    long calls = 0;
    long t0 = System.nanoTime();
    long deadline = t0 + (long) (seconds * 1e9);
    long now;
    do {
      for (int r = 0; r < 10; r++) {
        product.run();
      }
      calls += 10;
      now = System.nanoTime();
    } while (now < deadline);
    return (now - t0) / 1e9 / calls;
  }

  private static float[] random(int n, Xoshiro256PlusPlus rng) {
    float[] a = new float[n];
    for (int k = 0; k < n; k++) {
      a[k] = rng.nextFloat() - 0.5f;
    }
    return a;
  }
}
