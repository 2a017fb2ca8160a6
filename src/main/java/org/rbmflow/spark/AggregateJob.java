package org.rbmflow.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.rbmflow.analysis.AggregateResult;
import org.rbmflow.analysis.AggregateSettings;
import org.rbmflow.analysis.Aggregation;
import org.rbmflow.analysis.PointSummary;
import org.rbmflow.analysis.PowerLawFit;
import org.rbmflow.sweep.SpecParams;

/**
 * The aggregation job: reads a sweep's {@code points} table, computes seed means, optimal N_h and the power-law fits
 * ({@link Aggregation}) and writes {@code aggregate/means}, {@code aggregate/optimal} and {@code aggregate/fits}
 * (schemas in {@link AggregateTables}), each replaced as a whole.
 *
 * <p>Only the scalar columns of {@code points} reach the driver: one row per grid point, a few hundred bytes each,
 * so even a scan of 10⁵ points is tens of MB. The heavy tables ({@code flows}, {@code patterns}) are not read.
 */
public final class AggregateJob {
  private static final String[] COLUMNS = {"dim", "l", "n_v", "n_h", "n_temp", "seed", "status", "h_values",
      "fp_energy", "fp_energy_err", "fp_temperature", "fp_temperature_classifier", "fp_magnetization",
      "random_fraction", "n_nonrandom_patterns", "n_patterns_tested", "fp_bracket_gap", "recon_error"};

  private AggregateJob() {}

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
    List<String> select = new ArrayList<>(List.of(COLUMNS));
    params.forEach(q -> select.add(q.column()));
    List<Row> collected = table.selectExpr(select.toArray(String[]::new)).collectAsList();
    Variants variants = Variants.of(collected, params, COLUMNS.length, r -> true);
    List<PointSummary> rows = new ArrayList<>();
    for (Row r : collected) {
      rows.add(summary(r, variants.of(r)));
    }
    AggregateResult result = Aggregation.aggregate(rows, settings);
    write(spark, root, conf, "means", AggregateTables.MEANS, result.means().stream().map(AggregateJob::row).toList());
    write(spark, root, conf, "optimal", AggregateTables.OPTIMAL,
        result.optimal().stream().map(AggregateJob::row).toList());
    write(spark, root, conf, "fits", AggregateTables.FITS, result.fits().stream().map(AggregateJob::row).toList());
    return result;
  }

  static PointSummary summary(Row r, String variant) {
    List<Double> h = r.getList(7);
    boolean zeroField = h.stream().allMatch(x -> x == 0.0);
    return new PointSummary(r.getInt(0), r.getInt(1), r.getInt(2), r.getInt(3), r.getInt(4), r.getLong(5),
        r.getString(6), zeroField, r.getDouble(8), r.getDouble(9), r.getDouble(10), r.getDouble(11), r.getDouble(12),
        r.getDouble(13), r.getInt(14), r.getInt(15), r.getDouble(16), r.getDouble(17), variant);
  }

  /**
   * Writes one aggregate table whole: Spark writes it into a hidden staging directory, which then replaces the old
   * table ({@link AtomicFiles#replaceDirectory}); a crash leaves the old table or the new one, never a mixture.
   */
  private static void write(SparkSession spark, Path root, Configuration conf, String name, StructType schema,
      List<Row> rows) throws IOException {
    Path target = ResultTables.dir(root, name);
    Path staging = AtomicFiles.tempSibling(target);
    try {
      spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.ErrorIfExists)
          .parquet(staging.toString());
      AtomicFiles.replaceDirectory(staging, target, conf);
    } catch (IOException | RuntimeException e) {
      AtomicFiles.deleteQuietly(staging, conf, e);
      throw e;
    }
  }

  private static Row row(AggregateResult.Mean m) {
    return RowFactory.create(m.dim(), m.l(), m.nV(), m.nH(), m.nTemp(), m.nHOverNV(), m.nSeeds(), m.nExcluded(),
        m.energy(), m.energyErr(), m.temperature(), m.temperatureErr(), m.temperatureClassifier(),
        m.temperatureClassifierErr(), m.magnetization(), m.magnetizationErr(), m.randomFraction(),
        m.randomFractionErr(), m.nNonrandomPatterns(), m.nNonrandomPatternsErr(), m.nPatternsTested(),
        m.fpBracketGap(), m.reconError(), m.variant());
  }

  private static Row row(AggregateResult.Optimal o) {
    return RowFactory.create(o.dim(), o.l(), o.nV(), o.nTemp(), o.bestNH(), o.nHOverNV(), o.energy(), o.energyErr(),
        o.temperature(), o.temperatureErr(), o.nSeeds(), o.nCandidates(), o.candidates(), o.variant());
  }

  private static Row row(AggregateResult.Fit f) {
    PowerLawFit p = f.fit();
    double nan = Double.NaN;
    return RowFactory.create(f.dim(), f.l(), f.nV(), f.e0(), p == null ? nan : p.a(), p == null ? nan : p.aErr(),
        p == null ? nan : p.b(), p == null ? nan : p.bErr(), f.nTempMin(), f.nPoints(), p == null ? nan : p.chi2(),
        p == null ? 0 : p.dof(), p != null && p.weighted(), f.ok() ? "OK" : "NO_FIT", f.reason(), f.variant());
  }
}
