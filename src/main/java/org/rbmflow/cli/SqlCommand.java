package org.rbmflow.cli;

import java.util.concurrent.Callable;
import org.rbmflow.service.SqlService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rbmflow sql "SELECT …" --in OUT}: Spark SQL over a sweep's tables, each registered as a view named after
 * it ({@code points, flows, spectra, patterns, means, optimal, fits}); the result is printed as CSV with a header.
 * Read-only ({@link SqlService}).
 */
@Command(name = "sql", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Query a sweep's tables with Spark SQL (read-only); CSV on stdout.",
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
    SqlService.query(in, queryText(), spec.commandLine().getOut(), spec.commandLine().getErr());
    return Main.EXIT_OK;
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
}
