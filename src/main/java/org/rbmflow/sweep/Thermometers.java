package org.rbmflow.sweep;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rbmflow.analysis.EnergyThermometer;
import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.McSettings;
import org.rbmflow.ising.MonteCarlo;
import org.rbmflow.random.SplitMix64;

/**
 * The thermometers of a lattice, built from their own Monte Carlo data (purpose "calibration" / "classifier"
 * of the master seed) and cached per JVM: every grid point of one lattice and seed on an executor shares
 * them. A thermometer depends only on its key, so caching never changes a result.
 */
public final class Thermometers {
  private static final Map<String, EnergyThermometer> ENERGY = new ConcurrentHashMap<>();

  private Thermometers() {}

  /** Calibration temperatures 0, step, …, up to maxT (inclusive within rounding). */
  static double[] grid(double step, double maxT) {
    int n = (int) Math.floor(maxT / step + 1e-9) + 1;
    double[] t = new double[n];
    for (int k = 0; k < n; k++) {
      t[k] = MonteCarlo.canonical(k * step);
    }
    return t;
  }

  /** The H = 0 energy thermometer of {@code lattice}: Monte Carlo E(T) on the calibration grid. */
  public static EnergyThermometer energy(Lattice lattice, AnalysisSettings a, McSettings mc, long seed) {
    String key = lattice + "|" + a.calibrationStep() + "|" + a.calibrationMaxT() + "|" + a.calibrationConfigs() + "|" + mc
        + "|" + seed;
    return ENERGY.computeIfAbsent(key, k -> EnergyThermometer.calibrate(lattice, grid(a.calibrationStep(),
        a.calibrationMaxT()), SplitMix64.derive(seed, SplitMix64.tag("calibration")), a.calibrationConfigs(), mc));
  }
}
