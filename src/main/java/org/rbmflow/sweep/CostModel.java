package org.rbmflow.sweep;

import java.util.Locale;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.rbmflow.ising.AcceptanceTable;
import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.McSettings;
import org.rbmflow.ising.MonteCarlo;
import org.rbmflow.ising.MultiSpinMetropolis;
import org.rbmflow.linalg.Gemm;
import org.rbmflow.linalg.Linalg;
import org.rbmflow.random.Xoshiro256PlusPlus;
import org.rbmflow.rbm.Activations;
import org.rbmflow.rbm.SignSampler;

/**
 * An <em>estimate</em> of what one grid point costs: compute seconds on one core and the memory its task needs,
 * for {@code rbmflow sweep --dry-run} and for scheduling the longest points first. It counts the work of each
 * stage and divides by three rates measured on this machine ({@link #calibrate()}, about 2 s); it is not a
 * prediction to better than a factor of about two, and it is deliberately pessimistic where the work depends on
 * how the run goes (flows are counted to {@code max_steps}, thermometers are counted for every point).
 *
 * <h2>Rates</h2>
 * <ul>
 *   <li>{@code mcSiteUpdatesPerSecond}: multi-spin Metropolis site visits per second; one visit updates the site in
 *       all 64 replicas (lanes), so a sweep of a lattice of N sites is N visits. Measured on a 16×16 torus at T = 2.5.</li>
 *   <li>{@code gflops}: float32 GEMM rate of the matrix backend ({@link Linalg#best()}) on a 100×256 by 256×64
 *       product, the shape of a CD step with batch 100, N_v = 256, N_h = 64. Very small N_h multiply less
 *       efficiently, so the model underestimates those points.</li>
 *   <li>{@code elementwiseNsPerElement}: nanoseconds per element of one elementwise pass of Gibbs sampling,
 *       measured as tanh with bias plus a ±1 draw plus a copy on a 100×256 array (so a single pass costs less:
 *       this errs high).</li>
 *   <li>{@code denseGflops}: float32 rate of EJML's {@code CommonOps_FDRM.mult} on a 64×192 by 192×64 product, the
 *       shape of the supervised thermometer's layer on an 8×8 lattice; the classifier and the spectrum (EJML, in
 *       double: assumed at this rate) use it. {@link #of(double, double, double)} assumes
 *       {@value #DEFAULT_DENSE_GFLOPS} GFLOPS (measured 2.7–3.9 effective in classifier training on this
 *       project's machines).</li>
 * </ul>
 *
 * <h2>Seconds of a point</h2>
 * With N = N_v, M = N_h, S = N_temp·|fields|·configs_per_temp training configurations, k = cd_k:
 * <ul>
 *   <li><b>Monte Carlo</b>: for each (T, H) with T &gt; 0 (T = 0 is the ground state, free):
 *       sweeps = therm + 2·probe (each probe sweep is also measured) + extra thermalisation up to 20·τ
 *       + ⌈configs/64⌉·decor, with decor = min(max_decor, ⌈2τ⌉) when auto; seconds = N·Σ sweeps / rate.
 *       τ is a model of the Metropolis autocorrelation time, τ = max(1, ξ^z): in 2D z = 2.17 and
 *       ξ = min(L, 0.5/|1 − T/Tc|); in 1D z = 2 and ξ = min(L, −1/ln tanh(1/T)) (the field is ignored, which
 *       overestimates ξ).</li>
 *   <li><b>Training</b>: epochs·S·[(6 + 4k (+2 with PCD))·N·M flops (each multiply-add is 2 flops: V·W, then k times
 *       H·Wᵀ and V·W, then the gradient product over 2 rows per sample) / GEMM rate
 *       + ((2 + 2k)·N + (3 + 2k)·M + N·M·u/batch)·elementwise] (unpacking, tanh and draws of both layers, bias
 *       gradients, and the weight update once per batch, u = 2 with momentum, else 1).</li>
 *   <li><b>Flows</b> (upper bound: every flow runs to max_steps): starts·max_steps·ensemble·[4·N·M flops +
 *       (2·(N + M) + dim·N)·elementwise] (two products, tanh and draws, the energy measurement); plus the
 *       classifier's evaluations every classifier_every steps, 2·F·64 flops per configuration at the EJML rate,
 *       F = N·(1 + dim) features (spins and bonds).</li>
 *   <li><b>Thermometers</b> (built once per lattice and seed and shared by an executor's points; counted for every
 *       point): at H = 0 the E(T) calibration, Monte Carlo at ⌊max_t/step⌋ + 1 temperatures × calibration_configs;
 *       with the classifier, Monte Carlo at its temperatures × fields × classifier_configs and training
 *       epochs·configurations·(6·F·64 flops at the EJML rate + F elementwise for the augmented features).</li>
 *   <li><b>Spectrum</b>: WWᵀ and its symmetric eigen-decomposition, 2·N²·M + 9·N³ flops at the EJML rate, plus
 *       Moran's I: permutations·min(M, N)·N·(1 + dim) elementwise.</li>
 * </ul>
 *
 * <h2>How good it is</h2>
 * Checked against {@link PointRunner} (one thread) on 8×8, 10×10 and 16×16 points with the default settings
 * (N_h 16–64, N_temp 25, 300–500 configurations, 50–200 epochs), calibrated in the same run: the Monte Carlo term
 * within about 25% of the measured time; training 1.3–2× low (products with small N_h run below the calibrated
 * GEMM rate); thermometers within 1.5×, on the high side for 16×16; the flows, counted to max_steps, converged
 * after about 115 of 2000 steps there, so the totals came out 0.8–2.4× the measured times.
 *
 * <h2>Memory of a task</h2>
 * {@link #taskMemoryBytes} adds what a point holds at its peak (stages overlap little, so this is an upper bound):
 * the bit-packed training data S·⌈N/64⌉·8 bytes plus 16 bytes of energy and magnetization per configuration;
 * Monte Carlo probe buffers 2·64·probe·8; the RBM and trainer (W, gradient, velocity: N·M·4 each; minibatch
 * buffers 3·batch·(N + M)·4; PCD chains); a flow ensemble M_e·(3N + 2M)·4 with its window buffers 2·2·window·M_e·8
 * and the flow rows kept (starts·(max_steps + 1)·200); the spectrum (W in double, WWᵀ and the eigen-solver's
 * work: N·M·8 + 3·N²·8); the classifier's training data; and a JVM baseline of {@value #JVM_BASELINE_MIB} MiB.
 * Example: 32×32, N_temp = 700, 1000 configurations: 89.6 MB of spins (85.4 MiB), about 100 MiB of data in all.
 * An executor needs this per concurrent task, plus the JVM's own headroom for garbage collection.
 */
public final class CostModel {
  /** EJML's rate assumed by {@link #of(double, double, double)}, GFLOPS. */
  public static final double DEFAULT_DENSE_GFLOPS = 3.0;
  /** JVM baseline of a task: classes, Spark's own objects, thread stacks. */
  public static final long JVM_BASELINE_MIB = 256;
  /** Hidden width of the supervised thermometer (TemperatureClassifier.Config.DEFAULT). */
  static final int CLASSIFIER_HIDDEN = 64;
  /** Critical temperature of the infinite 2D Ising model, 2/ln(1 + √2). */
  static final double TC_2D = 2 / Math.log(1 + Math.sqrt(2));
  /** Bytes per kept flow step (a FlowResult.Step and a FlowRow with their headers). */
  static final long FLOW_ROW_BYTES = 200;

  private final double mcSiteUpdatesPerSecond;
  private final double gflops;
  private final double elementwiseNsPerElement;
  private final double denseGflops;
  private final String source;

  private CostModel(double mcSiteUpdatesPerSecond, double gflops, double elementwiseNsPerElement, double denseGflops,
      String source) {
    for (double x : new double[] {mcSiteUpdatesPerSecond, gflops, elementwiseNsPerElement, denseGflops}) {
      if (!(x > 0) || !Double.isFinite(x)) {
        throw new IllegalArgumentException("cost model rates must be finite and > 0: " + mcSiteUpdatesPerSecond + ", "
            + gflops + ", " + elementwiseNsPerElement + ", " + denseGflops);
      }
    }
    this.mcSiteUpdatesPerSecond = mcSiteUpdatesPerSecond;
    this.gflops = gflops;
    this.elementwiseNsPerElement = elementwiseNsPerElement;
    this.denseGflops = denseGflops;
    this.source = source;
  }

  /** A model with given rates (tests, or numbers measured elsewhere) and EJML at {@value #DEFAULT_DENSE_GFLOPS} GFLOPS. */
  public static CostModel of(double mcSiteUpdatesPerSecond, double gflops, double elementwiseNsPerElement) {
    return of(mcSiteUpdatesPerSecond, gflops, elementwiseNsPerElement, DEFAULT_DENSE_GFLOPS);
  }

  /** A model with all four rates given. */
  public static CostModel of(double mcSiteUpdatesPerSecond, double gflops, double elementwiseNsPerElement,
      double denseGflops) {
    return new CostModel(mcSiteUpdatesPerSecond, gflops, elementwiseNsPerElement, denseGflops, "given");
  }

  /** Measures the four rates on this machine, on the calling thread (about 2.5 s; see the class comment). */
  /** {@link #calibrate()} once per JVM (the rates of one machine do not change between specs). */
  public static CostModel calibrated() {
    return Calibrated.MODEL;
  }

  private static final class Calibrated {
    static final CostModel MODEL = calibrate();
  }

  public static CostModel calibrate() {
    double warm = 0.15;
    double timed = 0.5;
    // Monte Carlo: 16×16 torus at T = 2.5, H = 0
    Lattice lattice = Lattice.square(16);
    MultiSpinMetropolis mc = new MultiSpinMetropolis(lattice, new AcceptanceTable(lattice.coordination(), 2.5, 0),
        new Xoshiro256PlusPlus(0x5eedL));
    mc.fillAligned(0x5555_5555_5555_5555L);
    double sweepsPerSecond = rate(warm, timed, () -> mc.sweeps(10), 10);
    double mcRate = sweepsPerSecond * lattice.sites();

    // GEMM: H = V·W, 100×256 by 256×64
    Gemm gemm = Linalg.best();
    int m = 100;
    int n = 64;
    int k = 256;
    Xoshiro256PlusPlus rng = new Xoshiro256PlusPlus(7);
    float[] a = new float[m * k];
    float[] b = new float[k * n];
    float[] c = new float[m * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = (rng.nextLong() & 1) == 0 ? -1f : 1f;
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) (0.01 * rng.nextGaussian());
    }
    double callsPerSecond = rate(warm, timed, () -> gemm.gemm(false, false, m, n, k, 1f, a, b, 0f, c), 1);
    double gf = callsPerSecond * 2.0 * m * n * k / 1e9;

    // elementwise: tanh with bias, then ±1 draws, on 100×256
    float[] x = new float[m * k];
    float[] out = new float[m * k];
    float[] bias = new float[k];
    float[] scratch = new float[k];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rng.nextGaussian();
    }
    SignSampler sampler = new SignSampler(rng);
    double passesPerSecond = rate(warm, timed, () -> {
      Activations.tanhWithBias(x, m, k, bias, scratch);
      sampler.sample(x, 0, out, 0, m * k);
      // keep the input from saturating at ±1 across repetitions
      for (int i = 0; i < x.length; i++) {
        x[i] = out[i] * 0.5f;
      }
    }, 3);
    double ns = 1e9 / (passesPerSecond * m * k);

    // EJML: 64×192 by 192×64 in float
    FMatrixRMaj x1 = new FMatrixRMaj(64, 192);
    FMatrixRMaj w1 = new FMatrixRMaj(192, 64);
    FMatrixRMaj y1 = new FMatrixRMaj(64, 64);
    for (int i = 0; i < x1.data.length; i++) {
      x1.data[i] = (rng.nextLong() & 1) == 0 ? -1f : 1f;
      w1.data[i] = (float) (0.1 * rng.nextGaussian());
    }
    double multsPerSecond = rate(0.1, 0.3, () -> CommonOps_FDRM.mult(x1, w1, y1), 1);
    double dense = multsPerSecond * 2.0 * 64 * 192 * 64 / 1e9;
    return new CostModel(mcRate, gf, ns, dense, "measured, backend " + gemm.name());
  }

  /**
   * Repetitions per second of {@code work} (which counts as {@code units} repetitions), after a warm-up: the best of
   * five windows of {@code timedSeconds}/5 each, so that a burst of load from other processes lowers one window,
   * not the estimate.
   */
  private static double rate(double warmSeconds, double timedSeconds, Runnable work, int units) {
    long warmEnd = System.nanoTime() + (long) (warmSeconds * 1e9);
    while (System.nanoTime() < warmEnd) {
      work.run();
    }
    double best = 0;
    for (int window = 0; window < 5; window++) {
      long t0 = System.nanoTime();
      long end = t0 + (long) (timedSeconds / 5 * 1e9);
      long reps = 0;
      long now;
      do {
        work.run();
        reps++;
        now = System.nanoTime();
      } while (now < end);
      best = Math.max(best, reps * (double) units / ((now - t0) / 1e9));
    }
    return best;
  }

  public double mcSiteUpdatesPerSecond() {
    return mcSiteUpdatesPerSecond;
  }

  public double gflops() {
    return gflops;
  }

  public double elementwiseNsPerElement() {
    return elementwiseNsPerElement;
  }

  public double denseGflops() {
    return denseGflops;
  }

  /**
   * Estimated seconds of each stage of a point on one core (see the class comment for the formulas).
   *
   * @param monteCarlo   training data generation
   * @param training     CD-k training
   * @param flows        flows from every start, to max_steps, with the classifier's evaluations
   * @param thermometers the E(T) calibration and the classifier (counted in full for every point)
   * @param spectrum     WWᵀ eigen-decomposition and Moran's-I tests
   */
  public record Estimate(double monteCarlo, double training, double flows, double thermometers, double spectrum) {
    public double total() {
      return monteCarlo + training + flows + thermometers + spectrum;
    }
  }

  /** Estimated compute seconds of one point on one core: {@link #estimate}'s total. */
  public double seconds(GridPoint p) {
    return estimate(p).total();
  }

  /** Estimated compute seconds of each stage of one point. */
  public Estimate estimate(GridPoint p) {
    Lattice lattice = p.lattice();
    int nv = lattice.sites();
    int nh = p.nh();
    int dim = lattice.dim();
    double[] fields = p.fields();
    int nf = fields.length;
    double samples = (double) p.nTemp() * nf * p.configsPerTemp();
    double flopSeconds = 1e-9 / gflops;
    double denseFlopSeconds = 1e-9 / denseGflops;
    double elemSeconds = elementwiseNsPerElement * 1e-9;

    double mc = mcSeconds(lattice, p.temperatures(), nf, p.configsPerTemp(), p.mc());

    int k = p.training().cdK();
    double trainFlops = (6.0 + 4.0 * k + (p.training().persistent() ? 2 : 0)) * nv * nh;
    double trainElems = (2.0 + 2.0 * k) * nv + (3.0 + 2.0 * k) * nh
        + (double) nv * nh * (p.training().momentum() > 0 ? 2 : 1) / p.training().updateSize((int) samples);
    double training = p.training().epochs() * samples * (trainFlops * flopSeconds + trainElems * elemSeconds);

    var flow = p.flow();
    double flowSteps = (double) flow.starts().size() * flow.maxSteps() * flow.ensemble();
    double flows = flowSteps * (4.0 * nv * nh * flopSeconds + (2.0 * (nv + nh) + dim * nv) * elemSeconds);
    AnalysisSettings a = p.analysis();
    double features = (double) nv * (1 + dim);
    if (a.classifierEnabled()) {
      double evaluations = flow.starts().size() * (Math.floor((double) flow.maxSteps() / a.classifierEvery()) + 2);
      flows += evaluations * flow.ensemble() * 2 * features * CLASSIFIER_HIDDEN * denseFlopSeconds;
    }

    double thermometers = 0;
    if (nf == 1 && fields[0] == 0) {
      thermometers += mcSeconds(lattice, grid(a.calibrationStep(), a.calibrationMaxT()), 1, a.calibrationConfigs(),
          p.mc());
    }
    if (a.classifierEnabled()) {
      double[] temps = grid(a.classifierStep(), a.calibrationMaxT());
      thermometers += mcSeconds(lattice, temps, nf, a.classifierConfigs(), p.mc());
      double configs = (double) temps.length * nf * a.classifierConfigs();
      thermometers += a.classifierEpochs() * configs
          * (6 * features * CLASSIFIER_HIDDEN * denseFlopSeconds + features * elemSeconds);
    }

    double eigen = (2.0 * nv * nv * nh + 9.0 * nv * (double) nv * nv) * denseFlopSeconds;
    double moran = (double) a.permutations() * Math.min(nh, nv) * nv * (1 + dim) * elemSeconds;
    return new Estimate(mc, training, flows, thermometers, eigen + moran);
  }

  /** Monte Carlo seconds of {@code configs} configurations at each T of {@code temps} × {@code fields} fields. */
  double mcSeconds(Lattice lattice, double[] temps, int fields, int configs, McSettings mc) {
    double sweeps = 0;
    for (double t : temps) {
      sweeps += sweepsAt(lattice, t, configs, mc);
    }
    return sweeps * fields * lattice.sites() / mcSiteUpdatesPerSecond;
  }

  /** Sweeps MonteCarlo runs at one (T, H) for {@code configs} configurations, with the modelled τ. */
  static double sweepsAt(Lattice lattice, double t, int configs, McSettings mc) {
    if (MonteCarlo.canonical(t) == 0) {
      return 0;
    }
    double tau = tau(lattice, t);
    double done = mc.thermSweeps() + mc.probeSweeps();
    double wanted = Math.min(Math.ceil(MonteCarlo.THERM_TAUS * tau), MonteCarlo.THERM_TAUS * mc.maxDecorSweeps());
    double extra = Math.max(0, wanted - done);
    double decor = mc.autoDecorrelation() ? Math.min(mc.maxDecorSweeps(), Math.max(1, Math.ceil(2 * tau)))
        : mc.decorSweeps();
    double samplesPerLane = Math.ceil(configs / (double) MultiSpinMetropolis.LANES);
    return mc.thermSweeps() + 2.0 * mc.probeSweeps() + extra + samplesPerLane * decor;
  }

  /** Modelled integrated autocorrelation time (sweeps) of Metropolis at temperature t &gt; 0 (class comment). */
  static double tau(Lattice lattice, double t) {
    int l = lattice.l();
    if (lattice.dim() == 2) {
      double gap = Math.abs(1 - t / TC_2D);
      double xi = gap < 0.5 / l ? l : Math.min(l, 0.5 / gap);
      return Math.max(1, Math.pow(xi, 2.17));
    }
    double th = Math.tanh(1 / t);
    double xi = th >= 1 ? l : Math.min(l, -1 / Math.log(th));
    return Math.max(1, xi * xi);
  }

  /** Temperatures 0, step, …, up to maxT (as the thermometers use them). */
  static double[] grid(double step, double maxT) {
    return Thermometers.grid(step, maxT);
  }

  /** Bytes of the point's bit-packed training spins: N_temp·|fields|·configs_per_temp·⌈N_v/64⌉·8. */
  public static long spinBytes(GridPoint p) {
    return (long) p.nTemp() * p.fields().length * p.configsPerTemp() * p.lattice().words() * 8L;
  }

  /** Estimated bytes one task needs for the point (see the class comment), including the JVM baseline. */
  public long taskMemoryBytes(GridPoint p) {
    Lattice lattice = p.lattice();
    long nv = lattice.sites();
    long nh = p.nh();
    long samples = (long) p.nTemp() * p.fields().length * p.configsPerTemp();
    long data = spinBytes(p) + samples * 16L;
    long mc = 2L * MultiSpinMetropolis.LANES * p.mc().probeSweeps() * 8L + nv * 8L;
    // the rows of the trainer's workspaces: the minibatch, or a chunk of a larger one (full batch)
    long batch = org.rbmflow.rbm.CdTrainer.chunkRows(p.training().updateSize((int) Math.min(samples, Integer.MAX_VALUE)),
        (int) nv, (int) nh, p.training().persistent());
    long rbm = nv * nh * 4L * (p.training().momentum() > 0 ? 3 : 2) + 3L * batch * (nv + nh) * 4L
        + (p.training().persistent() ? batch * nv * 4L : 0);
    var flow = p.flow();
    long ensemble = flow.ensemble();
    long flows = ensemble * (3 * nv + 2 * nh) * 4L + 2L * 2 * flow.window() * ensemble * 8L
        + (long) flow.starts().size() * (flow.maxSteps() + 1) * FLOW_ROW_BYTES;
    long spectrum = nv * nh * 8L + 3L * nv * nv * 8L + Math.min(nh, nv) * nv * (8L + 4L);
    long thermometers = 0;
    AnalysisSettings a = p.analysis();
    if (a.classifierEnabled()) {
      long configs = (long) grid(a.classifierStep(), a.calibrationMaxT()).length * p.fields().length
          * a.classifierConfigs();
      thermometers = configs * (lattice.words() * 8L + 16L);
    } else if (p.fields().length == 1 && p.fields()[0] == 0) {
      long configs = (long) grid(a.calibrationStep(), a.calibrationMaxT()).length * a.calibrationConfigs();
      thermometers = configs * (lattice.words() * 8L + 16L);
    }
    return JVM_BASELINE_MIB * 1024 * 1024 + data + mc + rbm + flows + spectrum + thermometers;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "CostModel[%s: Monte Carlo %.3g site updates/s (×64 replicas), GEMM %.3g GFLOPS, "
        + "elementwise %.3g ns/element, EJML %.3g GFLOPS]", source, mcSiteUpdatesPerSecond, gflops,
        elementwiseNsPerElement, denseGflops);
  }
}
