package org.rbmflow.service;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.rbmflow.aggregate.AggregateResult;
import org.rbmflow.common.PointStatus;
import org.rbmflow.spark.AggregateJob;
import org.rbmflow.spark.CommittedPoints;
import org.rbmflow.spark.Compaction;
import org.rbmflow.spark.OutputLocation;
import org.rbmflow.spark.OutputLock;
import org.rbmflow.spark.PointOutcome;
import org.rbmflow.spark.SparkRun;
import org.rbmflow.spark.SweepJob;
import org.rbmflow.spark.SweepOutput;
import org.rbmflow.spark.SweepProgress;
import org.rbmflow.sweep.CostModel;
import org.rbmflow.sweep.GridPoint;
import org.rbmflow.sweep.SpecParams;
import org.rbmflow.sweep.SweepSpec;

/**
 * A sweep from an accepted spec to its committed tables: the output opened and locked for the spec, every grid point
 * not yet committed run on Spark ({@link SweepJob}), the per-point files compacted ({@link Compaction}), the
 * aggregation, and the closing summary; or, dry, the size, cost
 * and memory of the grid.
 */
public final class SweepService {
  private SweepService() {}

  /**
   * What to run.
   *
   * @param spec        the accepted spec
   * @param jobName     the spec file's name (in the output's lock)
   * @param location    the output (path or URI)
   * @param overwrite   replace an output of a different spec
   * @param retryFailed run again the points committed as FAILED
   * @param aggregate   run the aggregation at the end (when the spec enables it)
   * @param specPath    the spec as given on the command line (in the checks' messages)
   * @param yes         run a local sweep above {@link SweepChecks#LOCAL_CORE_HOURS} core-hours
   * @param compact     merge the per-point files into few files per table after the points ({@link Compaction})
   */
  public record Request(SweepSpec spec, String jobName, String location, boolean overwrite, boolean retryFailed,
      boolean aggregate, boolean compact, String specPath, boolean yes) {}

  /**
   * How it ended.
   *
   * @param failedPoints    grid points whose final status is FAILED or TIMEOUT (this run's and earlier runs')
   * @param aggregateFailed whether the aggregation failed (the points are committed all the same)
   * @param compactFailed   whether the compaction failed (the points are committed all the same)
   */
  /** Points of a run whose status is not OK that the summary names one per line. */
  static final int NOT_OK_LINES = 20;

  public record Outcome(long failedPoints, boolean aggregateFailed, boolean compactFailed) {}

  /**
   * Runs the sweep; progress goes to {@code progress} as it happens (one line redrawn in place when
   * {@code terminal}, else a line at most every so many seconds: {@link SweepProgress}), the summary to {@code out} at
   * the end.
   *
   * @throws InputException when the output cannot be taken for this spec, the checks refuse the sweep (a task's
   *                        memory above the heap it gets; more than the local limit of core-hours without
   *                        {@code yes}), or the progress interval is not a number: nothing created
   * @throws RunFailure     when the sweep itself fails (saying how many points are committed)
   */
  public static Outcome run(Request r, PrintWriter out, PrintWriter progress, boolean terminal) throws IOException {
    SweepSpec sweep = r.spec();
    CostModel cost = CostModel.calibrated();
    CostModel.Plan plan = cost.plan(sweep.grid(), sweep.checkpoints());
    List<String> refused = SweepChecks.problems(sweep.grid(), cost, plan, SweepChecks.detect(), r.specPath(), r.yes());
    if (!refused.isEmpty()) {
      throw new InputException(refused);
    }
    SweepOutput output;
    SweepProgress.Style style;
    try {
      style = SweepProgress.Style.of(terminal);
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage());
    }
    try {
      output = SweepOutput.at(r.location());
      OutputLocation.checkLocalWritable(output.root(), r.location());
    } catch (IllegalArgumentException e) {
      throw new InputException("--out: " + e.getMessage());
    }
    SweepJob.Summary s;
    AggregateResult aggregate = null;
    String aggregateError = null;
    Compaction.Result compacted = null;
    String compactError = null;
    double compactSeconds = Double.NaN;
    double aggregateSeconds = Double.NaN;
    try (OutputLock lock = open(output, r)) {
      try (SparkRun spark = SparkRun.start("rbmflow sweep " + sweep.name())) {
        s = SweepJob.run(spark, sweep, output.root(), output.conf(), progress, style, r.retryFailed());
        if (r.compact()) {
          long t0 = System.nanoTime();
          try {
            compacted = Compaction.run(output.root(), output.conf());
          } catch (Exception e) {
            compactError = RunFailure.reason(e);
          }
          compactSeconds = (System.nanoTime() - t0) / 1e9;
        }
        if (sweep.aggregate().enabled() && r.aggregate()) {
          long t0 = System.nanoTime();
          try {
            aggregate = AggregateJob.run(spark, output.root(), output.conf(), sweep.aggregate().settings());
          } catch (Exception e) {
            aggregateError = RunFailure.reason(e);
          }
          aggregateSeconds = (System.nanoTime() - t0) / 1e9;
        }
      } catch (Exception e) {
        throw RunFailure.of("sweep", e, committedNote(output, sweep.grid()));
      }
    }
    printSummary(out, sweep, s, output);
    printCost(out, sweep.grid(), plan, s);
    if (compacted != null) {
      CompactService.print(out, compacted);
    } else if (compactError != null) {
      out.println("compact: failed (" + compactError + "); the points above are committed and read correctly; rerun "
          + "`rbmflow compact " + r.location() + "` to merge their files");
    }
    printAfterSweep(out, compactSeconds, aggregateSeconds);
    if (aggregate != null) {
      AggregateSummary.print(out, aggregate, output.root());
      out.println("report: `rbmflow report " + output.shown() + "` draws the figures into " + output.shown()
          + "/report/index.html");
    } else if (aggregateError != null) {
      out.println("aggregate: failed (" + aggregateError + "); the points above are committed; rerun "
          + "`rbmflow aggregate " + r.location() + "` to aggregate them");
    }
    out.flush();
    return new Outcome(s.finalCount(PointStatus.FAILED) + s.finalCount(PointStatus.TIMEOUT), aggregateError != null,
        compactError != null);
  }

  /** How long the steps after the points took (the points' own time is in the summary's first line). */
  private static void printAfterSweep(PrintWriter out, double compactSeconds, double aggregateSeconds) {
    List<String> steps = new ArrayList<>();
    if (!Double.isNaN(compactSeconds)) {
      steps.add(String.format(Locale.ROOT, "compact %.1f s", compactSeconds));
    }
    if (!Double.isNaN(aggregateSeconds)) {
      steps.add(String.format(Locale.ROOT, "aggregate %.1f s", aggregateSeconds));
    }
    if (!steps.isEmpty()) {
      out.println("after the points: " + String.join(", ", steps));
    }
  }

  /** Takes the output for this spec (creates, locks, claims), or an {@link InputException} saying why not. */
  private static OutputLock open(SweepOutput output, Request r) {
    try {
      return output.open(r.spec(), r.overwrite(), "sweep " + r.jobName());
    } catch (IllegalArgumentException | OutputLock.HeldException e) {
      throw new InputException("--out: " + e.getMessage());
    } catch (IOException e) {
      throw new InputException("--out: '" + r.location() + "' cannot be written: " + RunFailure.reason(e));
    }
  }

  /** What a failed run leaves: how many of the grid's points are committed, and that a rerun resumes. */
  private static String committedNote(SweepOutput output, List<GridPoint> grid) {
    try {
      Set<String> ids = new HashSet<>();
      grid.forEach(p -> ids.add(p.pointId()));
      ids.retainAll(CommittedPoints.list(output.root(), output.conf()));
      return ids.size() + " of " + grid.size() + " points are committed under " + output.shown()
          + "; rerun the same command to resume";
    } catch (IOException | RuntimeException e) {
      return "rerun the same command to resume (committed points are kept)";
    }
  }

  /** The closing summary: the final state of every grid point, then what this run did. */
  private static void printSummary(PrintWriter o, SweepSpec sweep, SweepJob.Summary s, SweepOutput output) {
    o.printf(Locale.ROOT, "sweep %s finished in %.1f s: %d points, %d skipped (already committed), %d run: %d OK, "
        + "%d NOT_CONVERGED, %d FAILED%n", sweep.name(), s.seconds(), s.total(), s.skipped(), s.ran(), s.ok(),
        s.notConverged(), s.failed());
    List<String> notes = new ArrayList<>();
    if (!s.repaired().isEmpty()) {
      notes.add("repaired " + s.repaired().size() + " damaged point(s)");
    }
    if (s.retried() > 0) {
      notes.add("retried " + s.retried() + " point(s) FAILED earlier");
    }
    if (s.keptFailed() > 0) {
      notes.add("kept " + s.keptFailed() + " point(s) FAILED earlier (--keep-failed)");
    }
    if (!s.foreign().isEmpty()) {
      notes.add("ignored " + s.foreign().size() + " file(s) rbmflow did not write");
    }
    long missing = s.total() - s.finalStatus().size();
    long timeouts = s.finalCount(PointStatus.TIMEOUT);
    o.printf(Locale.ROOT, "state: %s — %d OK, %d NOT_CONVERGED, %d FAILED%s%s%n",
        missing == 0 ? "complete, all " + s.total() + " points committed" : missing + " point(s) still missing",
        s.finalCount(PointStatus.OK), s.finalCount(PointStatus.NOT_CONVERGED), s.finalCount(PointStatus.FAILED),
        timeouts > 0 ? ", " + timeouts + " TIMEOUT" : "", notes.isEmpty() ? "" : "; " + String.join(", ", notes));
    if (s.ran() > 0) {
      double compute = s.outcomes().stream().mapToDouble(x -> x.seconds).sum();
      double commit = s.outcomes().stream().mapToDouble(x -> x.commitSeconds).sum();
      double[] commits = s.outcomes().stream().mapToDouble(x -> x.commitSeconds).sorted().toArray();
      // the slowest commit is usually each executor's first (loading the Parquet writer's classes)
      o.printf(Locale.ROOT, "task time: compute %.2f s, commit %.2f s in all (%.3f s compute, %.3f s commit a point;"
              + " commit median %.3f s, slowest %.3f s)%n", compute, commit, compute / s.ran(), commit / s.ran(),
          commits[commits.length / 2], commits[commits.length - 1]);
    }
    // one line per point of this run that is not OK, with its reason (the first few; the rest through sql)
    List<PointOutcome> notOk = s.outcomes().stream().filter(x -> x.status != PointStatus.OK)
        .sorted(java.util.Comparator.comparing((PointOutcome x) -> x.status).thenComparing(x -> x.pointId)).toList();
    notOk.stream().limit(NOT_OK_LINES).forEach(x -> o.printf("  %s %s: %s%n", x.status, x.pointId, x.error));
    if (notOk.size() > NOT_OK_LINES) {
      o.printf("  … and %d more; see `rbmflow sql \"SELECT status, point_id, error FROM points WHERE status <> 'OK'\" "
          + "--in %s`%n", notOk.size() - NOT_OK_LINES, output.shown());
    }
    if (s.keptFailed() > 0) {
      o.printf("  %d point(s) FAILED in an earlier run were kept (--keep-failed); see `rbmflow sql \"SELECT point_id, "
          + "error FROM points WHERE status = 'FAILED'\" --in %s`%n", s.keptFailed(), output.shown());
    }
    o.printf("tables: %s/{points,flows,spectra,patterns}%n", output.root());
  }

  /** The estimate of the points this run ran against their compute time. */
  private static void printCost(PrintWriter o, List<GridPoint> grid, CostModel.Plan plan, SweepJob.Summary s) {
    if (s.ran() == 0) {
      return;
    }
    Map<String, Double> byId = new java.util.HashMap<>();
    for (int i = 0; i < grid.size(); i++) {
      byId.put(grid.get(i).pointId(), plan.taskSeconds()[i]);
    }
    double estimated = s.outcomes().stream().mapToDouble(x -> byId.getOrDefault(x.pointId, 0.0)).sum();
    double actual = s.outcomes().stream().mapToDouble(x -> x.seconds).sum();
    o.printf(Locale.ROOT, "cost: estimated %.3g core-hours (%.3g–%.3g), actual %.3g core-hours of compute for the %d "
            + "point(s) run; actual ÷ estimated %.2f%n", estimated / 3600, CostModel.LOW * estimated / 3600,
        CostModel.HIGH * estimated / 3600, actual / 3600, s.ran(), actual / estimated);
  }

  /** The dry run: the grid's size by axis and variant, its estimated cost and memory per task; runs nothing. */
  /**
   * Starts calibrating the cost model ({@link CostModel#calibrated}) on a daemon thread, so that a caller's own work
   * (parsing a spec of 10⁵ points, expanding its grid) overlaps it; the first {@code calibrated()} waits for it.
   */
  public static void calibrateInBackground() {
    Thread t = new Thread(CostModel::calibrated, "rbmflow-calibration");
    t.setDaemon(true);
    t.start();
  }

  public static void dryRun(SweepSpec sweep, String location, PrintWriter o) {
    List<GridPoint> grid = sweep.grid();
    CostModel cost = CostModel.calibrated();
    CostModel.Plan plan = cost.plan(grid, sweep.checkpoints());
    long memory = 0;
    Map<String, double[]> byVariant = new LinkedHashMap<>();
    List<SpecParams.Param> varied = sweep.settings().varied();
    for (int i = 0; i < grid.size(); i++) {
      GridPoint p = grid.get(i);
      memory = Math.max(memory, cost.taskMemoryBytes(p));
      if (!varied.isEmpty()) {
        double[] v = byVariant.computeIfAbsent(sweep.variantOf(p), k -> new double[2]);
        v[0]++;
        v[1] += plan.taskSeconds()[i];
      }
    }
    StringBuilder axes = new StringBuilder();
    for (SpecParams.Param q : varied) {
      axes.append(" x ").append(sweep.settings().of(q).size()).append(' ').append(q.path());
    }
    o.printf(Locale.ROOT, "sweep %s: %d grid points (%d lattices x %d n_temp x %d seeds x n_h values%s)%n", sweep.name(),
        grid.size(), sweep.lattices().size(), sweep.nTemps().size(), sweep.seeds().size(), axes);
    if (!varied.isEmpty()) {
      for (Map.Entry<String, double[]> e : byVariant.entrySet()) {
        o.printf(Locale.ROOT, "  %s: %d points, %.3g core-hours%n", e.getKey(), (long) e.getValue()[0],
            e.getValue()[1] / 3600);
      }
    }
    if (!sweep.checkpoints().isEmpty()) {
      o.printf("every training is also evaluated at epochs %s (rows marked checkpoint_of)%n",
          sweep.checkpoints().stream().map(String::valueOf).collect(Collectors.joining(", ")));
    }
    o.printf(Locale.ROOT, "estimated cost: %.3g core-hours in all (%.3g–%.3g; %.0f core-seconds); largest point %.0f "
        + "core-seconds%n", plan.total() / 3600, plan.low() / 3600, plan.high() / 3600, plan.total(), plan.largest());
    o.printf(Locale.ROOT, "memory per task: %.0f MiB (executor memory ≥ this × cores per executor)%n",
        memory / 1048576.0);
    o.printf("output: %s (nothing was created: dry run)%n", location);
    o.println("cost model: " + cost);
    o.flush();
  }
}
