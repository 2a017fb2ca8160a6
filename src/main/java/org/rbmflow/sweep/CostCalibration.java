package org.rbmflow.sweep;

import java.util.List;
import java.util.Locale;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.rbmflow.analysis.MoranTest;
import org.rbmflow.analysis.WeightSpectrum;
import org.rbmflow.ising.DatasetGenerator;
import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.McSettings;
import org.rbmflow.ising.SpinBlock;
import org.rbmflow.linalg.Gemm;
import org.rbmflow.linalg.Linalg;
import org.rbmflow.random.Xoshiro256PlusPlus;
import org.rbmflow.rbm.CdTrainer;
import org.rbmflow.rbm.FlowConfig;
import org.rbmflow.rbm.FlowResult;
import org.rbmflow.rbm.FlowStart;
import org.rbmflow.rbm.Rbm;
import org.rbmflow.rbm.RbmFlow;
import org.rbmflow.rbm.TrainingConfig;
import org.rbmflow.rbm.TrainingSet;

/**
 * Fits the {@link CostModel.Constants} of this machine: runs the kernels a point uses — the Monte Carlo generator, CD-k
 * training and the RBM flow on {@link Linalg#best()} (with the Vector API sampling when it is on), EJML's products, the
 * spectrum and the Moran's-I test — on a few small shapes, each once to warm the JIT and then timed ({@link #best}),
 * and fits the model's terms to the timings by non-negative least squares ({@link NonNegativeFit}). About 2 s on the
 * calling thread once the JIT has compiled the kernels; the first calibration of a JVM also waits for that (a few
 * seconds more, longer on a busy machine). The shapes and the fits are fixed: only the timings differ between
 * machines.
 */
final class CostCalibration {
  static final int REPEATS = 3;
  static final double KERNEL_SECONDS = 0.1;
  static final int MAX_RUNS = 20;

  /** A training shape: N_v, N_h, configurations, batch size (0 = full), epochs timed. */
  record TrainShape(int nv, int nh, int samples, int batch, int epochs) {}

  /** A flow shape: side of the square lattice, N_h, ensemble, steps. */
  record FlowShape(int l, int nh, int ensemble, int steps) {}

  /**
   * Training shapes: small and large products, many and few updates, a full batch, and few hidden units (N_h = 4: the
   * elementwise work of the visible layer dominates, which the other shapes leave to the fit to guess).
   */
  static final List<TrainShape> TRAIN_SHAPES = List.of(new TrainShape(100, 4, 2000, 100, 2),
      new TrainShape(256, 4, 1000, 100, 2), new TrainShape(64, 9, 2000, 50, 2),
      new TrainShape(64, 16, 2000, 50, 2), new TrainShape(100, 64, 1000, 100, 2),
      new TrainShape(100, 100, 1000, TrainingConfig.FULL_BATCH, 2), new TrainShape(256, 36, 500, 100, 2));

  static final List<FlowShape> FLOW_SHAPES = List.of(new FlowShape(6, 4, 500, 40), new FlowShape(8, 16, 500, 40),
      new FlowShape(10, 64, 300, 40));

  private CostCalibration() {}

  static CostModel run() {
    long t0 = System.nanoTime();
    Gemm gemm = Linalg.best();
    Xoshiro256PlusPlus rng = new Xoshiro256PlusPlus(0x5eedL);
    // Monte Carlo as a point runs it (thermalisation, τ probe with measurements, sampling), against the model's count
    double[] temps = {1.0, 2.5, 4.0};
    McSettings settings = new McSettings(200, 200, 0, 200);
    double mc = fit1(new double[][] {{mcUnits(Lattice.square(8), temps, 128, settings)},
        {mcUnits(Lattice.square(16), temps, 64, settings)}},
        new double[] {monteCarlo(Lattice.square(8), temps, 128, settings, rng),
            monteCarlo(Lattice.square(16), temps, 64, settings, rng)});

    double[][] tx = new double[TRAIN_SHAPES.size()][];
    double[] ty = new double[TRAIN_SHAPES.size()];
    for (int i = 0; i < TRAIN_SHAPES.size(); i++) {
      TrainShape s = TRAIN_SHAPES.get(i);
      tx[i] = trainingTerms(s);
      ty[i] = training(s, gemm, rng) / s.epochs();
    }
    double[] train = NonNegativeFit.fit(tx, ty);

    double[][] fx = new double[FLOW_SHAPES.size()][];
    double[] fy = new double[FLOW_SHAPES.size()];
    for (int i = 0; i < FLOW_SHAPES.size(); i++) {
      FlowShape s = FLOW_SHAPES.get(i);
      int nv = s.l() * s.l();
      fx[i] = new double[] {2.0 * nv * s.nh() * s.ensemble(), (2.0 * (nv + s.nh()) + 2 * nv) * s.ensemble()};
      fy[i] = flowStep(s, gemm, rng);
    }
    double[] flow = NonNegativeFit.fit(fx, fy);

    double dense = ejml(rng) / (2.0 * 64 * 192 * 64);
    double eigen = fit1(new double[][] {{eigenUnits(64, 16)}, {eigenUnits(144, 36)}},
        new double[] {spectrum(64, 16, rng), spectrum(144, 36, rng)});
    double moran = moran(8, 99, rng) / (99.0 * 64 * 3);
    double trainResidual = NonNegativeFit.residual(tx, ty, train);
    double flowResidual = NonNegativeFit.residual(fx, fy, flow);
    CostModel.Constants c = new CostModel.Constants(mc, train[0], train[1], train[2], flow[0], flow[1], dense, eigen,
        moran);
    return CostModel.fitted(c, String.format(Locale.ROOT, "calibrated in %.1f s on backend %s, fit residuals: "
        + "training %.0f%%, flows %.0f%%", (System.nanoTime() - t0) / 1e9, gemm.name(), 100 * trainResidual,
        100 * flowResidual));
  }

  /** Regressors of one training epoch (CostModel#epochSeconds with k = 1, no PCD, no momentum). */
  static double[] trainingTerms(TrainShape s) {
    double nm = (double) s.nv() * s.nh();
    double updates = s.batch() == TrainingConfig.FULL_BATCH ? 1 : Math.ceil((double) s.samples() / s.batch());
    return new double[] {s.samples() * 5.0 * nm, s.samples() * (4.0 * s.nv() + 5.0 * s.nh()), updates * nm};
  }

  static double eigenUnits(int nv, int nh) {
    return 2.0 * nv * nv * nh + 9.0 * nv * (double) nv * nv;
  }

  /** The single coefficient c ≥ 0 of y ≈ c·x. */
  private static double fit1(double[][] x, double[] y) {
    return NonNegativeFit.fit(x, y)[0];
  }

  /**
   * Best seconds of {@code work} after one warm-up run: at least {@value #REPEATS} timed runs, more while they take
   * less than {@value #KERNEL_SECONDS} s in all (at most {@value #MAX_RUNS}), so that the JIT's later compilations and
   * bursts of load from other processes lower some runs, not the minimum.
   */
  static double best(Runnable work) {
    work.run();
    double best = Double.POSITIVE_INFINITY;
    long begin = System.nanoTime();
    for (int r = 0; r < MAX_RUNS && (r < REPEATS || (System.nanoTime() - begin) / 1e9 < KERNEL_SECONDS); r++) {
      long t = System.nanoTime();
      work.run();
      best = Math.min(best, (System.nanoTime() - t) / 1e9);
    }
    return best;
  }

  /** The model's site visits of a data set: N·Σ_T sweeps (CostModel#mcSeconds with a unit cost). */
  static double mcUnits(Lattice lattice, double[] temps, int configs, McSettings settings) {
    double sweeps = 0;
    for (double t : temps) {
      sweeps += CostModel.sweepsAt(lattice, t, configs, settings);
    }
    return sweeps * lattice.sites();
  }

  private static double monteCarlo(Lattice lattice, double[] temps, int configs, McSettings settings,
      Xoshiro256PlusPlus rng) {
    long seed = rng.nextLong();
    return best(() -> DatasetGenerator.generate(lattice, temps, new double[] {0}, seed, configs, settings, 1, null));
  }

  private static double training(TrainShape s, Gemm gemm, Xoshiro256PlusPlus rng) {
    int words = (s.nv() + 63) >>> 6;
    long[] bits = new long[s.samples() * words];
    long lastMask = s.nv() % 64 == 0 ? -1L : (1L << (s.nv() % 64)) - 1;
    for (int i = 0; i < bits.length; i++) {
      bits[i] = rng.nextLong() & (i % words == words - 1 ? lastMask : -1L);
    }
    TrainingSet data = new TrainingSet(List.of(new SpinBlock(s.nv(), s.samples(), bits)));
    TrainingConfig config = new TrainingConfig(s.epochs(), 0.01, s.batch(), 1, 0, 0, false, 0.01, 0);
    long seed = rng.nextLong();
    return best(() -> {
      Rbm rbm = Rbm.gaussian(s.nv(), s.nh(), 0.01, new Xoshiro256PlusPlus(seed));
      new CdTrainer(rbm, config, gemm, new Xoshiro256PlusPlus(seed + 1)).train(data, null);
    });
  }

  /** Seconds of one flow step (all of the ensemble). */
  private static double flowStep(FlowShape s, Gemm gemm, Xoshiro256PlusPlus rng) {
    Lattice lattice = Lattice.square(s.l());
    int nv = lattice.sites();
    Rbm rbm = Rbm.gaussian(nv, s.nh(), 0.1, new Xoshiro256PlusPlus(rng.nextLong()));
    RbmFlow flow = new RbmFlow(rbm, lattice, gemm, s.ensemble());
    float[] initial = new float[s.ensemble() * nv];
    for (int k = 0; k < initial.length; k++) {
      initial[k] = (rng.nextLong() & 1) == 0 ? -1f : 1f;
    }
    FlowStart start = FlowStart.parse("random");
    // tolerance 0: the window test passes only on an exactly flat energy, so the flow runs its steps
    FlowConfig config = new FlowConfig(List.of(start), s.ensemble(), s.steps(), s.steps() / 2, 0);
    long seed = rng.nextLong();
    int[] steps = new int[1];
    double seconds = best(() -> {
      FlowResult r = flow.run(start, initial, config, new Xoshiro256PlusPlus(seed), null);
      steps[0] = Math.max(1, r.steps().get(r.steps().size() - 1).step());
    });
    return seconds / steps[0];
  }

  private static double ejml(Xoshiro256PlusPlus rng) {
    FMatrixRMaj x = new FMatrixRMaj(64, 192);
    FMatrixRMaj w = new FMatrixRMaj(192, 64);
    FMatrixRMaj y = new FMatrixRMaj(64, 64);
    for (int i = 0; i < x.data.length; i++) {
      x.data[i] = (rng.nextLong() & 1) == 0 ? -1f : 1f;
      w.data[i] = (float) (0.1 * rng.nextGaussian());
    }
    return best(() -> {
      for (int r = 0; r < 20; r++) {
        CommonOps_FDRM.mult(x, w, y);
      }
    }) / 20;
  }

  private static double spectrum(int nv, int nh, Xoshiro256PlusPlus rng) {
    float[] w = new float[nv * nh];
    for (int k = 0; k < w.length; k++) {
      w[k] = (float) (0.1 * rng.nextGaussian());
    }
    return best(() -> WeightSpectrum.of(w, nv, nh, nh));
  }

  private static double moran(int l, int permutations, Xoshiro256PlusPlus rng) {
    Lattice lattice = Lattice.square(l);
    MoranTest test = new MoranTest(lattice, permutations, 0.01);
    double[] x = new double[lattice.sites()];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextGaussian();
    }
    long seed = rng.nextLong();
    return best(() -> {
      Xoshiro256PlusPlus r = new Xoshiro256PlusPlus(seed);
      for (int k = 0; k < 10; k++) {
        test.test(x, r);
      }
    }) / 10;
  }
}
