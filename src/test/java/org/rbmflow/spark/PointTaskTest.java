package org.rbmflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rbmflow.sweep.GridPoint;
import org.rbmflow.sweep.SweepSpec;

/** A task carries its own point's estimates, not the grid's: its size does not grow with the grid. */
class PointTaskTest {
  private static final String SPEC = """
      name: tasks
      dim: 2
      grid: {l: [4], n_h: [1, 2], n_temp: [2, 3], seeds: 500}
      t_step: 0.5
      configs_per_temp: 10
      training: {epochs: 4, learning_rate: 0.01, batch_size: 10, checkpoints: [1, 2]}
      """;

  @Test
  void aTaskHoldsTheEstimatesOfItsRowsOnly() throws Exception {
    SweepSpec spec = SweepSpec.parse(SPEC, "tasks.yaml");
    List<GridPoint> grid = spec.grid();
    Map<String, Double> all = new HashMap<>();
    for (int i = 0; i < grid.size(); i++) {
      GridPoint p = grid.get(i);
      all.put(p.pointId(), 1.0 + i);
      all.put(p.withEpochs(1).pointId(), 0.25 + i);
      all.put(p.withEpochs(2).pointId(), 0.5 + i);
    }
    int[] checkpoints = spec.checkpoints().stream().mapToInt(Integer::intValue).toArray();
    assertEquals(2, checkpoints.length);
    GridPoint p = grid.get(17);
    PointTask t = PointTask.of(p, 60, checkpoints, all);
    assertEquals(Map.of(p.pointId(), 18.0, p.withEpochs(1).pointId(), 17.25, p.withEpochs(2).pointId(), 17.5),
        t.estimates());
    assertEquals(60, t.limitSeconds());
    assertTrue(serializedBytes(t) < 4096, "a task is a few kB whatever the grid: " + serializedBytes(t));
    // a point without an estimate gets NaN (no limit from a multiple of it)
    assertTrue(PointTask.of(p, 60, checkpoints, Map.of()).estimates().get(p.pointId()).isNaN());
  }

  private static int serializedBytes(Object o) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(b)) {
      out.writeObject(o);
    }
    return b.size();
  }
}
