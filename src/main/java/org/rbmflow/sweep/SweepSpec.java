package org.rbmflow.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.rbmflow.aggregate.AggregateSettings;
import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.McSettings;
import org.rbmflow.ising.MonteCarlo;
import org.rbmflow.rbm.FlowConfig;
import org.rbmflow.rbm.FlowStart;
import org.rbmflow.rbm.TrainingConfig;

/**
 * A validated sweep job spec ({@code jobs/*.yaml}, DESIGN §3): the grid axes, the fixed parameters of every point
 * and where the results go. Obtain one with {@link #parse} or {@link #read}; they check everything before any
 * work starts and report every problem with its YAML path ({@link SpecException}).
 *
 * <h2>Format</h2>
 * Every key except {@code name} and {@code grid} is optional; the defaults (shown) are those of
 * {@code rbmflow point}. Unknown keys, wrong types (also a float where an integer is required, e.g.
 * {@code epochs: 200.0}), empty lists, repeated list values and out-of-range values are errors; a section written
 * with nothing under it ({@code training:}) takes its defaults. Where a list is expected a single value stands for a
 * list of one ({@code l: 10}). Values are checked together: {@code flow: {max_steps: 60, window: 10}} is fine.
 * <pre>{@code
 * name: quickstart              # required; [A-Za-z0-9._-]{1,64}
 * dim: 2                        # 1 (ring) or 2 (L×L torus)
 * grid:                         # required (a mapping; its keys have defaults too)
 *   l: [8, 10]                  # lattice sides (default [10]), 2…128 in 2D, 2…16384 in 1D; or instead
 *   # n_v: [64, 100]            #   sites; in 2D each must be a perfect square l². Not both l and n_v.
 *   n_h: [4, 9, 16]             # hidden units (default [16]), each 1 ≤ n_h ≤ n_v of every lattice; or a rule:
 *   # n_h: {squares_up_to: 0.5}            all k² with 1 ≤ k² ≤ 0.5·n_v, per lattice (fraction in (0, 1])
 *   # n_h: {list: [1, 4, 9, 400], max_fraction: 1.0}   per lattice the listed values ≤ max_fraction·n_v
 *   n_temp: [10, 25]            # temperatures T = 0, t_step, …, (n_temp − 1)·t_step (default [25]), each ≥ 1
 *   seeds: 2                    # a count k = 0…count−1 (default 1), or a list of distinct integers [1, 7, 42]
 * master_seed: 1                # with a seed count: seed_k = SplitMix64.derive(master_seed, tag("seed"), k);
 *                               #   not allowed with a seed list (it would have no effect)
 * t_step: 0.25                  # ΔT, in [1e-6, 1000], with (n_temp − 1)·t_step ≤ 1000
 * fields: [0]                   # H values: a number, a list of numbers and "start:end:step" ranges, or a
 *                               #   string "0,0.5" / "-1:1:0.5"; |H| ≤ 100, distinct; order kept (it is the
 *                               #   order of the training data)
 * configs_per_temp: 500         # Monte Carlo configurations per (T, H), 1…10⁶
 * monte_carlo: {therm_sweeps: 1000, probe_sweeps: 1000, decor_sweeps: auto, max_decor_sweeps: 10000}
 *                               # decor_sweeps: auto (⌈2·τ_int⌉) or an integer ≥ 1; auto needs probe_sweeps ≥ 100
 * training: {epochs: 200, learning_rate: 0.01, batch_size: 100, cd_k: 1, momentum: 0, weight_decay: 0,
 *            persistent: false, init_sigma: 0.01, monitor_every: 0}
 * flow: {starts: [T=min, T=max], ensemble: 1000, max_steps: 2000, window: 50, tolerance: 0.002}
 *                               # starts: data | random | T=<value> | T=min | T=max, distinct; T=min and T=max
 *                               #   are 0 and (n_temp − 1)·t_step of each point; T=<value> must be a training
 *                               #   temperature of every n_temp; max_steps ≥ 2·window
 * analysis: {calibration_step: 0.05, calibration_max_t: 8, calibration_configs: 400, classifier_step: 0.25,
 *            classifier_configs: 400, classifier_epochs: 20, classifier_every: 10, permutations: 999, alpha: 0.01}
 *                               # classifier_step: 0 = no supervised thermometer
 * aggregate: {enabled: true, n_temp_min: 100, best_n_h: squares}
 *                               # the aggregation run when the sweep ends (rbmflow aggregate): the fit uses
 *                               #   n_temp ≥ n_temp_min; the optimal n_h is chosen among squares or all n_h
 * output: out/quickstart        # optional (none: the command decides, out/<name>); a path (relative to the
 *                               #   current directory) or a file:, hdfs:, s3a: URI, checked when it is used
 * }</pre>
 * <b>Any scalar a grid axis.</b> Every scalar under {@code monte_carlo}, {@code training}, {@code flow} and
 * {@code analysis}, and {@code t_step} and {@code configs_per_temp}, also accepts a list of distinct values
 * ({@code training: {batch_size: [100, full], learning_rate: [0.01, 0.1]}}): the grid is the product of all lists.
 * The parameters are defined once, in {@link SpecParams}.
 *
 * <p>Ranges not written above are those of the core records ({@link McSettings}, {@link TrainingConfig},
 * {@link FlowConfig}, {@link AnalysisSettings}, {@link Lattice}, {@link GridPoint}); the error messages quote them.
 *
 * <h2>Grid</h2>
 * {@link #grid()} is every (lattice, n_temp, seed, n_h) combination, in this order: lattices by side ascending,
 * then n_temp ascending, then seeds (k = 0, 1, … for a count; ascending for a list), then the lattice's n_h values
 * ascending, then the combinations of listed parameter values (first parameter in spec order slowest).
 *
 * <h2>Identity</h2>
 * {@link #canonicalText()} is a normalised rendering of everything that determines the results (sorted-key JSON of
 * the effective values, defaults included, the n_h rule expanded per lattice, seeds as values): comments, key order,
 * the way a value was written ({@code 1} or {@code 1.0}, {@code l} or {@code n_v}) and the output location do
 * not change it; the name does. {@link #fingerprint()} is its SHA-256.
 *
 * @param name           the sweep's name (the {@code sweep} column)
 * @param dim            1 or 2
 * @param lattices       distinct lattices, side ascending
 * @param nh             the n_h axis, a list or a rule evaluated per lattice
 * @param nTemps         distinct temperature counts, ascending
 * @param seeds          the seeds of the grid, distinct
 * @param masterSeed     the seed the seeds were derived from (1 when they were listed explicitly)
 * @param fields         the field values H, in spec order
 * @param settings       the values of every scalar parameter ({@link SpecParams}); a parameter with several values
 *                       is a grid axis
 * @param checkpoints    epochs below training.epochs at which each point is also evaluated (empty: none)
 * @param flowStarts     flow starts, normalised: {@code data}, {@code random}, {@code T=min}, {@code T=max} or
 *                       {@code T=<value>} (as {@link FlowStart#label()}, e.g. {@code T=3.0})
 * @param output         the output location as written in the spec, or null if it has none
 * @param aggregate      what the closing aggregation does (does not change any point, so not in the identity)
 * @param limits         how long a point may run ({@link Limits#NONE}: no limit; bounds the run, not in the identity)
 * @param canonicalText  the canonical rendering (see above); recomputed by the constructor, which accepts null and
 *                       rejects a text that differs from its own rendering
 */
public record SweepSpec(String name, int dim, List<Lattice> lattices, NhAxis nh, List<Integer> nTemps, List<Long> seeds,
    long masterSeed, double[] fields, SpecParams.Settings settings, List<Integer> checkpoints, List<String> flowStarts,
    String output, Aggregate aggregate, Limits limits, String canonicalText) {

  /**
   * The {@code aggregate} section: whether {@code rbmflow sweep} aggregates its tables when it ends, and how.
   *
   * @param enabled  run the aggregation at the end of the sweep (default true)
   * @param settings N_temp threshold of the fit and the N_h candidates of the optimum
   */
  public record Aggregate(boolean enabled, AggregateSettings settings) {
    public static final Aggregate DEFAULT = new Aggregate(true, AggregateSettings.DEFAULT);

    public Aggregate {
      Objects.requireNonNull(settings, "settings");
    }
  }

  /** Allowed sweep names. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /** Most grid points one spec may expand to. */
  public static final int MAX_POINTS = 100_000;

  public SweepSpec {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("name '" + name + "' does not match " + NAME);
    }
    lattices = List.copyOf(lattices);
    Objects.requireNonNull(nh, "nh");
    nTemps = List.copyOf(nTemps);
    seeds = List.copyOf(seeds);
    fields = fields.clone();
    Objects.requireNonNull(settings, "settings");
    checkpoints = List.copyOf(checkpoints);
    flowStarts = List.copyOf(flowStarts);
    Objects.requireNonNull(aggregate, "aggregate");
    if (lattices.isEmpty() || nTemps.isEmpty() || seeds.isEmpty() || fields.length == 0 || flowStarts.isEmpty()) {
      throw new IllegalArgumentException("a sweep spec needs at least one lattice, n_temp, seed, field and flow start");
    }
    for (Lattice l : lattices) {
      if (l.dim() != dim) {
        throw new IllegalArgumentException("lattice " + l + " in a spec of dim " + dim);
      }
    }
    String rendered = SpecParser.canonical(name, dim, lattices, nh, nTemps, seeds, fields, settings, checkpoints,
        flowStarts);
    if (canonicalText != null && !canonicalText.equals(rendered)) {
      throw new IllegalArgumentException("canonicalText differs from the rendering of the spec's values");
    }
    canonicalText = rendered;
  }

  /**
   * Parses and validates a spec.
   *
   * @param yamlText   the YAML document
   * @param sourceName where it came from (a file name), used in the exception message only
   * @throws SpecException listing every problem, each with its YAML path
   */
  public static SweepSpec parse(String yamlText, String sourceName) throws SpecException {
    return new SpecParser(sourceName).parse(yamlText);
  }

  /**
   * Checks a spec given as a tree of the YAML's shape (the {@code point} command builds one from its options); see
   * {@link #parse}.
   */
  public static SweepSpec fromTree(com.fasterxml.jackson.databind.JsonNode root, String sourceName)
      throws SpecException {
    return new SpecParser(sourceName).parse(root);
  }

  /** Reads (UTF-8) and parses a spec file; see {@link #parse}. */
  public static SweepSpec read(Path file) throws SpecException, IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /**
   * The spec as a document {@link #parse} reads back to an equal spec (JSON, a subset of YAML): every effective value,
   * defaults included.
   */
  public String document() {
    return SpecParser.document(this);
  }

  @Override
  public double[] fields() {
    return fields.clone();
  }

  /**
   * The flow starts of a point with {@code nTemp} temperatures: {@code T=min} → T=0, {@code T=max} →
   * T = (n_temp − 1)·t_step (canonical), others as written.
   */
  public List<FlowStart> flowStarts(int nTemp, double tStep) {
    return resolveStarts(flowStarts, nTemp, tStep);
  }

  static List<FlowStart> resolveStarts(List<String> starts, int nTemp, double tStep) {
    List<FlowStart> out = new ArrayList<>(starts.size());
    for (String s : starts) {
      out.add(switch (s) {
        case "T=min" -> new FlowStart(FlowStart.Kind.TEMPERATURE, 0.0);
        case "T=max" -> new FlowStart(FlowStart.Kind.TEMPERATURE, MonteCarlo.canonical((nTemp - 1) * tStep));
        default -> FlowStart.parse(s);
      });
    }
    return out;
  }

  /** The flow settings of a point with {@code nTemp} temperatures, at one combination of the settings. */
  FlowConfig flow(int nTemp, Map<String, Object> combination) {
    FlowConfig f = (FlowConfig) SpecParams.Settings.build(SpecParams.FLOW, combination);
    double tStep = (double) combination.get("t_step");
    return new FlowConfig(flowStarts(nTemp, tStep), f.ensemble(), f.maxSteps(), f.window(), f.tolerance());
  }

  // The values of the first combination of the settings (the only one when no parameter has a list of values).

  public double tStep() {
    return (double) settings.first(SpecParams.byPath("t_step"));
  }

  public int configsPerTemp() {
    return (int) settings.first(SpecParams.byPath("configs_per_temp"));
  }

  public McSettings mc() {
    return (McSettings) SpecParams.Settings.build(SpecParams.MONTE_CARLO, settings.combination(0));
  }

  public TrainingConfig training() {
    return (TrainingConfig) SpecParams.Settings.build(SpecParams.TRAINING, settings.combination(0));
  }

  public FlowConfig flow() {
    return (FlowConfig) SpecParams.Settings.build(SpecParams.FLOW, settings.combination(0));
  }

  public AnalysisSettings analysis() {
    return (AnalysisSettings) SpecParams.Settings.build(SpecParams.ANALYSIS, settings.combination(0));
  }

  /** Number of grid points, without building them. */
  public long size() {
    long perLattice = 0;
    for (Lattice l : lattices) {
      perLattice += nh.values(l.sites()).size();
    }
    return perLattice * nTemps.size() * seeds.size() * settings.combinations();
  }

  /**
   * Every grid point (sweep = {@link #name}), in the documented order: lattice (side ascending), n_temp ascending,
   * seed, n_h ascending, then the combinations of the listed parameter values ({@link SpecParams.Settings}). Point ids
   * ({@link GridPoint#pointId()}) are unique.
   *
   * @throws IllegalStateException if two points share an id (a bug: the parser rules it out)
   */
  public List<GridPoint> grid() {
    List<GridPoint> points = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    long combinations = settings.combinations();
    List<Map<String, Object>> combos = new ArrayList<>();
    for (long k = 0; k < combinations; k++) {
      combos.add(settings.combination(k));
    }
    List<Object[]> records = new ArrayList<>();
    for (Map<String, Object> c : combos) {
      records.add(new Object[] {SpecParams.Settings.build(SpecParams.MONTE_CARLO, c),
          SpecParams.Settings.build(SpecParams.TRAINING, c), SpecParams.Settings.build(SpecParams.ANALYSIS, c)});
    }
    for (Lattice lattice : lattices) {
      List<Integer> hidden = nh.values(lattice.sites());
      for (int nTemp : nTemps) {
        List<FlowConfig> flows = new ArrayList<>();
        for (Map<String, Object> c : combos) {
          flows.add(flow(nTemp, c));
        }
        for (long seed : seeds) {
          for (int h : hidden) {
            for (int k = 0; k < combos.size(); k++) {
              Map<String, Object> c = combos.get(k);
              Object[] r = records.get(k);
              GridPoint p = new GridPoint(name, lattice, h, nTemp, (double) c.get("t_step"), fields,
                  (int) c.get("configs_per_temp"), seed, (McSettings) r[0], (TrainingConfig) r[1], flows.get(k),
                  (AnalysisSettings) r[2]);
              if (!ids.add(p.pointId())) {
                throw new IllegalStateException("two grid points share the id " + p.pointId());
              }
              points.add(p);
            }
          }
        }
      }
    }
    return points;
  }

  /**
   * The values of the listed (varied) parameters in one point, as {@code path=value} joined by {@code ", "}, e.g.
   * {@code training.batch_size=full, training.learning_rate=0.1}; empty when no parameter has a list.
   */
  public String variantOf(GridPoint p) {
    StringBuilder b = new StringBuilder();
    for (SpecParams.Param q : settings.varied()) {
      b.append(b.isEmpty() ? "" : ", ").append(q.path()).append('=').append(q.text(q.of(p)));
    }
    return b.toString();
  }

  /** SHA-256 (64 hex digits) of {@link #canonicalText()}: equal for specs whose points give the same results. */
  public String fingerprint() {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(canonicalText.getBytes(StandardCharsets.UTF_8));
      StringBuilder b = new StringBuilder(64);
      for (byte x : d) {
        b.append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
      }
      return b.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SweepSpec s && s.canonicalText.equals(canonicalText) && s.nh.equals(nh)
        && s.masterSeed == masterSeed && s.flowStarts.equals(flowStarts) && Objects.equals(s.output, output)
        && s.limits.equals(limits);
  }

  @Override
  public int hashCode() {
    return canonicalText.hashCode();
  }

  @Override
  public String toString() {
    return "SweepSpec[" + name + ", dim=" + dim + ", lattices=" + lattices + ", n_h=" + nh + ", n_temp=" + nTemps
        + ", seeds=" + seeds + ", settings=" + settings.varied().stream().map(SpecParams.Param::path).toList() + ", fields=" + Arrays.toString(fields) + ", output=" + output
        + ", fingerprint=" + fingerprint() + "]";
  }

  /** The n_h axis: an explicit list or a rule, evaluated per lattice. */
  public sealed interface NhAxis permits NhAxis.Listed, NhAxis.SquaresUpTo, NhAxis.Capped {

    /** The n_h values of a lattice with {@code nv} sites, distinct, ascending (empty if the rule leaves none). */
    List<Integer> values(int nv);

    /** {@code n_h: [4, 9, 16]}: the same values for every lattice (the parser checks each is ≤ every n_v). */
    record Listed(List<Integer> list) implements NhAxis {
      public Listed {
        list = List.copyOf(list.stream().sorted().distinct().toList());
      }

      @Override
      public List<Integer> values(int nv) {
        return list;
      }
    }

    /** {@code n_h: {squares_up_to: f}}: every k² with 1 ≤ k² ≤ f·n_v, f in (0, 1]. */
    record SquaresUpTo(double fraction) implements NhAxis {
      public SquaresUpTo {
        if (!(fraction > 0 && fraction <= 1)) {
          throw new IllegalArgumentException("squares_up_to = " + fraction + "; expected a fraction in (0, 1]");
        }
      }

      @Override
      public List<Integer> values(int nv) {
        long cap = cap(fraction, nv);
        List<Integer> out = new ArrayList<>();
        for (long k = 1; k * k <= cap; k++) {
          out.add((int) (k * k));
        }
        return List.copyOf(out);
      }
    }

    /** {@code n_h: {list: [...], max_fraction: f}}: the listed values ≤ f·n_v, per lattice, f in (0, 1]. */
    record Capped(List<Integer> list, double maxFraction) implements NhAxis {
      public Capped {
        list = List.copyOf(list.stream().sorted().distinct().toList());
        if (!(maxFraction > 0 && maxFraction <= 1)) {
          throw new IllegalArgumentException("max_fraction = " + maxFraction + "; expected a fraction in (0, 1]");
        }
      }

      @Override
      public List<Integer> values(int nv) {
        long cap = cap(maxFraction, nv);
        return list.stream().filter(v -> v <= cap).toList();
      }
    }

    /** ⌊f·n_v⌋, robust to the rounding of f (0.5·100 is 50 even if f was written 0.50000000000000001). */
    static long cap(double fraction, int nv) {
      return (long) Math.floor(fraction * nv + 1e-9);
    }
  }
}
