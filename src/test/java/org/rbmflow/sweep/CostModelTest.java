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

class CostModelTest {
  static final CostModel MODEL = CostModel.of(1e9, 20, 2);
  static final long MIB = 1024 * 1024;

  static GridPoint point(int l, int nh, int nTemp, double tStep, int configs, int epochs) {
    List<FlowStart> starts = List.of(new FlowStart(FlowStart.Kind.TEMPERATURE, 0),
        new FlowStart(FlowStart.Kind.TEMPERATURE, (nTemp - 1) * tStep));
    return new GridPoint("cost", Lattice.square(l), nh, nTemp, tStep, new double[] {0}, configs, 1, McSettings.DEFAULT,
        new TrainingConfig(epochs, 0.01, 100, 1, 0, 0, false, 0.01, 0), new FlowConfig(starts, 1000, 2000, 50, 0.002),
        AnalysisSettings.DEFAULT);
  }

  @Test
  void secondsGrowWithEpochsAndHiddenUnits() {
    double previous = 0;
    for (int epochs : new int[] {1, 10, 100, 1000}) {
      double s = MODEL.seconds(point(10, 16, 25, 0.25, 500, epochs));
      assertTrue(s > previous, epochs + " epochs: " + s + " s, not more than " + previous);
      previous = s;
    }
    previous = 0;
    for (int nh : new int[] {1, 4, 16, 64, 100}) {
      double s = MODEL.seconds(point(10, nh, 25, 0.25, 500, 200));
      assertTrue(s > previous, "n_h " + nh + ": " + s + " s, not more than " + previous);
      previous = s;
    }
    CostModel.Estimate e = MODEL.estimate(point(10, 16, 25, 0.25, 500, 200));
    assertTrue(e.monteCarlo() > 0 && e.training() > 0 && e.flows() > 0 && e.thermometers() > 0 && e.spectrum() > 0, e.toString());
    assertEquals(e.total(), MODEL.seconds(point(10, 16, 25, 0.25, 500, 200)), 1e-9);
  }

  @Test
  void trainingTermFollowsTheDocumentedFormula() {
    // epochs·S·[(6 + 4k)·N·M flops / rate + ((2 + 2k)·N + (3 + 2k)·M + N·M/batch)·elementwise], k = 1
    GridPoint p = point(10, 16, 25, 0.25, 500, 200);
    double samples = 25.0 * 500;
    double expected = 200 * samples * (10.0 * 100 * 16 / 20e9 + (4.0 * 100 + 5.0 * 16 + 1600.0 / 100) * 2e-9);
    assertEquals(expected, MODEL.estimate(p).training(), expected * 1e-12);
    CostModel faster = CostModel.of(1e9, 40, 1);
    assertEquals(expected / 2, faster.estimate(p).training(), expected * 1e-12);
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
  void calibrationMeasuresPositiveRatesQuickly() {
    long t0 = System.nanoTime();
    CostModel m = CostModel.calibrate();
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertTrue(seconds < 5, "calibration took " + seconds + " s");
    assertTrue(m.mcSiteUpdatesPerSecond() > 1e6, m.toString());
    assertTrue(m.gflops() > 0.1, m.toString());
    assertTrue(m.elementwiseNsPerElement() > 0 && m.elementwiseNsPerElement() < 1000, m.toString());
    assertTrue(m.seconds(point(10, 16, 25, 0.25, 500, 200)) > 0);
    assertTrue(m.toString().contains("measured"), m.toString());
  }

  @Test
  void ratesMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> CostModel.of(0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> CostModel.of(1, Double.NaN, 1));
    assertThrows(IllegalArgumentException.class, () -> CostModel.of(1, 1, -1));
  }
}
