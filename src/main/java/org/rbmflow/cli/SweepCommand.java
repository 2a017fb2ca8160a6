package org.rbmflow.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rbmflow.service.SweepService;
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
    header = "Run every grid point of a job spec on Spark, resumably.",
    description = {
        "Run every grid point of a job spec on Spark (embedded local[*] from submit/rbmflow, or the cluster of",
        "spark-submit), one point per task, largest first. Each point's rows are committed when it finishes, so a",
        "rerun of the same command resumes: committed points are skipped. Tables: points, flows, spectra, patterns,",
        "merged into few files per table (rbmflow compact) unless --no-compact, then the aggregation",
        "(aggregate/{means,optimal,fits}) unless --no-aggregate or aggregate.enabled: false.",
        "A rerun retries points that FAILED (unless --keep-failed) and recomputes damaged ones.",
        "Exit (final state of every point): 0 all OK or NOT_CONVERGED; 3 some FAILED (their rows say why);",
        "2 bad input; 1 error.",
        "Before starting, a sweep is refused (exit 2, nothing created) when its largest task needs more memory than a",
        "task gets (heap ÷ cores), or when a local run is estimated above 10 core-hours without --yes."})
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

  @Option(names = "--yes", description = "Run a local sweep estimated above 10 core-hours (refused without it; see "
      + "--dry-run for the estimate).")
  boolean yes;

  @Option(names = "--keep-failed", description = "Do not retry points committed as FAILED by an earlier run (default: "
      + "they are run again).")
  boolean keepFailed;

  @Option(names = "--no-aggregate", description = "Do not run the aggregation (rbmflow aggregate) when the sweep ends.")
  boolean noAggregate;

  @Option(names = "--no-compact", description = "Leave each point's rows in its own files (default: after the points, "
      + "merge them into few files per table, as rbmflow compact does).")
  boolean noCompact;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(job)) {
      throw new UsageException("JOB.yaml: '" + job + "' is not a readable file; expected a YAML job spec");
    }
    String text = TextFiles.readUtf8(job, "JOB.yaml", "a UTF-8 YAML file");
    // the cost model calibrates (seconds) while the spec is parsed and its grid expanded
    SweepService.calibrateInBackground();
    SweepSpec sweep;
    try {
      sweep = SweepSpec.parse(text, job.toString());
    } catch (SpecException e) {
      throw new UsageException(e.problems().stream().map(p -> job + ": " + p).toList());
    }
    String location = out != null ? out : sweep.output() != null ? sweep.output() : "out/" + sweep.name();
    PrintWriter o = spec.commandLine().getOut();
    if (dryRun) {
      SweepService.dryRun(sweep, location, o);
      return Main.EXIT_OK;
    }
    SweepService.Outcome r = SweepService.run(new SweepService.Request(sweep, job.getFileName().toString(), location,
        overwrite, !keepFailed, !noAggregate, !noCompact, job.toString(), yes), o, new PrintWriter(System.err, true),
        System.console() != null);
    if (r.aggregateFailed() || r.compactFailed()) {
      return Main.EXIT_FAILED;
    }
    return r.failedPoints() > 0 ? EXIT_POINTS_FAILED : Main.EXIT_OK;
  }
}
