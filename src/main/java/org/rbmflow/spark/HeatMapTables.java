package org.rbmflow.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.rbmflow.report.ReportData;
import org.rbmflow.table.NamedRow;
import org.rbmflow.table.Tables;

/**
 * Reads what the (T, H) figure needs for the report's representative points that were trained at more than one
 * field: the point's training grid (temperatures, fields, configurations, seed) and the supervised thermometer's
 * (T̂, Ĥ) along each of its flows. Only those points' rows reach the driver.
 */
public final class HeatMapTables {
  private HeatMapTables() {}

  /**
   * A representative point trained over a (T, H) grid.
   *
   * @param trajectories start → rows {step, T̂, Ĥ} in step order (classifier evaluations only)
   */
  public record Input(ReportData.PointRef point, double tStep, double[] temperatures, double[] fields, long seed,
      int configsPerTemp, Map<String, List<double[]>> trajectories) {}

  /** As {@link #read(SparkSession, Path, Configuration, List)} in a service's run. */
  public static List<Input> read(SparkRun run, Path root, Configuration conf, List<ReportData.PointRef> points)
      throws IOException {
    return read(run.session(), root, conf, points);
  }

  public static List<Input> read(SparkSession spark, Path root, Configuration conf, List<ReportData.PointRef> points)
      throws IOException {
    ResultTables tables = new ResultTables(spark, root, conf);
    List<Input> out = new ArrayList<>();
    for (ReportData.PointRef p : points) {
      List<Row> rows = tables.read("points").where(functions.col("point_id").equalTo(p.pointId()))
          .selectExpr("t_step", "n_temp", "h_values", "configs_per_temp", "seed").collectAsList();
      if (rows.isEmpty()) {
        continue;
      }
      NamedRow r = TableFormats.named(Tables.POINTS, rows.get(0));
      double[] fields = r.getDoubles("h_values");
      if (fields.length < 2) {
        continue;
      }
      double tStep = r.getDouble("t_step");
      double[] temps = new double[r.getInt("n_temp")];
      for (int i = 0; i < temps.length; i++) {
        temps[i] = i * tStep;
      }
      Map<String, List<double[]>> trajectories = new LinkedHashMap<>();
      for (Row f : tables.read("flows").where(functions.col("point_id").equalTo(p.pointId()))
          .where("NOT isnan(temperature_classifier) AND NOT isnan(field)")
          .selectExpr("start", "step", "temperature_classifier", "field").orderBy("start", "step").collectAsList()) {
        NamedRow n = TableFormats.named(Tables.FLOWS, f);
        trajectories.computeIfAbsent(n.getString("start"), k -> new ArrayList<>())
            .add(new double[] {n.getInt("step"), n.getDouble("temperature_classifier"), n.getDouble("field")});
      }
      out.add(new Input(p, tStep, temps, fields, r.getLong("seed"), r.getInt("configs_per_temp"), trajectories));
    }
    return out;
  }
}
