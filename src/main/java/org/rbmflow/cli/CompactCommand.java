package org.rbmflow.cli;

import java.util.concurrent.Callable;
import org.rbmflow.service.CompactService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rbmflow compact OUT}: the per-point files of a sweep's tables merged into few files per table. */
@Command(name = "compact", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Merge a sweep's per-point files into few files per table.",
    description = {
        "Merge the per-point files of a sweep's tables (points, flows, spectra, patterns: four small files a point)",
        "into few files per table: up to 2000 points of one n_v, or 128 MB of a table, a file. Readers see every",
        "point exactly once while it runs and after a crash; a rerun of the sweep skips compacted points. OK and",
        "NOT_CONVERGED points are merged; FAILED ones stay per point (a rerun retries them). The sweep command runs",
        "this at its end (unless --no-compact). Takes the output's lock; writes nothing when nothing is to merge."})
public final class CompactCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "OUT", description = "A sweep's output directory (path or URI).")
  String out;

  @Override
  public Integer call() throws Exception {
    CompactService.run(out, spec.commandLine().getOut());
    return Main.EXIT_OK;
  }
}
