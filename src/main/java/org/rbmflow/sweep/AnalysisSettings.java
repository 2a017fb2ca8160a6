package org.rbmflow.sweep;

import java.io.Serializable;
import org.rbmflow.common.Checks;

/**
 * Thermometer and spectrum settings of a grid point.
 *
 * @param calibrationStep    T spacing of the Monte Carlo E(T) calibration curve, &gt; 0
 * @param calibrationMaxT    highest calibration temperature (and of the classifier's grid); energies above
 *                           E(T_max) are flagged out of range, &gt; 0
 * @param calibrationConfigs configurations per calibration temperature, ≥ 10
 * @param classifierStep     T spacing of the classifier's classes, &gt; 0 (0 disables the classifier)
 * @param classifierConfigs  labelled configurations per class, ≥ 10
 * @param classifierEpochs   training epochs of the classifier, ≥ 1
 * @param classifierEvery    evaluate the classifier on the flow ensemble every this many steps (and at the end)
 * @param permutations       Moran's-I permutations per eigenvector, ≥ 1
 * @param alpha              level of the non-random pattern count (its false-positive rate is about α/2, DESIGN §2)
 *                           and of the Moran's-I test of each pattern, in (0, 1)
 */
public record AnalysisSettings(double calibrationStep, double calibrationMaxT, int calibrationConfigs,
    double classifierStep, int classifierConfigs, int classifierEpochs, int classifierEvery, int permutations,
    double alpha) implements Serializable {

  public AnalysisSettings {
    Checks.finiteInRange("calibration_step", calibrationStep, 1e-3, 10);
    Checks.finiteInRange("calibration_max_t", calibrationMaxT, 0.1, 1000);
    Checks.inRange("calibration_configs", calibrationConfigs, 10, 1_000_000);
    if (classifierStep != 0) {
      Checks.finiteInRange("classifier_step", classifierStep, 1e-3, 10);
    }
    Checks.inRange("classifier_configs", classifierConfigs, 10, 1_000_000);
    Checks.inRange("classifier_epochs", classifierEpochs, 1, 10_000);
    Checks.inRange("classifier_every", classifierEvery, 1, 1_000_000);
    Checks.inRange("permutations", permutations, 1, 1_000_000);
    Checks.finiteInRange("alpha", alpha, 1e-9, 0.5);
  }

  /** Calibration every 0.05 up to T = 8 with 400 configurations; classifier every 0.25 with 400 per class;
   *  999 permutations at α = 0.01. */
  public static final AnalysisSettings DEFAULT = new AnalysisSettings(0.05, 8, 400, 0.25, 400, 20, 10, 999, 0.01);

  public boolean classifierEnabled() {
    return classifierStep > 0;
  }
}
