package org.rbmflow.rbm;

import java.util.ArrayList;
import java.util.List;
import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.Observables;
import org.rbmflow.linalg.Gemm;
import org.rbmflow.random.Xoshiro256PlusPlus;

/**
 * The RBM flow (DESIGN §1–§2): an ensemble of M configurations is reconstructed stochastically, v → h → v',
 * over and over; the energy per spin is tracked per step, and the flow stops at its fixed point.
 *
 * <p>Fixed-point test: with window w, after step t (t ≥ 2w) compare the means of the energy over steps
 * (t−2w, t−w] and (t−w, t]. Each window mean's standard error comes from the per-configuration window
 * averages (chains are independent, steps along a chain are not). Converged at the first t where
 * |Ē_B − Ē_A| &lt; max(tolerance, 2·√(σ_A² + σ_B²)); the fixed point is the last window's mean. Otherwise the
 * flow runs to maxSteps and reports its last window with {@link FlowResult#convergedAtStep()} = −1.
 *
 * <p>Owns its workspaces (sized for M); reads the RBM, never modifies it. Not thread-safe.
 */
public final class RbmFlow {
  /** Told about every step's ensemble (v is M×N_v, row-major; read only), and about the final one. */
  public interface StepObserver {
    void onStep(int step, float[] v, int m);

    /** After the last step (the fixed point's ensemble); by default nothing. */
    default void onEnd(int step, float[] v, int m) {}
  }

  private final Rbm rbm;
  private final Lattice lattice;
  private final Gemm gemm;
  private final int m;
  private final int nv;
  private final int nh;
  private final int[] neighbours;
  private final float[] v;
  private final float[] h;
  private final float[] hs;
  private final float[] pv;
  private final float[] scratch;
  private final double[] em = new double[2];

  public RbmFlow(Rbm rbm, Lattice lattice, Gemm gemm, int ensemble) {
    if (rbm.visible() != lattice.sites()) {
      throw new IllegalArgumentException("RBM has " + rbm.visible() + " visible units, lattice " + lattice.sites() + " sites");
    }
    this.rbm = rbm;
    this.lattice = lattice;
    this.gemm = gemm;
    this.m = ensemble;
    this.nv = rbm.visible();
    this.nh = rbm.hidden();
    this.neighbours = lattice.neighbourTable();
    this.v = new float[m * nv];
    this.h = new float[m * nh];
    this.hs = new float[m * nh];
    this.pv = new float[m * nv];
    this.scratch = new float[Math.max(nv, nh)];
  }

  /**
   * Runs one flow from {@code initial} (M×N_v ±1 floats, copied, not modified).
   *
   * @param rng      the flow's own stream (sampling only: seeds the run's {@link SignSampler}, 8 words)
   * @param observer may be null
   */
  public FlowResult run(FlowStart start, float[] initial, FlowConfig config, Xoshiro256PlusPlus rng,
      StepObserver observer) {
    if (initial.length != m * nv) {
      throw new IllegalArgumentException("initial ensemble has " + initial.length + " floats, expected " + m + "×" + nv);
    }
    System.arraycopy(initial, 0, v, 0, v.length);
    SignSampler sampler = new SignSampler(rng);
    int w = config.window();
    // per-configuration energies of the last 2w steps, ring buffer [slot][config]
    double[][] recent = new double[2 * w][m];
    double[][] recentM = new double[2 * w][m];
    List<FlowResult.Step> steps = new ArrayList<>();
    steps.add(measure(0, recent[0], recentM[0]));
    if (observer != null) {
      observer.onStep(0, v, m);
    }
    int converged = -1;
    int t = 0;
    while (t < config.maxSteps()) {
      t++;
      step(sampler);
      int slot = t % (2 * w);
      steps.add(measure(t, recent[slot], recentM[slot]));
      if (observer != null) {
        observer.onStep(t, v, m);
      }
      if (t >= 2 * w) {
        double[] a = windowStats(recent, t - 2 * w + 1, w);
        double[] b = windowStats(recent, t - w + 1, w);
        // |Ē_B − Ē_A| < max(tol, 2·√(σ_A² + σ_B²))
        if (Math.abs(b[0] - a[0]) < Math.max(config.tolerance(), 2 * Math.sqrt(a[1] * a[1] + b[1] * b[1]))) {
          converged = t;
          break;
        }
      }
    }
    if (observer != null) {
      observer.onEnd(t, v, m);
    }
    int from = Math.max(1, t - w + 1);
    int len = t - from + 1;
    if (t == 0) {
      from = 0;
      len = 1;
    }
    double[] e = windowStats(recent, from, len);
    double[] mag = windowStats(recentM, from, len);
    double absMag = 0;
    for (int s = from; s <= t; s++) {
      absMag += steps.get(s).absMagnetization();
    }
    return new FlowResult(start, steps, e[0], e[1], mag[0], absMag / len, converged);
  }

  /** One stochastic reconstruction of the whole ensemble: H ~ tanh(V·W + b), V ~ tanh(H·Wᵀ + c). */
  private void step(SignSampler sampler) {
    gemm.gemm(false, false, m, nh, nv, 1f, v, 0, nv, rbm.weights(), 0, nh, 0f, h, 0, nh);
    Activations.tanhWithBias(h, m, nh, rbm.hiddenBias(), scratch);
    sampler.sample(h, 0, hs, 0, m * nh);
    gemm.gemm(false, true, m, nv, nh, 1f, hs, 0, nh, rbm.weights(), 0, nh, 0f, pv, 0, nv);
    Activations.tanhWithBias(pv, m, nv, rbm.visibleBias(), scratch);
    sampler.sample(pv, 0, v, 0, m * nv);
  }

  private FlowResult.Step measure(int step, double[] energies, double[] magnetizations) {
    double sum = 0;
    double sumSq = 0;
    double mag = 0;
    double abs = 0;
    for (int r = 0; r < m; r++) {
      Observables.energyAndMagnetization(lattice, neighbours, v, r * nv, em);
      energies[r] = em[0];
      magnetizations[r] = em[1];
      sum += em[0];
      sumSq += em[0] * em[0];
      mag += em[1];
      abs += Math.abs(em[1]);
    }
    double mean = sum / m;
    double var = Math.max(0, (sumSq - m * mean * mean) / (m - 1));
    return new FlowResult.Step(step, mean, Math.sqrt(var / m), mag / m, abs / m);
  }

  /** Mean and standard error of the window of {@code len} steps starting at step {@code first}. */
  private double[] windowStats(double[][] ring, int first, int len) {
    double sum = 0;
    double sumSq = 0;
    for (int r = 0; r < m; r++) {
      double chain = 0;
      for (int s = first; s < first + len; s++) {
        chain += ring[s % ring.length][r];
      }
      chain /= len;
      sum += chain;
      sumSq += chain * chain;
    }
    double mean = sum / m;
    double var = Math.max(0, (sumSq - m * mean * mean) / (m - 1));
    return new double[] {mean, Math.sqrt(var / m)};
  }
}
