package org.rbmflow.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.rbmflow.bench.GemmBench;
import org.rbmflow.cli.ArrayBudget.Factor;
import org.rbmflow.cli.ArrayBudget.Unit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rbmflow bench gemm}: checks the options and the heap, runs {@link GemmBench}, prints its line. */
@Command(name = "gemm", mixinStandardHelpOptions = true,
    description = "GFLOPS of the linalg facade on H = V W, V' = H W^T and dW = V^T H (B x N_v x N_h), one thread.")
final class BenchGemmCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--nv", defaultValue = "400", description = "N_v. Default: ${DEFAULT-VALUE}.")
  int nv;
  @Option(names = "--nh", defaultValue = "64", description = "N_h. Default: ${DEFAULT-VALUE}.")
  int nh;
  @Option(names = "--batch", defaultValue = "100", description = "B. Default: ${DEFAULT-VALUE}.")
  int batch;
  @Option(names = "--seconds", defaultValue = "2", description = "Time per product. Default: ${DEFAULT-VALUE}.")
  double seconds;

  @Override
  public Integer call() {
    Problems p = new Problems(Map.of());
    p.intInRange("--nv", nv, 1, 65536);
    p.intInRange("--nh", nh, 1, 65536);
    p.intInRange("--batch", batch, 1, 65536);
    if (!(seconds > 0 && seconds <= 600)) {
      p.add("--seconds", seconds, "a number in (0, 600]");
    }
    p.throwIfAny();
    // each operand and each product's output: V and V', W and dW, H and H'
    Factor two = Factor.constant(2);
    ArrayBudget.ofThisJvm()
        .arrays(two, Unit.FLOATS, Factor.of("--batch", batch), Factor.of("--nv", nv))
        .arrays(two, Unit.FLOATS, Factor.of("--nv", nv), Factor.of("--nh", nh))
        .arrays(two, Unit.FLOATS, Factor.of("--batch", batch), Factor.of("--nh", nh))
        .check();
    BenchCommand.printVectorApiStatus(spec);
    BenchCommand.printResult(spec, new GemmBench(nv, nh, batch, seconds).run().line());
    return 0;
  }
}
