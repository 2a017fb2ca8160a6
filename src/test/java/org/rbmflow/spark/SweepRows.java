package org.rbmflow.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Test helper: a result table read back by Spark, without timing columns, rows rendered and sorted. */
public final class SweepRows {
  /** Columns that legitimately differ between runs of the same point. */
  public static final List<String> TIMING = List.of("mc_seconds", "train_seconds", "flow_seconds", "finished_at",
      "estimated_seconds");

  private SweepRows() {}

  /** Reads through {@link ResultTables}, as the commands do: only the files rbmflow wrote. */
  public static List<String> rows(SparkSession spark, Path root, String table) {
    return rows(spark, new org.apache.hadoop.fs.Path(root.toUri()), table);
  }

  /** The same for an output on any Hadoop file system ({@code hdfs:} …), read with rbmflow's configuration. */
  public static List<String> rows(SparkSession spark, org.apache.hadoop.fs.Path root, String table) {
    Dataset<Row> df;
    try {
      df = new ResultTables(spark, root, OutputLocation.hadoopConf()).read(table);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return render(df);
  }

  /** The rows of {@code df} without the timing columns, columns and rows sorted, each rendered as text. */
  public static List<String> render(Dataset<Row> df) {
    for (String c : TIMING) {
      if (Arrays.asList(df.columns()).contains(c)) {
        df = df.drop(c);
      }
    }
    String[] cols = df.columns();
    Arrays.sort(cols);
    df = df.selectExpr(cols);
    List<String> out = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      out.add(r.toString());
    }
    out.sort(null);
    return out;
  }
}
