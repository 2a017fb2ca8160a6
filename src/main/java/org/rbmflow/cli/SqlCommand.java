package org.rbmflow.cli;

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
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rbmflow sql "SELECT …" --in OUT}: Spark SQL over a sweep's tables, each registered as a view named after
 * it ({@code points, flows, spectra, patterns, means, optimal, fits}); the result is printed as CSV with a header.
 * Read-only: {@link SqlGuard} decides what may run, before Spark sees the text and again on the analyzed plan.
 */
@Command(name = "sql", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Run a Spark SQL query over a sweep's tables and print the result as CSV (header first) on stdout.",
        "Views: points, flows, spectra, patterns, means, optimal, fits (the last three after `rbmflow aggregate`;",
        "a table without files is an empty view). Arrays print as [x, y, ...]; NULL as an empty field.",
        "Read-only: one query (SELECT, WITH, VALUES, TABLE, FROM) over the views, or DESCRIBE <view>, SHOW TABLES,",
        "SHOW VIEWS, SHOW COLUMNS IN <view>, EXPLAIN <query>. No writes, commands, file paths, reflect/java_method.",
        "Example: rbmflow sql \"SELECT n_v, n_temp, best_n_h, energy FROM optimal ORDER BY n_v, n_temp\" --in out/quickstart"})
public final class SqlCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "QUERY",
      description = "A SQL query (SELECT, WITH, DESCRIBE, SHOW, EXPLAIN …); or use --file.")
  String query;

  @Option(names = "--file", paramLabel = "Q.sql",
      description = "Read the query from this UTF-8 file (at most 256 KiB); - reads standard input.")
  String file;

  @Option(names = "--in", paramLabel = "OUT", required = true, description = "A sweep's output directory (path or URI).")
  String in;

  @Override
  public Integer call() throws Exception {
    try {
      run(queryText());
    } catch (SqlRefusedException e) {
      throw new UsageException("QUERY: " + e.getMessage());
    }
    return Main.EXIT_OK;
  }

  private void run(String text) throws Exception {
    // checked before Spark starts, so bad input costs nothing and nothing runs
    queryErrors(() -> SqlGuard.check(text), null);
    SweepOutput output = SweepDirectory.existing("--in", in);
    SparkSession spark = Sessions.start("rbmflow sql");
    try {
      // the guard refuses file-path relations already; with this Spark refuses them too
      spark.conf().set("spark.sql.runSQLOnFiles", "false");
      // again with the session's parser, the one spark.sql uses: configured extensions may parse differently
      SqlGuard.Kind kind = queryErrors(() -> SqlGuard.check(spark.sessionState().sqlParser(), text), null);
      ResultTables tables = new ResultTables(spark, output.root(), output.conf());
      Map<String, Boolean> views = tables.registerViews();
      tables.warnings().forEach(w -> spec.commandLine().getErr().println("sql: " + w));
      Dataset<Row> df = queryErrors(() -> {
        Dataset<Row> d = spark.sql(text);
        if (kind == SqlGuard.Kind.QUERY) {
          SqlGuard.checkAnalyzed(d.queryExecution().analyzed(), output.root(), output.conf());
        }
        return d;
      }, views);
      print(spec.commandLine().getOut(), df);
    } finally {
      spark.stop();
    }
  }

  /** The query from QUERY or --file: exactly one of them. */
  private String queryText() {
    if (query != null && file != null) {
      throw new UsageException("QUERY: both a QUERY and --file given; expected one of them");
    }
    if (query == null && file == null) {
      throw new UsageException("QUERY: missing; expected a SQL query such as \"SELECT * FROM points\" or --file Q.sql");
    }
    return query != null ? query : QueryFile.read(file, System.in);
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
      throw new UsageException("QUERY: " + firstLine(e.getMessage()) + present);
    } catch (StackOverflowError e) {
      throw new UsageException("QUERY: too deeply nested for Spark to analyse; allowed: a shallower query");
    }
  }

  /** Streams the rows to {@code o} as RFC 4180 CSV. */
  static void print(PrintWriter o, Dataset<Row> df) {
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
