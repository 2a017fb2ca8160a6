package org.rbmflow.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one grid point produces: the rows of the {@code points}, {@code flows}, {@code spectra} and
 * {@code patterns} tables (DESIGN §4) and the per-start fixed points. {@code settings} holds the point's value of every
 * grid parameter that has a {@code points} column ({@link SpecParams}), keyed by column, in schema order (empty for a
 * row made by hand: those columns are then null).
 */
public record PointResult(PointRow point, List<FixedPointRow> fixedPoints, List<FlowRow> flows, SpectrumRow spectrum,
    List<PatternRow> patterns, Map<String, Object> settings) {

  public PointResult {
    settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
  }

  /** A result without the settings columns. */
  public PointResult(PointRow point, List<FixedPointRow> fixedPoints, List<FlowRow> flows, SpectrumRow spectrum,
      List<PatternRow> patterns) {
    this(point, fixedPoints, flows, spectrum, patterns, Map.of());
  }

  /** The {@code points} columns of a grid point's parameters (column → value, schema order). */
  public static Map<String, Object> settingsOf(GridPoint p) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (SpecParams.Param q : SpecParams.ALL) {
      if (q.column() != null) {
        out.put(q.column(), q.of(p));
      }
    }
    return out;
  }

  /**
   * This result marked as a checkpoint of the training of the point {@code finalId}: the same rows, with
   * {@code checkpoint_of} set in the points row.
   */
  public PointResult asCheckpointOf(String finalId) {
    PointRow r = point;
    PointRow marked = new PointRow(r.pointId(), r.sweep(), r.dim(), r.l(), r.nV(), r.nH(), r.nTemp(), r.tStep(),
        r.hValues(), r.configsPerTemp(), r.seed(), r.epochs(), r.learningRate(), r.cdK(), r.batchSize(), r.status(),
        r.error(), r.fpEnergy(), r.fpEnergyErr(), r.fpTemperature(), r.fpTemperatureClassifier(),
        r.fpFieldClassifier(), r.fpMagnetization(), r.convergedAtStep(), r.fpBracketGap(), r.randomFraction(),
        r.nNonrandomPatterns(), r.nPatternsTested(), r.reconError(), r.pseudoLogLikelihood(), r.mcSeconds(),
        r.trainSeconds(), r.flowSeconds(), r.backend(), r.codeVersion(), r.finishedAt(), finalId);
    Map<String, Object> s = new LinkedHashMap<>(settings);
    s.computeIfPresent("epochs", (k, v) -> r.epochs());
    return new PointResult(marked, fixedPoints, flows, spectrum, patterns, s);
  }

  /** Outcome of a grid point. */
  public enum Status { OK, NOT_CONVERGED, FAILED }

  /**
   * The {@code points} row. Energies per spin; temperatures in units of J; seconds are wall time.
   * {@code fpFieldClassifier} is the supervised thermometer's field Ĥ at the fixed point (NaN without a classifier).
   * {@code fpBracketGap} = end energy of the highest-T start minus that of the lowest-T start (NaN when the
   * flows do not bracket). {@code checkpointOf} is the id of the point whose training this row is a checkpoint of
   * (null for an ordinary point): the row equals that of a point trained to {@code epochs} on its own.
   */
  public record PointRow(String pointId, String sweep, int dim, int l, int nV, int nH, int nTemp, double tStep,
      double[] hValues, int configsPerTemp, long seed, int epochs, double learningRate, int cdK, int batchSize,
      Status status, String error, double fpEnergy, double fpEnergyErr, double fpTemperature,
      double fpTemperatureClassifier, double fpFieldClassifier, double fpMagnetization, int convergedAtStep, double fpBracketGap,
      double randomFraction, int nNonrandomPatterns, int nPatternsTested, double reconError, double pseudoLogLikelihood,
      double mcSeconds, double trainSeconds, double flowSeconds, String backend, String codeVersion, long finishedAt,
      String checkpointOf) {

    /** A row of an ordinary point (not a checkpoint of a longer training). */
    public PointRow(String pointId, String sweep, int dim, int l, int nV, int nH, int nTemp, double tStep,
        double[] hValues, int configsPerTemp, long seed, int epochs, double learningRate, int cdK, int batchSize,
        Status status, String error, double fpEnergy, double fpEnergyErr, double fpTemperature,
        double fpTemperatureClassifier, double fpFieldClassifier, double fpMagnetization, int convergedAtStep,
        double fpBracketGap, double randomFraction, int nNonrandomPatterns, int nPatternsTested, double reconError,
        double pseudoLogLikelihood, double mcSeconds, double trainSeconds, double flowSeconds, String backend,
        String codeVersion, long finishedAt) {
      this(pointId, sweep, dim, l, nV, nH, nTemp, tStep, hValues, configsPerTemp, seed, epochs, learningRate, cdK,
          batchSize, status, error, fpEnergy, fpEnergyErr, fpTemperature, fpTemperatureClassifier, fpFieldClassifier,
          fpMagnetization, convergedAtStep, fpBracketGap, randomFraction, nNonrandomPatterns, nPatternsTested,
          reconError, pseudoLogLikelihood, mcSeconds, trainSeconds, flowSeconds, backend, codeVersion, finishedAt, null);
    }
  }

  /** The fixed point of one start (the {@code point} command's CSV). */
  public record FixedPointRow(String start, double energy, double energyErr, double temperature,
      double temperatureClassifier, double fieldClassifier, double magnetization, int convergedAtStep, Status status) {}

  /** One {@code flows} row: a step of one start's flow. */
  public record FlowRow(String pointId, String start, int step, double energy, double energyErr, double magnetization,
      double temperature, double temperatureClassifier, double field) {}

  /** The {@code spectra} row: all eigenvalues of WWᵀ, descending. */
  public record SpectrumRow(String pointId, int nV, int nH, int nTemp, long seed, double[] eigenvalues) {}

  /** One {@code patterns} row: an eigenvector of WWᵀ as a lattice pattern, with its Moran's-I test. */
  public record PatternRow(String pointId, int rank, double eigenvalue, double moranI, double pValue, boolean nonrandom,
      float[] pattern) {}
}
