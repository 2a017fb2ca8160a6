package org.rbmflow.service;

import java.io.PrintWriter;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;
import org.rbmflow.spark.ResultTables;
import org.rbmflow.spark.SqlGuard;
import org.rbmflow.spark.SqlRefusedException;
import org.rbmflow.spark.SweepOutput;
import org.rbmflow.table.Tables;

/**
 * Spark SQL over a sweep's tables, each registered as a view named after it ({@code points, flows, spectra, patterns,
 * means, optimal, fits}); the result printed as CSV with a header. Read-only: {@link SqlGuard} decides what may run,
 * before Spark sees the text and again on the analyzed plan.
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
      run(location, text, out, err);
    } catch (SqlRefusedException e) {
      throw new InputException("QUERY: " + e.getMessage());
    }
  }

  private static void run(String location, String text, PrintWriter out, PrintWriter err) throws Exception {
    // checked before Spark starts, so bad input costs nothing and nothing runs
    queryErrors(() -> SqlGuard.check(text), null);
    SweepOutput output = SweepDirectory.existing("--in", location);
    SparkSession spark = SparkSessions.start("rbmflow sql");
    try {
      // the guard refuses file-path relations already; with this Spark refuses them too
      spark.conf().set("spark.sql.runSQLOnFiles", "false");
      // again with the session's parser, the one spark.sql uses: configured extensions may parse differently
      SqlGuard.Kind kind = queryErrors(() -> SqlGuard.check(spark.sessionState().sqlParser(), text), null);
      ResultTables tables = new ResultTables(spark, output.root(), output.conf());
      Map<String, Boolean> views = tables.registerViews();
      tables.warnings().forEach(w -> err.println("sql: " + w));
      Dataset<Row> df = queryErrors(() -> {
        Dataset<Row> d = spark.sql(text);
        if (kind == SqlGuard.Kind.QUERY) {
          SqlGuard.checkAnalyzed(d.queryExecution().analyzed(), output.root(), output.conf());
        }
        return d;
      }, views);
      print(out, df);
    } finally {
      spark.stop();
    }
  }

  /**
   * Runs {@code step}, turning Spark's parse and analysis errors and a stack overflow in its recursive parser or
   * analyzer into a usage error naming QUERY; {@code views} (once registered) says which views have data.
   */
  private static <T> T queryErrors(Callable<T> step, Map<String, Boolean> views) throws Exception {
    try {
      return step.call();
    } catch (AnalysisException e) {
      String present = views == null ? "" : " (views with data: " + views.entrySet().stream()
          .filter(Map.Entry::getValue).map(Map.Entry::getKey).toList() + "; all views: " + Tables.VIEWS + ")";
      throw new InputException("QUERY: " + firstLine(e.getMessage()) + present);
    } catch (StackOverflowError e) {
      throw new InputException("QUERY: too deeply nested for Spark to analyse; allowed: a shallower query");
    }
  }

  /** Streams the rows to {@code o} as RFC 4180 CSV. */
  private static void print(PrintWriter o, Dataset<Row> df) {
    StructType schema = df.schema();
    String[] names = schema.fieldNames();
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < names.length; i++) {
      line.append(i == 0 ? "" : ",").append(csv(names[i]));
    }
    o.println(line);
    Iterator<Row> it = df.toLocalIterator();
    while (it.hasNext()) {
      Row r = it.next();
      line.setLength(0);
      for (int i = 0; i < names.length; i++) {
        if (i > 0) {
          line.append(',');
        }
        if (r.isNullAt(i)) {
          continue;
        }
        Object v = schema.fields()[i].dataType() instanceof ArrayType ? r.getList(i) : r.get(i);
        line.append(csv(render(v)));
      }
      o.println(line);
    }
    o.flush();
  }

  private static String render(Object v) {
    if (v instanceof List<?> list) {
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i < list.size(); i++) {
        b.append(i == 0 ? "" : ", ").append(render(list.get(i)));
      }
      return b.append(']').toString();
    }
    if (v instanceof Double d) {
      return Double.toString(d);
    }
    if (v instanceof Float f) {
      return Float.toString(f);
    }
    return String.valueOf(v);
  }

  private static String csv(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  /** Spark's messages may start with a blank line (parse errors do); the first line with text. */
  private static String firstLine(String s) {
    return s == null ? "invalid query" : s.lines().map(String::trim).filter(l -> !l.isEmpty()).findFirst()
        .orElse("invalid query");
  }
}
