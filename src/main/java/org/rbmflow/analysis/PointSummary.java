package org.rbmflow.analysis;

/**
 * The columns of one {@code points} row that the aggregation needs (DESIGN §4). Energies are per spin (J = 1),
 * temperatures in units of J/k_B; NaN where the point has no value (FAILED rows, a thermometer out of range).
 *
 * @param status             OK, NOT_CONVERGED or FAILED; only OK rows enter means, optima and fits
 * @param zeroField          every training field H of the point is 0 (the power-law fit assumes H = 0)
 * @param variant            the point's values of the parameters its sweep lists beyond the classic axes
 *                           ({@code training.batch_size=full, training.learning_rate=0.1}; "" when none): means,
 *                           optima and fits are computed per variant
 */
public record PointSummary(int dim, int l, int nV, int nH, int nTemp, long seed, String status, boolean zeroField,
    double fpEnergy, double fpEnergyErr, double fpTemperature, double fpTemperatureClassifier,
    double fpMagnetization, double randomFraction, int nNonrandomPatterns, int nPatternsTested, double fpBracketGap,
    double reconError, String variant) {

  /** A point of a sweep that varies nothing beyond (n_v, n_h, n_temp, seed). */
  public PointSummary(int dim, int l, int nV, int nH, int nTemp, long seed, String status, boolean zeroField,
      double fpEnergy, double fpEnergyErr, double fpTemperature, double fpTemperatureClassifier,
      double fpMagnetization, double randomFraction, int nNonrandomPatterns, int nPatternsTested, double fpBracketGap,
      double reconError) {
    this(dim, l, nV, nH, nTemp, seed, status, zeroField, fpEnergy, fpEnergyErr, fpTemperature, fpTemperatureClassifier,
        fpMagnetization, randomFraction, nNonrandomPatterns, nPatternsTested, fpBracketGap, reconError, "");
  }

  public boolean ok() {
    return "OK".equals(status);
  }
}
