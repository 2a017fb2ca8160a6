package org.rbmflow.cli;

import java.util.concurrent.Callable;
import org.rbmflow.bench.DatasetBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rbmflow bench dataset}: checks the options and the heap, runs {@link DatasetBench}, prints its line. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
    description = "Generate N_temp temperatures x configs configurations of an L x L torus and hold them in memory.")
final class BenchDatasetCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  BenchDataOptions d;

  @Override
  public Integer call() {
    Problems p = new Problems(BenchDataOptions.OPTION_OF);
    d.validate(p);
    p.throwIfAny();
    ArrayBudget budget = ArrayBudget.ofThisJvm();
    d.budget(budget);
    budget.check();
    BenchCommand.printResult(spec, new DatasetBench(d.data()).run().line());
    return 0;
  }
}
