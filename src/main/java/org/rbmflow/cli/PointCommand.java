package org.rbmflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rbmflow.common.PointStatus;
import org.rbmflow.service.PointService;
import org.rbmflow.sweep.GridPoint;
import org.rbmflow.sweep.PointResult;
import org.rbmflow.sweep.PointResult.FixedPointRow;
import org.rbmflow.sweep.SpecException;
import org.rbmflow.sweep.SpecParams;
import org.rbmflow.sweep.SweepSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rbmflow point}: one grid point end to end (Monte Carlo, training, flows, thermometers, spectrum). */
@Command(name = "point", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Run one grid point end to end without Spark and print its fixed points.",
    description = {
        "Run one grid point without Spark: Monte Carlo data at T = 0, dT, ..., dT (n_temp - 1) x fields, a +-1 RBM",
        "trained by CD-k, RBM flows from each start to their fixed point, both thermometers, and the WW^T spectrum.",
        "Prints a summary; --format csv prints the flow fixed points as CSV; --out writes the result tables."})
public final class PointCommand implements Callable<Integer> {
  /** Columns of {@code --format csv}. */
  public static final List<String> CSV_COLUMNS = List.of("start", "energy", "energy_err", "temperature",
      "temperature_classifier", "magnetization", "converged_at_step", "status", "epochs");

  enum Format { table, csv }

  @Spec
  CommandSpec spec;

  // The grid coordinates of the point; every scalar parameter of the spec (SpecParams) is an option too, added by
  // addParameterOptions under the same names (--epochs, --learning-rate/--lr, --batch-size/--batch, …).
  @Option(names = "--l", defaultValue = "10", description = "Side; N_v = l^2 in 2D, l in 1D. Default: ${DEFAULT-VALUE}.")
  String l;
  @Option(names = "--n-h", defaultValue = "16", description = "Hidden units N_h, 1..N_v. Default: ${DEFAULT-VALUE}.")
  String nh;
  @Option(names = "--n-temp", defaultValue = "25", description = "Temperatures T = 0, dT, ..., 1..100000. Default: ${DEFAULT-VALUE}.")
  String nTemp;
  @Option(names = "--fields", defaultValue = "0", description = "Fields H: list or start:end:step. Default: ${DEFAULT-VALUE}.")
  String fields;
  @Option(names = "--seed", defaultValue = "1", description = "The point's seed. Default: ${DEFAULT-VALUE}.")
  String seed;
  @Option(names = "--checkpoints", paramLabel = "E1,E2,...", description = "Epochs at which the RBM as it stands is "
      + "also evaluated (flows, thermometers, spectrum), each giving the rows of the point trained to that many epochs: "
      + "increasing, each in [1, --epochs). Default: none.")
  String checkpoints;
  @Option(names = "--flow-starts", defaultValue = "T=min,T=max",
      description = "Comma-separated starts: data, random, T=<value>, T=min, T=max. Default: ${DEFAULT-VALUE}.")
  String flowStarts;

  @Option(names = "--threads", description = "Monte Carlo threads. Default: all cores.")
  Integer threads;
  @Option(names = "--out", paramLabel = "DIR", description = "Write the tables points/, flows/, spectra/, patterns/ under DIR.")
  String out;
  @Option(names = "--overwrite", description = "Replace an earlier output of this command in --out (only its own entries; a directory holding other files is refused).")
  boolean overwrite;
  @Option(names = "--format", defaultValue = "table", description = "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  Format format;

  /** The option names of the spec's grid keys and lists, for messages. */
  private static final Map<String, String> GRID_OPTIONS = Map.of("grid.l", "--l", "grid.n_h", "--n-h",
      "grid.n_temp", "--n-temp", "grid.seeds", "--seed", "fields", "--fields", "flow.starts", "--flow-starts",
      "training.checkpoints", "--checkpoints");

  /**
   * Adds one option per scalar spec parameter ({@link SpecParams}): the YAML key with '-' (flow keys prefixed
   * {@code flow-}) and its aliases, the parameter's doc and default. Values are read as the spec reads YAML scalars.
   */
  static void addParameterOptions(CommandSpec command) {
    for (SpecParams.Param q : SpecParams.ALL) {
      if (q.options().isEmpty()) {
        continue;
      }
      OptionSpec.Builder b = OptionSpec.builder(q.options().toArray(String[]::new)).type(String.class)
          .paramLabel(switch (q.kind()) {
            case INT, LONG -> "N";
            case DOUBLE -> "X";
            case BOOL -> "true|false";
            case INT_OR_AUTO -> "auto|N";
            case INT_OR_FULL -> "full|N";
          })
          .description(Character.toUpperCase(q.doc().charAt(0)) + q.doc().substring(1) + " (spec: " + q.path()
              + "). Default: " + q.text(q.defaultValue()) + ".");
      if (q.kind() == SpecParams.Kind.BOOL) {
        b.arity("0..1").fallbackValue("true");
      }
      command.addOption(b.build());
    }
  }

  /**
   * The one-point spec the options describe, as a tree of the YAML's shape: checked by the same code as a sweep's
   * spec file ({@link SweepSpec#fromTree}), so {@code point} and {@code sweep} accept exactly the same values.
   */
  ObjectNode specTree() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("name", "point");
    ObjectNode grid = root.putObject("grid");
    grid.putArray("l").add(scalar(l));
    grid.putArray("n_h").add(scalar(nh));
    grid.putArray("n_temp").add(scalar(nTemp));
    grid.putArray("seeds").add(scalar(seed));
    root.put("fields", fields);
    ArrayNode starts = root.putObject("flow").putArray("starts");
    for (String s : flowStarts.split(",", -1)) {
      starts.add(s.strip());
    }
    if (checkpoints != null) {
      ArrayNode c = root.putObject("training").putArray("checkpoints");
      for (String s : checkpoints.split(",", -1)) {
        c.add(scalar(s.strip()));
      }
    }
    for (SpecParams.Param q : SpecParams.ALL) {
      if (q.options().isEmpty()) {
        continue;
      }
      String v = spec.findOption(q.options().get(0)).getValue();
      if (v != null) {
        ObjectNode section = q.section().isEmpty() ? root
            : root.has(q.section()) ? (ObjectNode) root.get(q.section()) : root.putObject(q.section());
        section.set(q.key(), scalar(v));
      }
    }
    return root;
  }

  /** A command-line value typed as YAML types a plain scalar: integer, number, true/false, else text. */
  static JsonNode scalar(String text) {
    String t = text.strip();
    try {
      return JsonNodeFactory.instance.numberNode(Long.parseLong(t));
    } catch (NumberFormatException e) {
      // not an integer
    }
    try {
      double d = Double.parseDouble(t);
      if (Double.isFinite(d) && !t.endsWith("d") && !t.endsWith("f") && !t.endsWith("D") && !t.endsWith("F")) {
        return JsonNodeFactory.instance.numberNode(d);
      }
    } catch (NumberFormatException e) {
      // not a number
    }
    if (t.equals("true") || t.equals("false")) {
      return JsonNodeFactory.instance.booleanNode(t.equals("true"));
    }
    return JsonNodeFactory.instance.textNode(t);
  }

  /** A spec problem ("training.learning_rate: … expected …") in the words of this command's options. */
  String inOptions(String problem) {
    Map<String, String> names = new java.util.TreeMap<>(java.util.Comparator.comparingInt(String::length).reversed()
        .thenComparing(java.util.Comparator.naturalOrder()));
    names.putAll(GRID_OPTIONS);
    for (SpecParams.Param q : SpecParams.ALL) {
      if (!q.options().isEmpty()) {
        names.put(q.path(), typed(q.options()));
      }
    }
    String out = problem.replaceFirst("^([a-z_.]+)\\[\\d+\\]:", "$1:");
    for (Map.Entry<String, String> e : names.entrySet()) {
      out = out.replace(e.getKey(), e.getValue());
    }
    return out;
  }

  /** Of an option's names, the one on the command line (the first when none was given). */
  private String typed(List<String> names) {
    ParseResult parsed = spec.commandLine().getParseResult();
    List<String> args = parsed == null ? List.of() : parsed.originalArgs();
    for (String a : args) {
      for (String n : names) {
        if (a.equals(n) || a.startsWith(n + "=")) {
          return n;
        }
      }
    }
    return names.get(0);
  }

  @Override
  public Integer call() throws Exception {
    Problems problems = new Problems(Map.of());
    GridPoint point = null;
    int[] stages = new int[0];
    try {
      SweepSpec one = SweepSpec.fromTree(specTree(), "the options");
      point = one.grid().get(0);
      stages = one.checkpoints().stream().mapToInt(Integer::intValue).toArray();
    } catch (SpecException e) {
      e.problems().forEach(p -> problems.add(inOptions(p)));
    }
    if (threads != null) {
      problems.intInRange("--threads", threads, 1, 4096);
    }
    String outProblem = out == null ? null : PointService.outputProblem(out, overwrite);
    if (outProblem != null) {
      problems.add(outProblem);
    }
    problems.throwIfAny();
    int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    List<PointResult> results = PointService.run(new PointService.Request(point, stages, nThreads, out, overwrite));
    PointResult result = results.get(results.size() - 1);
    PrintWriter o = spec.commandLine().getOut();
    if (format == Format.csv) {
      o.println(String.join(",", CSV_COLUMNS));
      for (PointResult r : results) {
        for (FixedPointRow f : r.fixedPoints()) {
          o.println(String.join(",", f.start(), num(f.energy()), num(f.energyErr()), num(f.temperature()),
              num(f.temperatureClassifier()), num(f.magnetization()), Integer.toString(f.convergedAtStep()),
              f.status().name(), Integer.toString(r.point().epochs())));
        }
      }
    } else {
      for (PointResult r : results) {
        printSummary(o, r);
      }
    }
    o.flush();
    return result.point().status() == PointStatus.FAILED ? Main.EXIT_FAILED : Main.EXIT_OK;
  }

  private static String num(double x) {
    return Double.toString(x);
  }

  static void printSummary(PrintWriter o, PointResult r) {
    PointResult.PointRow p = r.point();
    o.printf(Locale.ROOT, "point %s  (%s, N_v=%d, N_h=%d, N_temp=%d, dT=%s, H=%s, %d configs/T, seed %d)%n", p.pointId(),
        p.dim() == 2 ? p.l() + "x" + p.l() : "ring " + p.l(), p.nV(), p.nH(), p.nTemp(), p.tStep(),
        Arrays.toString(p.hValues()), p.configsPerTemp(), p.seed());
    o.printf(Locale.ROOT, "status %s%s%n", p.status(), p.error() == null ? "" : ": " + p.error());
    if (p.status() == PointStatus.FAILED) {
      return;
    }
    o.printf(Locale.ROOT, "training: %d epochs, %.1f s, reconstruction error %.4f, pseudo-log-likelihood %.3f, backend %s%n",
        p.epochs(), p.trainSeconds(), p.reconError(), p.pseudoLogLikelihood(), p.backend());
    o.printf(Locale.ROOT, "data: random-configuration fraction %.4f; Monte Carlo %.1f s%n", p.randomFraction(), p.mcSeconds());
    o.println("flow fixed points:");
    o.printf(Locale.ROOT, "  %-12s %22s %12s %14s %8s %10s %s%n", "start", "energy/spin", "T(energy)", "T(classifier)",
        "m", "converged", "status");
    for (FixedPointRow f : r.fixedPoints()) {
      o.printf(Locale.ROOT, "  %-12s %10.5f ± %-9.5f %12.4f %14.4f %8.4f %10s %s%n", f.start(), f.energy(), f.energyErr(),
          f.temperature(), f.temperatureClassifier(), f.magnetization(),
          f.convergedAtStep() < 0 ? "no" : "step " + f.convergedAtStep(), f.status());
    }
    o.printf(Locale.ROOT, "fixed point: E = %.5f ± %.5f, T = %.4f (energy), %.4f (classifier), bracket gap %.5f%n",
        p.fpEnergy(), p.fpEnergyErr(), p.fpTemperature(), p.fpTemperatureClassifier(), p.fpBracketGap());
    double[] ev = r.spectrum().eigenvalues();
    StringBuilder top = new StringBuilder();
    for (int k = 0; k < Math.min(8, ev.length); k++) {
      top.append(String.format(Locale.ROOT, " %.4g", ev[k]));
    }
    o.println("top eigenvalues of WW^T:" + top);
    int found = p.nNonrandomPatterns();
    String next = found < r.patterns().size() ? String.format(Locale.ROOT, "; the next, %.4g, is below its edge %.4g",
        r.patterns().get(found).eigenvalue(), r.patterns().get(found).nullEdge()) : "";
    o.printf(Locale.ROOT, "non-random patterns: %d of %d (eigenvalues of WW^T above the permutation null of the "
        + "weights%s)%n", found, p.nPatternsTested(), next);
    o.printf(Locale.ROOT, "time: Monte Carlo %.1f s, training %.1f s, flows %.1f s%n", p.mcSeconds(), p.trainSeconds(),
        p.flowSeconds());
  }
}
