package org.rbmflow.cli;

import java.util.concurrent.Callable;
import org.rbmflow.service.AggregateService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rbmflow aggregate OUT}: seed means, the optimal N_h per (N_v, N_temp) and the fit
 * Energy = −2 + a·N_temp^b per N_v, written to {@code OUT/aggregate/{means,optimal,fits}} and summarised on stdout.
 */
@Command(name = "aggregate", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Seed means, the optimal N_h and the power-law fit of a sweep.",
    description = {
        "Aggregate a sweep's points table: seed means per (n_v, n_h, n_temp), the best n_h per (n_v, n_temp) and",
        "the fit Energy = e0 + a*N_temp^b per n_v (e0 = -2 on the square lattice, -1 on the ring; Levenberg-Marquardt",
        "weighted by the seed-to-seed standard errors). Only OK points are used; the others are counted.",
        "Writes OUT/aggregate/{means,optimal,fits}. The sweep command runs this at its end (unless --no-aggregate)."})
public final class AggregateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "OUT", description = "A sweep's output directory (path or URI).")
  String out;

  @Option(names = "--n-temp-min", paramLabel = "N", description = "Smallest N_temp in the fit, 1…1000000 (default: ${DEFAULT-VALUE}).")
  int nTempMin = AggregateService.DEFAULT_N_TEMP_MIN;

  @Option(names = "--best-n-h", paramLabel = "squares|all",
      description = "N_h values the optimum is chosen from: perfect squares or all (default: ${DEFAULT-VALUE}).")
  String bestNh = AggregateService.DEFAULT_CANDIDATES;

  @Override
  public Integer call() throws Exception {
    AggregateService.run(out, new AggregateService.Settings(nTempMin, bestNh, "--n-temp-min", "--best-n-h"),
        spec.commandLine().getOut(), spec.commandLine().getErr());
    return Main.EXIT_OK;
  }
}
