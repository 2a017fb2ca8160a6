package org.rbmflow.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rbmflow.service.GenerateService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rbmflow generate}: Monte Carlo configurations over a (T, H) grid, their observables, optionally Parquet. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Generate Ising configurations by Metropolis Monte Carlo and print their observables.",
    description = {
        "Generate Ising configurations by Metropolis Monte Carlo (64 replicas per machine word, checkerboard order)",
        "and print one row of observables per (T, H). Energies and magnetizations are per spin, J = 1.",
        "Each (T, H) starts ordered, thermalises, measures tau_int, then samples every max(1, ceil(2 tau_int)) sweeps."})
public final class GenerateCommand implements Callable<Integer> {
  /** Columns printed per (T, H), in order. */
  public static final List<String> COLUMNS = GenerateService.COLUMNS;

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

  /** The request the options describe, or a {@link UsageException} listing every problem with them. */
  GenerateService.Request validate() {
    Problems p = new Problems(Map.of());
    double[] ts = parseList(p, "--temps", temps);
    double[] hs = parseList(p, "--fields", fields);
    p.configs(configs);
    int decor = 0;
    if (!"auto".equals(decorSweeps)) {
      String allowed = "'auto' or an integer in [1, " + GenerateService.MAX_SWEEPS + "]";
      try {
        decor = Integer.parseInt(decorSweeps.trim());
        if (decor < 1) {
          p.add("--decor-sweeps", decorSweeps, allowed);
          decor = 1;
        }
      } catch (NumberFormatException e) {
        p.add("--decor-sweeps", decorSweeps, allowed);
        decor = 1;
      }
    }
    int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    p.intInRange("--threads", nThreads, 1, 4096);
    GenerateService.Request r = new GenerateService.Request(dim, l, ts, hs, configs, seed, thermSweeps, probeSweeps,
        decor, maxDecorSweeps, nThreads, out, overwrite);
    GenerateService.problems(r).forEach(p::add);
    p.throwIfAny();
    return r;
  }

  private static double[] parseList(Problems p, String option, String text) {
    try {
      return NumberList.parse(text);
    } catch (IllegalArgumentException e) {
      p.add(option + ": " + e.getMessage());
      return new double[0];
    }
  }

  @Override
  public Integer call() throws Exception {
    List<double[]> rows = GenerateService.run(validate());
    PrintWriter o = spec.commandLine().getOut();
    if (format == Format.csv) {
      printCsv(o, rows);
    } else {
      printTable(o, rows);
    }
    o.flush();
    return 0;
  }

  static void printCsv(PrintWriter o, List<double[]> rows) {
    o.println(String.join(",", COLUMNS));
    for (double[] v : rows) {
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

  static void printTable(PrintWriter o, List<double[]> rows) {
    StringBuilder head = new StringBuilder();
    int[] width = new int[COLUMNS.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = Math.max(10, COLUMNS.get(i).length()) + 1;
      head.append(String.format("%" + width[i] + "s", COLUMNS.get(i)));
    }
    o.println(head);
    for (double[] v : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < v.length; i++) {
        line.append(i == 2 || i == 12 ? String.format("%" + width[i] + "d", (long) v[i])
            : String.format("%" + width[i] + ".5f", v[i]));
      }
      o.println(line);
    }
  }
}
