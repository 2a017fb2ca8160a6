package org.rbmflow.service;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.rbmflow.aggregate.AggregateSettings;
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
import org.rbmflow.spark.ReportTables;
import org.rbmflow.spark.ResultTables;
import org.rbmflow.spark.SparkRun;
import org.rbmflow.spark.SweepOutput;

/**
 * The report of a sweep's output: its tables read on Spark (aggregated first with the defaults when the aggregate
 * tables are missing), the specific heat over each representative point's (T, H) training grid recomputed by Monte
 * Carlo, the figures drawn locally and published as {@code OUT/report/} with an index, replacing an older report.
 */
public final class ReportService {
  private ReportService() {}

  /**
   * What was written.
   *
   * @param sweep          the sweep's name
   * @param points         grid points in the tables, and of them OK, NOT_CONVERGED and FAILED
   * @param figures        images drawn
   * @param missingFigures figures without data (explained in the index)
   * @param index          where the index is: a local path for a file: output, else its URI
   */
  public record Outcome(String sweep, long points, long ok, long notConverged, long failed, int figures,
      long missingFigures, String index) {}

  /**
   * Writes the report of the output at {@code location}; what it does on the way (the aggregation it had to run, the
   * heat maps it computes, the tables' warnings) goes to {@code err}.
   *
   * @param maxPatterns eigenvector patterns drawn per representative point
   * @throws InputException when {@code location} is not an output of rbmflow with committed points, or is locked
   */
  public static Outcome write(String location, int maxPatterns, PrintWriter err) throws IOException {
    SweepOutput output = SweepDirectory.existing("OUT", location);
    Report.Result result;
    String index;
    ReportData data;
    try (OutputLock lock = SweepDirectory.lock("OUT", output, "report")) {
      List<HeatMapTables.Input> heatInputs;
      try (SparkRun spark = SparkRun.start("rbmflow report " + location)) {
        ResultTables tables = new ResultTables(spark, output.root(), output.conf());
        List<String> missingAggregates = ReportTables.missingAggregates(tables);
        if (!missingAggregates.isEmpty()) {
          err.println("report: aggregate table(s) " + missingAggregates + " missing under " + location
              + "/aggregate; running the aggregation with its defaults first (rbmflow aggregate OUT)");
          AggregateSummary.print(err,
              AggregateJob.run(spark, tables, output.conf(), AggregateSettings.DEFAULT), output.root());
          tables = new ResultTables(spark, output.root(), output.conf());
        }
        data = ReportTables.read(tables, maxPatterns);
        heatInputs = HeatMapTables.read(spark, output.root(), output.conf(), data.selection().representatives());
        tables.warnings().forEach(w -> err.println("report: " + w));
      }
      java.nio.file.Path local = Files.createTempDirectory("rbmflow-report-");
      try {
        result = Report.write(data, maxPatterns, heatMaps(heatInputs, output.mcSettings(), err), local);
        index = ReportOutput.publishShown(local, output.root(), output.conf(), HtmlIndex.FILE);
      } finally {
        deleteTree(local);
      }
    }
    long missing = result.sections().stream().flatMap(s -> s.figures().stream())
        .filter(f -> f instanceof Figure.Missing).count();
    return new Outcome(data.sweep(), data.counts().total(), data.counts().ok(), data.counts().notConverged(),
        data.counts().failed(), result.images().size(), missing,
        index);
  }

  /**
   * The specific heat over each (T, H) training grid, recomputed from the addressable Monte Carlo data with the
   * sweep's schedule (the defaults of {@code rbmflow point} when the output has no spec marker).
   */
  private static List<HeatMap> heatMaps(List<HeatMapTables.Input> inputs, McSettings mc, PrintWriter err) {
    List<HeatMap> maps = new ArrayList<>();
    McSettings schedule = mc != null ? mc : McSettings.DEFAULT;
    for (HeatMapTables.Input in : inputs) {
      ReportData.PointRef p = in.point();
      Lattice lattice = new Lattice(p.dim(), p.l());
      err.printf(Locale.ROOT, "report: specific heat of %s over %d x %d (T, H) with %d configurations each ...%n",
          p.lattice().label(), in.temperatures().length, in.fields().length, in.configsPerTemp());
      err.flush();
      List<SpecificHeatMap.Cell> cells = SpecificHeatMap.compute(lattice, in.temperatures(), in.fields(), in.seed(),
          in.configsPerTemp(), schedule, Runtime.getRuntime().availableProcessors());
      double[] sorted = in.fields().clone();
      Arrays.sort(sorted);
      // the field spacing of the map's cells: the smallest gap between neighbouring field values
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
