package org.rbmflow.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.rbmflow.common.InvalidValueException;
import org.rbmflow.ising.DatasetGenerator;
import org.rbmflow.ising.IsingDataset;
import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.McSettings;
import org.rbmflow.ising.MonteCarlo;
import org.rbmflow.ising.ObservableSummary;
import org.rbmflow.ising.Observables;
import org.rbmflow.ising.SampleSet;
import org.rbmflow.spark.GeneratedDataWriter;
import org.rbmflow.spark.OutputLocation;
import org.rbmflow.spark.Ownership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Monte Carlo configurations of one lattice at every (T, H) of a grid, and their observables: one row per (T, H)
 * ({@link #COLUMNS}), and, when an output is given, the bit-packed configurations and the observables as Parquet
 * tables there (nothing partial visible).
 */
public final class GenerateService {
  private static final Logger LOG = LoggerFactory.getLogger(GenerateService.class);

  /** The columns of a row, in order. */
  public static final List<String> COLUMNS = List.of("t", "h", "configs", "energy", "energy_err", "magnetization",
      "magnetization_err", "abs_magnetization", "specific_heat", "specific_heat_err", "acceptance", "tau_int",
      "decor_sweeps", "random_fraction");

  /** The most sweeps of any kind in a schedule. */
  public static final int MAX_SWEEPS = McSettings.MAX_SWEEPS;

  /** The options named in messages, by the field names of the core's checks. */
  private static final Map<String, String> OPTION_OF = Map.of("dim", "--dim", "l", "--l", "thermSweeps",
      "--therm-sweeps", "probeSweeps", "--probe-sweeps", "decorSweeps", "--decor-sweeps", "maxDecorSweeps",
      "--max-decor-sweeps");

  private GenerateService() {}

  /**
   * What to generate.
   *
   * @param dim            1 (ring) or 2 (square torus)
   * @param l              side length
   * @param temps          temperatures T, units of J
   * @param fields         fields H, units of J
   * @param configs        configurations per (T, H)
   * @param seed           master seed
   * @param thermSweeps    thermalisation sweeps before the τ_int probe
   * @param probeSweeps    sweeps over which τ_int is measured
   * @param decorSweeps    sweeps between samples of one replica, 0 for automatic (⌈2·τ_int⌉)
   * @param maxDecorSweeps cap of the automatic spacing
   * @param threads        worker threads (the data do not depend on them)
   * @param out            where to write the tables (path or URI), or null for none
   * @param overwrite      replace an earlier output of this command there
   */
  public record Request(int dim, int l, double[] temps, double[] fields, int configs, long seed, int thermSweeps,
      int probeSweeps, int decorSweeps, int maxDecorSweeps, int threads, String out, boolean overwrite) {}

  /**
   * What is wrong with {@code r}, one message per problem naming the option, the value and what is allowed (empty
   * when nothing is); the lattice, the schedule, the temperatures and fields, the memory of the spins and the output.
   * Creates nothing.
   */
  public static List<String> problems(Request r) {
    List<String> problems = new ArrayList<>();
    Lattice lattice = checked(problems, () -> new Lattice(r.dim(), r.l()));
    checkValues(problems, "--temps", r.temps(), 0, MonteCarlo.MAX_TEMPERATURE,
        "temperatures 0 ≤ T ≤ " + MonteCarlo.MAX_TEMPERATURE);
    checkValues(problems, "--fields", r.fields(), -MonteCarlo.MAX_FIELD, MonteCarlo.MAX_FIELD,
        "fields −" + MonteCarlo.MAX_FIELD + " ≤ H ≤ " + MonteCarlo.MAX_FIELD);
    checked(problems, () -> settings(r));
    // the bit-packed spins of every configuration are held at once: ⌈N/64⌉ longs each
    long total = (long) r.temps().length * r.fields().length * r.configs();
    long max = Runtime.getRuntime().maxMemory();
    if (lattice != null && total * lattice.words() * 8L > max / 2) {
      problems.add("--configs × --temps × --fields needs " + (total * lattice.words() * 8L >> 20) + " MiB of bit-packed "
          + "spins, more than half the heap (" + (max >> 20) + " MiB); use fewer or raise -Xmx (JAVA_OPTS)");
    }
    if (r.out() != null) {
      try {
        OutputLocation.checkWritable(r.out(), r.overwrite(), Ownership.Kind.GENERATE);
      } catch (IllegalArgumentException e) {
        problems.add("--out: " + e.getMessage());
      }
    }
    return problems;
  }

  /**
   * Generates the data of an accepted request: the rows of its observables, one per (T, H) in the order of the sets
   * (temperature-major), each with the values of {@link #COLUMNS}.
   *
   * @throws InputException when {@link #problems} finds any (nothing generated)
   */
  public static List<double[]> run(Request r) throws IOException {
    List<String> problems = problems(r);
    if (!problems.isEmpty()) {
      throw new InputException(problems);
    }
    Lattice lattice = new Lattice(r.dim(), r.l());
    OutputLocation location = r.out() == null ? null
        : OutputLocation.checkWritable(r.out(), r.overwrite(), Ownership.Kind.GENERATE);
    LOG.info("generating {} configurations at each of {} temperatures x {} fields on a {} with {} threads",
        r.configs(), r.temps().length, r.fields().length, lattice, r.threads());
    long t0 = System.nanoTime();
    IsingDataset data = DatasetGenerator.generate(lattice, r.temps(), r.fields(), r.seed(), r.configs(), settings(r),
        r.threads(), (set, done, total) -> LOG.info("T={} H={} done ({}/{}), tau_int={} sweeps, spacing {}",
            set.temperature(), set.field(), done, total, String.format("%.2f", set.tauIntEnergy()), set.decorSweeps()));
    List<ObservableSummary> summaries = new ArrayList<>();
    for (SampleSet s : data.sets()) {
      summaries.add(Observables.summarise(s));
    }
    LOG.info("Monte Carlo finished in {} s", String.format("%.2f", (System.nanoTime() - t0) / 1e9));
    if (location != null) {
      GeneratedDataWriter.write(location, data, summaries);
      LOG.info("wrote {}/configurations and {}/observables", location.uri(), location.uri());
    }
    return summaries.stream().map(GenerateService::values).toList();
  }

  private static McSettings settings(Request r) {
    return new McSettings(r.thermSweeps(), r.probeSweeps(), r.decorSweeps(), r.maxDecorSweeps());
  }

  static double[] values(ObservableSummary s) {
    return new double[] {s.temperature(), s.field(), s.configs(), s.energy(), s.energyErr(), s.magnetization(),
        s.magnetizationErr(), s.absMagnetization(), s.specificHeat(), s.specificHeatErr(), s.acceptance(), s.tauInt(),
        s.decorSweeps(), s.randomFraction()};
  }

  /** The value {@code build} makes, or null with its check's failure recorded in the words of the options. */
  private static <T> T checked(List<String> problems, Supplier<T> build) {
    try {
      return build.get();
    } catch (InvalidValueException e) {
      problems.add(OPTION_OF.getOrDefault(e.field(), e.field()) + ": " + e.value() + " is not allowed; expected "
          + e.allowed());
      return null;
    }
  }

  private static void checkValues(List<String> problems, String option, double[] values, double min, double max,
      String allowed) {
    Set<Double> seen = new HashSet<>();
    for (double v : values) {
      if (v < min || v > max) {
        problems.add(option + ": " + v + " is not allowed; expected " + allowed);
      } else if (!seen.add(MonteCarlo.canonical(v))) {
        problems.add(option + ": " + v + " is listed twice; expected distinct values");
      }
    }
  }
}
