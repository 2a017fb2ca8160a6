package org.rbmflow.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.rbmflow.bench.McBench;
import org.rbmflow.cli.ArrayBudget.Factor;
import org.rbmflow.cli.ArrayBudget.Unit;
import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.McSettings;
import org.rbmflow.ising.MonteCarlo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rbmflow bench mc}: checks the options, runs {@link McBench}, prints its line. */
@Command(name = "mc", mixinStandardHelpOptions = true,
    description = "Checkerboard Metropolis on an L x L torus, R replicas (64 per machine word), one thread, H = 0.")
final class BenchMcCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = {"--l", "--L"}, defaultValue = "20", description = "Side, 2..128. Default: ${DEFAULT-VALUE}.")
  int l;

  @Option(names = "--replicas", defaultValue = "64", description = "Replicas, 1..65536. Default: ${DEFAULT-VALUE}.")
  int replicas;

  @Option(names = "--sweeps", defaultValue = "200", description = "Timed sweeps, 1..10000000. Default: ${DEFAULT-VALUE}.")
  int sweeps;

  @Option(names = {"--T", "--t"}, defaultValue = "2.269", description = "Temperature, 0 < T <= 1000. Default: ${DEFAULT-VALUE}.")
  double t;

  @Option(names = "--seed", defaultValue = "1", description = "Seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Override
  public Integer call() {
    Problems p = new Problems(Map.of("l", "--l"));
    Lattice lattice = p.check(() -> Lattice.square(l));
    p.intInRange("--replicas", replicas, 1, 65536);
    p.intInRange("--sweeps", sweeps, 1, McSettings.MAX_SWEEPS);
    if (!(t > 0 && t <= MonteCarlo.MAX_TEMPERATURE)) {
      p.add("--T", t, "a temperature 0 < T ≤ " + MonteCarlo.MAX_TEMPERATURE);
    }
    p.throwIfAny();
    // one word of spins per site and group of 64 replicas
    ArrayBudget.ofThisJvm().arrays(Factor.words("--replicas", replicas), Unit.LONGS, Factor.squared("--l", l)).check();
    BenchCommand.printResult(spec, new McBench(lattice, replicas, sweeps, t, seed).run().line());
    return 0;
  }
}
