package org.rbmflow.sweep;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rbmflow.ising.Autocorrelation;
import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.McSettings;
import org.rbmflow.ising.MonteCarlo;
import org.rbmflow.ising.MultiSpinMetropolis;
import org.rbmflow.rbm.TrainingConfig;

/**
 * An estimate of what a grid point costs: compute seconds on one core, stage by stage, and the memory its task needs;
 * for {@code rbmflow sweep --dry-run}, the checks before a sweep, the order of its tasks, the {@code estimated_seconds}
 * of every {@code points} row and the progress of {@code point}. Each stage counts its work in units whose cost is
 * a constant of this machine ({@link Constants}), fitted to timings of the same kernels on a few small shapes run on
 * warm (JIT-compiled) code by {@link CostCalibration} (a few seconds, once per JVM).
 *
 * <h2>Seconds of a point</h2>
 * With N = N_v, M = N_h, S = N_temp·|fields|·configs_per_temp training configurations, k = cd_k:
 * <ul>
 *   <li><b>Monte Carlo</b>: mcSiteSweep (mcFieldSiteSweep where H ≠ 0) · N · Σ_(T,H) sweeps, for each (T, H) with T &gt; 0 (T = 0 is the ground
 *       state, free): sweeps = therm + 2·probe (each probe sweep is also measured) + extra thermalisation up to 20·τ
 *       + ⌈configs/64⌉·decor, with decor = min(max_decor, ⌈2τ⌉) when auto; plus, per (T, H), the τ probe's
 *       autocorrelation sums, mcAutocorrelation · 2·64·probe·W multiply-adds (energy and |m| of 64 replicas, lags up
 *       to Sokal's window W = min(probe/2, ⌈6τ⌉), τ here floored at ½, not 1), which dominate on small lattices. τ is a model of the Metropolis
 *       autocorrelation time, τ = max(1, ξ^z): in 2D z = 2.17 and ξ = min(L, 0.5/|1 − T/Tc|); in 1D z = 2 and
 *       ξ = min(L, −1/ln tanh(1/T)) (the field is ignored, which overestimates ξ).</li>
 *   <li><b>Training</b>, per epoch: trainProduct·S·(3 + 2k (+1 with PCD))·N·M multiply-adds (V·W; k times H·Wᵀ and
 *       V·W; the gradient's two products) + trainElement·S·((2 + 2k)·N + (3 + 2k)·M) elementwise (unpacking, tanh and
 *       draws of both layers, bias gradients) + trainUpdate·U·N·M·(2 with momentum, else 1) for the U = ⌈S/batch⌉
 *       weight updates (U = 1 with full batch); times the epochs.</li>
 *   <li><b>Flows</b>, per step and ensemble member: flowProduct·2·N·M + flowElement·(2·(N + M) + dim·N) (two
 *       products, tanh and draws of both layers, the energy). A flow is counted to its expected end,
 *       min(max_steps, {@value #FLOW_WINDOWS}·window) steps (most flows pass the window test after two to three
 *       windows); one that does not converge runs to max_steps, which the band's upper end does not cover. With the
 *       classifier, its evaluations every classifier_every steps: 2·64·(F + K) flops per configuration at the EJML
 *       rate, F = N·(1 + dim) features (spins and bonds), K = n_T·n_H classes (its two layers F → 64 → K).</li>
 *   <li><b>Calibration</b> of the energy thermometer (H = 0 only): Monte Carlo at ⌊max_t/step⌋ + 1 temperatures ×
 *       calibration_configs.</li>
 *   <li><b>Classifier</b> (the supervised thermometer, when enabled): Monte Carlo at its temperatures × fields ×
 *       classifier_configs, and epochs·configurations·(6·64·(F + K) flops at the EJML rate + F elementwise).</li>
 *   <li><b>Spectrum</b> and patterns: eigen·(2·N²·M + 9·N³) for WWᵀ and its symmetric eigen-decomposition,
 *       eigen·P·(2·N·M·m + 2·m³), m = min(M, N), for the P shuffles of the spectrum null (each the smaller Gram matrix
 *       and its eigenvalues; P from α, {@link PointRunner#nullPermutations}), and
 *       moran·permutations·min(M, N)·N·(1 + dim) for the Moran's-I tests.</li>
 * </ul>
 * <b>Checkpoints</b> evaluate the RBM again at each checkpoint epoch: a task with c checkpoints costs Monte Carlo +
 * training to the last epoch + (c + 1)·(flows + spectrum) + the thermometers once.
 *
 * <p><b>In a sweep</b> ({@link #plan}) the Monte Carlo data of a (lattice, n_temp, seed, …) are generated once and
 * shared by every n_h, and the thermometers once per lattice and seed (the executor's cache); a point is charged its
 * share: the shared stage's seconds ÷ the points sharing it. This assumes the cache keeps them (one executor; several
 * executors each pay once).
 *
 * <p><b>Band.</b> The estimate is a central value; {@link Plan#low()} and {@link Plan#high()} are ×{@value #LOW} and
 * ×{@value #HIGH} of it, the spread measured between presets by {@code submit/bench costmodel} (docs/PERFORMANCE.md).
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
public final class CostModel implements Serializable {
  private static final long serialVersionUID = 1L;
  /** JVM baseline of a task: classes, Spark's own objects, thread stacks. */
  public static final long JVM_BASELINE_MIB = 256;
  /** Lower end of the band, as a multiple of the estimate. */
  public static final double LOW = 0.7;
  /** Upper end of the band, as a multiple of the estimate. */
  public static final double HIGH = 1.5;
  /** Windows of the fixed-point test a flow is expected to run (the flow stage's step count; class comment). */
  public static final int FLOW_WINDOWS = 3;
  /** Hidden width of the supervised thermometer (TemperatureClassifier.Config.DEFAULT). */
  static final int CLASSIFIER_HIDDEN = 64;
  /** Critical temperature of the infinite 2D Ising model, 2/ln(1 + √2). */
  static final double TC_2D = 2 / Math.log(1 + Math.sqrt(2));
  /** Bytes per kept flow step (a FlowResult.Step and a FlowRow with their headers). */
  static final long FLOW_ROW_BYTES = 200;

  /**
   * The machine's costs, in seconds per unit of work (class comment).
   *
   * @param mcSiteSweep  one multi-spin Metropolis site visit (all 64 replicas)
   * @param trainProduct one multiply-add of the training's matrix products
   * @param trainElement one element of the training's elementwise passes
   * @param trainUpdate  one weight of one update
   * @param flowProduct  one multiply-add of a flow step's products
   * @param flowElement  one element of a flow step's elementwise passes (also the classifier's feature passes)
   * @param denseFlop    one flop of EJML's dense products (the classifier)
   * @param eigen        one unit of 2·N²·M + 9·N³ (WWᵀ and its eigen-decomposition)
   * @param moran        one permutation × site × (1 + dim) of a Moran's-I test
   * @param mcAutocorrelation one multiply-add of the τ probe's autocorrelation sums
   * @param mcFieldSiteSweep one site visit as {@code mcSiteSweep}, in a field H ≠ 0 (more bit logic per acceptance)
   */
  public record Constants(double mcSiteSweep, double trainProduct, double trainElement, double trainUpdate,
      double flowProduct, double flowElement, double denseFlop, double eigen, double moran, double mcAutocorrelation,
      double mcFieldSiteSweep) implements Serializable {
    public Constants {
      for (double x : new double[] {mcSiteSweep, trainProduct, trainElement, trainUpdate, flowProduct, flowElement,
          denseFlop, eigen, moran, mcAutocorrelation, mcFieldSiteSweep}) {
        if (!(x >= 0) || !Double.isFinite(x)) {
          throw new IllegalArgumentException("cost constants must be finite and >= 0: " + this);
        }
      }
      if (!(mcSiteSweep > 0 && mcFieldSiteSweep > 0 && trainProduct + trainElement > 0 && flowProduct + flowElement > 0)) {
        throw new IllegalArgumentException("Monte Carlo, training and flow costs must not all be 0: " + this);
      }
    }
  }

  /**
   * Estimated seconds of each stage on one core.
   *
   * @param monteCarlo  training data generation
   * @param training    CD-k training
   * @param flows       flows from every start to their expected end, with the classifier's evaluations
   * @param calibration the energy thermometer's Monte Carlo E(T)
   * @param classifier  the supervised thermometer's Monte Carlo data and training
   * @param spectrum    WWᵀ eigen-decomposition and Moran's-I tests
   */
  public record Estimate(double monteCarlo, double training, double flows, double calibration, double classifier,
      double spectrum) {
    public double total() {
      return monteCarlo + training + flows + calibration + classifier + spectrum;
    }
  }

  /**
   * A sweep's estimate: each point's task (its checkpoints included, shared stages divided among the points sharing
   * them) and the estimate of every row it writes.
   *
   * @param taskSeconds one per point of the planned list, in its order
   * @param rowSeconds  by row point id (a checkpoint row's is that of the point trained to its epoch)
   */
  public record Plan(double[] taskSeconds, Map<String, Double> rowSeconds) {
    public double total() {
      double s = 0;
      for (double x : taskSeconds) {
        s += x;
      }
      return s;
    }

    public double low() {
      return LOW * total();
    }

    public double high() {
      return HIGH * total();
    }

    /** The longest task. */
    public double largest() {
      double m = 0;
      for (double x : taskSeconds) {
        m = Math.max(m, x);
      }
      return m;
    }
  }

  private final Constants c;
  private final String source;

  private CostModel(Constants c, String source) {
    this.c = c;
    this.source = source;
  }

  /** A model with given constants (tests, or constants measured elsewhere). */
  public static CostModel of(Constants c) {
    return new CostModel(c, "given");
  }

  /** A model with constants fitted by a calibration; {@code source} says which (backend, fit quality). */
  static CostModel fitted(Constants c, String source) {
    return new CostModel(c, source);
  }

  /** {@link CostCalibration#run()} once per JVM (the costs of one machine do not change between specs). */
  public static CostModel calibrated() {
    return Calibrated.MODEL;
  }

  private static final class Calibrated {
    static final CostModel MODEL = CostCalibration.run();
  }

  public Constants constants() {
    return c;
  }

  /** Estimated compute seconds of one point on one core, alone (nothing shared): {@link #estimate}'s total. */
  public double seconds(GridPoint p) {
    return estimate(p).total();
  }

  /** Estimated seconds of each stage of one point run alone, without checkpoints. */
  public Estimate estimate(GridPoint p) {
    Lattice lattice = p.lattice();
    int nv = lattice.sites();
    int nh = p.nh();
    int dim = lattice.dim();
    int nf = p.fields().length;
    double samples = (double) p.nTemp() * nf * p.configsPerTemp();
    double mc = mcSeconds(lattice, p.temperatures(), p.fields(), p.configsPerTemp(), p.mc());
    double training = p.training().epochs() * epochSeconds(nv, nh, samples, p.training());

    var flow = p.flow();
    double steps = (double) flow.starts().size() * expectedSteps(flow.maxSteps(), flow.window());
    double flows = steps * flow.ensemble() * (c.flowProduct() * 2.0 * nv * nh
        + c.flowElement() * (2.0 * (nv + nh) + dim * nv));
    AnalysisSettings a = p.analysis();
    double features = (double) nv * (1 + dim);
    double classifier = 0;
    if (a.classifierEnabled()) {
      double evaluations = flow.starts().size()
          * (Math.floor(expectedSteps(flow.maxSteps(), flow.window()) / a.classifierEvery()) + 2);
      double[] temps = grid(a.classifierStep(), a.calibrationMaxT());
      // K = n_T·n_H classes; the network's two layers F → 64 → K
      double weights = CLASSIFIER_HIDDEN * (features + (double) temps.length * nf);
      flows += evaluations * flow.ensemble() * 2 * weights * c.denseFlop();
      double configs = (double) temps.length * nf * a.classifierConfigs();
      classifier = mcSeconds(lattice, temps, p.fields(), a.classifierConfigs(), p.mc()) + a.classifierEpochs() * configs
          * (6 * weights * c.denseFlop() + features * c.flowElement());
    }
    double calibration = nf == 1 && p.fields()[0] == 0
        ? mcSeconds(lattice, grid(a.calibrationStep(), a.calibrationMaxT()), p.fields(), a.calibrationConfigs(), p.mc())
        : 0;
    double eigen = c.eigen() * (2.0 * nv * nv * nh + 9.0 * nv * (double) nv * nv);
    double m = Math.min(nh, nv);
    double shuffles = c.eigen() * PointRunner.nullPermutations(a) * (2.0 * nv * nh * m + 2 * m * m * m);
    double moran = c.moran() * a.permutations() * Math.min(nh, nv) * nv * (1 + dim);
    return new Estimate(mc, training, flows, calibration, classifier, eigen + shuffles + moran);
  }

  /**
   * Seconds of one training epoch over {@code samples} configurations:
   * S·((3 + 2k + [PCD])·N·M·trainProduct + ((2 + 2k)·N + (3 + 2k)·M)·trainElement) + U·N·M·(1 + [momentum])·trainUpdate.
   */
  double epochSeconds(int nv, int nh, double samples, TrainingConfig t) {
    int k = t.cdK();
    double products = (3.0 + 2.0 * k + (t.persistent() ? 1 : 0)) * nv * nh;
    double elements = (2.0 + 2.0 * k) * nv + (3.0 + 2.0 * k) * nh;
    double updates = Math.ceil(samples / t.updateSize((int) Math.min(samples, Integer.MAX_VALUE)));
    return samples * (products * c.trainProduct() + elements * c.trainElement())
        + updates * (double) nv * nh * (t.momentum() > 0 ? 2 : 1) * c.trainUpdate();
  }

  /** Steps a flow is expected to run: min(max_steps, {@value #FLOW_WINDOWS}·window). */
  public static double expectedSteps(int maxSteps, int window) {
    return Math.min(maxSteps, (double) FLOW_WINDOWS * window);
  }

  /**
   * The seconds of a task: the point trained to its epochs and evaluated there and at each of {@code checkpoints}
   * below them; nothing shared.
   */
  public double taskSeconds(GridPoint p, List<Integer> checkpoints) {
    Estimate e = estimate(p);
    return e.total() + (evaluations(p, checkpoints) - 1) * (e.flows() + e.spectrum());
  }

  /** How many times the point's RBM is evaluated: at each checkpoint below its epochs, and at the end. */
  private static int evaluations(GridPoint p, List<Integer> checkpoints) {
    return 1 + (int) checkpoints.stream().filter(e -> e < p.training().epochs()).count();
  }

  /** The estimate of a sweep over {@code points} with the spec's {@code checkpoints} (class comment: sharing). */
  public Plan plan(List<GridPoint> points, List<Integer> checkpoints) {
    Map<Object, Integer> sharing = new HashMap<>();
    for (GridPoint p : points) {
      sharing.merge(Thermometers.DataKey.of(p), 1, Integer::sum);
      sharing.merge(Thermometers.EnergyKey.of(p), 1, Integer::sum);
      sharing.merge(Thermometers.ClassifierKey.of(p), 1, Integer::sum);
    }
    double[] tasks = new double[points.size()];
    Map<String, Double> rows = new HashMap<>();
    for (int i = 0; i < points.size(); i++) {
      GridPoint p = points.get(i);
      Estimate e = estimate(p);
      double shared = e.monteCarlo() / sharing.get(Thermometers.DataKey.of(p))
          + e.calibration() / sharing.get(Thermometers.EnergyKey.of(p))
          + e.classifier() / sharing.get(Thermometers.ClassifierKey.of(p));
      double evaluation = e.flows() + e.spectrum();
      tasks[i] = shared + e.training() + evaluations(p, checkpoints) * evaluation;
      rows.put(p.pointId(), shared + e.training() + evaluation);
      for (int k : checkpoints) {
        if (k < p.training().epochs()) {
          GridPoint q = p.withEpochs(k);
          rows.put(q.pointId(), shared + estimate(q).training() + evaluation);
        }
      }
    }
    return new Plan(tasks, rows);
  }

  /** Monte Carlo seconds of {@code configs} configurations at each T of {@code temps} × H of {@code fields}. */
  double mcSeconds(Lattice lattice, double[] temps, double[] fields, int configs, McSettings mc) {
    double sweeps = 0;
    double lags = 0;
    for (double t : temps) {
      sweeps += sweepsAt(lattice, t, configs, mc);
      // the probe measures τ_int ≈ ½ where the spins decorrelate within a sweep, so its window is then 3 lags
      double probeTau = Math.max(0.5, correlationTime(lattice, t));
      lags += MonteCarlo.canonical(t) == 0 ? 0 : autocorrelationUnits(mc.probeSweeps(), probeTau, probeTau);
    }
    double seconds = 0;
    for (double h : fields) {
      double visit = MonteCarlo.canonical(h) == 0 ? c.mcSiteSweep() : c.mcFieldSiteSweep();
      seconds += sweeps * lattice.sites() * visit + lags * c.mcAutocorrelation();
    }
    return seconds;
  }

  /**
   * Multiply-adds of the τ probe's autocorrelation sums at one (T, H): 64 replicas × probe sweeps × W lags for each of
   * the energy and |m|, W = min(probe/2, ⌈6τ⌉) (Sokal's window) for their τ.
   */
  static double autocorrelationUnits(int probe, double tauEnergy, double tauMagnetization) {
    if (probe <= 0) {
      return 0;
    }
    return (double) MultiSpinMetropolis.LANES * probe * (window(probe, tauEnergy) + window(probe, tauMagnetization));
  }

  private static double window(int probe, double tau) {
    return Math.max(1, Math.min(probe / 2, Math.ceil(Autocorrelation.WINDOW_FACTOR * tau)));
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
    return Math.max(1, correlationTime(lattice, t));
  }

  /** ξ^z of the class comment, before the floor of 1 sweep. */
  private static double correlationTime(Lattice lattice, double t) {
    int l = lattice.l();
    if (lattice.dim() == 2) {
      double gap = Math.abs(1 - t / TC_2D);
      double xi = gap < 0.5 / l ? l : Math.min(l, 0.5 / gap);
      return Math.pow(xi, 2.17);
    }
    double th = Math.tanh(1 / t);
    double xi = th >= 1 ? l : Math.min(l, -1 / Math.log(th));
    return xi * xi;
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
    return String.format(Locale.ROOT, "CostModel[%s: Monte Carlo %.3g ns/site visit, training %.3g ns/multiply-add + "
        + "%.3g ns/element + %.3g ns/weight update, flows %.3g ns/multiply-add + %.3g ns/element, EJML %.3g ns/flop, "
        + "eigen %.3g ns/unit, Moran %.3g ns/unit, τ probe %.3g ns/multiply-add, Monte Carlo in a field %.3g ns/site "
        + "visit]", source, c.mcSiteSweep() * 1e9, c.trainProduct() * 1e9,
        c.trainElement() * 1e9, c.trainUpdate() * 1e9, c.flowProduct() * 1e9, c.flowElement() * 1e9,
        c.denseFlop() * 1e9, c.eigen() * 1e9, c.moran() * 1e9, c.mcAutocorrelation() * 1e9,
        c.mcFieldSiteSweep() * 1e9);
  }
}
