package org.rbmflow.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.McSettings;
import org.rbmflow.ising.MonteCarlo;
import org.rbmflow.linalg.Linalg;
import org.rbmflow.rbm.FlowConfig;
import org.rbmflow.rbm.FlowStart;
import org.rbmflow.rbm.TrainingConfig;
import org.rbmflow.spark.OutputLocation;
import org.rbmflow.spark.Ownership;
import org.rbmflow.spark.PointTables;
import org.rbmflow.sweep.AnalysisSettings;
import org.rbmflow.sweep.GridPoint;
import org.rbmflow.sweep.PointResult;
import org.rbmflow.sweep.PointResult.FixedPointRow;
import org.rbmflow.sweep.PointRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rbmflow point}: one grid point end to end (Monte Carlo, training, flows, thermometers, spectrum). */
@Command(name = "point", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Run one grid point without Spark: Monte Carlo data at T = 0, dT, ..., dT (n_temp - 1) x fields, a +-1 RBM",
        "trained by CD-k, RBM flows from each start to their fixed point, both thermometers, and the WW^T spectrum.",
        "Prints a summary; --format csv prints the flow fixed points as CSV; --out writes the result tables."})
public final class PointCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(PointCommand.class);

  /** Columns of {@code --format csv}. */
  public static final List<String> CSV_COLUMNS = List.of("start", "energy", "energy_err", "temperature",
      "temperature_classifier", "magnetization", "converged_at_step", "status", "epochs");

  enum Format { table, csv }

  @Spec
  CommandSpec spec;

  @Option(names = "--dim", defaultValue = "2", description = "1 (ring) or 2 (torus). Default: ${DEFAULT-VALUE}.")
  int dim;
  @Option(names = "--l", defaultValue = "10", description = "Side; N_v = l^2 in 2D, l in 1D. Default: ${DEFAULT-VALUE}.")
  int l;
  @Option(names = "--n-h", defaultValue = "16", description = "Hidden units N_h, 1..65536. Default: ${DEFAULT-VALUE}.")
  int nh;
  @Option(names = "--n-temp", defaultValue = "25", description = "Temperatures T = 0, dT, ..., 1..100000. Default: ${DEFAULT-VALUE}.")
  int nTemp;
  @Option(names = "--t-step", defaultValue = "0.25", description = "dT > 0. Default: ${DEFAULT-VALUE}.")
  double tStep;
  @Option(names = "--fields", defaultValue = "0", description = "Fields H: list or start:end:step. Default: ${DEFAULT-VALUE}.")
  String fields;
  @Option(names = "--configs", defaultValue = "500", description = "Configurations per (T, H). Default: ${DEFAULT-VALUE}.")
  int configs;
  @Option(names = "--seed", defaultValue = "1", description = "Master seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--therm-sweeps", defaultValue = "1000", description = "Monte Carlo thermalisation sweeps. Default: ${DEFAULT-VALUE}.")
  int thermSweeps;
  @Option(names = "--probe-sweeps", defaultValue = "1000", description = "Sweeps measuring tau_int. Default: ${DEFAULT-VALUE}.")
  int probeSweeps;

  @Option(names = "--epochs", defaultValue = "200", description = "Training epochs, 1..1000000. Default: ${DEFAULT-VALUE}.")
  int epochs;
  @Option(names = "--lr", defaultValue = "0.01", description = "Learning rate, (0, 100]. Default: ${DEFAULT-VALUE}.")
  double lr;
  @Option(names = "--cd-k", defaultValue = "1", description = "Gibbs steps of CD-k, 1..1000. Default: ${DEFAULT-VALUE}.")
  int cdK;
  @Option(names = "--batch", defaultValue = "100", description = "Minibatch size, 1..100000, or full (one update "
      + "per epoch over the whole training set). Default: ${DEFAULT-VALUE}.")
  String batch;
  @Option(names = "--checkpoints", paramLabel = "E1,E2,...", description = "Epochs at which the RBM as it stands is "
      + "also evaluated (flows, thermometers, spectrum), each giving the rows of the point trained to that many epochs: "
      + "increasing, each in [1, --epochs). Default: none.")
  String checkpoints;
  @Option(names = "--momentum", defaultValue = "0", description = "Momentum in [0, 1). Default: ${DEFAULT-VALUE}.")
  double momentum;
  @Option(names = "--weight-decay", defaultValue = "0", description = "L2 weight decay in [0, 1]. Default: ${DEFAULT-VALUE}.")
  double weightDecay;
  @Option(names = "--pcd", description = "Persistent chains (PCD) instead of CD-k restarts.")
  boolean pcd;
  @Option(names = "--init-sigma", defaultValue = "0.01", description = "Initial weight std, [0, 10]. Default: ${DEFAULT-VALUE}.")
  double initSigma;
  @Option(names = "--monitor", defaultValue = "0", description = "Log reconstruction error and PLL every N epochs (0 = off). Default: ${DEFAULT-VALUE}.")
  int monitor;

  @Option(names = "--flow-starts", defaultValue = "T=min,T=max",
      description = "Comma-separated starts: data, random, T=<value>, T=min, T=max. Default: ${DEFAULT-VALUE}.")
  String flowStarts;
  @Option(names = "--flow-ensemble", defaultValue = "1000", description = "Configurations per flow, 2..100000. Default: ${DEFAULT-VALUE}.")
  int flowEnsemble;
  @Option(names = "--flow-steps", defaultValue = "2000", description = "Maximum flow steps (>= 2 windows). Default: ${DEFAULT-VALUE}.")
  int flowSteps;
  @Option(names = "--flow-window", defaultValue = "50", description = "Steps per window of the fixed-point test. Default: ${DEFAULT-VALUE}.")
  int flowWindow;
  @Option(names = "--flow-tolerance", defaultValue = "0.002", description = "Energy tolerance of the fixed-point test. Default: ${DEFAULT-VALUE}.")
  double flowTolerance;

  @Option(names = "--calibration-step", defaultValue = "0.05", description = "T spacing of the E(T) calibration. Default: ${DEFAULT-VALUE}.")
  double calibrationStep;
  @Option(names = "--calibration-max-t", defaultValue = "8", description = "Highest calibration T. Default: ${DEFAULT-VALUE}.")
  double calibrationMaxT;
  @Option(names = "--calibration-configs", defaultValue = "400", description = "Configurations per calibration T. Default: ${DEFAULT-VALUE}.")
  int calibrationConfigs;
  @Option(names = "--classifier-step", defaultValue = "0.25", description = "T spacing of the classifier's classes (0 = off). Default: ${DEFAULT-VALUE}.")
  double classifierStep;
  @Option(names = "--classifier-configs", defaultValue = "400", description = "Labelled configurations per class. Default: ${DEFAULT-VALUE}.")
  int classifierConfigs;
  @Option(names = "--classifier-epochs", defaultValue = "20", description = "Classifier training epochs. Default: ${DEFAULT-VALUE}.")
  int classifierEpochs;
  @Option(names = "--permutations", defaultValue = "999", description = "Moran's-I permutations per eigenvector. Default: ${DEFAULT-VALUE}.")
  int permutations;
  @Option(names = "--alpha", defaultValue = "0.01", description = "Significance of the pattern test. Default: ${DEFAULT-VALUE}.")
  double alpha;

  @Option(names = "--threads", description = "Monte Carlo threads. Default: all cores.")
  Integer threads;
  @Option(names = "--out", paramLabel = "DIR", description = "Write the tables points/, flows/, spectra/, patterns/ under DIR.")
  String out;
  @Option(names = "--overwrite", description = "Replace an earlier output of this command in --out (only its own entries; a directory holding other files is refused).")
  boolean overwrite;
  @Option(names = "--format", defaultValue = "table", description = "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  Format format;

  /** Option names of the core's field names, for messages. */
  static final Map<String, String> OPTION_OF = new HashMap<>(Map.ofEntries(
      Map.entry("dim", "--dim"), Map.entry("l", "--l"), Map.entry("n_h", "--n-h"), Map.entry("n_temp", "--n-temp"),
      Map.entry("t_step", "--t-step"), Map.entry("fields", "--fields"), Map.entry("configs_per_temp", "--configs"),
      Map.entry("thermSweeps", "--therm-sweeps"), Map.entry("probeSweeps", "--probe-sweeps"),
      Map.entry("epochs", "--epochs"), Map.entry("learning_rate", "--lr"), Map.entry("batch_size", "--batch"),
      Map.entry("cd_k", "--cd-k"), Map.entry("momentum", "--momentum"), Map.entry("weight_decay", "--weight-decay"),
      Map.entry("init_sigma", "--init-sigma"), Map.entry("monitor_every", "--monitor"),
      Map.entry("flow_starts", "--flow-starts"), Map.entry("flow_start", "--flow-starts"),
      Map.entry("flow_ensemble", "--flow-ensemble"), Map.entry("flow_steps", "--flow-steps"),
      Map.entry("flow_window", "--flow-window"), Map.entry("flow_tolerance", "--flow-tolerance"),
      Map.entry("calibration_step", "--calibration-step"), Map.entry("calibration_max_t", "--calibration-max-t"),
      Map.entry("calibration_configs", "--calibration-configs"), Map.entry("classifier_step", "--classifier-step"),
      Map.entry("classifier_configs", "--classifier-configs"), Map.entry("classifier_epochs", "--classifier-epochs"),
      Map.entry("permutations", "--permutations"), Map.entry("alpha", "--alpha")));

  GridPoint validate(Problems p) {
    Lattice lattice = p.check(() -> new Lattice(dim, l));
    double[] hs = new double[0];
    try {
      hs = NumberList.parse(fields);
      for (double h : hs) {
        if (Math.abs(h) > MonteCarlo.MAX_FIELD) {
          p.add("--fields", h, "fields |H| ≤ " + MonteCarlo.MAX_FIELD);
        }
      }
      if (Arrays.stream(hs).map(MonteCarlo::canonical).distinct().count() != hs.length) {
        p.add("--fields: " + fields + " lists a value twice; expected distinct values");
      }
    } catch (IllegalArgumentException e) {
      p.add("--fields: " + e.getMessage());
    }
    McSettings mc = p.check(() -> new McSettings(thermSweeps, probeSweeps, 0, 10_000));
    Integer batchSize = batchSize(batch, p);
    TrainingConfig training = batchSize == null ? null : p.check(() -> new TrainingConfig(epochs, lr, batchSize, cdK,
        momentum, weightDecay, pcd, initSigma, monitor));
    if (!p.temperatureGrid(nTemp, tStep)) {
      p.throwIfAny();
    }
    double tMax = MonteCarlo.canonical((nTemp - 1) * tStep);
    List<FlowStart> starts = new ArrayList<>();
    for (String s : flowStarts.split(",", -1)) {
      String t = s.trim();
      FlowStart f = t.equalsIgnoreCase("T=min") ? new FlowStart(FlowStart.Kind.TEMPERATURE, 0)
          : t.equalsIgnoreCase("T=max") ? p.check(() -> new FlowStart(FlowStart.Kind.TEMPERATURE, Math.max(0, tMax)))
          : p.check(() -> FlowStart.parse(t));
      if (f != null) {
        starts.add(f);
      }
    }
    FlowConfig flow = p.check(() -> new FlowConfig(starts, flowEnsemble, flowSteps, flowWindow, flowTolerance));
    AnalysisSettings analysis = p.check(() -> new AnalysisSettings(calibrationStep, calibrationMaxT, calibrationConfigs,
        classifierStep, classifierConfigs, classifierEpochs, 10, permutations, alpha));
    if (threads != null) {
      p.intInRange("--threads", threads, 1, 4096);
    }
    if (lattice == null || mc == null || training == null || flow == null || analysis == null || hs.length == 0) {
      p.throwIfAny();
    }
    double[] h = hs;
    return p.check(() -> new GridPoint("point", lattice, nh, nTemp, tStep, h, configs, seed, mc, training, flow, analysis));
  }

  /** The --checkpoints epochs: increasing integers in [1, --epochs); none when the option is absent. */
  private int[] checkpoints(GridPoint point, Problems p) {
    if (checkpoints == null || point == null) {
      return new int[0];
    }
    String allowed = "increasing integers in [1, " + (point.training().epochs() - 1) + "] (below --epochs), "
        + "comma-separated";
    int[] out;
    try {
      out = Arrays.stream(checkpoints.split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
    } catch (NumberFormatException e) {
      p.add("--checkpoints", "'" + checkpoints + "'", allowed);
      return new int[0];
    }
    for (int k = 0; k < out.length; k++) {
      if (out[k] < 1 || out[k] >= point.training().epochs() || (k > 0 && out[k] <= out[k - 1])) {
        p.add("--checkpoints", "'" + checkpoints + "'", allowed);
        return new int[0];
      }
    }
    return out;
  }

  /** {@code full} → {@link TrainingConfig#FULL_BATCH}, an integer → itself (range checked by the config). */
  static Integer batchSize(String value, Problems p) {
    if ("full".equals(value)) {
      return TrainingConfig.FULL_BATCH;
    }
    try {
      int b = Integer.parseInt(value.strip());
      if (b != TrainingConfig.FULL_BATCH) {
        return b;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    p.add("--batch", "'" + value + "'", "full (one update per epoch) or an integer in [1, 100000]");
    return null;
  }

  @Override
  public Integer call() throws Exception {
    Problems problems = new Problems(OPTION_OF);
    GridPoint point = validate(problems);
    int[] stages = checkpoints(point, problems);
    OutputLocation location = null;
    if (out != null) {
      try {
        location = OutputLocation.checkWritable(out, overwrite, Ownership.Kind.POINT);
      } catch (IllegalArgumentException e) {
        problems.add("--out: " + e.getMessage());
      }
    }
    problems.throwIfAny();
    int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    LOG.info("running {}", point);
    List<PointResult> results = new PointRunner(Linalg.best(), nThreads).runAll(point, stages);
    PointResult result = results.get(results.size() - 1);
    if (location != null) {
      Path staging = location.begin();
      try {
        for (PointResult r : results) {
          PointTables.write(staging, r, location.conf());
        }
        location.commit(staging);
      } catch (Exception e) {
        location.abort(staging);
        throw e;
      }
      LOG.info("wrote the tables under {}", location.uri());
    }
    PrintWriter o = spec.commandLine().getOut();
    if (format == Format.csv) {
      o.println(String.join(",", CSV_COLUMNS));
      for (PointResult r : results) {
        for (FixedPointRow f : r.fixedPoints()) {
          o.println(String.join(",", f.start(), num(f.energy()), num(f.energyErr()), num(f.temperature()),
              num(f.temperatureClassifier()), num(f.magnetization()), Integer.toString(f.convergedAtStep()),
              f.status().name(), Integer.toString(r.point().epochs())));
        }
      }
    } else {
      for (PointResult r : results) {
        printSummary(o, r);
      }
    }
    o.flush();
    return result.point().status() == PointResult.Status.FAILED ? Main.EXIT_FAILED : Main.EXIT_OK;
  }

  private static String num(double x) {
    return Double.toString(x);
  }

  static void printSummary(PrintWriter o, PointResult r) {
    PointResult.PointRow p = r.point();
    o.printf(Locale.ROOT, "point %s  (%s, N_v=%d, N_h=%d, N_temp=%d, dT=%s, H=%s, %d configs/T, seed %d)%n", p.pointId(),
        p.dim() == 2 ? p.l() + "x" + p.l() : "ring " + p.l(), p.nV(), p.nH(), p.nTemp(), p.tStep(),
        Arrays.toString(p.hValues()), p.configsPerTemp(), p.seed());
    o.printf(Locale.ROOT, "status %s%s%n", p.status(), p.error() == null ? "" : ": " + p.error());
    if (p.status() == PointResult.Status.FAILED) {
      return;
    }
    o.printf(Locale.ROOT, "training: %d epochs, %.1f s, reconstruction error %.4f, pseudo-log-likelihood %.3f, backend %s%n",
        p.epochs(), p.trainSeconds(), p.reconError(), p.pseudoLogLikelihood(), p.backend());
    o.printf(Locale.ROOT, "data: random-configuration fraction %.4f; Monte Carlo %.1f s%n", p.randomFraction(), p.mcSeconds());
    o.println("flow fixed points:");
    o.printf(Locale.ROOT, "  %-12s %22s %12s %14s %8s %10s %s%n", "start", "energy/spin", "T(energy)", "T(classifier)",
        "m", "converged", "status");
    for (FixedPointRow f : r.fixedPoints()) {
      o.printf(Locale.ROOT, "  %-12s %10.5f ± %-9.5f %12.4f %14.4f %8.4f %10s %s%n", f.start(), f.energy(), f.energyErr(),
          f.temperature(), f.temperatureClassifier(), f.magnetization(),
          f.convergedAtStep() < 0 ? "no" : "step " + f.convergedAtStep(), f.status());
    }
    o.printf(Locale.ROOT, "fixed point: E = %.5f ± %.5f, T = %.4f (energy), %.4f (classifier), bracket gap %.5f%n",
        p.fpEnergy(), p.fpEnergyErr(), p.fpTemperature(), p.fpTemperatureClassifier(), p.fpBracketGap());
    double[] ev = r.spectrum().eigenvalues();
    StringBuilder top = new StringBuilder();
    for (int k = 0; k < Math.min(8, ev.length); k++) {
      top.append(String.format(Locale.ROOT, " %.4g", ev[k]));
    }
    o.println("top eigenvalues of WW^T:" + top);
    o.printf(Locale.ROOT, "non-random patterns: %d of %d (Moran's I, p < alpha)%n", p.nNonrandomPatterns(), p.nPatternsTested());
    o.printf(Locale.ROOT, "time: Monte Carlo %.1f s, training %.1f s, flows %.1f s%n", p.mcSeconds(), p.trainSeconds(),
        p.flowSeconds());
  }
}
