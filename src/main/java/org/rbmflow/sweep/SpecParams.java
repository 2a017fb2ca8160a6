package org.rbmflow.sweep;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.McSettings;
import org.rbmflow.rbm.FlowConfig;
import org.rbmflow.rbm.FlowStart;
import org.rbmflow.rbm.TrainingConfig;

/**
 * The parameter schema of a sweep spec: every scalar parameter defined once — YAML key, type, default, the core field
 * that checks its range, the {@code points} column, the {@code rbmflow point} option, one line of doc and how to read
 * it off a {@link GridPoint}. {@link SpecParser} reads, checks and renders the spec from it, {@link SweepSpec#grid()}
 * builds points from it, the {@code points} table carries one column per grid parameter and {@code rbmflow point}
 * takes one option per parameter.
 *
 * <p>The allowed ranges are not written here: they are those of the core records the section builds
 * ({@link McSettings}, {@link TrainingConfig}, {@link FlowConfig}, {@link AnalysisSettings}, {@link GridPoint}),
 * quoted by their {@code InvalidValueException}s.
 */
public final class SpecParams {
  private SpecParams() {}

  /** A parameter's type; the two keyword kinds store the keyword as 0. */
  public enum Kind { INT, LONG, DOUBLE, BOOL, INT_OR_AUTO, INT_OR_FULL }

  /**
   * One scalar parameter of a spec.
   *
   * @param section      its YAML section ("" = top level)
   * @param key          its key in that section
   * @param kind         its type
   * @param defaultValue the default (Integer, Long, Double or Boolean; 0 for the keyword of a keyword kind)
   * @param coreName     the field name the core record's {@code InvalidValueException} uses for it
   * @param column       its column in the {@code points} table (null: none)
   * @param options      its option names in {@code rbmflow point}, the first derived from the key
   * @param axis         whether a list of values makes it a grid axis
   * @param identity     whether it changes a point's results (in the fingerprint and the point id)
   * @param doc          one line of documentation
   * @param note         appended to the allowed range in messages ("" or e.g. " (0 = never)")
   * @param read         its value in a grid point
   */
  public record Param(String section, String key, Kind kind, Object defaultValue, String coreName, String column,
      List<String> options, boolean axis, boolean identity, String doc, String note, Function<GridPoint, Object> read) {

    public Param {
      options = List.copyOf(options);
    }

    /** The YAML path, e.g. {@code training.learning_rate}. */
    public String path() {
      return section.isEmpty() ? key : section + "." + key;
    }

    /** The value as the canonical spec renders it: shortest decimals, {@code auto}/{@code full} for 0. */
    public Object canonical(Object v) {
      return switch (kind) {
        case DOUBLE -> num((Double) v);
        case INT_OR_AUTO -> ((Integer) v) == 0 ? "auto" : v;
        case INT_OR_FULL -> ((Integer) v) == 0 ? "full" : v;
        default -> v;
      };
    }

    /** The value as text ({@code 0.1}, {@code full}, {@code true}). */
    public String text(Object v) {
      Object c = canonical(v);
      return c instanceof BigDecimal d ? d.toPlainString() : String.valueOf(c);
    }

    /** This parameter's value in a grid point (the keyword kinds as 0). */
    public Object of(GridPoint p) {
      return read.apply(p);
    }
  }

  /**
   * A YAML section of scalar parameters and the core record that checks them together.
   *
   * @param name   the section's key ("" = top level)
   * @param params its parameters, in the order {@code build} takes their values
   * @param build  builds the section's record from one value per parameter (throws {@code InvalidValueException})
   */
  public record Section(String name, List<Param> params, Function<Object[], Object> build) {
    public Section {
      params = List.copyOf(params);
    }

    public Object[] defaults() {
      return params.stream().map(Param::defaultValue).toArray();
    }
  }

  private static Param p(String section, String key, Kind kind, Object def, String coreName, String column,
      String doc, String note, Function<GridPoint, Object> read, String... aliases) {
    List<String> options = new ArrayList<>();
    options.add("--" + (section.equals("flow") ? "flow-" : "") + key.replace('_', '-'));
    for (String a : aliases) {
      options.add(a);
    }
    return new Param(section, key, kind, def, coreName, column, options, true, true, doc, note, read);
  }

  static final FlowStart DATA_START = new FlowStart(FlowStart.Kind.DATA, Double.NaN);
  private static final FlowConfig PROBE_FLOW = new FlowConfig(List.of(DATA_START), 2, 2, 1, 0);
  private static final TrainingConfig DEFAULT_TRAINING = new TrainingConfig(200, 0.01, 100, 1, 0, 0, false, 0.01, 0);
  private static final McSettings DEFAULT_MC = new McSettings(1000, 1000, 0, 10_000);

  /** Top level: dim and master_seed (not axes), t_step and configs_per_temp (axes). */
  public static final Section TOP = new Section("", List.of(
      new Param("", "dim", Kind.INT, 2, "dim", null, List.of("--dim"), false, true,
          "1 (ring of l sites) or 2 (l×l torus)", "", p -> p.lattice().dim()),
      new Param("", "master_seed", Kind.LONG, 1L, "master_seed", null, List.of(), false, true,
          "the seed the grid's seeds are derived from (with a seed count)", "", p -> p.seed()),
      p("", "t_step", Kind.DOUBLE, 0.25, "t_step", "t_step", "temperature spacing ΔT of the training data", "",
          GridPoint::tStep),
      p("", "configs_per_temp", Kind.INT, 500, "configs_per_temp", "configs_per_temp",
          "Monte Carlo configurations per (T, H)", "", GridPoint::configsPerTemp, "--configs")),
      a -> {
        new Lattice((int) a[0], 10);
        return new GridPoint("probe", Lattice.square(10), 1, 1, (double) a[2], new double[] {0}, (int) a[3], 1,
            DEFAULT_MC, DEFAULT_TRAINING, PROBE_FLOW, AnalysisSettings.DEFAULT);
      });

  public static final Section MONTE_CARLO = new Section("monte_carlo", List.of(
      p("monte_carlo", "therm_sweeps", Kind.INT, 1000, "thermSweeps", "therm_sweeps",
          "Metropolis sweeps before the first configuration", "", g -> g.mc().thermSweeps()),
      p("monte_carlo", "probe_sweeps", Kind.INT, 1000, "probeSweeps", "probe_sweeps",
          "sweeps that measure the integrated autocorrelation time τ_int", "", g -> g.mc().probeSweeps()),
      p("monte_carlo", "decor_sweeps", Kind.INT_OR_AUTO, 0, "decorSweeps", "decor_sweeps",
          "sweeps between configurations: auto (⌈2·τ_int⌉, column value 0) or a number", "",
          g -> g.mc().decorSweeps()),
      p("monte_carlo", "max_decor_sweeps", Kind.INT, 10_000, "maxDecorSweeps", "max_decor_sweeps",
          "cap of the automatic decor_sweeps", "", g -> g.mc().maxDecorSweeps())),
      a -> new McSettings((int) a[0], (int) a[1], (int) a[2], (int) a[3]));

  public static final Section TRAINING = new Section("training", List.of(
      p("training", "epochs", Kind.INT, 200, "epochs", "epochs", "passes over the training set", "",
          g -> g.training().epochs()),
      p("training", "learning_rate", Kind.DOUBLE, 0.01, "learning_rate", "learning_rate", "CD step size lr", "",
          g -> g.training().learningRate(), "--lr"),
      p("training", "batch_size", Kind.INT_OR_FULL, 100, "batch_size", "batch_size",
          "configurations per update, or full: one update per epoch (column value 0)", "",
          g -> g.training().batchSize(), "--batch"),
      p("training", "cd_k", Kind.INT, 1, "cd_k", "cd_k", "Gibbs steps of CD-k", "", g -> g.training().cdK()),
      p("training", "momentum", Kind.DOUBLE, 0.0, "momentum", "momentum", "momentum of the updates", "",
          g -> g.training().momentum()),
      p("training", "weight_decay", Kind.DOUBLE, 0.0, "weight_decay", "weight_decay", "L2 weight decay λ", "",
          g -> g.training().weightDecay()),
      p("training", "persistent", Kind.BOOL, false, "persistent", "persistent",
          "persistent chains (PCD) instead of CD-k restarts", "", g -> g.training().persistent(), "--pcd"),
      p("training", "init_sigma", Kind.DOUBLE, 0.01, "init_sigma", "init_sigma", "std of the initial weights", "",
          g -> g.training().initSigma()),
      // logging only: changes no result, so it is neither in the fingerprint nor in the point id
      new Param("training", "monitor_every", Kind.INT, 0, "monitor_every", null, List.of("--monitor-every", "--monitor"),
          false, false, "log reconstruction error and PLL every N epochs", " (0 = never)",
          g -> g.training().monitorEvery())),
      a -> new TrainingConfig((int) a[0], (double) a[1], (int) a[2], (int) a[3], (double) a[4], (double) a[5],
          (boolean) a[6], (double) a[7], (int) a[8]));

  /** The flow's scalars; its starts are a list of their own ({@code flow.starts}), not an axis. */
  public static final Section FLOW = new Section("flow", List.of(
      p("flow", "ensemble", Kind.INT, 1000, "flow_ensemble", "flow_ensemble", "configurations per flow", "",
          g -> g.flow().ensemble()),
      p("flow", "max_steps", Kind.INT, 2000, "flow_steps", "flow_max_steps", "most flow steps", "",
          g -> g.flow().maxSteps(), "--flow-steps"),
      p("flow", "window", Kind.INT, 50, "flow_window", "flow_window", "steps per window of the fixed-point test", "",
          g -> g.flow().window()),
      p("flow", "tolerance", Kind.DOUBLE, 0.002, "flow_tolerance", "flow_tolerance",
          "energy tolerance of the fixed-point test", "", g -> g.flow().tolerance())),
      a -> new FlowConfig(List.of(DATA_START), (int) a[0], (int) a[1], (int) a[2], (double) a[3]));

  public static final Section ANALYSIS = new Section("analysis", List.of(
      p("analysis", "calibration_step", Kind.DOUBLE, 0.05, "calibration_step", "calibration_step",
          "T spacing of the Monte Carlo E(T) calibration", "", g -> g.analysis().calibrationStep()),
      p("analysis", "calibration_max_t", Kind.DOUBLE, 8.0, "calibration_max_t", "calibration_max_t",
          "highest calibration temperature", "", g -> g.analysis().calibrationMaxT()),
      p("analysis", "calibration_configs", Kind.INT, 400, "calibration_configs", "calibration_configs",
          "configurations per calibration temperature", "", g -> g.analysis().calibrationConfigs()),
      p("analysis", "classifier_step", Kind.DOUBLE, 0.25, "classifier_step", "classifier_step",
          "T spacing of the classifier's classes", ", or 0 for no classifier", g -> g.analysis().classifierStep()),
      p("analysis", "classifier_configs", Kind.INT, 400, "classifier_configs", "classifier_configs",
          "labelled configurations per class", "", g -> g.analysis().classifierConfigs()),
      p("analysis", "classifier_epochs", Kind.INT, 20, "classifier_epochs", "classifier_epochs",
          "classifier training epochs", "", g -> g.analysis().classifierEpochs()),
      p("analysis", "classifier_every", Kind.INT, 10, "classifier_every", "classifier_every",
          "classify the flow ensemble every this many steps", "", g -> g.analysis().classifierEvery()),
      p("analysis", "permutations", Kind.INT, 999, "permutations", "permutations",
          "Moran's-I permutations per eigenvector", "", g -> g.analysis().permutations()),
      p("analysis", "alpha", Kind.DOUBLE, 0.01, "alpha", "alpha", "level of the non-random pattern count and of Moran's I", "",
          g -> g.analysis().alpha())),
      a -> new AnalysisSettings((double) a[0], (double) a[1], (int) a[2], (double) a[3], (int) a[4], (int) a[5],
          (int) a[6], (int) a[7], (double) a[8]));

  /** The sections in spec order. */
  public static final List<Section> SECTIONS = List.of(TOP, MONTE_CARLO, TRAINING, FLOW, ANALYSIS);

  /** Every parameter that may be a grid axis, in spec order (the order of {@link Settings} combinations). */
  public static final List<Param> AXES = SECTIONS.stream().flatMap(s -> s.params().stream()).filter(Param::axis)
      .toList();

  /** Every scalar parameter, in spec order. */
  public static final List<Param> ALL = SECTIONS.stream().flatMap(s -> s.params().stream()).toList();

  /** The parameter at a YAML path, or null. */
  public static Param byPath(String path) {
    for (Param q : ALL) {
      if (q.path().equals(path)) {
        return q;
      }
    }
    return null;
  }

  /** A double as its shortest decimal without trailing zeros (1.0 and 1 render alike: 1). */
  static BigDecimal num(double x) {
    BigDecimal d = new BigDecimal(Double.toString(x)).stripTrailingZeros();
    return d.signum() == 0 ? BigDecimal.ZERO : d;
  }

  /**
   * The values of a spec's scalar parameters: one or more per parameter (more than one makes it a grid axis), in
   * spec order. The grid takes every combination ({@link #combination}), the first parameter varying slowest.
   *
   * @param values for every parameter of {@link #ALL}, its values (distinct, at least one; non-axis parameters one)
   */
  public record Settings(Map<String, List<Object>> values) {
    public Settings {
      Map<String, List<Object>> copy = new LinkedHashMap<>();
      for (Param q : ALL) {
        List<Object> v = values.get(q.path());
        if (v == null) {
          v = List.of(q.defaultValue());
        }
        if (v.isEmpty() || v.stream().distinct().count() != v.size() || (!q.axis() && v.size() != 1)) {
          throw new IllegalArgumentException(q.path() + ": " + v + "; expected distinct values, at least one"
              + (q.axis() ? "" : " and exactly one"));
        }
        copy.put(q.path(), List.copyOf(v));
      }
      values = java.util.Collections.unmodifiableMap(copy);
    }

    /** All defaults. */
    public static final Settings DEFAULT = new Settings(Map.of());

    public List<Object> of(Param q) {
      return values.get(q.path());
    }

    /** The first (or only) value of a parameter. */
    public Object first(Param q) {
      return values.get(q.path()).get(0);
    }

    /** The parameters with more than one value (the grid axes beyond l, n_h, n_temp and seeds), in spec order. */
    public List<Param> varied() {
      return AXES.stream().filter(q -> of(q).size() > 1).toList();
    }

    /** Number of combinations of the varied values. */
    public long combinations() {
      long n = 1;
      for (Param q : varied()) {
        n *= of(q).size();
      }
      return n;
    }

    /** Combination {@code k} (0 ≤ k &lt; {@link #combinations()}): one value per parameter, keyed by path. */
    public Map<String, Object> combination(long k) {
      Map<String, Object> out = new LinkedHashMap<>();
      List<Param> varied = varied();
      long rest = k;
      long[] index = new long[varied.size()];
      for (int i = varied.size() - 1; i >= 0; i--) {
        int n = of(varied.get(i)).size();
        index[i] = rest % n;
        rest /= n;
      }
      for (Param q : ALL) {
        int i = varied.indexOf(q);
        out.put(q.path(), i < 0 ? first(q) : of(q).get((int) index[i]));
      }
      return out;
    }

    /** A section's record (McSettings, TrainingConfig, …) for one combination. */
    public static Object build(Section s, Map<String, Object> combination) {
      Object[] a = new Object[s.params().size()];
      for (int i = 0; i < a.length; i++) {
        a[i] = Objects.requireNonNull(combination.get(s.params().get(i).path()), s.params().get(i).path());
      }
      return s.build().apply(a);
    }
  }
}
