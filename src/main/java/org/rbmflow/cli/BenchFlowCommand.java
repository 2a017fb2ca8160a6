package org.rbmflow.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.rbmflow.bench.FlowBench;
import org.rbmflow.cli.ArrayBudget.Factor;
import org.rbmflow.cli.ArrayBudget.Unit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rbmflow bench flow}: checks the options and the heap, runs {@link FlowBench}, prints its line. */
@Command(name = "flow", mixinStandardHelpOptions = true,
    description = "RBM flow steps of an ensemble on an L x L lattice (one thread); prints seconds_per_step, products_seconds_per_step (the same step's two matrix products alone) and their ratio.")
final class BenchFlowCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--l", defaultValue = "10", description = "Lattice side (N_v = L^2), 2..256. Default: ${DEFAULT-VALUE}.")
  int l;
  @Option(names = "--nh", defaultValue = "16", description = "Hidden units, 1..65536. Default: ${DEFAULT-VALUE}.")
  int nh;
  @Option(names = "--ensemble", defaultValue = "1000", description = "Configurations per ensemble, 2..100000. Default: ${DEFAULT-VALUE}.")
  int ensemble;
  @Option(names = "--steps", defaultValue = "200", description = "Steps at most (at least 2 x --window). Default: ${DEFAULT-VALUE}.")
  int steps;
  @Option(names = "--window", defaultValue = "50", description = "Steps per window of the fixed-point test, 1..100000. Default: ${DEFAULT-VALUE}.")
  int window;
  @Option(names = "--seed", defaultValue = "1", description = "Seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Override
  public Integer call() {
    Problems p = new Problems(Map.of("flow_ensemble", "--ensemble", "flow_window", "--window", "flow_steps", "--steps"));
    p.intInRange("--l", l, 2, 256);
    p.intInRange("--nh", nh, 1, 65536);
    p.check(() -> new org.rbmflow.rbm.FlowConfig(java.util.List.of(org.rbmflow.rbm.FlowStart.parse("random")), ensemble,
        steps, window, 0));
    p.throwIfAny();
    ArrayBudget.ofThisJvm()
        .arrays(Factor.constant(2), Unit.FLOATS, Factor.of("--ensemble", ensemble), Factor.squared("--l", l))
        .arrays(Factor.constant(2), Unit.FLOATS, Factor.of("--ensemble", ensemble), Factor.of("--nh", nh))
        .arrays(Factor.constant(1), Unit.FLOATS, Factor.squared("--l", l), Factor.of("--nh", nh))
        .check();
    BenchCommand.printVectorApiStatus(spec);
    BenchCommand.printResult(spec, new FlowBench(l, nh, ensemble, steps, window, seed).run().line());
    return 0;
  }
}
