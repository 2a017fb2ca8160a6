package org.rbmflow.sweep;

import java.util.List;

/**
 * Everything one grid point produces: the rows of the {@code points}, {@code flows}, {@code spectra} and
 * {@code patterns} tables (DESIGN §4) and the per-start fixed points.
 */
public record PointResult(PointRow point, List<FixedPointRow> fixedPoints, List<FlowRow> flows, SpectrumRow spectrum,
    List<PatternRow> patterns) {

  /** Outcome of a grid point. */
  public enum Status { OK, NOT_CONVERGED, FAILED }

  /**
   * The {@code points} row. Energies per spin; temperatures in units of J; seconds are wall time.
   * {@code fpFieldClassifier} is the supervised thermometer's field Ĥ at the fixed point (NaN without a classifier).
   * {@code fpBracketGap} = end energy of the highest-T start minus that of the lowest-T start (NaN when the
   * flows do not bracket).
   */
  public record PointRow(String pointId, String sweep, int dim, int l, int nV, int nH, int nTemp, double tStep,
      double[] hValues, int configsPerTemp, long seed, int epochs, double learningRate, int cdK, int batchSize,
      Status status, String error, double fpEnergy, double fpEnergyErr, double fpTemperature,
      double fpTemperatureClassifier, double fpFieldClassifier, double fpMagnetization, int convergedAtStep, double fpBracketGap,
      double randomFraction, int nNonrandomPatterns, int nPatternsTested, double reconError, double pseudoLogLikelihood,
      double mcSeconds, double trainSeconds, double flowSeconds, String backend, String codeVersion, long finishedAt) {}

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
