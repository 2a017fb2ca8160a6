package org.rbmflow.cli;

import java.util.concurrent.Callable;
import org.rbmflow.bench.TrainBench;
import org.rbmflow.cli.ArrayBudget.Factor;
import org.rbmflow.rbm.TrainingConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rbmflow bench train}: checks the options and the heap, runs {@link TrainBench}, prints its line. Run it under
 * {@code JAVA_OPTS=-Xmx2g} to test the 2 GB budget of one large grid point.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Generate an L x L data set (N_temp temperatures x configs) and train an RBM on it; reports time and heap.")
final class BenchTrainCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  BenchDataOptions d;

  @Option(names = "--n-h", defaultValue = "169", description = "Hidden units, 1..65536. Default: ${DEFAULT-VALUE}.")
  int nh;
  @Option(names = "--epochs", defaultValue = "1", description = "Training epochs. Default: ${DEFAULT-VALUE}.")
  int epochs;

  @Override
  public Integer call() {
    Problems p = new Problems(BenchDataOptions.OPTION_OF);
    d.validate(p);
    p.intInRange("--n-h", nh, 1, 65536);
    TrainingConfig cfg = p.check(() -> TrainingConfig.defaults(epochs));
    p.throwIfAny();
    ArrayBudget budget = BenchCommand.trainingArrays(ArrayBudget.ofThisJvm(), Factor.squared("--l", d.l),
        Factor.of("--n-h", nh), Factor.constant(cfg.batchSize()));
    d.budget(budget);
    budget.count("configurations", Integer.MAX_VALUE, "2^31−1, a training set's limit",
        Factor.of("--n-temp", d.nTemp), Factor.of("--configs", d.configs)).check();
    BenchCommand.printVectorApiStatus(spec);
    BenchCommand.printResult(spec, new TrainBench(d.data(), nh, cfg).run().line());
    return 0;
  }
}
