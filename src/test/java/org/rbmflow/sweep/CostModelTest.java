package org.rbmflow.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.McSettings;
import org.rbmflow.rbm.FlowConfig;
import org.rbmflow.rbm.FlowStart;
import org.rbmflow.rbm.TrainingConfig;

/** The cost model's form with fixed constants (no timing), and the calibration's structure. */
class CostModelTest {
  static final CostModel.Constants CONSTANTS = new CostModel.Constants(50e-9, 0.3e-9, 10e-9, 100e-9, 0.1e-9, 5e-9,
      0.5e-9, 1e-9, 5e-9, 1e-9, 60e-9);
  static final CostModel MODEL = CostModel.of(CONSTANTS);
  static final long MIB = 1024 * 1024;

  static GridPoint point(int l, int nh, int nTemp, double tStep, int configs, int epochs) {
    return point(l, nh, nTemp, tStep, configs, new TrainingConfig(epochs, 0.01, 100, 1, 0, 0, false, 0.01, 0), 1);
  }

  static GridPoint point(int l, int nh, int nTemp, double tStep, int configs, TrainingConfig training, long seed) {
    List<FlowStart> starts = List.of(new FlowStart(FlowStart.Kind.TEMPERATURE, 0),
        new FlowStart(FlowStart.Kind.TEMPERATURE, (nTemp - 1) * tStep));
    return new GridPoint("cost", Lattice.square(l), nh, nTemp, tStep, new double[] {0}, configs, seed,
        McSettings.DEFAULT, training, new FlowConfig(starts, 1000, 2000, 50, 0.002), AnalysisSettings.DEFAULT);
  }

  @Test
  void everyStageCostsAndTheTotalIsTheirSum() {
    CostModel.Estimate e = MODEL.estimate(point(10, 16, 25, 0.25, 500, 200));
    assertTrue(e.monteCarlo() > 0 && e.training() > 0 && e.flows() > 0 && e.calibration() > 0 && e.spectrum() > 0,
        e.toString());
    assertEquals(e.monteCarlo() + e.training() + e.flows() + e.calibration() + e.classifier() + e.spectrum(),
        MODEL.seconds(point(10, 16, 25, 0.25, 500, 200)), 1e-12);
    double previous = 0;
    for (int nh : new int[] {1, 4, 16, 64, 100}) {
      double s = MODEL.seconds(point(10, nh, 25, 0.25, 500, 200));
      assertTrue(s > previous, "n_h " + nh + ": " + s + " s, not more than " + previous);
      previous = s;
    }
  }

  @Test
  void doublingTheEpochsDoublesTheTraining() {
    double once = MODEL.estimate(point(10, 16, 25, 0.25, 500, 200)).training();
    double twice = MODEL.estimate(point(10, 16, 25, 0.25, 500, 400)).training();
    assertEquals(2 * once, twice, once * 1e-12);
    assertEquals(MODEL.estimate(point(10, 16, 25, 0.25, 500, 200)).flows(),
        MODEL.estimate(point(10, 16, 25, 0.25, 500, 400)).flows(), "the flows do not depend on the epochs");
  }

  @Test
  void trainingFollowsTheDocumentedFormula() {
    // per epoch: S·(5·N·M·trainProduct + (4N + 5M)·trainElement) + ⌈S/batch⌉·N·M·trainUpdate, k = 1
    GridPoint p = point(10, 16, 25, 0.25, 500, 200);
    double s = 25.0 * 500;
    double expected = 200 * (s * (5.0 * 1600 * 0.3e-9 + (400.0 + 80) * 10e-9) + Math.ceil(s / 100) * 1600 * 100e-9);
    assertEquals(expected, MODEL.estimate(p).training(), expected * 1e-12);
  }

  @Test
  void fullBatchMakesOneUpdatePerEpoch() {
    TrainingConfig mini = new TrainingConfig(100, 0.1, 100, 1, 0, 0, false, 0.01, 0);
    TrainingConfig full = new TrainingConfig(100, 0.1, TrainingConfig.FULL_BATCH, 1, 0, 0, false, 0.01, 0);
    double minibatch = MODEL.estimate(point(10, 16, 25, 0.25, 500, mini, 1)).training();
    double fullBatch = MODEL.estimate(point(10, 16, 25, 0.25, 500, full, 1)).training();
    // the same products and elementwise passes; 125 updates an epoch against 1
    assertEquals((125 - 1) * 100 * 1600 * 100e-9, minibatch - fullBatch, minibatch * 1e-12);
  }

  @Test
  void checkpointsAddAnEvaluationEach() {
    GridPoint p = point(10, 16, 25, 0.25, 500, 200);
    CostModel.Estimate e = MODEL.estimate(p);
    double evaluation = e.flows() + e.spectrum();
    assertEquals(e.total(), MODEL.taskSeconds(p, List.of()), 1e-12);
    assertEquals(e.total() + 2 * evaluation, MODEL.taskSeconds(p, List.of(10, 100)), 1e-9);
    assertEquals(e.total() + evaluation, MODEL.taskSeconds(p, List.of(10, 200, 500)), 1e-9,
        "checkpoints at or above the epochs are not evaluated");
  }

  @Test
  void aSweepSharesTheMonteCarloDataAndThermometers() {
    GridPoint a = point(10, 16, 25, 0.25, 500, 200);
    GridPoint b = point(10, 64, 25, 0.25, 500, 200);
    GridPoint other = point(10, 16, 25, 0.25, 500, new TrainingConfig(200, 0.01, 100, 1, 0, 0, false, 0.01, 0), 2);
    CostModel.Plan plan = MODEL.plan(List.of(a, b, other), List.of(50));
    CostModel.Estimate ea = MODEL.estimate(a);
    double shared = ea.monteCarlo() + ea.calibration() + ea.classifier();
    // a and b share one data set and thermometer (same lattice, n_temp, seed); the other seed has its own
    assertEquals(MODEL.taskSeconds(a, List.of(50)) - shared / 2, plan.taskSeconds()[0], 1e-9);
    assertEquals(MODEL.taskSeconds(other, List.of(50)), plan.taskSeconds()[2], 1e-9);
    assertEquals(plan.taskSeconds()[0] + plan.taskSeconds()[1] + plan.taskSeconds()[2], plan.total(), 1e-9);
    assertEquals(CostModel.LOW * plan.total(), plan.low(), 1e-9);
    assertEquals(CostModel.HIGH * plan.total(), plan.high(), 1e-9);
    // a row per point and per checkpoint, each the stages of that row alone
    assertEquals(6, plan.rowSeconds().size());
    double checkpointRow = plan.rowSeconds().get(a.withEpochs(50).pointId());
    assertEquals(ea.training() / 4, checkpointRow - (plan.rowSeconds().get(a.pointId()) - ea.training()), 1e-9);
  }

  @Test
  void flowsAreCountedToTheirExpectedEnd() {
    assertEquals(150, CostModel.expectedSteps(2000, 50));
    assertEquals(120, CostModel.expectedSteps(120, 50));
  }

  @Test
  void monteCarloCostsMoreNearTcAndOnLargerLattices() {
    Lattice small = Lattice.square(16);
    Lattice large = Lattice.square(32);
    assertTrue(CostModel.tau(large, 2.27) > CostModel.tau(small, 2.27));
    assertTrue(CostModel.tau(small, 2.27) > 10 * CostModel.tau(small, 5.0));
    assertEquals(0, CostModel.sweepsAt(small, 0, 1000, McSettings.DEFAULT), "T = 0 is the ground state");
    assertTrue(MODEL.estimate(point(32, 16, 25, 0.25, 500, 1)).monteCarlo()
        > MODEL.estimate(point(16, 16, 25, 0.25, 500, 1)).monteCarlo());
  }

  @Test
  void memoryOfTheLargestScanPointIsAbout90MbOfSpinsPlusBaseline() {
    // 32×32, N_temp = 700, 1000 configurations per temperature (DESIGN §6: ≈ 90 MB of spins)
    GridPoint p = point(32, 256, 700, 0.01, 1000, 1);
    assertEquals(700L * 1000 * 16 * 8, CostModel.spinBytes(p));
    assertEquals(89.6e6, CostModel.spinBytes(p), 1e3);
    long bytes = MODEL.taskMemoryBytes(p);
    long baseline = CostModel.JVM_BASELINE_MIB * MIB;
    assertTrue(bytes > baseline + CostModel.spinBytes(p), bytes + " bytes");
    assertTrue(bytes < baseline + 200 * MIB, bytes / MIB + " MiB: the spins dominate the data");
    assertTrue(MODEL.taskMemoryBytes(point(10, 16, 25, 0.25, 500, 1)) < baseline + 64 * MIB);
    assertTrue(bytes > MODEL.taskMemoryBytes(point(32, 256, 350, 0.01, 1000, 1)), "memory grows with N_temp");
  }

  @Test
  void calibrationFitsTheModelsOwnTerms() {
    // the regressors of a calibration shape are the model's own count of that work
    CostModel unitTraining = CostModel.of(new CostModel.Constants(1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1));
    for (CostCalibration.TrainShape s : CostCalibration.TRAIN_SHAPES) {
      TrainingConfig t = new TrainingConfig(1, 0.01, s.batch(), 1, 0, 0, false, 0.01, 0);
      assertEquals(CostCalibration.trainingTerms(s)[0], unitTraining.epochSeconds(s.nv(), s.nh(), s.samples(), t),
          1e-6, s.toString());
    }
    // exact data are fitted exactly; a coefficient that would be negative is held at 0
    double[][] x = {{1, 2, 0}, {3, 1, 1}, {2, 5, 4}, {7, 1, 2}};
    double[] c = {0.5, 2, 0.25};
    double[] y = new double[4];
    for (int i = 0; i < 4; i++) {
      y[i] = x[i][0] * c[0] + x[i][1] * c[1] + x[i][2] * c[2];
    }
    double[] fit = NonNegativeFit.fit(x, y);
    for (int j = 0; j < 3; j++) {
      assertEquals(c[j], fit[j], 1e-9);
    }
    double[] noisy = NonNegativeFit.fit(new double[][] {{1, 1}, {2, 1}, {3, 1}}, new double[] {3, 2, 1});
    assertTrue(noisy[0] >= 0 && noisy[1] >= 0, java.util.Arrays.toString(noisy));
  }

  @Test
  void calibrationGivesFiniteNonNegativeConstants() {
    CostModel m = CostModel.calibrated();
    CostModel.Constants k = m.constants();
    assertTrue(k.mcSiteSweep() > 0 && k.trainProduct() + k.trainElement() > 0 && k.flowProduct() + k.flowElement() > 0,
        m.toString());
    assertTrue(m.toString().contains("backend"), m.toString());
    assertTrue(m.seconds(point(10, 16, 25, 0.25, 500, 200)) > 0);
  }

  @Test
  void classifierTrainingCountsBothLayersOfItsNetwork() {
    // DEFAULT: T = 0, 0.25, …, 8 (K = 33 classes at one field), 400 configurations each, 20 epochs; 10×10, F = 300
    GridPoint p = point(10, 16, 25, 0.25, 500, 200);
    AnalysisSettings a = p.analysis();
    double[] temps = CostModel.grid(a.classifierStep(), a.calibrationMaxT());
    assertEquals(33, temps.length);
    double configs = 33.0 * a.classifierConfigs();
    double perConfig = 6 * 64 * (300 + 33) * CONSTANTS.denseFlop() + 300 * CONSTANTS.flowElement();
    double mc = MODEL.mcSeconds(p.lattice(), temps, p.fields(), a.classifierConfigs(), p.mc());
    assertEquals(mc + a.classifierEpochs() * configs * perConfig, MODEL.estimate(p).classifier(), 1e-12);
  }

  @Test
  void siteVisitsInAFieldCostTheirOwnConstant() {
    CostModel noProbe = CostModel.of(new CostModel.Constants(50e-9, 0.3e-9, 10e-9, 100e-9, 0.1e-9, 5e-9, 0.5e-9, 1e-9,
        5e-9, 0, 60e-9));
    Lattice lattice = Lattice.square(8);
    double[] temps = {1.0, 2.0, 3.0};
    double atZero = noProbe.mcSeconds(lattice, temps, new double[] {0}, 100, McSettings.DEFAULT);
    assertEquals(60.0 / 50, noProbe.mcSeconds(lattice, temps, new double[] {0.5}, 100, McSettings.DEFAULT) / atZero,
        1e-12);
    assertEquals(1 + 60.0 / 50, noProbe.mcSeconds(lattice, temps, new double[] {0, -1}, 100, McSettings.DEFAULT)
        / atZero, 1e-12);
  }

  @Test
  void autocorrelationSumsRunToSokalsWindowWithinHalfTheProbe() {
    // 64 replicas × 200 probe sweeps × (W_E + W_|m|): W = ⌈6τ⌉, at least 1, at most probe/2
    assertEquals(64.0 * 200 * (3 + 3), CostModel.autocorrelationUnits(200, 0.5, 0.5), 0);
    assertEquals(64.0 * 200 * (13 + 100), CostModel.autocorrelationUnits(200, 2.1, 400), 0);
    assertEquals(0, CostModel.autocorrelationUnits(0, 5, 5), 0);
  }

  @Test
  void calibrationCountsTheSiteVisitsAMonteCarloRunMade() {
    // fixed spacing, τ far below the thermalisation: no extra sweeps, so the run's count is the model's
    Lattice lattice = Lattice.square(6);
    McSettings settings = new McSettings(200, 50, 3, 100);
    var set = org.rbmflow.ising.MonteCarlo.generate(lattice, 4.0, 0, 7, 100, settings);
    // N·(therm + probe, + probe measurements, + ⌈100/64⌉·3)
    assertEquals(36.0 * (250 + 50 + 2 * 3), CostCalibration.siteVisits(set, settings), 0);
    assertEquals(CostModel.sweepsAt(lattice, 4.0, 100, settings) * 36, CostCalibration.siteVisits(set, settings), 0);
  }

  @Test
  void constantsMustBeFiniteAndNonNegative() {
    assertThrows(IllegalArgumentException.class, () -> new CostModel.Constants(0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new CostModel.Constants(1, Double.NaN, 1, 1, 1, 1, 1, 1, 1, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new CostModel.Constants(1, 1, -1, 1, 1, 1, 1, 1, 1, 1, 1));
  }
}
