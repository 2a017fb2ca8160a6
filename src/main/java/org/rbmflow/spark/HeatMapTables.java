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
      Row r = rows.get(0);
      List<Double> h = r.getList(2);
      if (h.size() < 2) {
        continue;
      }
      double tStep = r.getDouble(0);
      double[] temps = new double[r.getInt(1)];
      for (int i = 0; i < temps.length; i++) {
        temps[i] = i * tStep;
      }
      double[] fields = h.stream().mapToDouble(Double::doubleValue).toArray();
      Map<String, List<double[]>> trajectories = new LinkedHashMap<>();
      for (Row f : tables.read("flows").where(functions.col("point_id").equalTo(p.pointId()))
          .where("NOT isnan(temperature_classifier) AND NOT isnan(field)")
          .selectExpr("start", "step", "temperature_classifier", "field").orderBy("start", "step").collectAsList()) {
        trajectories.computeIfAbsent(f.getString(0), k -> new ArrayList<>())
            .add(new double[] {f.getInt(1), f.getDouble(2), f.getDouble(3)});
      }
      out.add(new Input(p, tStep, temps, fields, r.getLong(4), r.getInt(3), trajectories));
    }
    return out;
  }
}
