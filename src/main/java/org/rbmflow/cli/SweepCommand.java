package org.rbmflow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.rbmflow.analysis.AggregateResult;
import org.rbmflow.spark.AggregateJob;
import org.rbmflow.spark.CommittedPoints;
import org.rbmflow.spark.OutputLocation;
import org.rbmflow.spark.OutputLock;
import org.rbmflow.spark.SweepJob;
import org.rbmflow.spark.SweepOutput;
import org.rbmflow.sweep.CostModel;
import org.rbmflow.sweep.GridPoint;
import org.rbmflow.sweep.SpecParams;
import org.rbmflow.sweep.SpecException;
import org.rbmflow.sweep.SweepSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rbmflow sweep JOB.yaml}: the grid of a job spec on Spark, one point per task, committed per point.
 * Exit codes (from the final state of every grid point, this run's and earlier runs'): 0 every point OK or
 * NOT_CONVERGED, 3 some point FAILED, 2 bad input (nothing created), 1 the sweep itself failed (one line saying what is
 * committed; rerun the same command to resume).
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Run every grid point of a job spec on Spark (embedded local[*] from submit/rbmflow, or the cluster of",
        "spark-submit), one point per task, largest first. Each point's rows are committed when it finishes, so a",
        "rerun of the same command resumes: committed points are skipped. Tables: points, flows, spectra, patterns,",
        "then the aggregation (aggregate/{means,optimal,fits}) unless --no-aggregate or aggregate.enabled: false.",
        "A rerun retries points that FAILED (unless --keep-failed) and recomputes damaged ones.",
        "Exit (final state of every point): 0 all OK or NOT_CONVERGED; 3 some FAILED (their rows say why);",
        "2 bad input; 1 error."})
public final class SweepCommand implements Callable<Integer> {
  public static final int EXIT_POINTS_FAILED = 3;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "JOB.yaml", description = "The job spec (see jobs/README.md).")
  Path job;

  @Option(names = "--out", paramLabel = "DIR", description = "Output location (overrides the spec's output). "
      + "Path or file:/hdfs:/s3a: URI. Default: the spec's output, else out/<name>.")
  String out;

  @Option(names = "--dry-run", description = "Print the number of points, the estimated cost and the memory per task; run nothing.")
  boolean dryRun;

  @Option(names = "--overwrite", description = "Replace the results of a different spec in --out (only rbmflow's own "
      + "entries; a directory holding files rbmflow did not write is refused).")
  boolean overwrite;

  @Option(names = "--keep-failed", description = "Do not retry points committed as FAILED by an earlier run (default: "
      + "they are run again).")
  boolean keepFailed;

  @Option(names = "--no-aggregate", description = "Do not run the aggregation (rbmflow aggregate) when the sweep ends.")
  boolean noAggregate;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(job)) {
      throw new UsageException("JOB.yaml: '" + job + "' is not a readable file; expected a YAML job spec");
    }
    String text = TextFiles.readUtf8(job, "JOB.yaml", "a UTF-8 YAML file");
    SweepSpec sweep;
    try {
      sweep = SweepSpec.parse(text, job.toString());
    } catch (SpecException e) {
      throw new UsageException(e.problems().stream().map(p -> job + ": " + p).toList());
    }
    String location = out != null ? out : sweep.output() != null ? sweep.output() : "out/" + sweep.name();
    PrintWriter o = spec.commandLine().getOut();
    List<GridPoint> grid = sweep.grid();
    if (dryRun) {
      printDryRun(o, sweep, grid, location);
      return Main.EXIT_OK;
    }
    SweepOutput output;
    try {
      output = SweepOutput.at(location);
      OutputLocation.checkLocalWritable(output.root(), location);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--out: " + e.getMessage());
    }
    SweepJob.Summary s;
    AggregateResult aggregate = null;
    String aggregateError = null;
    try (OutputLock lock = open(output, sweep, location)) {
      SparkSession spark = Sessions.start("rbmflow sweep " + sweep.name());
      try {
        s = SweepJob.run(spark, sweep, output.root(), output.conf(), new PrintWriter(System.err, true), !keepFailed);
        if (sweep.aggregate().enabled() && !noAggregate) {
          try {
            aggregate = AggregateJob.run(spark, output.root(), output.conf(), sweep.aggregate().settings());
          } catch (Exception e) {
            aggregateError = RunFailure.reason(e);
          }
        }
      } catch (Exception e) {
        throw RunFailure.of("sweep", e, committedNote(output, grid));
      } finally {
        spark.stop();
      }
    }
    printSummary(o, sweep, s, output);
    if (aggregate != null) {
      AggregateCommand.print(o, aggregate, output.root());
    } else if (aggregateError != null) {
      o.println("aggregate: failed (" + aggregateError + "); the points above are committed; rerun "
          + "`rbmflow aggregate " + location + "` to aggregate them");
    }
    o.flush();
    if (aggregateError != null) {
      return Main.EXIT_FAILED;
    }
    return s.finalCount("FAILED") > 0 ? EXIT_POINTS_FAILED : Main.EXIT_OK;
  }

  /** Takes the output for this spec (creates, locks, claims), or a {@link UsageException} saying why not. */
  private OutputLock open(SweepOutput output, SweepSpec sweep, String location) {
    try {
      return output.open(sweep, overwrite, "sweep " + job.getFileName());
    } catch (IllegalArgumentException | OutputLock.HeldException e) {
      throw new UsageException("--out: " + e.getMessage());
    } catch (IOException e) {
      throw new UsageException("--out: '" + location + "' cannot be written: " + RunFailure.reason(e));
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
    o.printf(Locale.ROOT, "state: %s — %d OK, %d NOT_CONVERGED, %d FAILED%s%n",
        missing == 0 ? "complete, all " + s.total() + " points committed" : missing + " point(s) still missing",
        s.finalCount("OK"), s.finalCount("NOT_CONVERGED"), s.finalCount("FAILED"),
        notes.isEmpty() ? "" : "; " + String.join(", ", notes));
    if (s.ran() > 0) {
      double compute = s.outcomes().stream().mapToDouble(x -> x.seconds).sum();
      double commit = s.outcomes().stream().mapToDouble(x -> x.commitSeconds).sum();
      double[] commits = s.outcomes().stream().mapToDouble(x -> x.commitSeconds).sorted().toArray();
      // the slowest commit is usually each executor's first (loading the Parquet writer's classes)
      o.printf(Locale.ROOT, "task time: compute %.2f s, commit %.2f s in all (%.3f s compute, %.3f s commit a point;"
              + " commit median %.3f s, slowest %.3f s)%n", compute, commit, compute / s.ran(), commit / s.ran(),
          commits[commits.length / 2], commits[commits.length - 1]);
    }
    s.outcomes().stream().filter(x -> "FAILED".equals(x.status))
        .forEach(x -> o.printf("  FAILED %s: %s%n", x.pointId, x.error));
    if (s.keptFailed() > 0) {
      o.printf("  %d point(s) FAILED in an earlier run were kept (--keep-failed); see `rbmflow sql \"SELECT point_id, "
          + "error FROM points WHERE status = 'FAILED'\" --in %s`%n", s.keptFailed(), output.shown());
    }
    o.printf("tables: %s/{points,flows,spectra,patterns}%n", output.root());
  }

  private static void printDryRun(PrintWriter o, SweepSpec sweep, List<GridPoint> grid, String location) {
    CostModel cost = CostModel.calibrated();
    double total = 0;
    double largest = 0;
    long memory = 0;
    java.util.Map<String, double[]> byVariant = new java.util.LinkedHashMap<>();
    for (GridPoint p : grid) {
      double sec = cost.seconds(p);
      total += sec;
      largest = Math.max(largest, sec);
      memory = Math.max(memory, cost.taskMemoryBytes(p));
      double[] v = byVariant.computeIfAbsent(sweep.variantOf(p), k -> new double[2]);
      v[0]++;
      v[1] += sec;
    }
    java.util.List<SpecParams.Param> varied = sweep.settings().varied();
    StringBuilder axes = new StringBuilder();
    for (SpecParams.Param q : varied) {
      axes.append(" x ").append(sweep.settings().of(q).size()).append(' ').append(q.path());
    }
    o.printf(Locale.ROOT, "sweep %s: %d grid points (%d lattices x %d n_temp x %d seeds x n_h values%s)%n", sweep.name(),
        grid.size(), sweep.lattices().size(), sweep.nTemps().size(), sweep.seeds().size(), axes);
    if (!varied.isEmpty()) {
      for (java.util.Map.Entry<String, double[]> e : byVariant.entrySet()) {
        o.printf(Locale.ROOT, "  %s: %d points, %.3g core-hours%n", e.getKey(), (long) e.getValue()[0],
            e.getValue()[1] / 3600);
      }
    }
    if (!sweep.checkpoints().isEmpty()) {
      o.printf("every training is also evaluated at epochs %s (rows marked checkpoint_of)%n",
          sweep.checkpoints().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")));
    }
    o.printf(Locale.ROOT, "estimated cost: %.3g core-hours in all (%.0f core-seconds); largest point %.0f core-seconds%n",
        total / 3600, total, largest);
    o.printf(Locale.ROOT, "memory per task: %.0f MiB (executor memory ≥ this × cores per executor)%n",
        memory / 1048576.0);
    o.printf("output: %s (nothing was created: dry run)%n", location);
    o.println("cost model: " + cost);
    o.flush();
  }
}
