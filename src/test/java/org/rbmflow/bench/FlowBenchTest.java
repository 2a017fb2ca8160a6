package org.rbmflow.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FlowBenchTest {
  @Test
  void theLineGivesTheStepItsProductsAloneAndTheirRatio() {
    FlowBench.Result r = new FlowBench.Result(100, 16, 1000, 50, 120, "openblas-jni", 0.0003, 0.0001, 16118, true);
    assertTrue(r.line().startsWith("rbmflow-flow nv=100 nh=16 ensemble=1000 window=50 steps_run=120 "), r.line());
    assertTrue(r.line().contains(" seconds_per_step=0.000300 products_seconds_per_step=0.000100 step_over_products=3.00 "),
        r.line());
    assertTrue(r.line().contains(" vector_fallback=no"), r.line());
    // 4 bytes a draw: 1000 × 116 draws a step
    assertTrue(new FlowBench.Result(100, 16, 1000, 50, 120, "x", 1, 1, 464_001, true).vectorFallback());
    assertFalse(new FlowBench.Result(100, 16, 1000, 50, 120, "x", 1, 1, 464_001, false).vectorFallback());
  }

  @Test
  void runsAFlowAndItsProductsOnATinyLattice() {
    FlowBench.Result r = new FlowBench(4, 4, 16, 20, 5, 7).run();
    assertEquals(16, r.nv());
    assertTrue(r.stepsRun() >= 10 && r.stepsRun() <= 20, r.line());
    assertTrue(r.secondsPerStep() > 0 && r.productsSecondsPerStep() > 0, r.line());
  }
}
