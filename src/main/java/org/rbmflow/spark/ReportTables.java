package org.rbmflow.spark;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.rbmflow.aggregate.AggregateResult.Fit;
import org.rbmflow.aggregate.AggregateResult.Mean;
import org.rbmflow.aggregate.AggregateResult.Optimal;
import org.rbmflow.common.PointStatus;
import org.rbmflow.report.ReportData;
import org.rbmflow.report.ReportData.FlowRow;
import org.rbmflow.report.ReportData.PatternRow;
import org.rbmflow.report.ReportData.PointRef;
import org.rbmflow.report.ReportData.SpectrumRow;
import org.rbmflow.report.ReportData.StatusCounts;
import org.rbmflow.report.ReportData.TrainingRow;
import org.rbmflow.report.Selection;
import org.rbmflow.sweep.SpecParams;
import org.rbmflow.table.NamedRow;
import org.rbmflow.table.Table;
import org.rbmflow.table.Tables;

/**
 * Reads what the report draws from a sweep's output directory OUT into {@link ReportData}: the aggregate tables
 * ({@code OUT/aggregate/{means,optimal,fits}}, small), status counts and sweep name of {@code points}, the points at
 * each optimal n_h, and the {@code flows}, {@code spectra} and {@code patterns} rows of the chosen points only
 * (filtered by Spark before anything reaches the driver).
 */
public final class ReportTables {
  private static final String[] POINT_COLUMNS = {"point_id", "dim", "l", "n_v", "n_h", "n_temp", "seed", "status",
      "n_nonrandom_patterns", "n_patterns_tested"};

  private ReportTables() {}

  /** The aggregate tables (of {@link Tables#AGGREGATES}) that have no data under OUT. */
  public static List<String> missingAggregates(ResultTables tables) throws IOException {
    List<String> missing = new ArrayList<>();
    for (Table<?> t : Tables.AGGREGATES) {
      if (!tables.exists(t.name())) {
        missing.add(t.name());
      }
    }
    return missing;
  }

  /**
   * Reads the report's data from OUT.
   *
   * @param maxPatterns patterns kept per representative point: the lowest {@code maxPatterns} ranks and every
   *                    non-random one
   */
  public static ReportData read(ResultTables tables, int maxPatterns) throws IOException {
    Dataset<Row> points = ResultTables.gridPoints(tables.read("points")).withColumn("n_v", col("n_v").cast("int"));
    Dataset<Row> optimalTable = tables.read("optimal");

    List<Mean> means = TableFormats.read(Tables.MEANS, tables.read("means").collectAsList());
    List<Optimal> optimal = TableFormats.read(Tables.OPTIMAL, optimalTable.collectAsList());
    List<Fit> fits = TableFormats.read(Tables.FITS, tables.read("fits").collectAsList());

    Selection selection = Selection.of(candidates(points, optimalTable));
    Object[] best = selection.best().stream().map(PointRef::pointId).toArray();
    Object[] representatives = selection.representatives().stream().map(PointRef::pointId).toArray();
    List<FlowRow> flows = new ArrayList<>();
    if (representatives.length > 0 && tables.exists("flows")) {
      for (NamedRow r : rows(Tables.FLOWS, tables.read("flows").filter(col("point_id").isin(representatives))
          .select("point_id", "start", "step", "energy", "temperature", "temperature_classifier"))) {
        flows.add(new FlowRow(r.getString("point_id"), r.getString("start"), r.getInt("step"),
            r.getDoubleOrNaN("energy"), r.getDoubleOrNaN("temperature"), r.getDoubleOrNaN("temperature_classifier")));
      }
    }
    List<SpectrumRow> spectra = new ArrayList<>();
    if (best.length > 0 && tables.exists("spectra")) {
      for (NamedRow r : rows(Tables.SPECTRA, tables.read("spectra").filter(col("point_id").isin(best))
          .select("point_id", "eigenvalues"))) {
        spectra.add(new SpectrumRow(r.getString("point_id"), r.getDoubles("eigenvalues")));
      }
    }
    List<PatternRow> patterns = new ArrayList<>();
    if (representatives.length > 0 && tables.exists("patterns")) {
      Column kept = col("point_id").isin(representatives).and(col("rank").lt(maxPatterns).or(col("nonrandom")));
      for (NamedRow r : rows(Tables.PATTERNS, tables.read("patterns").filter(kept))) {
        patterns.add(new PatternRow(r.getString("point_id"), r.getInt("rank"), r.getDoubleOrNaN("eigenvalue"),
            r.getDoubleOrNaN("moran_i"), r.getDoubleOrNaN("p_value"), r.getBoolean("nonrandom"),
            r.getFloats("pattern"), (Double) r.getOr("null_edge", Double.NaN)));
      }
    }
    Summary summary = Summary.of(points);
    return new ReportData(summary.sweep(), summary.counts(), means, optimal, fits, selection, flows, spectra, patterns,
        training(tables));
  }

  /**
   * Every point (any seed, any status) whose n_h is the optimal n_h of its (dim, n_v, n_temp); a lattice with no
   * optimal row at all (none of its points OK, e.g. every flow NOT_CONVERGED) contributes all its points instead, so
   * that its flows are still drawn (the selection then takes the lowest seed and point id).
   */
  private static List<PointRef> candidates(Dataset<Row> points, Dataset<Row> optimal) {
    // distinct: with listed parameters several variants may share an optimal n_h
    Dataset<Row> keys = optimal.select(col("dim"), col("n_v"), col("n_temp"), col("best_n_h").as("n_h")).distinct();
    Dataset<Row> covered = optimal.select(col("dim"), col("n_v")).distinct();
    Dataset<Row> uncovered = points.join(covered, new String[] {"dim", "n_v"}, "left_anti");
    List<PointRef> out = new ArrayList<>();
    for (Dataset<Row> d : List.of(points.join(keys, new String[] {"dim", "n_v", "n_temp", "n_h"}), uncovered)) {
      for (NamedRow r : rows(Tables.POINTS, d.selectExpr(POINT_COLUMNS))) {
        out.add(PointRef.builder().pointId(r.getString("point_id")).dim(r.getInt("dim")).l(r.getInt("l"))
            .nV(r.getInt("n_v")).nH(r.getInt("n_h")).nTemp(r.getInt("n_temp")).seed(r.getLong("seed"))
            .status(PointStatus.valueOf(r.getString("status"))).nNonrandomPatterns(r.getInt("n_nonrandom_patterns"))
            .nPatternsTested(r.getInt("n_patterns_tested")).build());
      }
    }
    return out;
  }

  /** Points per status and the sweep name(s), from one small aggregation. */
  private record Summary(StatusCounts counts, String sweep) {
    static Summary of(Dataset<Row> points) {
      long ok = 0;
      long notConverged = 0;
      long failed = 0;
      TreeSet<String> names = new TreeSet<>();
      for (Row r : points.groupBy("sweep", "status").count().collectAsList()) {
        names.add(r.getAs("sweep"));
        long n = r.getAs("count");
        switch (PointStatus.valueOf(r.getAs("status"))) {
          case OK -> ok += n;
          case NOT_CONVERGED -> notConverged += n;
          case FAILED, TIMEOUT -> failed += n;
        }
      }
      return new Summary(new StatusCounts(ok, notConverged, failed), String.join(", ", names));
    }
  }

  /**
   * The fixed point of every training evaluated at checkpoints: its checkpoint rows and its own row (grouped by the
   * id of the grid point, {@code checkpoint_of}), with the largest eigenvalue of WWᵀ. Empty without checkpoints.
   */
  private static List<TrainingRow> training(ResultTables tables) throws IOException {
    Dataset<Row> all = tables.read("points");
    if (!java.util.Arrays.asList(all.columns()).contains("checkpoint_of")) {
      return List.of();
    }
    Dataset<Row> groups = all.filter(col("checkpoint_of").isNotNull()).select(col("checkpoint_of").as("training"))
        .distinct();
    Dataset<Row> top = tables.read("spectra")
        .select(col("point_id"), org.apache.spark.sql.functions.element_at(col("eigenvalues"), 1).as("top"));
    List<SpecParams.Param> params = Variants.columnsOf(all);
    List<Column> select = new ArrayList<>(List.of(col("training"), col("dim"), col("l"), col("n_v").cast("int").as("n_v"),
        col("n_h"), col("n_temp"), col("seed"), col("epochs"), col("status"), col("fp_energy"), col("fp_temperature"),
        col("top"), all.col("point_id").as("point_id")));
    params.forEach(q -> select.add(all.col(q.column())));
    List<Row> rows = all.withColumn("training", org.apache.spark.sql.functions.coalesce(col("checkpoint_of"),
            col("point_id")))
        .join(groups, "training").join(top, all.col("point_id").equalTo(top.col("point_id")), "left")
        .select(select.toArray(Column[]::new)).collectAsList();
    // the variants among the trainings' own rows (checkpoint rows differ from them in epochs only)
    Variants variants = Variants.of(rows, params, r -> r.getAs("training").equals(r.getAs("point_id")));
    List<TrainingRow> out = new ArrayList<>();
    for (Row row : rows) {
      NamedRow r = TableFormats.named(Tables.POINTS, row);
      out.add(TrainingRow.builder().training(row.getAs("training")).dim(r.getInt("dim")).l(r.getInt("l"))
          .nV(r.getInt("n_v")).nH(r.getInt("n_h")).nTemp(r.getInt("n_temp")).seed(r.getLong("seed"))
          .epochs(r.getInt("epochs")).status(PointStatus.valueOf(r.getString("status"))).fpEnergy(r.getDoubleOrNaN("fp_energy"))
          .fpTemperature(r.getDoubleOrNaN("fp_temperature"))
          .topEigenvalue(row.isNullAt(row.fieldIndex("top")) ? Double.NaN : row.<Double>getAs("top"))
          .variant(variants.of(row)).build());
    }
    return out;
  }

  /** The rows of a (filtered, projected) table, collected and read by column name. */
  private static List<NamedRow> rows(Table<?> table, Dataset<Row> d) {
    return d.collectAsList().stream().map(r -> TableFormats.named(table, r)).toList();
  }
}
