package org.rbmflow.sweep;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.Locale;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.rbmflow.analysis.MoranTest;
import org.rbmflow.analysis.WeightSpectrum;
import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.McSettings;
import org.rbmflow.ising.MonteCarlo;
import org.rbmflow.ising.MultiSpinMetropolis;
import org.rbmflow.ising.SampleSet;
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
 * spectrum and the Moran's-I test — on a few small shapes, all of them in rounds until the JIT has compiled them
 * ({@link #warm}), then each timed ({@link #best}) in CPU seconds of the calling thread, and fits the model's terms to
 * the timings by non-negative least squares ({@link NonNegativeFit}). What is timed is what the model counts: a
 * training's epochs without the first and without the closing evaluation, the Monte Carlo's site visits as the runs
 * made them (their measured τ sets the extra thermalisation and the spacing). About 2 s once the JIT has compiled the
 * kernels, 3–5 s in a fresh JVM. The shapes and the fits are fixed: only the timings differ between machines.
 */
final class CostCalibration {
  static final int REPEATS = 3;
  static final double KERNEL_SECONDS = 0.1;
  static final int MAX_RUNS = 20;
  /** Warm-up rounds over all kernels at most ({@link #warm}). */
  static final int WARM_ROUNDS = 5;
  /** Relative change of a warm-up round's CPU time below which the kernels count as compiled. */
  static final double WARM_TOLERANCE = 0.1;
  static final int EJML_REPEATS = 20;
  static final int MORAN_REPEATS = 10;
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

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

  /** A kernel to time: runs its work once and returns the CPU seconds of what it measures. */
  private record Kernel(DoubleSupplier seconds) {
    /** A kernel whose whole run is measured. */
    static Kernel whole(Runnable work) {
      return new Kernel(() -> {
        long t = CPU.getCurrentThreadCpuTime();
        work.run();
        return (CPU.getCurrentThreadCpuTime() - t) / 1e9;
      });
    }
  }

  static CostModel run() {
    long t0 = System.nanoTime();
    Gemm gemm = Linalg.best();
    Xoshiro256PlusPlus rng = new Xoshiro256PlusPlus(0x5eedL);
    // Monte Carlo as a point runs it (thermalisation, τ probe with measurements, sampling); the site visits counted
    // from what each run did (its measured τ decides the extra thermalisation and the spacing), not from the model's τ
    // (on 4×4 the τ probe's autocorrelation sums are most of the time, on 16×16 the sweeps)
    double[] temps = {1.0, 2.5, 4.0};
    McSettings settings = new McSettings(200, 200, 0, 200);
    // the last two in a field H = 1, whose acceptance test costs more
    List<Lattice> mcLattices = List.of(Lattice.square(4), Lattice.square(8), Lattice.square(16), Lattice.square(8),
        Lattice.square(16));
    int[] mcConfigs = {128, 128, 64, 128, 64};
    double[] mcFields = {0, 0, 0, 1, 1};
    double[][] mcUnits = new double[mcLattices.size()][2];
    List<Kernel> mcKernels = new ArrayList<>();
    for (int i = 0; i < mcLattices.size(); i++) {
      Lattice lattice = mcLattices.get(i);
      int configs = mcConfigs[i];
      double h = mcFields[i];
      long seed = rng.nextLong();
      double[] units = mcUnits[i];
      mcKernels.add(Kernel.whole(() -> {
        units[0] = 0;
        units[1] = 0;
        for (double t : temps) {
          SampleSet set = MonteCarlo.generate(lattice, t, h, seed, configs, settings);
          units[0] += siteVisits(set, settings);
          units[1] += CostModel.autocorrelationUnits(settings.probeSweeps(), set.tauIntEnergy(),
              set.tauIntAbsMagnetization());
        }
      }));
    }
    List<Kernel> trainKernels = TRAIN_SHAPES.stream().map(s -> training(s, gemm, rng)).toList();
    int[] flowSteps = new int[FLOW_SHAPES.size()];
    List<Kernel> flowKernels = new ArrayList<>();
    for (int i = 0; i < FLOW_SHAPES.size(); i++) {
      flowKernels.add(flow(FLOW_SHAPES.get(i), gemm, rng, flowSteps, i));
    }
    Kernel ejml = ejml(rng);
    Kernel spectrumSmall = spectrum(64, 16, rng);
    Kernel spectrumLarge = spectrum(144, 36, rng);
    Kernel moranKernel = moran(8, 99, rng);

    List<Kernel> all = new ArrayList<>(mcKernels);
    all.addAll(trainKernels);
    all.addAll(flowKernels);
    all.addAll(List.of(ejml, spectrumSmall, spectrumLarge, moranKernel));
    warm(all);

    double[] mcSeconds = mcKernels.stream().mapToDouble(CostCalibration::best).toArray();
    double[] mc = NonNegativeFit.fit(java.util.Arrays.copyOf(mcUnits, 3), java.util.Arrays.copyOf(mcSeconds, 3));
    // in a field: the site visits' cost, the autocorrelation sums' taken from the fit at H = 0
    double mcField = fit1(new double[][] {{mcUnits[3][0]}, {mcUnits[4][0]}},
        new double[] {Math.max(0, mcSeconds[3] - mc[1] * mcUnits[3][1]), Math.max(0, mcSeconds[4] - mc[1] * mcUnits[4][1])});

    double[][] tx = new double[TRAIN_SHAPES.size()][];
    double[] ty = new double[TRAIN_SHAPES.size()];
    for (int i = 0; i < TRAIN_SHAPES.size(); i++) {
      TrainShape s = TRAIN_SHAPES.get(i);
      tx[i] = trainingTerms(s);
      ty[i] = best(trainKernels.get(i)) / s.epochs();
    }
    double[] train = NonNegativeFit.fit(tx, ty);

    double[][] fx = new double[FLOW_SHAPES.size()][];
    double[] fy = new double[FLOW_SHAPES.size()];
    for (int i = 0; i < FLOW_SHAPES.size(); i++) {
      FlowShape s = FLOW_SHAPES.get(i);
      int nv = s.l() * s.l();
      fx[i] = new double[] {2.0 * nv * s.nh() * s.ensemble(), (2.0 * (nv + s.nh()) + 2 * nv) * s.ensemble()};
      fy[i] = best(flowKernels.get(i)) / flowSteps[i];
    }
    double[] flow = NonNegativeFit.fit(fx, fy);

    double dense = best(ejml) / EJML_REPEATS / (2.0 * 64 * 192 * 64);
    double eigen = fit1(new double[][] {{eigenUnits(64, 16)}, {eigenUnits(144, 36)}},
        new double[] {best(spectrumSmall), best(spectrumLarge)});
    double moran = best(moranKernel) / MORAN_REPEATS / (99.0 * 64 * 3);
    double trainResidual = NonNegativeFit.residual(tx, ty, train);
    double flowResidual = NonNegativeFit.residual(fx, fy, flow);
    CostModel.Constants c = new CostModel.Constants(mc[0], train[0], train[1], train[2], flow[0], flow[1], dense, eigen,
        moran, mc[1], mcField > 0 ? mcField : mc[0]);
    return CostModel.fitted(c, String.format(Locale.ROOT, "calibrated in %.1f s on backend %s, fit residuals: "
        + "training %.0f%%, flows %.0f%%", (System.nanoTime() - t0) / 1e9, gemm.name(), 100 * trainResidual,
        100 * flowResidual));
  }

  /**
   * Runs every kernel in rounds until a round's CPU time is within {@value #WARM_TOLERANCE} of the round before (at
   * least 2 rounds, at most {@value #WARM_ROUNDS}): the JIT compiles a kernel's hot methods at its top tier only after
   * thousands of calls, and timed after a single warm-up run, in a fresh JVM pinned to one core, the same kernels ran
   * 1.3–2.5× slower than once compiled.
   */
  static void warm(List<Kernel> kernels) {
    double previous = Double.POSITIVE_INFINITY;
    for (int round = 0; round < WARM_ROUNDS; round++) {
      double seconds = kernels.stream().mapToDouble(k -> k.seconds().getAsDouble()).sum();
      if (round > 0 && Math.abs(seconds - previous) <= WARM_TOLERANCE * previous) {
        return;
      }
      previous = seconds;
    }
  }

  /** Site visits of one (T, H) set: N·(thermalisation and probe + probe measurements + samples·spacing). */
  static double siteVisits(SampleSet set, McSettings settings) {
    int samplesPerLane = (set.count() + MultiSpinMetropolis.LANES - 1) / MultiSpinMetropolis.LANES;
    return (set.thermSweeps() + settings.probeSweeps() + (double) samplesPerLane * set.decorSweeps())
        * set.lattice().sites();
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
   * Best seconds of a kernel once {@link #warm} has run it: at least {@value #REPEATS} timed runs, more while they take
   * less than {@value #KERNEL_SECONDS} s in all (at most {@value #MAX_RUNS}). CPU time of the calling thread, not wall
   * time: the JIT's compiler threads, the garbage collector and other processes sharing its core (a pinned JVM, a busy
   * machine) do not count.
   */
  private static double best(Kernel kernel) {
    double best = Double.POSITIVE_INFINITY;
    long begin = System.nanoTime();
    for (int r = 0; r < MAX_RUNS && (r < REPEATS || (System.nanoTime() - begin) / 1e9 < KERNEL_SECONDS); r++) {
      best = Math.min(best, kernel.seconds().getAsDouble());
    }
    return best;
  }

  private static Kernel training(TrainShape s, Gemm gemm, Xoshiro256PlusPlus rng) {
    int words = (s.nv() + 63) >>> 6;
    long[] bits = new long[s.samples() * words];
    long lastMask = s.nv() % 64 == 0 ? -1L : (1L << (s.nv() % 64)) - 1;
    for (int i = 0; i < bits.length; i++) {
      bits[i] = rng.nextLong() & (i % words == words - 1 ? lastMask : -1L);
    }
    TrainingSet data = new TrainingSet(List.of(new SpinBlock(s.nv(), s.samples(), bits)));
    // one epoch more than timed: the first (workspaces allocated) and the closing evaluation are not measured
    TrainingConfig config = new TrainingConfig(s.epochs() + 1, 0.01, s.batch(), 1, 0, 0, false, 0.01, 0);
    long seed = rng.nextLong();
    return new Kernel(() -> {
      Rbm rbm = Rbm.gaussian(s.nv(), s.nh(), 0.01, new Xoshiro256PlusPlus(seed));
      long[] firstEpochEnd = new long[1];
      long[] lastEpochEnd = new long[1];
      new CdTrainer(rbm, config, gemm, new Xoshiro256PlusPlus(seed + 1)).train(data, (epoch, epochs) -> {
        long now = CPU.getCurrentThreadCpuTime();
        if (epoch == 1) {
          firstEpochEnd[0] = now;
        }
        lastEpochEnd[0] = now;
      });
      return (lastEpochEnd[0] - firstEpochEnd[0]) / 1e9;
    });
  }

  /** A flow of the shape; it records the steps it ran in {@code steps[slot]}. */
  private static Kernel flow(FlowShape s, Gemm gemm, Xoshiro256PlusPlus rng, int[] steps, int slot) {
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
    return Kernel.whole(() -> {
      FlowResult r = flow.run(start, initial, config, new Xoshiro256PlusPlus(seed), null);
      steps[slot] = Math.max(1, r.steps().get(r.steps().size() - 1).step());
    });
  }

  private static Kernel ejml(Xoshiro256PlusPlus rng) {
    FMatrixRMaj x = new FMatrixRMaj(64, 192);
    FMatrixRMaj w = new FMatrixRMaj(192, 64);
    FMatrixRMaj y = new FMatrixRMaj(64, 64);
    for (int i = 0; i < x.data.length; i++) {
      x.data[i] = (rng.nextLong() & 1) == 0 ? -1f : 1f;
      w.data[i] = (float) (0.1 * rng.nextGaussian());
    }
    return Kernel.whole(() -> {
      for (int r = 0; r < EJML_REPEATS; r++) {
        CommonOps_FDRM.mult(x, w, y);
      }
    });
  }

  private static Kernel spectrum(int nv, int nh, Xoshiro256PlusPlus rng) {
    float[] w = new float[nv * nh];
    for (int k = 0; k < w.length; k++) {
      w[k] = (float) (0.1 * rng.nextGaussian());
    }
    return Kernel.whole(() -> WeightSpectrum.of(w, nv, nh, nh));
  }

  private static Kernel moran(int l, int permutations, Xoshiro256PlusPlus rng) {
    Lattice lattice = Lattice.square(l);
    MoranTest test = new MoranTest(lattice, permutations, 0.01);
    double[] x = new double[lattice.sites()];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextGaussian();
    }
    long seed = rng.nextLong();
    return Kernel.whole(() -> {
      Xoshiro256PlusPlus r = new Xoshiro256PlusPlus(seed);
      for (int k = 0; k < MORAN_REPEATS; k++) {
        test.test(x, r);
      }
    });
  }
}
