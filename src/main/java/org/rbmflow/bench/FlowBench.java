package org.rbmflow.bench;

import java.util.List;
import java.util.Locale;
import org.rbmflow.ising.Lattice;
import org.rbmflow.linalg.Gemm;
import org.rbmflow.linalg.Linalg;
import org.rbmflow.linalg.VectorSupport;
import org.rbmflow.random.SplitMix64;
import org.rbmflow.random.Xoshiro256PlusPlus;
import org.rbmflow.rbm.FlowConfig;
import org.rbmflow.rbm.FlowResult;
import org.rbmflow.rbm.FlowStart;
import org.rbmflow.rbm.Rbm;
import org.rbmflow.rbm.RbmFlow;

/**
 * RBM flow steps on one thread against the same steps' two matrix products alone: an ensemble of M random ±1
 * configurations of an L×L lattice (N_v = L²) reconstructed by an RBM of N_h hidden units with N(0, 0.1²) weights,
 * {@code steps} steps with a fixed-point window of {@code window} steps (tolerance 0, so a flow stops only where the
 * test passes on the statistical error alone), after a warm-up of at least 3 s until the JIT is quiet
 * ({@link Warmup}). Then V·W (M × N_v by N_v × N_h) and H·Wᵀ (M × N_h by N_h × N_v) alone, as {@link RbmFlow} calls
 * them, best of {@value #PRODUCT_RUNS} runs of as many steps. Sizes checked by the caller.
 */
public record FlowBench(int l, int nh, int ensemble, int steps, int window, long seed) {
  /**
   * One measurement.
   *
   * @param stepsRun                the steps the timed flow ran (fewer than {@code steps} when it converged)
   * @param secondsPerStep          wall time of a step: both reconstructions, the draws, the energy and magnetization
   *                                of every configuration, and the fixed-point test once 2·window steps are done
   * @param productsSecondsPerStep  wall time of the step's two products alone
   * @param allocatedBytesPerStep   heap bytes the flow's thread allocated per step (the Vector API's Java fallback
   *                                allocates per operation)
   */
  public record Result(int nv, int nh, int ensemble, int window, int stepsRun, String backend, double secondsPerStep,
      double productsSecondsPerStep, long allocatedBytesPerStep, boolean vectorApi) {
    public double ratio() {
      return secondsPerStep / productsSecondsPerStep;
    }

    /**
     * Whether the draws and tanh ran (partly) on the Vector API's allocating Java fallback: more than
     * {@value #FALLBACK_BYTES_PER_DRAW} bytes allocated per ±1 draw (compiled, a step allocates nothing; the run's
     * window buffers, 2·2·window·M doubles, come to well under 1 byte a draw).
     */
    public boolean vectorFallback() {
      return vectorApi && allocatedBytesPerStep > FALLBACK_BYTES_PER_DRAW * (double) ensemble * (nv + nh);
    }

    /**
     * {@code rbmflow-flow nv=.. nh=.. ensemble=.. window=.. steps_run=.. backend=.. seconds_per_step=..
     * products_seconds_per_step=.. step_over_products=.. allocated_bytes_per_step=.. vector_fallback=.. vector_api=..}
     */
    public String line() {
      return String.format(Locale.ROOT,
          "rbmflow-flow nv=%d nh=%d ensemble=%d window=%d steps_run=%d backend=%s seconds_per_step=%.6f "
              + "products_seconds_per_step=%.6f step_over_products=%.2f allocated_bytes_per_step=%d vector_fallback=%s",
          nv, nh, ensemble, window, stepsRun, backend, secondsPerStep, productsSecondsPerStep, ratio(),
          allocatedBytesPerStep, vectorFallback() ? "yes" : "no") + VectorApiKey.of(vectorApi);
    }
  }

  /** Bytes allocated per ±1 draw above which a flow counts as run on the Vector API's fallback. */
  public static final double FALLBACK_BYTES_PER_DRAW = 4;

  /** Timed runs of the products alone. */
  static final int PRODUCT_RUNS = 5;

  public Result run() {
    Xoshiro256PlusPlus rng = Xoshiro256PlusPlus.forKeys(seed, SplitMix64.tag("bench-flow"));
    Lattice lattice = Lattice.square(l);
    int nv = lattice.sites();
    Rbm rbm = Rbm.gaussian(nv, nh, 0.1, rng);
    Gemm gemm = Linalg.best();
    RbmFlow flow = new RbmFlow(rbm, lattice, gemm, ensemble);
    float[] initial = BenchArrays.signs(ensemble * nv, rng);
    FlowStart start = FlowStart.parse("random");
    FlowConfig config = new FlowConfig(List.of(start), ensemble, steps, window, 0);
    long flowSeed = rng.nextLong();
    Warmup.untilJitQuiet(() -> flow.run(start, initial, config, new Xoshiro256PlusPlus(flowSeed), null));
    long allocated = BenchArrays.allocatedBytes();
    long t0 = System.nanoTime();
    FlowResult r = flow.run(start, initial, config, new Xoshiro256PlusPlus(flowSeed + 1), null);
    double seconds = (System.nanoTime() - t0) / 1e9;
    long bytes = BenchArrays.allocatedBytes() - allocated;
    int stepsRun = Math.max(1, r.steps().get(r.steps().size() - 1).step());
    double products = productsPerStep(gemm, rbm, nv, rng);
    return new Result(nv, nh, ensemble, window, stepsRun, gemm.name(), seconds / stepsRun, products,
        bytes / stepsRun, VectorSupport.available());
  }

  /** Seconds of one step's two products alone (the calls of {@link RbmFlow}'s step), best of several runs. */
  private double productsPerStep(Gemm gemm, Rbm rbm, int nv, Xoshiro256PlusPlus rng) {
    float[] v = BenchArrays.signs(ensemble * nv, rng);
    float[] h = new float[ensemble * nh];
    float[] hs = BenchArrays.signs(ensemble * nh, rng);
    float[] pv = new float[ensemble * nv];
    Runnable run = () -> {
      for (int s = 0; s < steps; s++) {
        gemm.gemm(false, false, ensemble, nh, nv, 1f, v, 0, nv, rbm.weights(), 0, nh, 0f, h, 0, nh);
        gemm.gemm(false, true, ensemble, nv, nh, 1f, hs, 0, nh, rbm.weights(), 0, nh, 0f, pv, 0, nv);
      }
    };
    return BenchArrays.bestOf(PRODUCT_RUNS, run) / steps;
  }

}
