package org.rbmflow.sweep;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rbmflow.analysis.EnergyThermometer;
import org.rbmflow.analysis.TemperatureClassifier;
import org.rbmflow.ising.DatasetGenerator;
import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.McSettings;
import org.rbmflow.ising.MonteCarlo;
import org.rbmflow.random.SplitMix64;
import org.rbmflow.random.Xoshiro256PlusPlus;

/**
 * The thermometers of a lattice, built from their own Monte Carlo data (purpose "calibration" / "classifier"
 * of the master seed) and cached per JVM: every grid point of one lattice and seed on an executor shares
 * them. A thermometer depends only on its key, so caching never changes a result.
 */
public final class Thermometers {
  private static final Map<String, EnergyThermometer> ENERGY = new ConcurrentHashMap<>();
  private static final Map<String, TemperatureClassifier> CLASSIFIER = new ConcurrentHashMap<>();

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

  /**
   * The supervised (T, H) thermometer of {@code lattice} for the given field grid: an MLP trained on its own
   * Monte Carlo data at T = 0, step, …, calibrationMaxT × fields, {@code classifierConfigs} per class.
   */
  public static TemperatureClassifier classifier(Lattice lattice, AnalysisSettings a, McSettings mc, long seed,
      double[] fields) {
    String key = lattice + "|" + a.classifierStep() + "|" + a.calibrationMaxT() + "|" + a.classifierConfigs() + "|"
        + a.classifierEpochs() + "|" + java.util.Arrays.toString(fields) + "|" + mc + "|" + seed;
    return CLASSIFIER.computeIfAbsent(key, k -> {
      double[] temps = grid(a.classifierStep(), a.calibrationMaxT());
      long dataSeed = SplitMix64.derive(seed, SplitMix64.tag("classifier-data"));
      double[] hs = fields.clone();
      java.util.Arrays.sort(hs);
      var data = DatasetGenerator.generate(lattice, temps, hs, dataSeed, a.classifierConfigs(), mc, 1, null);
      return TemperatureClassifier.train(data, TemperatureClassifier.Config.DEFAULT.withEpochs(a.classifierEpochs()),
          new Xoshiro256PlusPlus(SplitMix64.derive(seed, SplitMix64.tag("classifier-train"))));
    });
  }
}
