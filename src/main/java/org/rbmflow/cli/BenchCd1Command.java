package org.rbmflow.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.rbmflow.bench.Cd1Bench;
import org.rbmflow.cli.ArrayBudget.Factor;
import org.rbmflow.cli.ArrayBudget.Unit;
import org.rbmflow.rbm.TrainingConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rbmflow bench cd1}: checks the options and the heap, runs {@link Cd1Bench}, prints its line. */
@Command(name = "cd1", mixinStandardHelpOptions = true,
    description = "CD-1 epochs of a +-1 RBM on random +-1 data (one thread); prints seconds_per_epoch, products_seconds_per_epoch (the same epoch's matrix products alone) and their ratio, samples_per_second, gemm_gflops.")
final class BenchCd1Command implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--nv", defaultValue = "400", description = "Visible units, 1..65536. Default: ${DEFAULT-VALUE}.")
  int nv;
  @Option(names = "--nh", defaultValue = "64", description = "Hidden units, 1..65536. Default: ${DEFAULT-VALUE}.")
  int nh;
  @Option(names = "--samples", defaultValue = "20000", description = "Training samples, 1..10000000. Default: ${DEFAULT-VALUE}.")
  int samples;
  @Option(names = "--batch", defaultValue = "100", description = "Minibatch size. Default: ${DEFAULT-VALUE}.")
  int batch;
  @Option(names = "--epochs", defaultValue = "3", description = "Timed epochs (after a warm-up of at least 400 minibatches and 3 s, until the JIT is quiet). Default: ${DEFAULT-VALUE}.")
  int epochs;
  @Option(names = "--lr", defaultValue = "0.01", description = "Learning rate. Default: ${DEFAULT-VALUE}.")
  double lr;
  @Option(names = "--seed", defaultValue = "1", description = "Seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Override
  public Integer call() {
    Problems p = new Problems(Map.of("epochs", "--epochs", "learning_rate", "--lr", "batch_size", "--batch"));
    p.intInRange("--nv", nv, 1, 65536);
    p.intInRange("--nh", nh, 1, 65536);
    p.intInRange("--samples", samples, 1, 10_000_000);
    TrainingConfig cfg = p.check(() -> new TrainingConfig(epochs, lr, batch, 1, 0, 0, false, 0.01, 0));
    p.throwIfAny();
    BenchCommand.trainingArrays(ArrayBudget.ofThisJvm(), Factor.of("--nv", nv), Factor.of("--nh", nh),
            Factor.of("--batch", batch))
        .arrays(Factor.constant(1), Unit.LONGS, Factor.of("--samples", samples), Factor.words("--nv", nv))
        .check();
    BenchCommand.printVectorApiStatus(spec);
    BenchCommand.printResult(spec, new Cd1Bench(nv, nh, samples, cfg, seed).run().line());
    return 0;
  }
}
