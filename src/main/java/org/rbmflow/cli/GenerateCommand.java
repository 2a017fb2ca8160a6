package org.rbmflow.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.rbmflow.ising.DatasetGenerator;
import org.rbmflow.ising.IsingDataset;
import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.McSettings;
import org.rbmflow.ising.MonteCarlo;
import org.rbmflow.ising.ObservableSummary;
import org.rbmflow.ising.Observables;
import org.rbmflow.ising.SampleSet;
import org.rbmflow.spark.GeneratedDataWriter;
import org.rbmflow.spark.OutputLocation;
import org.rbmflow.spark.Ownership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rbmflow generate}: Monte Carlo configurations over a (T, H) grid, their observables, optionally Parquet. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Generate Ising configurations by Metropolis Monte Carlo (64 replicas per machine word, checkerboard order)",
        "and print one row of observables per (T, H). Energies and magnetizations are per spin, J = 1.",
        "Each (T, H) starts ordered, thermalises, measures tau_int, then samples every max(1, ceil(2 tau_int)) sweeps."})
public final class GenerateCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(GenerateCommand.class);

  /** Columns printed per (T, H), in order. */
  public static final List<String> COLUMNS = List.of("t", "h", "configs", "energy", "energy_err", "magnetization",
      "magnetization_err", "abs_magnetization", "specific_heat", "specific_heat_err", "acceptance", "tau_int",
      "decor_sweeps", "random_fraction");

  enum Format { table, csv }

  @Spec
  CommandSpec spec;

  @Option(names = "--dim", description = "1 (ring) or 2 (square torus). Default: ${DEFAULT-VALUE}.", defaultValue = "2")
  int dim;

  @Option(names = "--l", description = "Side length, 2..128 in 2D (N_v = l^2), 2..16384 in 1D (N_v = l). Default: ${DEFAULT-VALUE}.",
      defaultValue = "10")
  int l;

  @Option(names = "--temps", defaultValue = "0:6:0.25",
      description = "Temperatures, 0 <= T <= 1000: list 0,0.5,2.269 or range start:end:step. Default: ${DEFAULT-VALUE}.")
  String temps;

  @Option(names = "--fields", defaultValue = "0",
      description = "Fields H, |H| <= 100, same forms. Default: ${DEFAULT-VALUE}.")
  String fields;

  @Option(names = "--configs", defaultValue = "1000",
      description = "Configurations per (T, H), 1..1000000. Default: ${DEFAULT-VALUE}.")
  int configs;

  @Option(names = "--seed", defaultValue = "1", description = "Master seed (any 64-bit integer). Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--therm-sweeps", defaultValue = "1000",
      description = "Thermalisation sweeps before the tau_int probe, 0..10000000 (extended to 20 tau_int if needed). Default: ${DEFAULT-VALUE}.")
  int thermSweeps;

  @Option(names = "--probe-sweeps", defaultValue = "1000",
      description = "Sweeps over which tau_int is measured, 0..10000000 (>= 100 with auto spacing). Default: ${DEFAULT-VALUE}.")
  int probeSweeps;

  @Option(names = "--decor-sweeps", defaultValue = "auto",
      description = "Sweeps between samples of one replica: 'auto' (ceil(2 tau_int)) or 1..10000000. Default: ${DEFAULT-VALUE}.")
  String decorSweeps;

  @Option(names = "--max-decor-sweeps", defaultValue = "10000",
      description = "Cap on the automatic spacing, 1..10000000. Default: ${DEFAULT-VALUE}.")
  int maxDecorSweeps;

  @Option(names = "--threads", description = "Worker threads (each (T, H) is one task), 1..4096. Default: all cores.")
  Integer threads;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Write Parquet tables DIR/configurations (bit-packed spins with t, h) and DIR/observables. "
          + "Local path or Hadoop URI (file:, hdfs:, s3a:).")
  String out;

  @Option(names = "--overwrite", description = "Replace an earlier output of this command in --out (only its own entries; a directory holding other files is refused).")
  boolean overwrite;

  @Option(names = "--format", defaultValue = "table", description = "Output on stdout: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  Format format;

  /** The validated request. */
  record Request(Lattice lattice, double[] temps, double[] fields, int configs, long seed, McSettings settings,
      int threads, OutputLocation out) {}

  Request validate() {
    Problems p = new Problems(Map.of("dim", "--dim", "l", "--l", "thermSweeps", "--therm-sweeps",
        "probeSweeps", "--probe-sweeps", "decorSweeps", "--decor-sweeps", "maxDecorSweeps", "--max-decor-sweeps"));
    Lattice lattice = p.check(() -> new Lattice(dim, l));
    double[] ts = parseList(p, "--temps", temps);
    double[] hs = parseList(p, "--fields", fields);
    checkValues(p, "--temps", ts, 0, MonteCarlo.MAX_TEMPERATURE, "temperatures 0 ≤ T ≤ " + MonteCarlo.MAX_TEMPERATURE);
    checkValues(p, "--fields", hs, -MonteCarlo.MAX_FIELD, MonteCarlo.MAX_FIELD,
        "fields −" + MonteCarlo.MAX_FIELD + " ≤ H ≤ " + MonteCarlo.MAX_FIELD);
    p.configs(configs);
    int decor = 0;
    if (!"auto".equals(decorSweeps)) {
      try {
        decor = Integer.parseInt(decorSweeps.trim());
        if (decor < 1) {
          p.add("--decor-sweeps", decorSweeps, "'auto' or an integer in [1, " + McSettings.MAX_SWEEPS + "]");
          decor = 1;
        }
      } catch (NumberFormatException e) {
        p.add("--decor-sweeps", decorSweeps, "'auto' or an integer in [1, " + McSettings.MAX_SWEEPS + "]");
        decor = 1;
      }
    }
    int d = decor;
    McSettings settings = p.check(() -> new McSettings(thermSweeps, probeSweeps, d, maxDecorSweeps));
    int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    p.intInRange("--threads", nThreads, 1, 4096);
    long total = (long) ts.length * hs.length * configs;
    if (lattice != null && total * lattice.words() * 8L > Runtime.getRuntime().maxMemory() / 2) {
      p.add("--configs × --temps × --fields needs " + (total * lattice.words() * 8L >> 20) + " MiB of bit-packed spins, "
          + "more than half the heap (" + (Runtime.getRuntime().maxMemory() >> 20) + " MiB); use fewer or raise -Xmx (JAVA_OPTS)");
    }
    OutputLocation location = null;
    if (out != null) {
      try {
        location = OutputLocation.checkWritable(out, overwrite, Ownership.Kind.GENERATE);
      } catch (IllegalArgumentException e) {
        p.add("--out: " + e.getMessage());
      }
    }
    p.throwIfAny();
    return new Request(lattice, ts, hs, configs, seed, settings, nThreads, location);
  }

  private static double[] parseList(Problems p, String option, String text) {
    try {
      return NumberList.parse(text);
    } catch (IllegalArgumentException e) {
      p.add(option + ": " + e.getMessage());
      return new double[0];
    }
  }

  private static void checkValues(Problems p, String option, double[] values, double min, double max, String allowed) {
    Set<Double> seen = new HashSet<>();
    for (double v : values) {
      if (v < min || v > max) {
        p.add(option, v, allowed);
      } else if (!seen.add(MonteCarlo.canonical(v))) {
        p.add(option + ": " + v + " is listed twice; expected distinct values");
      }
    }
  }

  @Override
  public Integer call() throws Exception {
    Request r = validate();
    LOG.info("generating {} configurations at each of {} temperatures x {} fields on a {} with {} threads",
        r.configs(), r.temps().length, r.fields().length, r.lattice(), r.threads());
    long t0 = System.nanoTime();
    IsingDataset data = DatasetGenerator.generate(r.lattice(), r.temps(), r.fields(), r.seed(), r.configs(),
        r.settings(), r.threads(), (set, done, total) -> LOG.info("T={} H={} done ({}/{}), tau_int={} sweeps, spacing {}",
            set.temperature(), set.field(), done, total, String.format("%.2f", set.tauIntEnergy()), set.decorSweeps()));
    List<ObservableSummary> rows = new ArrayList<>();
    for (SampleSet s : data.sets()) {
      rows.add(Observables.summarise(s));
    }
    LOG.info("Monte Carlo finished in {} s", String.format("%.2f", (System.nanoTime() - t0) / 1e9));
    if (r.out() != null) {
      GeneratedDataWriter.write(r.out(), data, rows);
      LOG.info("wrote {}/configurations and {}/observables", r.out().uri(), r.out().uri());
    }
    PrintWriter o = spec.commandLine().getOut();
    if (format == Format.csv) {
      printCsv(o, rows);
    } else {
      printTable(o, rows);
    }
    o.flush();
    return 0;
  }

  static double[] values(ObservableSummary s) {
    return new double[] {s.temperature(), s.field(), s.configs(), s.energy(), s.energyErr(), s.magnetization(),
        s.magnetizationErr(), s.absMagnetization(), s.specificHeat(), s.specificHeatErr(), s.acceptance(), s.tauInt(),
        s.decorSweeps(), s.randomFraction()};
  }

  static void printCsv(PrintWriter o, List<ObservableSummary> rows) {
    o.println(String.join(",", COLUMNS));
    for (ObservableSummary s : rows) {
      double[] v = values(s);
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < v.length; i++) {
        if (i > 0) {
          line.append(',');
        }
        line.append(i == 2 || i == 12 ? Long.toString((long) v[i]) : Double.toString(v[i]));
      }
      o.println(line);
    }
  }

  static void printTable(PrintWriter o, List<ObservableSummary> rows) {
    StringBuilder head = new StringBuilder();
    int[] width = new int[COLUMNS.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = Math.max(10, COLUMNS.get(i).length()) + 1;
      head.append(String.format("%" + width[i] + "s", COLUMNS.get(i)));
    }
    o.println(head);
    for (ObservableSummary s : rows) {
      double[] v = values(s);
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < v.length; i++) {
        line.append(i == 2 || i == 12 ? String.format("%" + width[i] + "d", (long) v[i])
            : String.format("%" + width[i] + ".5f", v[i]));
      }
      o.println(line);
    }
  }
}
