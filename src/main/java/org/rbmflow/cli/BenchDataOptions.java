package org.rbmflow.cli;

import java.util.Map;
import org.rbmflow.bench.BenchData;
import org.rbmflow.cli.ArrayBudget.Factor;
import org.rbmflow.cli.ArrayBudget.Unit;
import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.McSettings;
import picocli.CommandLine.Option;

/** The options of the Monte Carlo data set of {@code bench dataset} and {@code bench train} ({@link BenchData}). */
final class BenchDataOptions {
  /** The option names of the problems that the checked constructors report by field name. */
  static final Map<String, String> OPTION_OF = Map.of("l", "--l", "thermSweeps", "--therm-sweeps",
      "probeSweeps", "--probe-sweeps", "epochs", "--epochs", "n_h", "--n-h");

  @Option(names = "--l", defaultValue = "32", description = "Side, 2..128. Default: ${DEFAULT-VALUE}.")
  int l;
  @Option(names = "--n-temp", defaultValue = "700", description = "Temperatures T = 0, dT, ..., 1..100000. Default: ${DEFAULT-VALUE}.")
  int nTemp;
  @Option(names = "--t-step", defaultValue = "0.1", description = "dT, > 0. Default: ${DEFAULT-VALUE}.")
  double tStep;
  @Option(names = "--configs", defaultValue = "1000", description = "Configurations per temperature. Default: ${DEFAULT-VALUE}.")
  int configs;
  @Option(names = "--therm-sweeps", defaultValue = "1000", description = "As in generate. Default: ${DEFAULT-VALUE}.")
  int therm;
  @Option(names = "--probe-sweeps", defaultValue = "1000", description = "As in generate. Default: ${DEFAULT-VALUE}.")
  int probe;
  @Option(names = "--threads", description = "Monte Carlo threads. Default: all cores.")
  Integer threads;
  @Option(names = "--seed", defaultValue = "1", description = "Seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  private Lattice lattice;
  private McSettings settings;

  /** Records the problems of these options in {@code p}. */
  void validate(Problems p) {
    lattice = p.check(() -> Lattice.square(l));
    settings = p.check(() -> new McSettings(therm, probe, 0, 10_000));
    p.temperatureGrid(nTemp, tStep);
    p.configs(configs);
    if (threads != null) {
      p.intInRange("--threads", threads, 1, 4096);
    }
  }

  int threads() {
    return threads == null ? Runtime.getRuntime().availableProcessors() : threads;
  }

  /** The data set, once {@link #validate} found no problem. */
  BenchData data() {
    return new BenchData(lattice, nTemp, tStep, configs, settings, threads(), seed);
  }

  /**
   * Adds what {@link BenchData#generate} holds: per temperature the configurations and their energies and
   * magnetizations, and per Monte Carlo thread the probe's series (64 replicas × probe sweeps, energy and |m|).
   */
  void budget(ArrayBudget b) {
    Factor temps = Factor.of("--n-temp", nTemp);
    b.arrays(temps, Unit.LONGS, Factor.of("--configs", configs), Factor.squareWords("--l", l))
        .arrays(temps, Unit.DOUBLES, Factor.of("--configs", configs))
        .arrays(temps, Unit.DOUBLES, Factor.of("--configs", configs))
        .arrays(busyThreads(), Unit.DOUBLES, Factor.constant(2L * 64), Factor.of("--probe-sweeps", probe));
  }

  /** The Monte Carlo threads that run at once: at most one per temperature. */
  private Factor busyThreads() {
    int busy = Math.min(threads(), nTemp);
    return new Factor("--threads", threads(), "min(threads, n-temp)", Integer.toString(busy), busy);
  }
}
