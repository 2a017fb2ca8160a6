package org.rbmflow.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.rbmflow.common.PointStatus;
import org.rbmflow.linalg.Linalg;

/**
 * A point past its time limit ends as a TIMEOUT row naming the stage and the time it had taken, after the
 * checkpoints evaluated before it; a limit it stays within changes nothing. The deadline's clock is driven by the
 * test (one second per reading), so the stage where the limit passes is exact.
 */
class PointTimeoutTest {
  /** A clock that advances one second each time it is read. */
  private static PointDeadline ticking(double limitSeconds) {
    AtomicLong t = new AtomicLong();
    return new PointDeadline(() -> t.getAndAdd(1_000_000_000L), limitSeconds);
  }

  private static GridPoint point() {
    return PointRunnerTest.small(5, PointRunnerTest.training());
  }

  @Test
  void aPointPastItsLimitInTrainingIsATimeoutRowNamingTheEpoch() {
    // readings: start 0 s, after Monte Carlo 1 s, epoch 1 2 s, epoch 2 3 s > 2.5 s
    List<PointResult> r = new PointRunner(Linalg.best(), 1).runAll(point(), new int[0], ticking(2.5));
    assertEquals(1, r.size());
    PointResult.PointRow row = r.get(0).point();
    assertEquals(PointStatus.TIMEOUT, row.status());
    assertEquals("TIMEOUT after 3.0 s in training, epoch 2 of 5 (limit 2.5 s)", row.error());
    assertTrue(r.get(0).flows().isEmpty() && r.get(0).spectrum() == null, "no partial rows");
    assertEquals(point().pointId(), row.pointId());
  }

  @Test
  void aLimitPassedInTheMonteCarloStageSaysSo() {
    List<PointResult> r = new PointRunner(Linalg.best(), 1).runAll(point(), new int[0], ticking(0.5));
    assertEquals("TIMEOUT after 1.0 s in Monte Carlo (limit 0.5 s)", r.get(0).point().error());
  }

  @Test
  void aLimitPassedInAFlowNamesTheStartAndStep() {
    // Monte Carlo, 5 epochs, thermometers: 7 readings after the start; then the first flow's steps 0, 1, 2, …
    List<PointResult> r = new PointRunner(Linalg.best(), 1).runAll(point(), new int[0], ticking(9.5));
    assertEquals("TIMEOUT after 10.0 s in flow from T=0.0, step 2 of 60 (limit 9.5 s)", r.get(0).point().error());
  }

  @Test
  void checkpointsEvaluatedBeforeTheLimitAreKept() {
    PointRunner runner = new PointRunner(Linalg.best(), 1);
    int[] checkpoints = {2};
    // how many times a whole run reads the clock; a limit passed at the last reading (the final spectrum) leaves
    // the checkpoint at epoch 2 evaluated and the point itself unfinished
    AtomicLong readings = new AtomicLong();
    runner.runAll(point(), checkpoints, new PointDeadline(() -> readings.getAndIncrement() * 0, 1));
    long last = readings.get() - 1;
    List<PointResult> r = runner.runAll(point(), checkpoints, ticking(last - 0.5));
    assertEquals("TIMEOUT after " + last + ".0 s in spectrum and patterns (limit " + (last - 1) + ".5 s)",
        r.get(1).point().error());
    assertEquals(2, r.size());
    assertNotEquals(PointStatus.TIMEOUT, r.get(0).point().status());
    assertEquals(point().withEpochs(2).pointId(), r.get(0).point().pointId());
    assertEquals(PointStatus.TIMEOUT, r.get(1).point().status());
  }

  @Test
  void aLimitThePointStaysWithinChangesNothing() {
    PointRunner runner = new PointRunner(Linalg.best(), 1);
    PointResult free = runner.run(point());
    PointResult bounded = runner.runAll(point(), new int[0], 1e6).get(0);
    assertNull(bounded.point().error());
    assertEquals(PointRunnerTest.untimed(free.point()), PointRunnerTest.untimed(bounded.point()));
    assertEquals(free.flows(), bounded.flows());
  }
}
