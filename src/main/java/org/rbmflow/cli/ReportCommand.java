package org.rbmflow.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.rbmflow.service.ReportService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rbmflow report OUT}: PNG figures and an {@code index.html} in {@code OUT/report/} from the tables of a
 * sweep's output directory (the per-point tables and {@code OUT/aggregate}). Exit codes: 0 written, 2 bad input
 * (nothing written), 1 error.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Draw a sweep's figures and an index.html.",
    description = {
        "Draw the figures of a sweep (flow trajectories, fixed point vs N_h/N_v, minimal energy vs N_temp with its",
        "fit, spectra of WW^T, eigenvector patterns, random-configuration fraction) as PNGs with an index.html in",
        "OUT/report/, replacing an older report. Without aggregate tables (a sweep run with --no-aggregate) it runs",
        "the aggregation with its defaults first (rbmflow aggregate OUT chooses other settings).",
        "Exit: 0 written; 2 bad input (nothing written); 1 error."})
public final class ReportCommand implements Callable<Integer> {
  static final int MAX_PATTERNS = 256;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "OUT", description = "Output directory of a sweep (path or file:/hdfs:/s3a: URI).")
  String out;

  @Option(names = "--max-patterns", paramLabel = "N", defaultValue = "16",
      description = "Eigenvector patterns drawn per representative point, 1…" + MAX_PATTERNS
          + ": the non-random ones first, then the lowest ranks. Default: ${DEFAULT-VALUE}.")
  int maxPatterns;

  @Override
  public Integer call() throws Exception {
    if (maxPatterns < 1 || maxPatterns > MAX_PATTERNS) {
      throw new UsageException("--max-patterns: " + maxPatterns + " is out of range; expected 1 ≤ N ≤ " + MAX_PATTERNS);
    }
    ReportService.Outcome r = ReportService.write(out, maxPatterns, spec.commandLine().getErr());
    PrintWriter o = spec.commandLine().getOut();
    o.printf("report of sweep %s: %d points (%d OK, %d NOT_CONVERGED, %d FAILED), %d figures%s%n", r.sweep(),
        r.points(), r.ok(), r.notConverged(), r.failed(), r.figures(),
        r.missingFigures() == 0 ? "" : ", " + r.missingFigures() + " without data (explained in the index)");
    o.println("index: " + r.index());
    o.flush();
    return Main.EXIT_OK;
  }
}
