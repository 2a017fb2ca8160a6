package org.rbmflow.sweep;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.rbmflow.analysis.EnergyThermometer;
import org.rbmflow.analysis.MoranTest;
import org.rbmflow.analysis.SpectrumEdges;
import org.rbmflow.analysis.SpectrumNull;
import org.rbmflow.analysis.TemperatureClassifier;
import org.rbmflow.analysis.WeightSpectrum;
import org.rbmflow.common.PointStatus;
import org.rbmflow.common.Version;
import org.rbmflow.ising.IsingDataset;
import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.MonteCarlo;
import org.rbmflow.ising.Observables;
import org.rbmflow.ising.SampleSet;
import org.rbmflow.linalg.Gemm;
import org.rbmflow.random.Xoshiro256PlusPlus;
import org.rbmflow.rbm.CdTrainer;
import org.rbmflow.rbm.FlowResult;
import org.rbmflow.rbm.FlowStart;
import org.rbmflow.rbm.Rbm;
import org.rbmflow.rbm.RbmFlow;
import org.rbmflow.rbm.TrainingReport;
import org.rbmflow.rbm.TrainingSet;
import org.rbmflow.sweep.PointResult.FixedPointRow;
import org.rbmflow.sweep.PointResult.FlowRow;
import org.rbmflow.sweep.PointResult.PatternRow;
import org.rbmflow.sweep.PointResult.PointRow;
import org.rbmflow.sweep.PointResult.SpectrumRow;

/**
 * One grid point end to end, without Spark: Monte Carlo data → CD-k training → flows from every start →
 * thermometers → WWᵀ spectrum and patterns → table rows. Everything random comes from streams addressed by
 * (seed, purpose, point), so the same point gives the same rows on any machine with the same backend.
 *
 * <p>Failures inside the point (a diverging training, any exception) become a FAILED row carrying the reason;
 * {@link #run} itself only throws for programming errors in its arguments.
 */
public final class PointRunner {
  private final Gemm gemm;
  private final int threads;
  private final ExecutorContext context;
  private final ToDoubleFunction<GridPoint> estimate;
  private final PointProgress progress;

  /**
   * @param gemm    the matrix backend
   * @param threads threads for Monte Carlo generation (1 inside a Spark task; results do not depend on it)
   * @param context where the training data and thermometers shared with other points are kept
   */
  public PointRunner(Gemm gemm, int threads, ExecutorContext context) {
    this(gemm, threads, context, p -> Double.NaN, PointProgress.NONE);
  }

  private PointRunner(Gemm gemm, int threads, ExecutorContext context, ToDoubleFunction<GridPoint> estimate,
      PointProgress progress) {
    this.gemm = gemm;
    this.threads = threads;
    this.context = context;
    this.estimate = estimate;
    this.progress = progress;
  }

  /** This runner recording {@code estimate} (seconds, NaN: unknown) as each row's {@code estimated_seconds}. */
  public PointRunner withEstimates(ToDoubleFunction<GridPoint> estimate) {
    return new PointRunner(gemm, threads, context, estimate, progress);
  }

  /** This runner reporting its progress to {@code progress}. */
  public PointRunner withProgress(PointProgress progress) {
    return new PointRunner(gemm, threads, context, estimate, progress);
  }

  /** A runner that keeps what it shares with other points in this JVM's context ({@link ExecutorContext#jvm()}). */
  public PointRunner(Gemm gemm, int threads) {
    this(gemm, threads, ExecutorContext.jvm());
  }

  public PointResult run(GridPoint p) {
    List<PointResult> all = runAll(p, new int[0]);
    return all.get(all.size() - 1);
  }

  /**
   * The point, and on the way the checkpoints of its training: at each epoch of {@code checkpoints} (increasing,
   * each below the point's epochs) the RBM as it stands is evaluated — flows, thermometers, spectrum, patterns — and
   * gives the rows of the point {@code p.withEpochs(k)}, equal to those of that point trained on its own (the training
   * streams do not depend on the number of epochs, {@link GridPoint#trainingSeed}); the point's own result comes last.
   * A failure gives a FAILED result for {@code p} after the checkpoints evaluated before it.
   */
  public List<PointResult> runAll(GridPoint p, int[] checkpoints) {
    return runAll(p, checkpoints, Double.POSITIVE_INFINITY);
  }

  /**
   * As {@link #runAll(GridPoint, int[])}, within {@code limitSeconds} of wall-clock time (+∞: no limit): a point past
   * it ends with a TIMEOUT result naming the stage it was in (after the checkpoints evaluated before it).
   */
  public List<PointResult> runAll(GridPoint p, int[] checkpoints, double limitSeconds) {
    return runAll(p, checkpoints, PointDeadline.in(limitSeconds));
  }

  /** As {@link #runAll(GridPoint, int[], double)} with a given deadline (tests drive its clock). */
  List<PointResult> runAll(GridPoint p, int[] checkpoints, PointDeadline deadline) {
    List<PointResult> out = new ArrayList<>();
    try {
      runOrThrow(p, checkpoints, deadline, out);
    } catch (PointDeadline.PointTimeoutException e) {
      out.add(unfinished(p, PointStatus.TIMEOUT, e.getMessage()));
    } catch (RuntimeException | OutOfMemoryError e) {
      out.add(unfinished(p, PointStatus.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
    return out;
  }

  private void runOrThrow(GridPoint p, int[] checkpoints, PointDeadline deadline, List<PointResult> out) {
    long t0 = System.nanoTime();
    progress.stage("Monte Carlo");
    IsingDataset data = context.trainingData(p, threads);
    double randomFraction = randomFraction(data);
    double mcSeconds = seconds(t0);
    deadline.check("Monte Carlo");

    long t1 = System.nanoTime();
    TrainingSet training = TrainingSet.of(data.sets());
    Rbm rbm = Rbm.gaussian(p.lattice().sites(), p.nh(), p.training().initSigma(),
        new Xoshiro256PlusPlus(p.trainingSeed("rbm-init")));
    CdTrainer trainer = new CdTrainer(rbm, p.training(), gemm, new Xoshiro256PlusPlus(p.trainingSeed("train")));
    double trainSeconds = 0;
    CdTrainer.Listener epochs = (done, total) -> {
      deadline.check("training, epoch", done, p.training().epochs());
      progress.epoch(done, p.training().epochs());
    };
    int[] stages = java.util.Arrays.copyOf(checkpoints, checkpoints.length + 1);
    stages[checkpoints.length] = p.training().epochs();
    for (int e : stages) {
      progress.stage("training");
      TrainingReport report = trainer.trainTo(training, e, epochs);
      trainSeconds = seconds(t1);
      PointResult r = evaluate(p.withEpochs(e), data, training, rbm, report, randomFraction, mcSeconds, trainSeconds,
          deadline);
      out.add(e == p.training().epochs() ? r : r.asCheckpointOf(p.pointId()));
    }
  }

  /** Flows, thermometers, spectrum and patterns of {@code rbm} as trained for point {@code p}: its rows. */
  private PointResult evaluate(GridPoint p, IsingDataset data, TrainingSet training, Rbm rbm, TrainingReport report,
      double randomFraction, double mcSeconds, double trainSeconds, PointDeadline deadline) {
    Lattice lattice = p.lattice();
    String id = p.pointId();
    long t2 = System.nanoTime();
    progress.stage("flows");
    boolean zeroField = p.fields().length == 1 && p.fields()[0] == 0;
    EnergyThermometer energyThermometer = zeroField ? context.energyThermometer(p) : null;
    TemperatureClassifier classifier = p.analysis().classifierEnabled()
        ? context.classifier(p) : null;
    deadline.check("thermometers");
    RbmFlow flow = new RbmFlow(rbm, lattice, gemm, p.flow().ensemble());
    Xoshiro256PlusPlus startRng = new Xoshiro256PlusPlus(p.streamSeed("flow-start"));
    Xoshiro256PlusPlus flowRng = new Xoshiro256PlusPlus(p.streamSeed("flow"));
    List<FlowRow> flowRows = new ArrayList<>();
    List<FlowResult> results = new ArrayList<>();
    List<FixedPointRow> fixedPoints = new ArrayList<>();
    List<TemperatureClassifier.Estimate> classifierEnds = new ArrayList<>();
    int every = p.analysis().classifierEvery();
    List<FlowStart> starts = p.flow().starts();
    for (FlowStart start : starts) {
      int index = results.size();
      float[] initial = initialEnsemble(start, data, training, p.flow().ensemble(), startRng);
      // classifier estimates (T̂, Ĥ) = mean over the ensemble of the softmax expectations, every few steps
      java.util.Map<Integer, TemperatureClassifier.Estimate> byStep = new java.util.HashMap<>();
      TemperatureClassifier.Estimate[] last = new TemperatureClassifier.Estimate[1];
      String stage = "flow from " + start.label() + ", step";
      RbmFlow.StepObserver observer = new RbmFlow.StepObserver() {
        @Override
        public void onStep(int step, float[] v, int m) {
          deadline.check(stage, step, p.flow().maxSteps());
          progress.flowStep(index, starts.size(), start.label(), step, p.flow().maxSteps());
          if (classifier != null && step % every == 0) {
            byStep.put(step, classifier.estimate(v, m));
          }
        }

        @Override
        public void onEnd(int step, float[] v, int m) {
          if (classifier != null) {
            last[0] = byStep.computeIfAbsent(step, s -> classifier.estimate(v, m));
          }
        }
      };
      FlowResult r = flow.run(start, initial, p.flow(), flowRng, observer);
      results.add(r);
      for (FlowResult.Step s : r.steps()) {
        TemperatureClassifier.Estimate e = byStep.get(s.step());
        flowRows.add(new FlowRow(id, start.label(), s.step(), s.energy(), s.energyErr(), s.magnetization(),
            temperature(energyThermometer, s.energy()), e == null ? Double.NaN : e.temperature(),
            e == null ? Double.NaN : e.field()));
      }
      TemperatureClassifier.Estimate end = last[0];
      classifierEnds.add(end);
      fixedPoints.add(new FixedPointRow(start.label(), r.energy(), r.energyErr(), temperature(energyThermometer, r.energy()),
          end == null ? Double.NaN : end.temperature(), end == null ? Double.NaN : end.field(), r.magnetization(),
          r.convergedAtStep(), r.converged() ? PointStatus.OK : PointStatus.NOT_CONVERGED));
    }
    progress.stage("spectrum");

    int nv = lattice.sites();
    int tested = Math.min(p.nh(), nv);
    WeightSpectrum spectrum = WeightSpectrum.of(rbm.weights(), nv, p.nh(), tested);
    MoranTest moran = new MoranTest(lattice, p.analysis().permutations(), p.analysis().alpha());
    Xoshiro256PlusPlus permRng = new Xoshiro256PlusPlus(p.streamSeed("moran"));
    // non-random = eigenvalue above the permutation null of W's entries, larger ones first (DESIGN §2)
    SpectrumNull.Result nul = new SpectrumNull(nv, p.nh(), nullPermutations(p.analysis()), p.analysis().alpha())
        .of(rbm.weights(), new Xoshiro256PlusPlus(p.streamSeed("spectrum-null")));
    SpectrumEdges edges = SpectrumEdges.sequential(spectrum.eigenvalues(), nv, p.nh(), nul.scaledThreshold(), tested);
    List<PatternRow> patterns = new ArrayList<>();
    for (int r = 0; r < tested; r++) {
      double[] x = spectrum.eigenvectors()[r];
      MoranTest.Result m = moran.test(x, permRng);
      float[] pattern = new float[x.length];
      for (int i = 0; i < x.length; i++) {
        pattern[i] = (float) x[i];
      }
      patterns.add(new PatternRow(id, r, spectrum.eigenvalues()[r], m.moranI(), m.pValue(), edges.above()[r], pattern,
          edges.noiseVariance()[r], edges.edges()[r]));
    }
    int nonrandom = edges.count();

    deadline.check("spectrum and patterns");
    double flowSeconds = seconds(t2);

    FixedPoint fp = fixedPoint(p, results, energyThermometer);
    PointRow row = identity(p).status(fp.status).error(fp.status == PointStatus.OK ? null : fp.reason)
        .fpEnergy(fp.energy).fpEnergyErr(fp.energyErr)
        .fpTemperature(fpTemperature(energyThermometer, fp.energy, classifierEnds, fp.sources))
        .fpTemperatureClassifier(fpClassifier(classifierEnds, fp.sources))
        .fpFieldClassifier(fpClassifierField(classifierEnds, fp.sources))
        .fpMagnetization(fp.magnetization).convergedAtStep(fp.convergedAtStep).fpBracketGap(fp.gap)
        .randomFraction(randomFraction).nNonrandomPatterns(nonrandom).nPatternsTested(patterns.size())
        .reconError(report.reconError()).pseudoLogLikelihood(report.pseudoLogLikelihood())
        .mcSeconds(mcSeconds).trainSeconds(trainSeconds).flowSeconds(flowSeconds).build();
    return new PointResult(row, fixedPoints, flowRows,
        new SpectrumRow(id, lattice.sites(), p.nh(), p.nTemp(), p.seed(), spectrum.eigenvalues()), patterns);
  }

  /** A points row with the point's identity, parameters, backend, code version and time filled in. */
  private PointRow.Builder identity(GridPoint p) {
    Lattice lattice = p.lattice();
    return PointRow.builder().pointId(p.pointId()).sweep(p.sweep()).dim(lattice.dim()).l(lattice.l())
        .nV(lattice.sites()).nH(p.nh()).nTemp(p.nTemp()).tStep(p.tStep()).hValues(p.fields())
        .configsPerTemp(p.configsPerTemp()).seed(p.seed()).epochs(p.training().epochs())
        .learningRate(p.training().learningRate()).cdK(p.training().cdK()).batchSize(p.training().batchSize())
        .backend(gemm.name()).codeVersion(Version.code()).finishedAt(Instant.now().toEpochMilli())
        .estimatedSeconds(estimate.applyAsDouble(p)).settings(PointResult.settingsOf(p));
  }

  /** The most shuffles of the spectrum null, whatever α: each costs an eigenvalue problem. */
  static final int MAX_NULL_PERMUTATIONS = 9_999;

  /**
   * Shuffles P of the spectrum null, from α alone (Moran's I has the analysis' permutations): P = ⌈2/α⌉ − 1 (199 at
   * α = 0.01), at most {@link #MAX_NULL_PERMUTATIONS}. With P + 1 ≥ 2/α the threshold is the largest shuffle and the
   * false-positive rate 1/(P + 1) ≈ α/2 ({@link SpectrumNull#falsePositiveRate}); below α = 2·10⁻⁴ the cap leaves
   * it at ⌈α(P + 1)⌉ − 1 over P + 1 (0: no pattern is ever non-random).
   */
  static int nullPermutations(AnalysisSettings a) {
    return (int) Math.min(MAX_NULL_PERMUTATIONS, Math.ceil(2 / a.alpha() - 1e-9) - 1);
  }

  /** Fraction of training configurations whose energy lies within ±1σ of the infinite-temperature distribution. */
  static double randomFraction(IsingDataset data) {
    long random = 0;
    long total = 0;
    for (SampleSet s : data.sets()) {
      double field = s.field();
      for (int i = 0; i < s.count(); i++) {
        // E/N of the bonds alone: add back the field term of the stored energy
        double e = s.energy()[i] + field * s.magnetization()[i];
        if (Observables.isRandomEnergy(data.lattice(), e)) {
          random++;
        }
      }
      total += s.count();
    }
    return (double) random / total;
  }

  /** Fixed-point temperature: the energy thermometer at H = 0, else the classifier's mean over the sources. */
  private static double fpTemperature(EnergyThermometer th, double energy, List<TemperatureClassifier.Estimate> ends,
      int[] sources) {
    return th != null ? temperature(th, energy) : fpClassifier(ends, sources);
  }

  /** Mean of the classifier's end temperature estimates over the flows that define the fixed point. */
  private static double fpClassifier(List<TemperatureClassifier.Estimate> ends, int[] sources) {
    return meanOfEnds(ends, sources, TemperatureClassifier.Estimate::temperature);
  }

  /** Mean of the classifier's end field estimates Ĥ over the flows that define the fixed point. */
  private static double fpClassifierField(List<TemperatureClassifier.Estimate> ends, int[] sources) {
    return meanOfEnds(ends, sources, TemperatureClassifier.Estimate::field);
  }

  private static double meanOfEnds(List<TemperatureClassifier.Estimate> ends, int[] sources,
      java.util.function.ToDoubleFunction<TemperatureClassifier.Estimate> value) {
    double sum = 0;
    for (int k : sources) {
      if (ends.get(k) == null) {
        return Double.NaN;
      }
      sum += value.applyAsDouble(ends.get(k));
    }
    return sum / sources.length;
  }

  private static double temperature(EnergyThermometer th, double energy) {
    return th == null || Double.isNaN(energy) ? Double.NaN : th.estimate(energy).temperature();
  }

  /** The start ensemble of M configurations as ±1 floats (M×N_v). */
  static float[] initialEnsemble(FlowStart start, IsingDataset data, TrainingSet training, int m, Xoshiro256PlusPlus rng) {
    int nv = training.sites();
    float[] v = new float[m * nv];
    switch (start.kind()) {
      case RANDOM -> {
        for (int k = 0; k < v.length; k++) {
          v[k] = (rng.nextLong() & 1L) == 0 ? -1f : 1f;
        }
      }
      case DATA -> {
        for (int r = 0; r < m; r++) {
          training.unpack(rng.nextInt(training.size()), v, r * nv);
        }
      }
      case TEMPERATURE -> {
        double t = MonteCarlo.canonical(start.temperature());
        List<SampleSet> atT = data.sets().stream().filter(s -> s.temperature() == t).toList();
        if (atT.isEmpty()) {
          throw new IllegalArgumentException("no training data at T=" + t + " for flow start " + start.label());
        }
        int available = atT.stream().mapToInt(SampleSet::count).sum();
        for (int r = 0; r < m; r++) {
          // the first M configurations at T (cycling over the fields), repeating only when M exceeds them
          int g = r % available;
          int k = 0;
          while (g >= atT.get(k).count()) {
            g -= atT.get(k).count();
            k++;
          }
          atT.get(k).spins().unpack(g, v, r * nv);
        }
      }
      default -> throw new IllegalStateException(start.kind().toString());
    }
    return v;
  }

  /** The fixed point and the indices (into the flow results) of the flows it comes from. */
  private record FixedPoint(PointStatus status, String reason, double energy, double energyErr, double magnetization,
      int convergedAtStep, double gap, int[] sources) {}

  /**
   * The point's fixed point. When the starts include the lowest and the highest training temperature, the
   * fixed point is bracketed (DESIGN §2): energy = mean of the two ends, gap = E(high) − E(low), and the point is
   * OK only if both converged and |gap| ≤ max(tolerance, 2·√(σ_low² + σ_high²)). Otherwise the first start's
   * flow is the fixed point.
   */
  private static FixedPoint fixedPoint(GridPoint p, List<FlowResult> results, EnergyThermometer th) {
    FlowResult low = null;
    FlowResult high = null;
    int lowIndex = -1;
    int highIndex = -1;
    double tMax = MonteCarlo.canonical((p.nTemp() - 1) * p.tStep());
    for (int k = 0; k < results.size(); k++) {
      FlowResult r = results.get(k);
      if (r.start().kind() == FlowStart.Kind.TEMPERATURE) {
        double t = MonteCarlo.canonical(r.start().temperature());
        if (t == 0) {
          low = r;
          lowIndex = k;
        } else if (t == tMax) {
          high = r;
          highIndex = k;
        }
      }
    }
    int[] pair = {lowIndex, highIndex};
    if (low != null && high != null && low != high) {
      double gap = high.energy() - low.energy();
      double err = Math.sqrt(low.energyErr() * low.energyErr() + high.energyErr() * high.energyErr());
      double energy = 0.5 * (low.energy() + high.energy());
      double magnetization = 0.5 * (low.magnetization() + high.magnetization());
      int at = Math.max(low.convergedAtStep(), high.convergedAtStep());
      if (!low.converged() || !high.converged()) {
        return new FixedPoint(PointStatus.NOT_CONVERGED, "flow from " + (low.converged() ? high : low).start().label()
            + " did not pass the window test within " + p.flow().maxSteps() + " steps", energy, 0.5 * err, magnetization,
            -1, gap, pair);
      }
      if (Math.abs(gap) > Math.max(p.flow().tolerance(), 2 * err)) {
        return new FixedPoint(PointStatus.NOT_CONVERGED, String.format("flows from %s and %s end %.4f apart (±%.4f)",
            low.start().label(), high.start().label(), gap, err), energy, 0.5 * err, magnetization, -1, gap, pair);
      }
      return new FixedPoint(PointStatus.OK, null, energy, 0.5 * err, magnetization, at, gap, pair);
    }
    FlowResult r = results.get(0);
    return new FixedPoint(r.converged() ? PointStatus.OK : PointStatus.NOT_CONVERGED,
        r.converged() ? null : "flow from " + r.start().label() + " did not pass the window test within "
            + p.flow().maxSteps() + " steps", r.energy(), r.energyErr(), r.magnetization(), r.convergedAtStep(), Double.NaN,
        new int[] {0});
  }

  /** The row of a point that did not finish: FAILED (it threw) or TIMEOUT (past its limit), with the reason. */
  private PointResult unfinished(GridPoint p, PointStatus status, String reason) {
    double nan = Double.NaN;
    PointRow row = identity(p).status(status).error(reason)
        .fpEnergy(nan).fpEnergyErr(nan).fpTemperature(nan).fpTemperatureClassifier(nan).fpFieldClassifier(nan)
        .fpMagnetization(nan).convergedAtStep(-1).fpBracketGap(nan).randomFraction(nan).reconError(nan)
        .pseudoLogLikelihood(nan).mcSeconds(nan).trainSeconds(nan).flowSeconds(nan).build();
    return new PointResult(row, List.of(), List.of(), null, List.of());
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
