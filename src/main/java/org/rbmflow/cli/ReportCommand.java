package org.rbmflow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.rbmflow.analysis.AggregateSettings;
import java.util.ArrayList;
import org.rbmflow.analysis.SpecificHeatMap;
import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.McSettings;
import org.rbmflow.report.Figure;
import org.rbmflow.report.HeatMap;
import org.rbmflow.report.HtmlIndex;
import org.rbmflow.report.Report;
import org.rbmflow.report.ReportData;
import org.rbmflow.spark.AggregateJob;
import org.rbmflow.spark.HeatMapTables;
import org.rbmflow.spark.OutputLock;
import org.rbmflow.spark.ReportOutput;
import org.rbmflow.spark.ResultTables;
import org.rbmflow.spark.ReportTables;
import org.rbmflow.spark.SweepOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rbmflow report OUT}: PNG figures and an {@code index.html} in {@code OUT/report/} from the tables of a
 * sweep's output directory (the per-point tables and {@code OUT/aggregate}). Exit codes: 0 written, 2 bad input
 * (nothing written), 1 error.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Draw the figures of a sweep (flow trajectories, fixed point vs N_h/N_v, minimal energy vs N_temp with its",
        "fit, spectra of WW^T, eigenvector patterns, random-configuration fraction) as PNGs with an index.html in",
        "OUT/report/, replacing an older report. Without aggregate tables (a sweep run with --no-aggregate) it runs",
        "the aggregation with its defaults first (rbmflow aggregate OUT chooses other settings).",
        "Exit: 0 written; 2 bad input (nothing written); 1 error."})
public final class ReportCommand implements Callable<Integer> {
  static final int MAX_PATTERNS = 256;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "OUT", description = "Output directory of a sweep (path or file:/hdfs:/s3a: URI).")
  String out;

  @Option(names = "--max-patterns", paramLabel = "N", defaultValue = "16",
      description = "Eigenvector patterns drawn per representative point, 1…" + MAX_PATTERNS
          + ": the non-random ones first, then the lowest ranks. Default: ${DEFAULT-VALUE}.")
  int maxPatterns;

  @Override
  public Integer call() throws Exception {
    if (maxPatterns < 1 || maxPatterns > MAX_PATTERNS) {
      throw new UsageException("--max-patterns: " + maxPatterns + " is out of range; expected 1 ≤ N ≤ " + MAX_PATTERNS);
    }
    SweepOutput output = SweepDirectory.existing("OUT", out);
    Report.Result result;
    Path index;
    ReportData data;
    try (OutputLock lock = SweepDirectory.lock("OUT", output, "report")) {
      PrintWriter err = spec.commandLine().getErr();
      SparkSession spark = Sessions.start("rbmflow report " + out);
      List<HeatMapTables.Input> heatInputs;
      try {
        ResultTables tables = new ResultTables(spark, output.root(), output.conf());
        List<String> missingAggregates = ReportTables.missingAggregates(tables);
        if (!missingAggregates.isEmpty()) {
          err.println("report: aggregate table(s) " + missingAggregates + " missing under " + out
              + "/aggregate; running the aggregation with its defaults first (rbmflow aggregate OUT)");
          AggregateCommand.print(err,
              AggregateJob.run(spark, tables, output.conf(), AggregateSettings.DEFAULT), output.root());
          tables = new ResultTables(spark, output.root(), output.conf());
        }
        data = ReportTables.read(tables, maxPatterns);
        heatInputs = HeatMapTables.read(spark, output.root(), output.conf(), data.selection().representatives());
        tables.warnings().forEach(w -> err.println("report: " + w));
      } finally {
        spark.stop();
      }
      java.nio.file.Path local = Files.createTempDirectory("rbmflow-report-");
      try {
        result = Report.write(data, maxPatterns, heatMaps(heatInputs, output.mcSettings()), local);
        index = ReportOutput.publish(local, output.root(), output.conf(), HtmlIndex.FILE);
      } finally {
        deleteTree(local);
      }
    }
    long missing = result.sections().stream().flatMap(s -> s.figures().stream())
        .filter(f -> f instanceof Figure.Missing).count();
    PrintWriter o = spec.commandLine().getOut();
    o.printf("report of sweep %s: %d points (%d OK, %d NOT_CONVERGED, %d FAILED), %d figures%s%n", data.sweep(),
        data.counts().total(), data.counts().ok(), data.counts().notConverged(), data.counts().failed(),
        result.images().size(), missing == 0 ? "" : ", " + missing + " without data (explained in the index)");
    o.println("index: " + ("file".equals(index.toUri().getScheme()) ? index.toUri().getPath() : index.toString()));
    o.flush();
    return Main.EXIT_OK;
  }

  /**
   * The specific heat over each (T, H) training grid, recomputed from the addressable Monte Carlo data with the
   * sweep's schedule (the defaults of {@code rbmflow point} when the output has no spec marker).
   */
  private List<HeatMap> heatMaps(List<HeatMapTables.Input> inputs, McSettings mc) {
    List<HeatMap> maps = new ArrayList<>();
    McSettings schedule = mc != null ? mc : McSettings.DEFAULT;
    for (HeatMapTables.Input in : inputs) {
      ReportData.PointRef p = in.point();
      Lattice lattice = new Lattice(p.dim(), p.l());
      spec.commandLine().getErr().printf(java.util.Locale.ROOT,
          "report: specific heat of %s over %d x %d (T, H) with %d configurations each ...%n",
          p.lattice().label(), in.temperatures().length, in.fields().length, in.configsPerTemp());
      List<SpecificHeatMap.Cell> cells = SpecificHeatMap.compute(lattice, in.temperatures(), in.fields(), in.seed(),
          in.configsPerTemp(), schedule, Runtime.getRuntime().availableProcessors());
      double[] sorted = in.fields().clone();
      java.util.Arrays.sort(sorted);
      double hStep = Double.POSITIVE_INFINITY;
      for (int i = 1; i < sorted.length; i++) {
        hStep = Math.min(hStep, sorted[i] - sorted[i - 1]);
      }
      maps.add(new HeatMap(p.lattice(), p, in.tStep(), hStep, cells, in.trajectories()));
    }
    return maps;
  }

  private static void deleteTree(java.nio.file.Path dir) throws IOException {
    try (Stream<java.nio.file.Path> s = Files.walk(dir)) {
      for (java.nio.file.Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
