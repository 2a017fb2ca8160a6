package org.rbmflow.service;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.rbmflow.aggregate.AggregateResult;
import org.rbmflow.aggregate.AggregateSettings;
import org.rbmflow.spark.AggregateJob;
import org.rbmflow.spark.OutputLock;
import org.rbmflow.spark.ResultTables;
import org.rbmflow.spark.SparkRun;
import org.rbmflow.spark.SweepOutput;

/**
 * The aggregation of a sweep's output on Spark (seed means, the optimal N_h, the fits), written under
 * {@code OUT/aggregate} with the output locked, and summarised.
 */
public final class AggregateService {
  /** The default smallest N_temp of the fits. */
  public static final int DEFAULT_N_TEMP_MIN = AggregateSettings.DEFAULT.nTempMin();
  /** The default N_h candidates of the optimum ({@code squares} or {@code all}). */
  public static final String DEFAULT_CANDIDATES = AggregateSettings.DEFAULT.candidates().label();

  private AggregateService() {}

  /**
   * The aggregation's settings as given, with the names of the options that gave them (for messages).
   *
   * @param nTempMin   smallest N_temp of the fits, 1 … 1 000 000
   * @param candidates the N_h values the optimum is chosen from: {@code squares} or {@code all}
   */
  public record Settings(int nTempMin, String candidates, String nTempOption, String candidatesOption) {
    /** Checked settings, or an {@link InputException} naming each offending option. */
    AggregateSettings check() {
      List<String> problems = new ArrayList<>();
      if (nTempMin < 1 || nTempMin > 1_000_000) {
        problems.add(nTempOption + ": " + nTempMin + " is out of range; expected an integer in [1, 1000000]");
      }
      AggregateSettings.Candidates c = AggregateSettings.Candidates.parse(candidates);
      if (c == null) {
        problems.add(candidatesOption + ": '" + candidates + "' is not allowed; expected squares or all");
      }
      if (!problems.isEmpty()) {
        throw new InputException(problems);
      }
      return new AggregateSettings(nTempMin, c);
    }
  }

  /**
   * Aggregates the output at {@code location}: the summary to {@code out}, the tables' warnings to {@code err}.
   *
   * @throws InputException when the settings are out of range, or {@code location} is not an output of rbmflow with
   *                        committed points, or is locked
   */
  public static void run(String location, Settings given, PrintWriter out, PrintWriter err) throws IOException {
    AggregateSettings settings = given.check();
    SweepOutput output = SweepDirectory.existing("OUT", location);
    AggregateResult r;
    try (OutputLock lock = SweepDirectory.lock("OUT", output, "aggregate")) {
      try (SparkRun spark = SparkRun.start("rbmflow aggregate")) {
        ResultTables tables = new ResultTables(spark, output.root(), output.conf());
        r = AggregateJob.run(spark, tables, output.conf(), settings);
        tables.warnings().forEach(w -> err.println("aggregate: " + w));
      }
    }
    AggregateSummary.print(out, r, output.root());
  }
}
