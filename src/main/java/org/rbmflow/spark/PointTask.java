package org.rbmflow.spark;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.rbmflow.sweep.GridPoint;

/**
 * What a sweep's task receives: its grid point, how long it may run ({@code limitSeconds}, wall clock; +∞ for no
 * limit), computed on the driver from the spec's {@code limits} and the point's cost estimate, and the estimates
 * (seconds, by point id) of the rows it writes: the point's and its checkpoints'. Only these travel with the task: a
 * closure holding the whole grid's estimates is deserialised by every task, O(grid) each, which at 10⁵ points cost
 * more than the points.
 */
record PointTask(GridPoint point, double limitSeconds, HashMap<String, Double> estimates) implements Serializable {
  PointTask {
    estimates = new HashMap<>(estimates);
  }

  /** The task of {@code point} with the estimates of its own row and its checkpoints' rows taken from {@code all}. */
  static PointTask of(GridPoint point, double limitSeconds, int[] checkpoints, Map<String, Double> all) {
    HashMap<String, Double> mine = new HashMap<>();
    mine.put(point.pointId(), all.getOrDefault(point.pointId(), Double.NaN));
    for (int e : checkpoints) {
      String id = point.withEpochs(e).pointId();
      mine.put(id, all.getOrDefault(id, Double.NaN));
    }
    return new PointTask(point, limitSeconds, mine);
  }
}
