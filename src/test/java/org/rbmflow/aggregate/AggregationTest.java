package org.rbmflow.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rbmflow.random.Xoshiro256PlusPlus;

/** Seed means, the optimal N_h and the power-law fit over hand-made and synthetic points rows. */
class AggregationTest {

  private static PointSummary point(int l, int nH, int nTemp, long seed, String status, double energy, double t) {
    return PointSummary.builder().dim(2).l(l).nV(l * l).nH(nH).nTemp(nTemp).seed(seed).status(org.rbmflow.common.PointStatus.valueOf(status)).zeroField(true)
        .fpEnergy(energy).fpEnergyErr(0.001).fpTemperature(t).fpTemperatureClassifier(t + 0.1).fpMagnetization(0.5)
        .randomFraction(0.2 + 0.01 * seed).nNonrandomPatterns((int) seed).nPatternsTested(16).fpBracketGap(0.002)
        .reconError(0.3).build();
  }

  @Test
  void meansAreSeedMeansWithStandardErrorsOverOkRowsOnly() {
    List<PointSummary> rows = List.of(
        point(4, 4, 10, 0, "OK", -1.70, 2.0),
        point(4, 4, 10, 1, "OK", -1.74, 2.2),
        point(4, 4, 10, 2, "OK", -1.78, 2.4),
        point(4, 4, 10, 3, "NOT_CONVERGED", -1.00, 9.0),
        point(4, 4, 10, 4, "FAILED", Double.NaN, Double.NaN));
    AggregateResult r = Aggregation.aggregate(rows, AggregateSettings.DEFAULT);
    assertEquals(1, r.means().size());
    AggregateResult.Mean m = r.means().get(0);
    assertEquals(3, m.nSeeds());
    assertEquals(2, m.nExcluded());
    assertEquals(-1.74, m.energy(), 1e-12);
    // s = 0.04 over 3 seeds: SE = 0.04/√3
    assertEquals(0.04 / Math.sqrt(3), m.energyErr(), 1e-12);
    assertEquals(2.2, m.temperature(), 1e-12);
    assertEquals(0.2 / Math.sqrt(3), m.temperatureErr(), 1e-12);
    assertEquals(1.0, m.nNonrandomPatterns(), 1e-12);
    assertEquals(0.25, m.nHOverNV(), 0);
    assertEquals(3, r.used());
    assertEquals(Map.of("FAILED", 1, "NOT_CONVERGED", 1), r.excluded());
    assertEquals(2, r.excludedTotal());
  }

  @Test
  void aSingleSeedTakesThePointsOwnEnergyErrorAndNoOtherError() {
    AggregateResult r = Aggregation.aggregate(List.of(point(4, 4, 10, 0, "OK", -1.7, 2.0)), AggregateSettings.DEFAULT);
    AggregateResult.Mean m = r.means().get(0);
    assertEquals(0.001, m.energyErr(), 0);
    assertTrue(Double.isNaN(m.temperatureErr()));
  }

  @Test
  void theOptimumIsTheLowestMeanEnergyAmongTheCandidates() {
    List<PointSummary> rows = new ArrayList<>();
    double[][] energies = {{1, -1.60}, {3, -1.90}, {4, -1.75}, {9, -1.80}, {16, -1.70}};
    for (double[] e : energies) {
      for (long s = 0; s < 2; s++) {
        rows.add(point(8, (int) e[0], 20, s, "OK", e[1] + 0.01 * s, 2.3));
      }
    }
    rows.add(point(8, 9, 20, 5, "FAILED", -5, 0));
    AggregateResult squares = Aggregation.aggregate(rows, AggregateSettings.DEFAULT);
    assertEquals(1, squares.optimal().size());
    AggregateResult.Optimal o = squares.optimal().get(0);
    assertEquals(9, o.bestNH(), "n_h = 3 is lower but not a square; the FAILED row must not count");
    assertEquals(-1.795, o.energy(), 1e-12);
    assertEquals(4, o.nCandidates());
    assertEquals("squares", o.candidates());
    AggregateResult all = Aggregation.aggregate(rows, new AggregateSettings(100, AggregateSettings.Candidates.ALL));
    assertEquals(3, all.optimal().get(0).bestNH());
    assertEquals(5, all.optimal().get(0).nCandidates());
  }

  /** Synthetic scan: E_min(N_temp) = −2 + a·N^b plus seed noise; the fit recovers (a, b) within 2σ. */
  @Test
  void theFitOverOptimalRowsRecoversAKnownPowerLaw() {
    double a = 0.25;
    double b = 0.12;
    double noise = 0.004;
    Xoshiro256PlusPlus rng = new Xoshiro256PlusPlus(20211122L);
    List<PointSummary> rows = new ArrayList<>();
    for (int nTemp : new int[] {10, 50, 100, 200, 300, 400, 500, 600, 700}) {
      double e = -2 + a * Math.pow(nTemp, b);
      for (long s = 0; s < 5; s++) {
        rows.add(point(20, 100, nTemp, s, "OK", e + noise * rng.nextGaussian(), 2.3));
        rows.add(point(20, 64, nTemp, s, "OK", e + 0.05 + noise * rng.nextGaussian(), 2.4));
      }
    }
    AggregateResult r = Aggregation.aggregate(rows, AggregateSettings.DEFAULT);
    assertEquals(1, r.fits().size());
    AggregateResult.Fit f = r.fits().get(0);
    assertTrue(f.ok(), f.reason());
    assertNull(f.reason());
    assertEquals(7, f.nPoints(), "n_temp ≥ 100 only");
    assertEquals(-2, f.e0(), 0);
    PowerLawFit p = f.fit();
    assertTrue(p.weighted());
    assertEquals(a, p.a(), 2 * p.aErr(), "a = " + p.a() + " ± " + p.aErr());
    assertEquals(b, p.b(), 2 * p.bErr(), "b = " + p.b() + " ± " + p.bErr());
    assertEquals(5, p.dof());
    r.optimal().forEach(o -> assertEquals(100, o.bestNH()));
  }

  @Test
  void noFitIsARowWithItsReason() {
    List<PointSummary> rows = List.of(point(6, 4, 10, 0, "OK", -1.7, 2), point(6, 4, 120, 0, "OK", -1.6, 2),
        point(6, 4, 150, 0, "OK", -1.55, 2));
    AggregateResult.Fit f = Aggregation.aggregate(rows, AggregateSettings.DEFAULT).fits().get(0);
    assertFalse(f.ok());
    assertNull(f.fit());
    assertEquals(2, f.nPoints());
    assertTrue(f.reason().contains("need at least 3 points, have 2"), f.reason());

    PointSummary withField = PointSummary.builder().dim(1).l(100).nV(100).nH(16).nTemp(200).seed(0).status(org.rbmflow.common.PointStatus.OK)
        .zeroField(false).fpEnergy(-0.9).fpEnergyErr(0.01).fpTemperature(1).fpTemperatureClassifier(1)
        .fpMagnetization(0.2).randomFraction(0.1).nPatternsTested(4).reconError(0.3).build();
    AggregateResult.Fit h = Aggregation.aggregate(List.of(withField), AggregateSettings.DEFAULT).fits().get(0);
    assertFalse(h.ok());
    assertEquals(-1, h.e0(), 0);
    assertTrue(h.reason().contains("H = 0"), h.reason());
  }

  @Test
  void anAllFailedGroupHasAMeanRowButNoOptimum() {
    AggregateResult r = Aggregation.aggregate(List.of(point(4, 4, 10, 0, "FAILED", Double.NaN, Double.NaN)),
        AggregateSettings.DEFAULT);
    assertEquals(1, r.means().size());
    assertEquals(0, r.means().get(0).nSeeds());
    assertTrue(Double.isNaN(r.means().get(0).energy()));
    assertTrue(r.optimal().isEmpty());
    assertNotNull(r.fits().get(0).reason());
  }
}
