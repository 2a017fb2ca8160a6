package org.rbmflow.service;

import java.io.PrintWriter;
import org.rbmflow.spark.SparkRun;
import org.rbmflow.spark.SqlGuard;
import org.rbmflow.spark.SqlQuery;
import org.rbmflow.spark.SqlRefusedException;
import org.rbmflow.spark.SweepOutput;

/**
 * Spark SQL over a sweep's tables ({@link SqlQuery}): the result printed as CSV with a header. Read-only: the guard
 * decides what may run, before Spark starts and again on the analyzed plan.
 */
public final class SqlService {
  /** The longest query text, bytes of UTF-8. */
  public static final int MAX_QUERY_BYTES = SqlGuard.MAX_BYTES;

  private SqlService() {}

  /**
   * Runs the read-only query {@code text} over the tables of the output at {@code location} and prints its result to
   * {@code out} as CSV with a header; the tables' warnings go to {@code err}.
   *
   * @throws InputException when the query is refused or invalid (naming QUERY), or {@code location} is not an output
   *                        of rbmflow with committed points (naming --in)
   */
  public static void query(String location, String text, PrintWriter out, PrintWriter err) throws Exception {
    try {
      // checked before Spark starts, so bad input costs nothing and nothing runs
      SqlQuery.check(text);
      SweepOutput output = SweepDirectory.existing("--in", location);
      try (SparkRun spark = SparkRun.start("rbmflow sql")) {
        SqlQuery.run(spark, output, text, out, w -> err.println("sql: " + w));
      }
    } catch (SqlRefusedException e) {
      throw new InputException("QUERY: " + e.getMessage());
    }
  }
}
