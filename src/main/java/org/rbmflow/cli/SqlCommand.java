package org.rbmflow.cli;

import java.io.PrintWriter;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;
import org.rbmflow.spark.AggregateTables;
import org.rbmflow.spark.ResultTables;
import org.rbmflow.spark.SweepOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rbmflow sql "SELECT …" --in OUT}: Spark SQL over a sweep's tables, each registered as a view named after
 * it ({@code points, flows, spectra, patterns, means, optimal, fits}); the result is printed as CSV with a header.
 * Read-only: statements other than queries are refused.
 */
@Command(name = "sql", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Run a Spark SQL query over a sweep's tables and print the result as CSV (header first) on stdout.",
        "Views: points, flows, spectra, patterns, means, optimal, fits (the last three after `rbmflow aggregate`;",
        "a table without files is an empty view). Arrays print as [x, y, ...]; NULL as an empty field.",
        "Example: rbmflow sql \"SELECT n_v, n_temp, best_n_h, energy FROM optimal ORDER BY n_v, n_temp\" --in out/quickstart"})
public final class SqlCommand implements Callable<Integer> {
  /** First keyword of a read-only statement. */
  private static final Pattern READ_ONLY = Pattern.compile(
      "^\\s*(?:--[^\\n]*\\n\\s*|/\\*.*?\\*/\\s*)*(SELECT|WITH|VALUES|TABLE|FROM|DESCRIBE|DESC|SHOW|EXPLAIN)\\b",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "QUERY", description = "A SQL query (SELECT, WITH, DESCRIBE, SHOW, EXPLAIN …).")
  String query;

  @Option(names = "--in", paramLabel = "OUT", required = true, description = "A sweep's output directory (path or URI).")
  String in;

  @Override
  public Integer call() throws Exception {
    if (query == null || query.isBlank()) {
      throw new UsageException("QUERY: empty; expected a SQL query such as \"SELECT * FROM points\"");
    }
    if (!READ_ONLY.matcher(query).find()) {
      throw new UsageException("QUERY: '" + abbreviate(query) + "' is not a read-only query; expected a statement "
          + "starting with SELECT, WITH, VALUES, TABLE, FROM, DESCRIBE, SHOW or EXPLAIN");
    }
    SweepOutput output = SweepDirectory.existing("--in", in);
    SparkSession spark = Sessions.start("rbmflow sql");
    try {
      ResultTables tables = new ResultTables(spark, output.root(), output.conf());
      Map<String, Boolean> views = tables.registerViews();
      tables.warnings().forEach(w -> spec.commandLine().getErr().println("sql: " + w));
      Dataset<Row> df;
      try {
        df = spark.sql(query);
        df.schema();
      } catch (Exception e) {
        if (!(e instanceof AnalysisException)) {
          throw e;
        }
        List<String> present = views.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
        throw new UsageException("QUERY: " + firstLine(e.getMessage()) + " (views with data: " + present
            + "; all views: " + AggregateTables.VIEWS + ")");
      }
      print(spec.commandLine().getOut(), df);
    } finally {
      spark.stop();
    }
    return Main.EXIT_OK;
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

  private static String firstLine(String s) {
    if (s == null) {
      return "invalid query";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }

  private static String abbreviate(String s) {
    String one = s.strip().replaceAll("\\s+", " ");
    return one.length() <= 60 ? one : one.substring(0, 57) + "...";
  }
}
