package org.rbmflow.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.rbmflow.aggregate.AggregateResult;
import org.rbmflow.aggregate.AggregateSettings;
import org.rbmflow.aggregate.Aggregation;
import org.rbmflow.aggregate.PointSummary;
import org.rbmflow.common.PointStatus;
import org.rbmflow.sweep.SpecParams;
import org.rbmflow.table.NamedRow;
import org.rbmflow.table.Table;
import org.rbmflow.table.Tables;

/**
 * The aggregation job: reads a sweep's {@code points} table, computes seed means, optimal N_h and the power-law fits
 * ({@link Aggregation}) and writes {@code aggregate/means}, {@code aggregate/optimal} and {@code aggregate/fits}
 * (schemas in {@link Tables}), each replaced as a whole.
 *
 * <p>Only the scalar columns of {@code points} reach the driver: one row per grid point, a few hundred bytes each,
 * so even a scan of 10⁵ points is tens of MB. The heavy tables ({@code flows}, {@code patterns}) are not read.
 */
public final class AggregateJob {
  private AggregateJob() {}

  /** As {@link #run(SparkSession, Path, Configuration, AggregateSettings)} in a service's run. */
  public static AggregateResult run(SparkRun run, Path root, Configuration conf, AggregateSettings settings)
      throws IOException {
    return run(run.session(), root, conf, settings);
  }

  /** As {@link #run(SparkSession, ResultTables, Configuration, AggregateSettings)} in a service's run. */
  public static AggregateResult run(SparkRun run, ResultTables tables, Configuration conf, AggregateSettings settings)
      throws IOException {
    return run(run.session(), tables, conf, settings);
  }

  /** Aggregates the sweep under {@code root} and writes the three tables; returns what was written. */
  public static AggregateResult run(SparkSession spark, Path root, Configuration conf, AggregateSettings settings)
      throws IOException {
    return run(spark, new ResultTables(spark, root, conf), conf, settings);
  }

  /** As {@link #run(SparkSession, Path, Configuration, AggregateSettings)}, reading through {@code tables}. */
  public static AggregateResult run(SparkSession spark, ResultTables tables, Configuration conf,
      AggregateSettings settings) throws IOException {
    Path root = tables.root();
    if (!tables.exists("points")) {
      throw new IOException("no points table under " + root + " (run a sweep there first)");
    }
    Dataset<Row> table = ResultTables.gridPoints(tables.read("points"));
    List<SpecParams.Param> params = Variants.columnsOf(table);
    List<String> select = new ArrayList<>(SUMMARY_COLUMNS);
    params.forEach(q -> select.add(q.column()));
    List<Row> collected = table.selectExpr(select.toArray(String[]::new)).collectAsList();
    Variants variants = Variants.of(collected, params, r -> true);
    List<PointSummary> rows = new ArrayList<>();
    for (Row r : collected) {
      rows.add(summary(TableFormats.named(Tables.POINTS, r), variants.of(r)));
    }
    AggregateResult result = Aggregation.aggregate(rows, settings);
    write(spark, root, conf, Tables.MEANS, result.means());
    write(spark, root, conf, Tables.OPTIMAL, result.optimal());
    write(spark, root, conf, Tables.FITS, result.fits());
    return result;
  }

  /** The {@code points} columns a {@link PointSummary} is made of. */
  private static final List<String> SUMMARY_COLUMNS = List.of("dim", "l", "n_v", "n_h", "n_temp", "seed", "status",
      "h_values", "fp_energy", "fp_energy_err", "fp_temperature", "fp_temperature_classifier", "fp_magnetization",
      "random_fraction", "n_nonrandom_patterns", "n_patterns_tested", "fp_bracket_gap", "recon_error");

  static PointSummary summary(NamedRow r, String variant) {
    boolean zeroField = java.util.Arrays.stream(r.getDoubles("h_values")).allMatch(x -> x == 0.0);
    return PointSummary.builder().dim(r.getInt("dim")).l(r.getInt("l")).nV(r.getInt("n_v")).nH(r.getInt("n_h"))
        .nTemp(r.getInt("n_temp")).seed(r.getLong("seed")).status(PointStatus.valueOf(r.getString("status"))).zeroField(zeroField)
        .fpEnergy(r.getDouble("fp_energy")).fpEnergyErr(r.getDouble("fp_energy_err"))
        .fpTemperature(r.getDouble("fp_temperature")).fpTemperatureClassifier(r.getDouble("fp_temperature_classifier"))
        .fpMagnetization(r.getDouble("fp_magnetization")).randomFraction(r.getDouble("random_fraction"))
        .nNonrandomPatterns(r.getInt("n_nonrandom_patterns")).nPatternsTested(r.getInt("n_patterns_tested"))
        .fpBracketGap(r.getDouble("fp_bracket_gap")).reconError(r.getDouble("recon_error")).variant(variant).build();
  }

  /**
   * Writes one aggregate table whole: Spark writes it into a hidden staging directory, which then replaces the old
   * table ({@link AtomicFiles#replaceDirectory}); a crash leaves the old table or the new one, never a mixture.
   */
  private static <R> void write(SparkSession spark, Path root, Configuration conf, Table<R> table, List<R> rows)
      throws IOException {
    Path target = ResultTables.dir(root, table.name());
    Path staging = AtomicFiles.tempSibling(target);
    List<Row> sparkRows = rows.stream().map(r -> TableFormats.sparkRow(table, r)).toList();
    try {
      spark.createDataFrame(sparkRows, TableFormats.spark(table)).coalesce(1).write().mode(SaveMode.ErrorIfExists)
          .parquet(staging.toString());
      AtomicFiles.replaceDirectory(staging, target, conf);
    } catch (IOException | RuntimeException e) {
      AtomicFiles.deleteQuietly(staging, conf, e);
      throw e;
    }
  }
}
