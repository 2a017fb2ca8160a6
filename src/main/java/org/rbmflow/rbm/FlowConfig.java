package org.rbmflow.rbm;

import java.io.Serializable;
import java.util.List;
import org.rbmflow.common.Checks;
import org.rbmflow.common.InvalidValueException;

/**
 * How flows run and when they count as converged (DESIGN §2).
 *
 * @param starts    the start ensembles, ≥ 1, distinct
 * @param ensemble  configurations per flow ensemble, 2…100 000
 * @param maxSteps  v→h→v steps at most, ≥ 2·window
 * @param window    steps per window of the fixed-point test, 1…100 000
 * @param tolerance the fixed-point test's absolute energy tolerance per spin, ≥ 0
 */
public record FlowConfig(List<FlowStart> starts, int ensemble, int maxSteps, int window, double tolerance)
    implements Serializable {
  public FlowConfig {
    if (starts == null || starts.isEmpty()) {
      throw new InvalidValueException("flow_starts", "[]", "at least one of data, random, T=<value>");
    }
    starts = List.copyOf(starts);
    if (starts.stream().map(FlowStart::label).distinct().count() != starts.size()) {
      throw new InvalidValueException("flow_starts", starts.stream().map(FlowStart::label).toList(), "distinct starts");
    }
    Checks.inRange("flow_ensemble", ensemble, 2, 100_000);
    Checks.inRange("flow_window", window, 1, 100_000);
    if (maxSteps < 2 * window || maxSteps > 10_000_000) {
      throw new InvalidValueException("flow_steps", maxSteps, "an integer in [2·flow_window = " + 2 * window + ", 10000000]");
    }
    Checks.finiteInRange("flow_tolerance", tolerance, 0, 10);
  }
}
