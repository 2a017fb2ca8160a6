package org.rbmflow.sweep;

import java.util.Arrays;
import java.util.List;
import org.rbmflow.analysis.EnergyThermometer;
import org.rbmflow.analysis.TemperatureClassifier;
import org.rbmflow.ising.DatasetGenerator;
import org.rbmflow.ising.IsingDataset;
import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.McSettings;
import org.rbmflow.ising.MonteCarlo;
import org.rbmflow.random.SplitMix64;
import org.rbmflow.random.Xoshiro256PlusPlus;

/**
 * What the expensive per-point inputs are computed from, and how: the Monte Carlo training data of a point and the
 * thermometers of its lattice, each built from its own Monte Carlo data (purpose "calibration" / "classifier" of the
 * master seed). Each key holds every input of its computation, so equal keys give equal values and
 * {@link ExecutorContext} can share one value among all the points with that key.
 */
final class Thermometers {
  private Thermometers() {}

  /**
   * The inputs of a point's training data: Monte Carlo of {@code lattice} at every (temperature, field), in the
   * given orders (which fix the order of the sets), {@code configsPerTemp} configurations each.
   */
  record DataKey(Lattice lattice, List<Double> temperatures, List<Double> fields, long seed, int configsPerTemp,
      McSettings mc) {
    static DataKey of(GridPoint p) {
      return new DataKey(p.lattice(), boxed(p.temperatures()), boxed(p.fields()), p.seed(), p.configsPerTemp(), p.mc());
    }

    IsingDataset generate(int threads) {
      return DatasetGenerator.generate(lattice, unboxed(temperatures), unboxed(fields), seed, configsPerTemp, mc,
          threads, null);
    }
  }

  /** The inputs of a lattice's H = 0 energy thermometer: Monte Carlo E(T) at T = 0, step, …, maxT. */
  record EnergyKey(Lattice lattice, double step, double maxT, int configs, McSettings mc, long seed) {
    static EnergyKey of(GridPoint p) {
      AnalysisSettings a = p.analysis();
      return new EnergyKey(p.lattice(), a.calibrationStep(), a.calibrationMaxT(), a.calibrationConfigs(), p.mc(),
          p.seed());
    }

    EnergyThermometer calibrate() {
      return EnergyThermometer.calibrate(lattice, grid(step, maxT), SplitMix64.derive(seed,
          SplitMix64.tag("calibration")), configs, mc);
    }
  }

  /**
   * The inputs of a lattice's supervised (T, H) thermometer: an MLP trained for {@code epochs} epochs on its own Monte
   * Carlo data at T = 0, step, …, maxT × {@code sortedFields}, {@code configs} per class. The classifier sees the
   * fields in increasing order, so their order in the point does not matter and the key holds them sorted.
   */
  record ClassifierKey(Lattice lattice, double step, double maxT, int configs, int epochs, List<Double> sortedFields,
      McSettings mc, long seed) {
    static ClassifierKey of(GridPoint p) {
      AnalysisSettings a = p.analysis();
      double[] hs = p.fields().clone();
      Arrays.sort(hs);
      return new ClassifierKey(p.lattice(), a.classifierStep(), a.calibrationMaxT(), a.classifierConfigs(),
          a.classifierEpochs(), boxed(hs), p.mc(), p.seed());
    }

    TemperatureClassifier train() {
      long dataSeed = SplitMix64.derive(seed, SplitMix64.tag("classifier-data"));
      IsingDataset data = DatasetGenerator.generate(lattice, grid(step, maxT), unboxed(sortedFields), dataSeed, configs,
          mc, 1, null);
      return TemperatureClassifier.train(data, TemperatureClassifier.Config.DEFAULT.withEpochs(epochs),
          new Xoshiro256PlusPlus(SplitMix64.derive(seed, SplitMix64.tag("classifier-train"))));
    }
  }

  /** Calibration temperatures 0, step, …, up to maxT (inclusive within rounding). */
  static double[] grid(double step, double maxT) {
    int n = (int) Math.floor(maxT / step + 1e-9) + 1;
    double[] t = new double[n];
    for (int k = 0; k < n; k++) {
      t[k] = MonteCarlo.canonical(k * step);
    }
    return t;
  }

  private static List<Double> boxed(double[] x) {
    return Arrays.stream(x).boxed().toList();
  }

  private static double[] unboxed(List<Double> x) {
    return x.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
