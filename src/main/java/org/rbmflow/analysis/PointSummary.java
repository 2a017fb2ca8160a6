package org.rbmflow.analysis;

/**
 * The columns of one {@code points} row that the aggregation needs (DESIGN §4). Energies are per spin (J = 1),
 * temperatures in units of J/k_B; NaN where the point has no value (FAILED rows, a thermometer out of range).
 *
 * @param status             OK, NOT_CONVERGED or FAILED; only OK rows enter means, optima and fits
 * @param zeroField          every training field H of the point is 0 (the power-law fit assumes H = 0)
 */
public record PointSummary(int dim, int l, int nV, int nH, int nTemp, long seed, String status, boolean zeroField,
    double fpEnergy, double fpEnergyErr, double fpTemperature, double fpTemperatureClassifier,
    double fpMagnetization, double randomFraction, int nNonrandomPatterns, int nPatternsTested, double fpBracketGap,
    double reconError) {

  public boolean ok() {
    return "OK".equals(status);
  }
}
