package org.rbmflow.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The sample of {@code bench costmodel}: evenly spaced by estimate, within the budget, never empty. */
class CostModelBenchTest {
  @Test
  void theSampleSpansTheEstimatesWithinTheBudget() {
    double[] estimates = {5, 1, 3, 2, 4};
    assertEquals(List.of(1, 3, 2, 4, 0), CostModelBench.sample(estimates, 100), "all, cheapest first");
    assertEquals(List.of(1, 0), CostModelBench.sample(estimates, 6), "the cheapest and the dearest");
    assertEquals(List.of(1), CostModelBench.sample(estimates, 0.5), "at least the cheapest");
    assertEquals(List.of(1, 2, 0), CostModelBench.sample(estimates, 9));
  }
}
