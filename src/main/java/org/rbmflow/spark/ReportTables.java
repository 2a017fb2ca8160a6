package org.rbmflow.spark;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.rbmflow.report.ReportData;
import org.rbmflow.report.ReportData.FitRow;
import org.rbmflow.report.ReportData.FlowRow;
import org.rbmflow.report.ReportData.MeanRow;
import org.rbmflow.report.ReportData.OptimalRow;
import org.rbmflow.report.ReportData.PatternRow;
import org.rbmflow.report.ReportData.PointRef;
import org.rbmflow.report.ReportData.SpectrumRow;
import org.rbmflow.report.ReportData.StatusCounts;
import org.rbmflow.report.ReportData.TrainingRow;
import org.rbmflow.report.Selection;
import org.rbmflow.sweep.SpecParams;

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

  /** The aggregate tables (of {@link AggregateTables#ALL}) that have no data under OUT. */
  public static List<String> missingAggregates(ResultTables tables) throws IOException {
    List<String> missing = new ArrayList<>();
    for (String t : AggregateTables.ALL.keySet()) {
      if (!tables.exists(t)) {
        missing.add(t);
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

    List<MeanRow> means = new ArrayList<>();
    for (Row r : withVariant(tables.read("means"))
        .select("dim", "l", "n_v", "n_h", "n_temp", "n_h_over_n_v", "n_seeds", "energy", "energy_err", "temperature",
            "temperature_err", "random_fraction", "random_fraction_err", "variant").collectAsList()) {
      means.add(new MeanRow(r.getInt(0), r.getInt(1), r.getInt(2), r.getInt(3), r.getInt(4), d(r, 5), r.getInt(6),
          d(r, 7), d(r, 8), d(r, 9), d(r, 10), d(r, 11), d(r, 12), r.getString(13)));
    }
    List<OptimalRow> optimal = new ArrayList<>();
    for (Row r : withVariant(optimalTable).select("dim", "l", "n_v", "n_temp", "best_n_h", "energy", "energy_err",
        "temperature", "temperature_err", "n_seeds", "variant").collectAsList()) {
      optimal.add(new OptimalRow(r.getInt(0), r.getInt(1), r.getInt(2), r.getInt(3), r.getInt(4), d(r, 5), d(r, 6),
          d(r, 7), d(r, 8), r.getInt(9), r.getString(10)));
    }
    List<FitRow> fits = new ArrayList<>();
    for (Row r : withVariant(tables.read("fits"))
        .select("dim", "l", "n_v", "e0", "a", "a_err", "b", "b_err", "n_temp_min", "n_points", "chi2", "dof", "weighted",
            "status", "reason", "variant").collectAsList()) {
      fits.add(new FitRow(r.getInt(0), r.getInt(1), r.getInt(2), d(r, 3), d(r, 4), d(r, 5), d(r, 6), d(r, 7),
          r.getInt(8), r.getInt(9), d(r, 10), r.getInt(11), r.getBoolean(12), r.getString(13),
          r.isNullAt(14) ? null : r.getString(14), r.getString(15)));
    }

    Selection selection = Selection.of(candidates(points, optimalTable));
    Object[] best = selection.best().stream().map(PointRef::pointId).toArray();
    Object[] representatives = selection.representatives().stream().map(PointRef::pointId).toArray();
    List<FlowRow> flows = new ArrayList<>();
    if (representatives.length > 0 && tables.exists("flows")) {
      for (Row r : tables.read("flows").filter(col("point_id").isin(representatives))
          .select("point_id", "start", "step", "energy", "temperature", "temperature_classifier").collectAsList()) {
        flows.add(new FlowRow(r.getString(0), r.getString(1), r.getInt(2), d(r, 3), d(r, 4), d(r, 5)));
      }
    }
    List<SpectrumRow> spectra = new ArrayList<>();
    if (best.length > 0 && tables.exists("spectra")) {
      for (Row r : tables.read("spectra").filter(col("point_id").isin(best))
          .select("point_id", "eigenvalues").collectAsList()) {
        List<Double> ev = r.getList(1);
        spectra.add(new SpectrumRow(r.getString(0), ev.stream().mapToDouble(Double::doubleValue).toArray()));
      }
    }
    List<PatternRow> patterns = new ArrayList<>();
    if (representatives.length > 0 && tables.exists("patterns")) {
      Column kept = col("point_id").isin(representatives).and(col("rank").lt(maxPatterns).or(col("nonrandom")));
      for (Row r : tables.read("patterns").filter(kept)
          .select("point_id", "rank", "eigenvalue", "moran_i", "p_value", "nonrandom", "pattern").collectAsList()) {
        List<Float> values = r.getList(6);
        float[] pattern = new float[values.size()];
        for (int i = 0; i < pattern.length; i++) {
          pattern[i] = values.get(i);
        }
        patterns.add(new PatternRow(r.getString(0), r.getInt(1), d(r, 2), d(r, 3), d(r, 4), r.getBoolean(5), pattern));
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
      for (Row r : d.selectExpr(POINT_COLUMNS).collectAsList()) {
        out.add(new PointRef(r.getString(0), r.getInt(1), r.getInt(2), r.getInt(3), r.getInt(4), r.getInt(5),
            r.getLong(6), r.getString(7), r.getInt(8), r.getInt(9)));
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
        names.add(r.getString(0));
        switch (r.getString(1)) {
          case "OK" -> ok += r.getLong(2);
          case "NOT_CONVERGED" -> notConverged += r.getLong(2);
          default -> failed += r.getLong(2);
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
    List<Column> select = new ArrayList<>(List.of(col("training"), col("dim"), col("l"), col("n_v").cast("int"),
        col("n_h"), col("n_temp"), col("seed"), col("epochs"), col("status"), col("fp_energy"), col("fp_temperature"),
        col("top"), all.col("point_id")));
    params.forEach(q -> select.add(all.col(q.column())));
    List<Row> rows = all.withColumn("training", org.apache.spark.sql.functions.coalesce(col("checkpoint_of"),
            col("point_id")))
        .join(groups, "training").join(top, all.col("point_id").equalTo(top.col("point_id")), "left")
        .select(select.toArray(Column[]::new)).collectAsList();
    // the variants among the trainings' own rows (checkpoint rows differ from them in epochs only)
    Variants variants = Variants.of(rows, params, 13, r -> r.getString(0).equals(r.getString(12)));
    List<TrainingRow> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(new TrainingRow(r.getString(0), r.getInt(1), r.getInt(2), r.getInt(3), r.getInt(4), r.getInt(5),
          r.getLong(6), r.getInt(7), r.getString(8), d(r, 9), d(r, 10), d(r, 11), variants.of(r)));
    }
    return out;
  }

  /** An aggregate table with its {@code variant} column ("" in tables aggregated before it existed). */
  private static Dataset<Row> withVariant(Dataset<Row> t) {
    return java.util.Arrays.asList(t.columns()).contains("variant") ? t
        : t.withColumn("variant", org.apache.spark.sql.functions.lit(""));
  }

  private static double d(Row r, int i) {
    return r.isNullAt(i) ? Double.NaN : r.getDouble(i);
  }
}
