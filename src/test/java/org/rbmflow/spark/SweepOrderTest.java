package org.rbmflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.rbmflow.sweep.CostModel;
import org.rbmflow.sweep.GridPoint;
import org.rbmflow.sweep.SweepSpec;

/** Task order: every point once; data groups in alternating pairs, each group largest point first. */
class SweepOrderTest {
  @Test
  void groupsRunInAlternatingPairsLargestFirst() throws Exception {
    SweepSpec spec = SweepSpec.parse(SweepTestSupport.TINY.replace("n_h: [2, 4]", "n_h: [1, 4, 9]")
        .replace("l: [4]", "l: [4, 6]"), "t.yaml");
    List<GridPoint> grid = spec.grid();
    List<Integer> todo = new ArrayList<>(IntStream.range(0, grid.size()).boxed().toList());
    CostModel cost = CostModel.of(new CostModel.Constants(50e-9, 0.3e-9, 10e-9, 100e-9, 0.1e-9, 5e-9, 0.5e-9, 1e-9,
        5e-9, 1e-9, 60e-9));
    List<Integer> order = SweepJob.order(todo, grid, cost);
    assertEquals(todo.stream().sorted().toList(), order.stream().sorted().toList(), "every point exactly once");
    // 2 lattices x 2 seeds = 4 groups of 3; the first two tasks come from different groups (two data sets at once)
    assertNotEquals(SweepJob.dataKey(grid.get(order.get(0))), SweepJob.dataKey(grid.get(order.get(1))));
    assertEquals(SweepJob.dataKey(grid.get(order.get(0))), SweepJob.dataKey(grid.get(order.get(2))));
    assertTrue(grid.get(order.get(0)).lattice().l() == 6, "the largest lattice first");
    for (int k = 0; k + 2 < 6; k++) {
      assertTrue(cost.seconds(grid.get(order.get(k))) >= cost.seconds(grid.get(order.get(k + 2))),
          "within a group, largest first");
    }
    assertEquals(order, SweepJob.order(todo, grid, cost), "deterministic");
  }
}
