package org.rbmflow.analysis;

import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.McSettings;
import org.rbmflow.ising.MonteCarlo;
import org.rbmflow.ising.ObservableSummary;
import org.rbmflow.ising.Observables;

/**
 * Temperature from energy at H = 0: inverts the Monte Carlo curve E(T) of the same lattice.
 *
 * <p>The calibration energies are made non-decreasing in T by pool-adjacent-violators (isotonic
 * regression, weights 1/err²) — the exact curve is strictly increasing, so violations are noise — and the
 * inverse is piecewise linear between grid points. Energies outside [E(T_min), E(T_max)] are clamped to
 * the grid's end and flagged.
 */
public final class EnergyThermometer {
  /** Where an energy fell relative to the calibrated range. */
  public enum Status { IN_RANGE, BELOW_RANGE, ABOVE_RANGE }

  /** A temperature estimate. */
  public record Estimate(double temperature, Status status) {}

  private final double[] temperatures;
  private final double[] energies;

  /**
   * @param temperatures calibration temperatures, strictly increasing (≥ 2)
   * @param energies     mean energy per spin at each
   * @param errors       standard errors (weights of the monotone fit; ≤ 0 or NaN treated as tiny)
   */
  public EnergyThermometer(double[] temperatures, double[] energies, double[] errors) {
    if (temperatures.length < 2 || energies.length != temperatures.length || errors.length != temperatures.length) {
      throw new IllegalArgumentException("need ≥ 2 calibration points with matching energies and errors");
    }
    for (int k = 1; k < temperatures.length; k++) {
      if (!(temperatures[k] > temperatures[k - 1])) {
        throw new IllegalArgumentException("calibration temperatures must increase strictly at index " + k);
      }
    }
    this.temperatures = temperatures.clone();
    this.energies = isotonic(energies, errors);
  }

  /** Calibrates on fresh Monte Carlo data of {@code lattice} at H = 0 over {@code temperatures}. */
  public static EnergyThermometer calibrate(Lattice lattice, double[] temperatures, long seed, int configs,
      McSettings settings) {
    double[] e = new double[temperatures.length];
    double[] err = new double[temperatures.length];
    for (int k = 0; k < temperatures.length; k++) {
      ObservableSummary s = Observables.summarise(MonteCarlo.generate(lattice, temperatures[k], 0, seed, configs, settings));
      e[k] = s.energy();
      err[k] = s.energyErr();
    }
    return new EnergyThermometer(temperatures, e, err);
  }

  /** The temperature whose calibrated energy per spin is {@code energy}. */
  public Estimate estimate(double energy) {
    int last = temperatures.length - 1;
    if (energy < energies[0]) {
      return new Estimate(temperatures[0], Status.BELOW_RANGE);
    }
    if (energy > energies[last]) {
      return new Estimate(temperatures[last], Status.ABOVE_RANGE);
    }
    // first k with E_k ≥ e; on a plateau E_lo = … = E_hi = e take the middle of its temperatures
    int lo = 0;
    while (lo < last && energies[lo + 1] < energy) {
      lo++;
    }
    int hi = lo + 1;
    if (energies[lo] == energy) {
      int end = lo;
      while (end < last && energies[end + 1] == energy) {
        end++;
      }
      return new Estimate(0.5 * (temperatures[lo] + temperatures[end]), Status.IN_RANGE);
    }
    // T = T_lo + (e − E_lo)/(E_hi − E_lo) · (T_hi − T_lo)
    double f = (energy - energies[lo]) / (energies[hi] - energies[lo]);
    return new Estimate(temperatures[lo] + f * (temperatures[hi] - temperatures[lo]), Status.IN_RANGE);
  }

  /** The monotone calibration energies (a copy). */
  public double[] calibratedEnergies() {
    return energies.clone();
  }

  public double[] temperatures() {
    return temperatures.clone();
  }

  /** Weighted pool-adjacent-violators: the non-decreasing sequence closest to y in Σ w (y − f)². */
  static double[] isotonic(double[] y, double[] err) {
    int n = y.length;
    double[] value = new double[n];
    double[] weight = new double[n];
    int[] size = new int[n];
    int blocks = 0;
    for (int i = 0; i < n; i++) {
      double w = err[i] > 1e-12 ? 1.0 / (err[i] * err[i]) : 1e24;
      value[blocks] = y[i];
      weight[blocks] = w;
      size[blocks] = 1;
      blocks++;
      while (blocks > 1 && value[blocks - 2] > value[blocks - 1]) {
        double wsum = weight[blocks - 2] + weight[blocks - 1];
        value[blocks - 2] = (weight[blocks - 2] * value[blocks - 2] + weight[blocks - 1] * value[blocks - 1]) / wsum;
        weight[blocks - 2] = wsum;
        size[blocks - 2] += size[blocks - 1];
        blocks--;
      }
    }
    double[] out = new double[n];
    for (int b = 0, i = 0; b < blocks; b++) {
      for (int k = 0; k < size[b]; k++) {
        out[i++] = value[b];
      }
    }
    return out;
  }

  /** Bytes this thermometer holds on the heap, estimated: its two calibration arrays and the object headers. */
  public long estimatedBytes() {
    return 16L * temperatures.length + 64;
  }
}
