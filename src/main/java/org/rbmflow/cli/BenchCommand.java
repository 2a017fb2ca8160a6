package org.rbmflow.cli;

import java.util.List;
import org.rbmflow.cli.ArrayBudget.Factor;
import org.rbmflow.cli.ArrayBudget.Unit;
import org.rbmflow.linalg.VectorSupport;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code rbmflow bench}: throughput and memory measurements ({@link org.rbmflow.bench}), one line of key=value pairs
 * each, in the style of the NumPy yardstick {@code numpy_reference.py}. Benchmarks, not tests: compare them with the
 * yardsticks in the same run ({@code submit/bench} does).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks; each prints one line of key=value pairs.",
    subcommands = {BenchMcCommand.class, BenchDatasetCommand.class, BenchCd1Command.class, BenchGemmCommand.class,
        BenchTrainCommand.class, BenchCostModelCommand.class, BenchFlowCommand.class})
public final class BenchCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    List<String> names = List.copyOf(spec.subcommands().keySet());
    throw new CommandLine.ParameterException(spec.commandLine(), "a benchmark is required: "
        + String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1));
  }

  /**
   * Says on stderr whether the Vector API kernels run and why not (the probe's status: e.g. a JDK whose incubating
   * API differs from the one rbmflow was built against).
   */
  static void printVectorApiStatus(CommandLine.Model.CommandSpec spec) {
    spec.commandLine().getErr().println("rbmflow bench: Vector API: " + VectorSupport.status());
    spec.commandLine().getErr().flush();
  }

  /** Prints a benchmark's result line on stdout. */
  static void printResult(CommandLine.Model.CommandSpec spec, String line) {
    spec.commandLine().getOut().println(line);
    spec.commandLine().getOut().flush();
  }

  /**
   * Adds the arrays of an RBM and its {@link org.rbmflow.rbm.CdTrainer} (momentum 0, not persistent): W and its
   * gradient; [V0; V1] and ⟨V1⟩ of a minibatch; [H0; H1] and the hidden samples.
   */
  static ArrayBudget trainingArrays(ArrayBudget b, Factor nv, Factor nh, Factor batch) {
    Factor one = Factor.constant(1);
    Factor two = Factor.constant(2);
    return b.arrays(two, Unit.FLOATS, nv, nh)
        .arrays(one, Unit.FLOATS, two, batch, nv)
        .arrays(one, Unit.FLOATS, batch, nv)
        .arrays(one, Unit.FLOATS, two, batch, nh)
        .arrays(one, Unit.FLOATS, batch, nh);
  }
}
