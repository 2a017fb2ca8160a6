package org.rbmflow.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.rbmflow.analysis.AggregateResult;
import org.rbmflow.analysis.AggregateSettings;
import org.rbmflow.spark.AggregateJob;
import org.rbmflow.spark.OutputLock;
import org.rbmflow.spark.ResultTables;
import org.rbmflow.spark.SweepOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rbmflow aggregate OUT}: seed means, the optimal N_h per (N_v, N_temp) and the fit
 * Energy = −2 + a·N_temp^b per N_v, written to {@code OUT/aggregate/{means,optimal,fits}} and summarised on stdout.
 */
@Command(name = "aggregate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Aggregate a sweep's points table: seed means per (n_v, n_h, n_temp), the best n_h per (n_v, n_temp) and",
        "the fit Energy = e0 + a*N_temp^b per n_v (e0 = -2 on the square lattice, -1 on the ring; Levenberg-Marquardt",
        "weighted by the seed-to-seed standard errors). Only OK points are used; the others are counted.",
        "Writes OUT/aggregate/{means,optimal,fits}. The sweep command runs this at its end (unless --no-aggregate)."})
public final class AggregateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "OUT", description = "A sweep's output directory (path or URI).")
  String out;

  @Option(names = "--n-temp-min", paramLabel = "N", description = "Smallest N_temp in the fit, 1…1000000 (default: ${DEFAULT-VALUE}).")
  int nTempMin = AggregateSettings.DEFAULT.nTempMin();

  @Option(names = "--best-n-h", paramLabel = "squares|all",
      description = "N_h values the optimum is chosen from: perfect squares or all (default: ${DEFAULT-VALUE}).")
  String bestNh = AggregateSettings.DEFAULT.candidates().label();

  @Override
  public Integer call() throws Exception {
    AggregateSettings settings = settings(nTempMin, bestNh, "--n-temp-min", "--best-n-h");
    SweepOutput output = SweepDirectory.existing("OUT", out);
    AggregateResult r;
    try (OutputLock lock = SweepDirectory.lock("OUT", output, "aggregate")) {
      SparkSession spark = Sessions.start("rbmflow aggregate");
      try {
        ResultTables tables = new ResultTables(spark, output.root(), output.conf());
        r = AggregateJob.run(spark, tables, output.conf(), settings);
        tables.warnings().forEach(w -> spec.commandLine().getErr().println("aggregate: " + w));
      } finally {
        spark.stop();
      }
    }
    print(spec.commandLine().getOut(), r, output.root());
    return Main.EXIT_OK;
  }

  /** Validated settings, or a {@link UsageException} naming the offending option. */
  static AggregateSettings settings(int nTempMin, String candidates, String nTempOption, String candidatesOption) {
    java.util.List<String> problems = new java.util.ArrayList<>();
    if (nTempMin < 1 || nTempMin > 1_000_000) {
      problems.add(nTempOption + ": " + nTempMin + " is out of range; expected an integer in [1, 1000000]");
    }
    AggregateSettings.Candidates c = AggregateSettings.Candidates.parse(candidates);
    if (c == null) {
      problems.add(candidatesOption + ": '" + candidates + "' is not allowed; expected squares or all");
    }
    if (!problems.isEmpty()) {
      throw new UsageException(problems);
    }
    return new AggregateSettings(nTempMin, c);
  }

  /** The human summary: row counts, exclusions, the optimal table and the fits. */
  static void print(PrintWriter o, AggregateResult r, Path root) {
    o.printf(Locale.ROOT, "aggregate: %d OK points used, %d excluded%s; %d means, %d optimal, %d fits%n", r.used(),
        r.excludedTotal(), r.excluded().isEmpty() ? "" : " " + r.excluded(), r.means().size(), r.optimal().size(),
        r.fits().size());
    String shownVariant = null;
    if (!r.optimal().isEmpty()) {
      for (AggregateResult.Optimal x : r.optimal()) {
        if (!x.variant().equals(shownVariant)) {
          shownVariant = x.variant();
          o.println((x.variant().isEmpty() ? "" : "  " + x.variant() + "\n")
              + "  dim  n_v n_temp best_n_h  energy             temperature       seeds");
        }
        o.printf(Locale.ROOT, "  %3d %4d %6d %8d  %8.5f ± %-7.5f %7.4f ± %-7.4f %5d%n", x.dim(), x.nV(), x.nTemp(),
            x.bestNH(), x.energy(), x.energyErr(), x.temperature(), x.temperatureErr(), x.nSeeds());
      }
    }
    for (AggregateResult.Fit f : r.fits()) {
      String v = f.variant().isEmpty() ? "" : " (" + f.variant() + ")";
      if (f.ok()) {
        o.printf(Locale.ROOT, "  fit n_v=%d" + v.replace("%", "%%") + ": Energy = %.0f + a·N_temp^b, a = %.5g ± %.2g, b = %.5g ± %.2g, "
            + "chi2/dof = %.3g/%d (%d points, n_temp ≥ %d, %s)%n", f.nV(), f.e0(), f.fit().a(), f.fit().aErr(),
            f.fit().b(), f.fit().bErr(), f.fit().chi2(), f.fit().dof(), f.nPoints(), f.nTempMin(),
            f.fit().weighted() ? "weighted by seed errors" : "unweighted");
      } else {
        o.printf(Locale.ROOT, "  fit n_v=%d%s: none — %s%n", f.nV(), v, f.reason());
      }
    }
    o.printf("tables: %s/aggregate/{means,optimal,fits}%n", root);
    o.flush();
  }
}
