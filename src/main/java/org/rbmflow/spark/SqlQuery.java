package org.rbmflow.spark;

import java.io.PrintWriter;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;
import org.rbmflow.table.Tables;

/**
 * A read-only Spark SQL query over a sweep's tables, each registered as a view named after it ({@code points, flows,
 * spectra, patterns, means, optimal, fits}); the result streamed as CSV with a header. {@link SqlGuard} decides what
 * may run, before Spark sees the text and again on the analyzed plan. A refused or invalid query is a
 * {@link SqlRefusedException} whose message says why.
 */
public final class SqlQuery {
  private SqlQuery() {}

  /** The guard's check of the text alone, before any Spark starts. */
  public static void check(String text) throws Exception {
    queryErrors(() -> SqlGuard.check(text), null);
  }

  /**
   * Runs {@code text} in {@code run} over the tables of {@code output} and prints its result to {@code out} as CSV;
   * the tables' warnings go to {@code warnings}.
   */
  public static void run(SparkRun run, SweepOutput output, String text, PrintWriter out, Consumer<String> warnings)
      throws Exception {
    var spark = run.session();
    // the guard refuses file-path relations already; with this Spark refuses them too
    spark.conf().set("spark.sql.runSQLOnFiles", "false");
    // again with the session's parser, the one spark.sql uses: configured extensions may parse differently
    SqlGuard.Kind kind = queryErrors(() -> SqlGuard.check(spark.sessionState().sqlParser(), text), null);
    ResultTables tables = new ResultTables(spark, output.root(), output.conf());
    Map<String, Boolean> views = tables.registerViews();
    tables.warnings().forEach(warnings);
    Dataset<Row> df = queryErrors(() -> {
      Dataset<Row> d = spark.sql(text);
      if (kind == SqlGuard.Kind.QUERY) {
        SqlGuard.checkAnalyzed(d.queryExecution().analyzed(), output.root(), output.conf());
      }
      return d;
    }, views);
    print(out, df);
  }

  /**
   * Runs {@code step}, turning Spark's parse and analysis errors and a stack overflow in its recursive parser or
   * analyzer into a refusal; {@code views} (once registered) says which views have data.
   */
  private static <T> T queryErrors(Callable<T> step, Map<String, Boolean> views) throws Exception {
    try {
      return step.call();
    } catch (AnalysisException e) {
      String present = views == null ? "" : " (views with data: " + views.entrySet().stream()
          .filter(Map.Entry::getValue).map(Map.Entry::getKey).toList() + "; all views: " + Tables.VIEWS + ")";
      throw new SqlRefusedException(firstLine(e.getMessage()) + present);
    } catch (StackOverflowError e) {
      throw new SqlRefusedException("too deeply nested for Spark to analyse; allowed: a shallower query");
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
