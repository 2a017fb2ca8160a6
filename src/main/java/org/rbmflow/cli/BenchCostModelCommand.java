package org.rbmflow.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rbmflow.bench.CostModelBench;
import org.rbmflow.sweep.CostModel;
import org.rbmflow.sweep.SpecException;
import org.rbmflow.sweep.SweepSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rbmflow bench costmodel JOB.yaml}: a sample of the spec's points run one by one on one core against the
 * calibrated cost model ({@link CostModelBench}); a line per point, then the median and quartiles of actual ÷
 * estimated.
 */
@Command(name = "costmodel", mixinStandardHelpOptions = true,
    description = "Run a sample of a job spec's points (within --budget estimated seconds) on one core, each alone; "
        + "print actual and estimated seconds per point and the quartiles of actual / estimated.")
final class BenchCostModelCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "JOB.yaml", description = "The job spec.")
  Path job;

  @Option(names = "--budget", defaultValue = "60", paramLabel = "SECONDS",
      description = "Estimated seconds the sample may take, 1..86400 (at least one point runs). Default: ${DEFAULT-VALUE}.")
  double budget;

  @Override
  public Integer call() throws Exception {
    if (!(budget >= 1 && budget <= 86400)) {
      throw new UsageException("--budget: '" + budget + "' is not a number of seconds in 1..86400");
    }
    if (!Files.isRegularFile(job)) {
      throw new UsageException("JOB.yaml: '" + job + "' is not a readable file; expected a YAML job spec");
    }
    SweepSpec sweep;
    try {
      sweep = SweepSpec.parse(TextFiles.readUtf8(job, "JOB.yaml", "a UTF-8 YAML file"), job.toString());
    } catch (SpecException e) {
      throw new UsageException(e.problems().stream().map(p -> job + ": " + p).toList());
    }
    BenchCommand.printVectorApiStatus(spec);
    long t0 = System.nanoTime();
    CostModel cost = CostModel.calibrated();
    double calibration = (System.nanoTime() - t0) / 1e9;
    spec.commandLine().getErr().println("rbmflow bench: " + cost);
    List<CostModelBench.Sample> samples = new CostModelBench(sweep, budget).run(cost,
        s -> BenchCommand.printResult(spec, s.line()));
    double[] r = samples.stream().mapToDouble(CostModelBench.Sample::ratio).sorted().toArray();
    BenchCommand.printResult(spec, String.format(Locale.ROOT, "costmodel spec=%s grid=%d points=%d calibration=%.1f "
            + "estimated=%.1f actual=%.1f q1=%.3f median=%.3f q3=%.3f", sweep.name(), sweep.grid().size(), r.length,
        calibration, samples.stream().mapToDouble(CostModelBench.Sample::estimated).sum(),
        samples.stream().mapToDouble(CostModelBench.Sample::actual).sum(), quantile(r, 0.25), quantile(r, 0.5),
        quantile(r, 0.75)));
    return 0;
  }

  /** The q-quantile of sorted values, linear between order statistics. */
  static double quantile(double[] sorted, double q) {
    double at = q * (sorted.length - 1);
    int lo = (int) Math.floor(at);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
  }
}
