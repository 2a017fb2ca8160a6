package org.rbmflow.table;

import static org.rbmflow.table.ColumnType.BOOLEAN;
import static org.rbmflow.table.ColumnType.BYTES;
import static org.rbmflow.table.ColumnType.DOUBLE;
import static org.rbmflow.table.ColumnType.DOUBLE_ARRAY;
import static org.rbmflow.table.ColumnType.FLOAT_ARRAY;
import static org.rbmflow.table.ColumnType.INT;
import static org.rbmflow.table.ColumnType.LONG;
import static org.rbmflow.table.ColumnType.STRING;
import static org.rbmflow.table.ColumnType.TIMESTAMP;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rbmflow.aggregate.AggregateResult.Fit;
import org.rbmflow.aggregate.AggregateResult.Mean;
import org.rbmflow.aggregate.AggregateResult.Optimal;
import org.rbmflow.aggregate.PowerLawFit;
import org.rbmflow.common.PointStatus;
import org.rbmflow.ising.ObservableSummary;
import org.rbmflow.sweep.PointResult.FlowRow;
import org.rbmflow.sweep.PointResult.PatternRow;
import org.rbmflow.sweep.PointResult.PointRow;
import org.rbmflow.sweep.PointResult.SpectrumRow;
import org.rbmflow.sweep.SpecParams;

/**
 * The one registry of every table rbmflow writes: a sweep's per-point tables ({@code points, flows, spectra,
 * patterns}), its aggregates ({@code means, optimal, fits} under {@code aggregate/}) and the output of
 * {@code generate} ({@code configurations, observables}). Parquet and Spark schemas, writers, by-name readers and
 * the schema documentation ({@code docs/TABLES.md}) come from here. Energies are per spin (J = 1), temperatures in
 * units of J/k_B, seconds wall time.
 */
public final class Tables {
  private Tables() {}

  /** The grid parameters whose {@code points} columns {@link PointRow} carries as fields. */
  private static final List<String> ROW_PARAMETERS = List.of("t_step", "configs_per_temp", "epochs", "learning_rate",
      "cd_k", "batch_size");

  /**
   * Every other grid parameter with a {@code points} column ({@link SpecParams}), written from
   * {@link PointRow#settings()}: nullable, so tables written before a parameter had its column still read.
   */
  public static final List<SpecParams.Param> SETTING_COLUMNS = SpecParams.ALL.stream()
      .filter(q -> q.column() != null && !ROW_PARAMETERS.contains(q.column())).toList();

  public static final Table<PointRow> POINTS = new Table<>("points", "points",
      "One row per grid point (and per checkpoint of a training): its parameters, outcome, fixed point, analysis "
          + "and timings. Partitioned by n_v (points/n_v=<N_v>/<point_id>.parquet; after compaction "
          + "points/n_v=<N_v>/compacted-<batch>.parquet, the same rows).",
      pointColumns(), "n_v", Tables::readPoint);

  public static final Table<FlowRow> FLOWS = new Table<>("flows", "flows",
      "One row per recorded step of each start's RBM flow (ensemble means).",
      new Table.Columns<FlowRow>()
          .add("point_id", STRING, "the grid point", FlowRow::pointId)
          .add("start", STRING, "the flow's start: T=<t>, H=<h> or random", FlowRow::start)
          .add("step", INT, "reconstruction steps taken", FlowRow::step)
          .add("energy", DOUBLE, "ensemble mean energy per spin", FlowRow::energy)
          .add("energy_err", DOUBLE, "its standard error", FlowRow::energyErr)
          .add("magnetization", DOUBLE, "ensemble mean magnetization per spin", FlowRow::magnetization)
          .add("temperature", DOUBLE, "temperature by the energy thermometer (NaN outside its range)",
              FlowRow::temperature)
          .add("temperature_classifier", DOUBLE, "temperature by the supervised thermometer (NaN when not evaluated)",
              FlowRow::temperatureClassifier)
          .add("field", DOUBLE, "field by the supervised thermometer (NaN when not evaluated)", FlowRow::field)
          .list(), null,
      r -> new FlowRow(r.getString("point_id"), r.getString("start"), r.getInt("step"), r.getDouble("energy"),
          r.getDouble("energy_err"), r.getDouble("magnetization"), r.getDouble("temperature"),
          r.getDouble("temperature_classifier"), r.getDouble("field")));

  public static final Table<SpectrumRow> SPECTRA = new Table<>("spectra", "spectra",
      "One row per grid point: every eigenvalue of WWᵀ, descending.",
      new Table.Columns<SpectrumRow>()
          .add("point_id", STRING, "the grid point", SpectrumRow::pointId)
          .add("n_v", INT, "visible units", SpectrumRow::nV)
          .add("n_h", INT, "hidden units", SpectrumRow::nH)
          .add("n_temp", INT, "training temperatures", SpectrumRow::nTemp)
          .add("seed", LONG, "the point's seed", SpectrumRow::seed)
          .add("eigenvalues", DOUBLE_ARRAY, "eigenvalues of WWᵀ, descending (N_v of them)", SpectrumRow::eigenvalues)
          .list(), null,
      r -> new SpectrumRow(r.getString("point_id"), r.getInt("n_v"), r.getInt("n_h"), r.getInt("n_temp"),
          r.getLong("seed"), r.getDoubles("eigenvalues")));

  public static final Table<PatternRow> PATTERNS = new Table<>("patterns", "patterns",
      "One row per eigenvector of WWᵀ tested as a lattice pattern: its eigenvalue against the permutation null of the "
          + "weights (the non-random decision, DESIGN §2) and its spatial order (Moran's I against permutations).",
      new Table.Columns<PatternRow>()
          .add("point_id", STRING, "the grid point", PatternRow::pointId)
          .add("rank", INT, "0 = largest eigenvalue", PatternRow::rank)
          .add("eigenvalue", DOUBLE, "its eigenvalue of WWᵀ", PatternRow::eigenvalue)
          .add("moran_i", DOUBLE, "nearest-neighbour Moran's I of the eigenvector on the lattice", PatternRow::moranI)
          .add("p_value", DOUBLE, "permutation p-value of I", PatternRow::pValue)
          .add("nonrandom", BOOLEAN, "eigenvalue > null_edge, and so for every larger eigenvalue of the point "
              + "(rows without null_edge: p_value < alpha)", PatternRow::nonrandom)
          .add("pattern", FLOAT_ARRAY, "the eigenvector, sites row-major (N_v values)", PatternRow::pattern)
          .nullable("noise_variance", DOUBLE, "entry variance of W without the directions of the larger eigenvalues: "
              + "their sum from this rank down / ((N_v − rank)(N_h − rank))", PatternRow::noiseVariance)
          .nullable("null_edge", DOUBLE, "noise_variance × the permutation null's scaled threshold: the eigenvalue "
              + "above which the pattern is non-random", PatternRow::nullEdge)
          .list(), null,
      r -> new PatternRow(r.getString("point_id"), r.getInt("rank"), r.getDouble("eigenvalue"),
          r.getDouble("moran_i"), r.getDouble("p_value"), r.getBoolean("nonrandom"), r.getFloats("pattern"),
          (Double) r.getOr("noise_variance", Double.NaN), (Double) r.getOr("null_edge", Double.NaN)));

  public static final Table<Mean> MEANS = new Table<>("means", "aggregate/means",
      "One row per (variant, dim, n_v, n_h, n_temp): seed means of the OK points, with standard errors s/√k over "
          + "the k seeds.",
      new Table.Columns<Mean>()
          .add("dim", INT, "1 (ring) or 2 (square lattice)", Mean::dim)
          .add("l", INT, "side of the lattice", Mean::l)
          .add("n_v", INT, "visible units (sites)", Mean::nV)
          .add("n_h", INT, "hidden units", Mean::nH)
          .add("n_temp", INT, "training temperatures", Mean::nTemp)
          .add("n_h_over_n_v", DOUBLE, "N_h / N_v", Mean::nHOverNV)
          .add("n_seeds", INT, "OK points averaged", Mean::nSeeds)
          .add("n_excluded", INT, "points left out (status not OK)", Mean::nExcluded)
          .add("energy", DOUBLE, "mean fixed-point energy per spin", Mean::energy)
          .add("energy_err", DOUBLE, "its standard error (one seed: the point's own error)", Mean::energyErr)
          .add("temperature", DOUBLE, "mean fixed-point temperature, energy thermometer", Mean::temperature)
          .add("temperature_err", DOUBLE, "its standard error", Mean::temperatureErr)
          .add("temperature_classifier", DOUBLE, "mean fixed-point temperature, supervised thermometer",
              Mean::temperatureClassifier)
          .add("temperature_classifier_err", DOUBLE, "its standard error", Mean::temperatureClassifierErr)
          .add("magnetization", DOUBLE, "mean fixed-point magnetization per spin", Mean::magnetization)
          .add("magnetization_err", DOUBLE, "its standard error", Mean::magnetizationErr)
          .add("random_fraction", DOUBLE, "mean fraction of random training configurations", Mean::randomFraction)
          .add("random_fraction_err", DOUBLE, "its standard error", Mean::randomFractionErr)
          .add("n_nonrandom_patterns", DOUBLE, "mean count of non-random patterns", Mean::nNonrandomPatterns)
          .add("n_nonrandom_patterns_err", DOUBLE, "its standard error", Mean::nNonrandomPatternsErr)
          .add("n_patterns_tested", INT, "patterns tested per point", Mean::nPatternsTested)
          .add("fp_bracket_gap", DOUBLE, "mean bracket gap of the flows", Mean::fpBracketGap)
          .add("recon_error", DOUBLE, "mean reconstruction error after training", Mean::reconError)
          .add("variant", STRING, "values of the parameters the sweep lists beyond the grid axes (\"\" when none)",
              Mean::variant)
          .list(), null,
      r -> Mean.builder().dim(r.getInt("dim")).l(r.getInt("l")).nV(r.getInt("n_v")).nH(r.getInt("n_h"))
          .nTemp(r.getInt("n_temp")).nSeeds(r.getInt("n_seeds")).nExcluded(r.getInt("n_excluded"))
          .energy(r.getDoubleOrNaN("energy")).energyErr(r.getDoubleOrNaN("energy_err"))
          .temperature(r.getDoubleOrNaN("temperature")).temperatureErr(r.getDoubleOrNaN("temperature_err"))
          .temperatureClassifier(r.getDoubleOrNaN("temperature_classifier"))
          .temperatureClassifierErr(r.getDoubleOrNaN("temperature_classifier_err"))
          .magnetization(r.getDoubleOrNaN("magnetization")).magnetizationErr(r.getDoubleOrNaN("magnetization_err"))
          .randomFraction(r.getDoubleOrNaN("random_fraction"))
          .randomFractionErr(r.getDoubleOrNaN("random_fraction_err"))
          .nNonrandomPatterns(r.getDoubleOrNaN("n_nonrandom_patterns"))
          .nNonrandomPatternsErr(r.getDoubleOrNaN("n_nonrandom_patterns_err"))
          .nPatternsTested(r.getInt("n_patterns_tested")).fpBracketGap(r.getDoubleOrNaN("fp_bracket_gap"))
          .reconError(r.getDoubleOrNaN("recon_error")).variant(variant(r)).build());

  public static final Table<Optimal> OPTIMAL = new Table<>("optimal", "aggregate/optimal",
      "One row per (variant, dim, n_v, n_temp): the candidate N_h of minimal mean fixed-point energy.",
      new Table.Columns<Optimal>()
          .add("dim", INT, "1 (ring) or 2 (square lattice)", Optimal::dim)
          .add("l", INT, "side of the lattice", Optimal::l)
          .add("n_v", INT, "visible units (sites)", Optimal::nV)
          .add("n_temp", INT, "training temperatures", Optimal::nTemp)
          .add("best_n_h", INT, "the N_h of minimal mean energy", Optimal::bestNH)
          .add("n_h_over_n_v", DOUBLE, "best_n_h / N_v", Optimal::nHOverNV)
          .add("energy", DOUBLE, "its mean fixed-point energy per spin", Optimal::energy)
          .add("energy_err", DOUBLE, "its standard error", Optimal::energyErr)
          .add("temperature", DOUBLE, "its mean fixed-point temperature (energy thermometer)", Optimal::temperature)
          .add("temperature_err", DOUBLE, "its standard error", Optimal::temperatureErr)
          .add("n_seeds", INT, "OK points averaged at best_n_h", Optimal::nSeeds)
          .add("n_candidates", INT, "N_h values compared", Optimal::nCandidates)
          .add("candidates", STRING, "which N_h were candidates: squares or all", Optimal::candidates)
          .add("variant", STRING, "as in means", Optimal::variant)
          .list(), null,
      r -> Optimal.builder().dim(r.getInt("dim")).l(r.getInt("l")).nV(r.getInt("n_v")).nTemp(r.getInt("n_temp"))
          .bestNH(r.getInt("best_n_h")).energy(r.getDoubleOrNaN("energy")).energyErr(r.getDoubleOrNaN("energy_err"))
          .temperature(r.getDoubleOrNaN("temperature")).temperatureErr(r.getDoubleOrNaN("temperature_err"))
          .nSeeds(r.getInt("n_seeds")).nCandidates(r.getInt("n_candidates")).candidates(r.getString("candidates"))
          .variant(variant(r)).build());

  public static final Table<Fit> FITS = new Table<>("fits", "aggregate/fits",
      "One row per (variant, dim, n_v): Energy_min(N_temp) = e0 + a·N_temp^b over N_temp ≥ n_temp_min.",
      new Table.Columns<Fit>()
          .add("dim", INT, "1 (ring) or 2 (square lattice)", Fit::dim)
          .add("l", INT, "side of the lattice", Fit::l)
          .add("n_v", INT, "visible units (sites)", Fit::nV)
          .add("e0", DOUBLE, "the fixed offset: −dim, the ground-state energy per spin", Fit::e0)
          .add("a", DOUBLE, "amplitude (NaN without a fit)", f -> fitValue(f, PowerLawFit::a))
          .add("a_err", DOUBLE, "its standard error", f -> fitValue(f, PowerLawFit::aErr))
          .add("b", DOUBLE, "exponent (NaN without a fit)", f -> fitValue(f, PowerLawFit::b))
          .add("b_err", DOUBLE, "its standard error", f -> fitValue(f, PowerLawFit::bErr))
          .add("n_temp_min", INT, "smallest N_temp fitted", Fit::nTempMin)
          .add("n_points", INT, "N_temp values fitted", Fit::nPoints)
          .add("chi2", DOUBLE, "χ² at the optimum", f -> fitValue(f, PowerLawFit::chi2))
          .add("dof", INT, "degrees of freedom, n_points − 2 (0 without a fit)",
              f -> f.fit() == null ? 0 : f.fit().dof())
          .add("weighted", BOOLEAN, "whether the seed standard errors weighted the fit",
              f -> f.fit() != null && f.fit().weighted())
          .add("status", STRING, "OK or NO_FIT", f -> f.ok() ? "OK" : "NO_FIT")
          .nullable("reason", STRING, "why there is no fit (null when OK)", Fit::reason)
          .add("variant", STRING, "as in means", Fit::variant)
          .list(), null,
      Tables::readFit);

  public static final Table<ConfigurationRow> CONFIGURATIONS = new Table<>("configurations", "configurations",
      "Output of generate: one row per Monte Carlo configuration.",
      new Table.Columns<ConfigurationRow>()
          .add("dim", INT, "1 (ring) or 2 (square lattice)", ConfigurationRow::dim)
          .add("l", INT, "side of the lattice", ConfigurationRow::l)
          .add("n_v", INT, "sites", ConfigurationRow::nV)
          .add("seed", LONG, "master seed", ConfigurationRow::seed)
          .add("t", DOUBLE, "temperature T", ConfigurationRow::t)
          .add("h", DOUBLE, "field H", ConfigurationRow::h)
          .add("index", INT, "configuration number within (T, H)", ConfigurationRow::index)
          .add("spins", BYTES, "bit-packed spins: site j is bit (j mod 8) of byte ⌊j/8⌋, 1 = up, row-major",
              ConfigurationRow::spins)
          .list(), null,
      r -> new ConfigurationRow(r.getInt("dim"), r.getInt("l"), r.getInt("n_v"), r.getLong("seed"), r.getDouble("t"),
          r.getDouble("h"), r.getInt("index"), (byte[]) r.get("spins")));

  public static final Table<ObservableRow> OBSERVABLES = new Table<>("observables", "observables",
      "Output of generate: one row per (T, H), thermodynamic estimates with standard errors.",
      new Table.Columns<ObservableRow>()
          .add("dim", INT, "1 (ring) or 2 (square lattice)", ObservableRow::dim)
          .add("l", INT, "side of the lattice", ObservableRow::l)
          .add("n_v", INT, "sites", ObservableRow::nV)
          .add("seed", LONG, "master seed", ObservableRow::seed)
          .add("t", DOUBLE, "temperature T", o -> o.summary().temperature())
          .add("h", DOUBLE, "field H", o -> o.summary().field())
          .add("configs", INT, "configurations", o -> o.summary().configs())
          .add("energy", DOUBLE, "⟨E⟩/N", o -> o.summary().energy())
          .add("energy_err", DOUBLE, "its standard error (one cluster per replica chain)",
              o -> o.summary().energyErr())
          .add("magnetization", DOUBLE, "⟨m⟩", o -> o.summary().magnetization())
          .add("magnetization_err", DOUBLE, "its standard error", o -> o.summary().magnetizationErr())
          .add("abs_magnetization", DOUBLE, "⟨|m|⟩", o -> o.summary().absMagnetization())
          .add("abs_magnetization_err", DOUBLE, "its standard error", o -> o.summary().absMagnetizationErr())
          .add("specific_heat", DOUBLE, "C = (⟨E²⟩ − ⟨E⟩²)/(N T²) per spin", o -> o.summary().specificHeat())
          .add("specific_heat_err", DOUBLE, "jackknife error of C", o -> o.summary().specificHeatErr())
          .add("acceptance", DOUBLE, "Metropolis acceptance rate", o -> o.summary().acceptance())
          .add("tau_int", DOUBLE, "integrated autocorrelation time of E, sweeps", o -> o.summary().tauInt())
          .add("decor_sweeps", INT, "sweeps between samples of one replica", o -> o.summary().decorSweeps())
          .add("random_fraction", DOUBLE, "fraction of configurations within ±1σ of the T = ∞ energy distribution",
              o -> o.summary().randomFraction())
          .list(), null,
      r -> new ObservableRow(r.getInt("dim"), r.getInt("l"), r.getInt("n_v"), r.getLong("seed"),
          ObservableSummary.builder().temperature(r.getDouble("t")).field(r.getDouble("h"))
              .configs(r.getInt("configs")).energy(r.getDouble("energy")).energyErr(r.getDouble("energy_err"))
              .magnetization(r.getDouble("magnetization")).magnetizationErr(r.getDouble("magnetization_err"))
              .absMagnetization(r.getDouble("abs_magnetization"))
              .absMagnetizationErr(r.getDouble("abs_magnetization_err")).specificHeat(r.getDouble("specific_heat"))
              .specificHeatErr(r.getDouble("specific_heat_err")).acceptance(r.getDouble("acceptance"))
              .tauInt(r.getDouble("tau_int")).decorSweeps(r.getInt("decor_sweeps"))
              .randomFraction(r.getDouble("random_fraction")).build()));

  /** Every table of a sweep's output, in the order {@code rbmflow sql} registers them as views. */
  public static final List<Table<?>> SWEEP = List.of(POINTS, FLOWS, SPECTRA, PATTERNS, MEANS, OPTIMAL, FITS);

  /** The names of {@link #SWEEP}: the views {@code rbmflow sql} registers. */
  public static final List<String> VIEWS = SWEEP.stream().map(Table::name).toList();

  /** The aggregate tables, in the order they are written. */
  public static final List<Table<?>> AGGREGATES = List.of(MEANS, OPTIMAL, FITS);

  /** The per-point tables in the order a point's files are committed ({@code points} last). */
  public static final List<Table<?>> PER_POINT = List.of(FLOWS, SPECTRA, PATTERNS, POINTS);

  /** Every table, sweep tables first, then those of {@code generate}. */
  public static final List<Table<?>> ALL = List.of(POINTS, FLOWS, SPECTRA, PATTERNS, MEANS, OPTIMAL, FITS,
      CONFIGURATIONS, OBSERVABLES);

  private static final Map<String, Table<?>> BY_NAME = byName();

  private static Map<String, Table<?>> byName() {
    Map<String, Table<?>> m = new LinkedHashMap<>();
    ALL.forEach(t -> m.put(t.name(), t));
    return m;
  }

  /** The table named {@code name}; an unknown name is refused with the list of tables. */
  public static Table<?> named(String name) {
    Table<?> t = BY_NAME.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no table named '" + name + "'; tables: " + BY_NAME.keySet());
    }
    return t;
  }

  /** Whether {@code name} is one of the aggregate tables. */
  public static boolean isAggregate(String name) {
    return AGGREGATES.stream().anyMatch(t -> t.name().equals(name));
  }

  private static List<Column<PointRow>> pointColumns() {
    Table.Columns<PointRow> c = new Table.Columns<PointRow>()
        .add("point_id", STRING, "nv<N_v>-nh<N_h>-nt<N_temp>-s<seed>-…: unique, stable id of the grid point (its file name)", PointRow::pointId)
        .add("sweep", STRING, "the spec's name", PointRow::sweep)
        .add("dim", INT, "1 (ring) or 2 (square lattice)", PointRow::dim)
        .add("l", INT, "side of the lattice", PointRow::l)
        .add("n_h", INT, "hidden units", PointRow::nH)
        .add("n_temp", INT, "training temperatures T = 0, t_step, …", PointRow::nTemp)
        .add("t_step", DOUBLE, "temperature spacing of the training data", PointRow::tStep)
        .add("h_values", DOUBLE_ARRAY, "training fields H", PointRow::hValues)
        .add("configs_per_temp", INT, "configurations per (T, H)", PointRow::configsPerTemp)
        .add("seed", LONG, "the point's seed (every random stream derives from it)", PointRow::seed)
        .add("epochs", INT, "training epochs (a checkpoint's: the epoch it was taken at)", PointRow::epochs)
        .add("learning_rate", DOUBLE, "CD learning rate", PointRow::learningRate)
        .add("cd_k", INT, "Gibbs steps of CD-k", PointRow::cdK)
        .add("batch_size", INT, "minibatch size (0 = full batch: one update per epoch)", PointRow::batchSize)
        .add("status", STRING, "OK, NOT_CONVERGED, FAILED or TIMEOUT", r -> r.status().name())
        .nullable("error", STRING, "why the point is not OK (null when OK)", PointRow::error)
        .add("fp_energy", DOUBLE, "fixed-point energy per spin", PointRow::fpEnergy)
        .add("fp_energy_err", DOUBLE, "its standard error", PointRow::fpEnergyErr)
        .add("fp_temperature", DOUBLE, "fixed-point temperature, energy thermometer", PointRow::fpTemperature)
        .add("fp_temperature_classifier", DOUBLE, "fixed-point temperature, supervised thermometer (NaN without)",
            PointRow::fpTemperatureClassifier)
        .add("fp_field_classifier", DOUBLE, "fixed-point field, supervised thermometer (NaN without)",
            PointRow::fpFieldClassifier)
        .add("fp_magnetization", DOUBLE, "fixed-point magnetization per spin", PointRow::fpMagnetization)
        .add("converged_at_step", INT, "flow step at which the fixed point was reached (−1: not)",
            PointRow::convergedAtStep)
        .add("fp_bracket_gap", DOUBLE, "end energy from the highest-T start minus that from the lowest (NaN: no "
            + "bracket)", PointRow::fpBracketGap)
        .add("random_fraction", DOUBLE, "fraction of random training configurations", PointRow::randomFraction)
        .add("n_nonrandom_patterns", INT, "eigenvectors of WWᵀ judged non-random", PointRow::nNonrandomPatterns)
        .add("n_patterns_tested", INT, "eigenvectors tested", PointRow::nPatternsTested)
        .add("recon_error", DOUBLE, "reconstruction error after training", PointRow::reconError)
        .add("pseudo_log_likelihood", DOUBLE, "pseudo-log-likelihood per spin after training",
            PointRow::pseudoLogLikelihood)
        .add("mc_seconds", DOUBLE, "Monte Carlo wall time, s", PointRow::mcSeconds)
        .add("train_seconds", DOUBLE, "training wall time, s", PointRow::trainSeconds)
        .add("flow_seconds", DOUBLE, "flows, thermometers, spectrum and patterns wall time, s", PointRow::flowSeconds)
        .add("backend", STRING, "matrix-product backend", PointRow::backend)
        .add("code_version", STRING, "rbmflow version and commit", PointRow::codeVersion)
        .add("finished_at", TIMESTAMP, "when the point finished (UTC)", PointRow::finishedAt)
        .nullable("checkpoint_of", STRING, "the point whose training this row is a checkpoint of (null: a grid point)",
            PointRow::checkpointOf)
        .nullable("estimated_seconds", DOUBLE, "the cost model's estimate of mc_seconds + train_seconds + flow_seconds "
            + "when the point was started, s (null: no estimate, or written before the column existed)",
            PointRow::estimatedSeconds);
    for (SpecParams.Param q : SETTING_COLUMNS) {
      c.nullable(q.column(), switch (q.kind()) {
        case INT, INT_OR_AUTO, INT_OR_FULL -> INT;
        case LONG -> LONG;
        case DOUBLE -> DOUBLE;
        case BOOL -> BOOLEAN;
      }, q.path() + ": " + q.doc(), r -> r.settings().get(q.column()));
    }
    c.add("n_v", INT, "visible units (sites); the partition directory n_v=<N_v>", PointRow::nV);
    return c.list();
  }

  private static PointRow readPoint(NamedRow r) {
    Map<String, Object> settings = new LinkedHashMap<>();
    for (SpecParams.Param q : SpecParams.ALL) {
      if (q.column() != null && r.has(q.column()) && r.get(q.column()) != null) {
        settings.put(q.column(), r.get(q.column()));
      }
    }
    return PointRow.builder().pointId(r.getString("point_id")).sweep(r.getString("sweep")).dim(r.getInt("dim"))
        .l(r.getInt("l")).nV(r.getInt("n_v")).nH(r.getInt("n_h")).nTemp(r.getInt("n_temp"))
        .tStep(r.getDouble("t_step")).hValues(r.getDoubles("h_values")).configsPerTemp(r.getInt("configs_per_temp"))
        .seed(r.getLong("seed")).epochs(r.getInt("epochs")).learningRate(r.getDouble("learning_rate"))
        .cdK(r.getInt("cd_k")).batchSize(r.getInt("batch_size")).status(PointStatus.valueOf(r.getString("status")))
        .error(r.getString("error")).fpEnergy(r.getDouble("fp_energy")).fpEnergyErr(r.getDouble("fp_energy_err"))
        .fpTemperature(r.getDouble("fp_temperature"))
        .fpTemperatureClassifier(r.getDouble("fp_temperature_classifier"))
        .fpFieldClassifier(r.getDouble("fp_field_classifier")).fpMagnetization(r.getDouble("fp_magnetization"))
        .convergedAtStep(r.getInt("converged_at_step")).fpBracketGap(r.getDouble("fp_bracket_gap"))
        .randomFraction(r.getDouble("random_fraction")).nNonrandomPatterns(r.getInt("n_nonrandom_patterns"))
        .nPatternsTested(r.getInt("n_patterns_tested")).reconError(r.getDouble("recon_error"))
        .pseudoLogLikelihood(r.getDouble("pseudo_log_likelihood")).mcSeconds(r.getDouble("mc_seconds"))
        .trainSeconds(r.getDouble("train_seconds")).flowSeconds(r.getDouble("flow_seconds"))
        .backend(r.getString("backend")).codeVersion(r.getString("code_version"))
        .finishedAt(r.getLong("finished_at")).checkpointOf((String) r.getOr("checkpoint_of", null))
        .estimatedSeconds((Double) r.getOr("estimated_seconds", null)).settings(settings).build();
  }

  private static Fit readFit(NamedRow r) {
    PowerLawFit fit = !"OK".equals(r.getString("status")) ? null
        : new PowerLawFit(r.getDouble("e0"), r.getDouble("a"), r.getDouble("a_err"), r.getDouble("b"),
            r.getDouble("b_err"), r.getDouble("chi2"), r.getInt("dof"), r.getInt("n_points"),
            r.getBoolean("weighted"), 0);
    return new Fit(r.getInt("dim"), r.getInt("l"), r.getInt("n_v"), r.getDouble("e0"), r.getInt("n_temp_min"),
        r.getInt("n_points"), fit, r.getString("reason"), variant(r));
  }

  private static Object fitValue(Fit f, java.util.function.ToDoubleFunction<PowerLawFit> v) {
    return f.fit() == null ? Double.NaN : v.applyAsDouble(f.fit());
  }

  /** An aggregate row's variant ("" in tables aggregated before the column existed). */
  private static String variant(NamedRow r) {
    return (String) r.getOr("variant", "");
  }
}
