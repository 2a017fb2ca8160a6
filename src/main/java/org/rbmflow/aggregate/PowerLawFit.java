package org.rbmflow.aggregate;

/**
 * Result of fitting E(N) = e0 + a·N^b (DESIGN §2 "Fit"); energies per spin, N = N_temp (a count, > 0).
 *
 * @param e0         the fixed offset (ground-state energy per spin), not fitted
 * @param a          amplitude, in energy per spin
 * @param aErr       standard error of a (see {@link PowerLawFitter} for how it is scaled)
 * @param b          exponent, dimensionless
 * @param bErr       standard error of b
 * @param chi2       Σ w·(y − e0 − a·N^b)² at the optimum, w = 1/σ² when weighted, 1 otherwise
 * @param dof        degrees of freedom, nPoints − 2
 * @param nPoints    points fitted
 * @param weighted   whether the weights 1/σ² were used (false: every standard error was missing or unusable)
 * @param iterations Levenberg–Marquardt trial steps taken
 */
public record PowerLawFit(double e0, double a, double aErr, double b, double bErr, double chi2, int dof, int nPoints,
    boolean weighted, int iterations) {

  /** The fitted energy per spin at N = n. */
  public double at(double n) {
    return e0 + a * Math.pow(n, b);
  }
}
