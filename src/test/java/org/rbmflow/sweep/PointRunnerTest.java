package org.rbmflow.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rbmflow.common.PointStatus;
import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.McSettings;
import org.rbmflow.linalg.Linalg;
import org.rbmflow.rbm.FlowConfig;
import org.rbmflow.rbm.FlowStart;
import org.rbmflow.rbm.TrainingConfig;
import org.rbmflow.sweep.PointResult.PointRow;

class PointRunnerTest {

  static final AnalysisSettings FAST = new AnalysisSettings(0.25, 4, 40, 0, 40, 2, 5, 99, 0.05);

  static GridPoint small(long seed, TrainingConfig training) {
    List<FlowStart> starts = List.of(FlowStart.parse("T=0"), FlowStart.parse("T=3"), FlowStart.parse("data"),
        FlowStart.parse("random"));
    return new GridPoint("test", Lattice.square(4), 4, 7, 0.5, new double[] {0}, 64, seed,
        new McSettings(100, 100, 0, 100), training, new FlowConfig(starts, 64, 60, 10, 0.01), FAST);
  }

  static TrainingConfig training() {
    return new TrainingConfig(5, 0.05, 32, 1, 0.5, 0, false, 0.01, 0);
  }

  /** The points row without its timing columns (which legitimately differ between runs). */
  static PointRow untimed(PointRow r) {
    return r.toBuilder().mcSeconds(0).trainSeconds(0).flowSeconds(0).finishedAt(0).checkpointOf(null).build();
  }

  @Test
  void samePointTwiceGivesIdenticalRows() {
    PointRunner runner = new PointRunner(Linalg.best(), 2);
    PointResult a = runner.run(small(3, training()));
    PointResult b = new PointRunner(Linalg.best(), 1).run(small(3, training()));
    assertNotEquals(PointStatus.FAILED, a.point().status(), String.valueOf(a.point().error()));
    PointRow ra = untimed(a.point());
    PointRow rb = untimed(b.point());
    assertEquals(ra.toString().replaceAll("hValues=\\[D@[0-9a-f]+", ""), rb.toString().replaceAll("hValues=\\[D@[0-9a-f]+", ""));
    assertEquals(a.flows(), b.flows());
    assertEquals(a.fixedPoints(), b.fixedPoints());
    assertArrayEquals(a.spectrum().eigenvalues(), b.spectrum().eigenvalues());
    for (int k = 0; k < a.patterns().size(); k++) {
      assertArrayEquals(a.patterns().get(k).pattern(), b.patterns().get(k).pattern());
      assertEquals(a.patterns().get(k).pValue(), b.patterns().get(k).pValue());
      assertEquals(a.patterns().get(k).nullEdge(), b.patterns().get(k).nullEdge());
    }
    PointResult other = runner.run(small(4, training()));
    assertNotEquals(a.point().fpEnergy(), other.point().fpEnergy(), "another seed gives another result");
  }

  @Test
  void rowsHaveTheExpectedShape() {
    PointResult r = new PointRunner(Linalg.best(), 2).run(small(5, training()));
    PointRow p = r.point();
    assertEquals(16, p.nV());
    assertEquals(4, p.nH());
    assertEquals(4, r.fixedPoints().size());
    assertEquals(List.of("T=0.0", "T=3.0", "data", "random"), r.fixedPoints().stream().map(PointResult.FixedPointRow::start).toList());
    assertEquals(16, r.spectrum().eigenvalues().length);
    assertEquals(4, r.patterns().size(), "one pattern per non-zero eigenvalue (N_h)");
    assertEquals(4, p.nPatternsTested());
    // non-random: eigenvalue above its null edge, larger ones first; the count is the number of such rows
    double trace = java.util.Arrays.stream(r.spectrum().eigenvalues()).sum();
    assertEquals(trace / (16 * 4), r.patterns().get(0).noiseVariance(), 1e-12 * trace, "σ̂²_0 = ‖W‖²_F/(N_v N_h)");
    boolean open = true;
    for (PointResult.PatternRow x : r.patterns()) {
      open = open && x.eigenvalue() > x.nullEdge();
      assertEquals(open, x.nonrandom(), "rank " + x.rank());
      assertTrue(x.nullEdge() > 0, "rank " + x.rank() + " edge " + x.nullEdge());
    }
    assertEquals(r.patterns().stream().filter(PointResult.PatternRow::nonrandom).count(), p.nNonrandomPatterns());
    for (PointResult.FixedPointRow f : r.fixedPoints()) {
      long steps = r.flows().stream().filter(x -> x.start().equals(f.start())).count();
      assertEquals(f.convergedAtStep() < 0 ? 61 : f.convergedAtStep() + 1, steps, f.start() + " has one row per step");
      assertTrue(f.energy() >= -2 && f.energy() <= 2, f.toString());
    }
    assertTrue(Double.isFinite(p.fpBracketGap()), "T=0 and T=3 bracket the fixed point");
    assertTrue(p.randomFraction() >= 0 && p.randomFraction() <= 1);
    assertTrue(Double.isFinite(p.fpTemperature()), "energy thermometer at H = 0");
    assertEquals(Linalg.best().name(), p.backend());
    if (p.status() == PointStatus.OK) {
      assertNull(p.error());
    } else {
      assertTrue(p.error() != null && !p.error().isBlank(), "a NOT_CONVERGED point says why");
    }
  }

  @Test
  void divergingTrainingBecomesAFailedRow() {
    PointResult r = new PointRunner(Linalg.best(), 1).run(small(1, new TrainingConfig(20, 100, 8, 1, 0, 1.0, false, 1.0, 0)));
    assertEquals(PointStatus.FAILED, r.point().status());
    assertTrue(r.point().error().contains("diverged at epoch"), r.point().error());
    assertTrue(r.flows().isEmpty());
  }

  @Test
  void classifierThermometerReportsAlongFlowsAndAtTheFixedPoint() {
    AnalysisSettings withClassifier = new AnalysisSettings(0.25, 4, 40, 0.5, 60, 3, 5, 99, 0.05);
    GridPoint p = new GridPoint("test", Lattice.square(4), 4, 7, 0.5, new double[] {0}, 64, 9,
        new McSettings(100, 100, 0, 100), training(),
        new FlowConfig(List.of(FlowStart.parse("T=0"), FlowStart.parse("T=3")), 64, 60, 10, 0.01), withClassifier);
    PointResult r = new PointRunner(Linalg.best(), 2).run(p);
    assertNotEquals(PointStatus.FAILED, r.point().status(), String.valueOf(r.point().error()));
    for (PointResult.FixedPointRow f : r.fixedPoints()) {
      assertTrue(f.temperatureClassifier() >= 0 && f.temperatureClassifier() <= 4, f.toString());
    }
    assertTrue(Double.isFinite(r.point().fpTemperatureClassifier()));
    long withEstimate = r.flows().stream().filter(x -> Double.isFinite(x.temperatureClassifier())).count();
    assertTrue(withEstimate >= 2 * 2, "classifier every 5 steps and at the end: " + withEstimate);
    assertTrue(r.flows().stream().filter(x -> x.step() % 5 == 0).allMatch(x -> Double.isFinite(x.temperatureClassifier())));
  }

  /**
   * One training with checkpoints at 2 and 5 of 8 epochs gives, at each checkpoint, exactly the rows of the point
   * trained to that many epochs on its own (apart from timing and the checkpoint mark); its own rows come last.
   */
  @Test
  void checkpointRowsEqualSeparatelyTrainedPoints() {
    for (int batch : new int[] {32, TrainingConfig.FULL_BATCH}) {
      GridPoint p = small(9, new TrainingConfig(8, 0.05, batch, 1, 0.5, 0, false, 0.01, 0));
      PointRunner runner = new PointRunner(Linalg.best(), 2);
      List<PointResult> all = runner.runAll(p, new int[] {2, 5});
      assertEquals(3, all.size());
      int[] epochs = {2, 5, 8};
      for (int k = 0; k < 3; k++) {
        PointResult got = all.get(k);
        PointResult alone = runner.run(p.withEpochs(epochs[k]));
        assertNotEquals(PointStatus.FAILED, alone.point().status(), String.valueOf(alone.point().error()));
        assertEquals(epochs[k], got.point().epochs());
        assertEquals(k < 2 ? p.pointId() : null, got.point().checkpointOf());
        assertEquals(alone.point().pointId(), got.point().pointId());
        String a = untimed(alone.point()).toString().replaceAll("hValues=\\[D@[0-9a-f]+", "");
        String g = untimed(got.point()).toString().replaceAll("hValues=\\[D@[0-9a-f]+", "");
        assertEquals(a, g, "batch " + batch + ", epoch " + epochs[k]);
        assertEquals(alone.flows(), got.flows());
        assertEquals(alone.fixedPoints(), got.fixedPoints());
        assertArrayEquals(alone.spectrum().eigenvalues(), got.spectrum().eigenvalues());
        assertEquals(alone.patterns().size(), got.patterns().size());
        for (int r = 0; r < alone.patterns().size(); r++) {
          assertArrayEquals(alone.patterns().get(r).pattern(), got.patterns().get(r).pattern());
          assertEquals(alone.patterns().get(r).pValue(), got.patterns().get(r).pValue());
        }
      }
      assertNotEquals(all.get(0).point().fpEnergy(), all.get(2).point().fpEnergy(), "training moved the fixed point");
    }
  }
}
