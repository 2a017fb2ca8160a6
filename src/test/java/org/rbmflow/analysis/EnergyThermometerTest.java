package org.rbmflow.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.McSettings;
import org.rbmflow.ising.MonteCarlo;
import org.rbmflow.ising.Observables;

class EnergyThermometerTest {

  /** Held-out 10×10 data (another seed, temperatures between the grid points) → T within 0.1. */
  @Test
  void recoversHeldOutTemperaturesOnTenByTen() {
    Lattice lat = Lattice.square(10);
    double[] grid = new double[25];
    for (int k = 0; k < grid.length; k++) {
      grid[k] = 0.25 * k;
    }
    McSettings mc = new McSettings(500, 500, 0, 1000);
    EnergyThermometer thermometer = EnergyThermometer.calibrate(lat, grid, 1, 1000, mc);
    double worst = 0;
    for (double t : new double[] {1.1, 1.6, 2.0, 2.269, 2.6, 3.3, 4.1, 5.2}) {
      double e = Observables.summarise(MonteCarlo.generate(lat, t, 0, 77, 1000, mc)).energy();
      EnergyThermometer.Estimate est = thermometer.estimate(e);
      System.out.printf("T=%.3f  E=%.4f  estimate %.3f  (%s)%n", t, e, est.temperature(), est.status());
      assertEquals(EnergyThermometer.Status.IN_RANGE, est.status());
      worst = Math.max(worst, Math.abs(est.temperature() - t));
    }
    assertTrue(worst < 0.1, "worst |T_est − T| = " + worst);
  }

  @Test
  void outOfRangeIsFlaggedAndPlateausTakeTheirMiddle() {
    EnergyThermometer th = new EnergyThermometer(new double[] {0, 1, 2, 3}, new double[] {-2, -2, -1.5, -1},
        new double[] {0, 0, 0.01, 0.01});
    assertEquals(EnergyThermometer.Status.BELOW_RANGE, th.estimate(-2.1).status());
    assertEquals(EnergyThermometer.Status.ABOVE_RANGE, th.estimate(-0.5).status());
    assertEquals(0.5, th.estimate(-2).temperature(), 1e-12);
    assertEquals(1.5, th.estimate(-1.75).temperature(), 1e-12);
    assertEquals(3.0, th.estimate(-1.0).temperature(), 1e-12);
  }

  @Test
  void isotonicFitPoolsViolatorsByWeight() {
    double[] fit = EnergyThermometer.isotonic(new double[] {1, 3, 2, 4}, new double[] {1, 1, 1, 1});
    assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, fit, 1e-12);
    double[] weighted = EnergyThermometer.isotonic(new double[] {3, 2}, new double[] {1, 0.5});
    // weights 1 and 4: (3 + 4·2)/5 = 2.2
    assertArrayEquals(new double[] {2.2, 2.2}, weighted, 1e-12);
  }
}
