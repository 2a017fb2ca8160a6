package org.rbmflow.sweep;

/**
 * What a running point reports as it goes ({@link PointRunner}): its stages, the training's epochs and the flows'
 * steps. Called on the point's thread; an implementation decides how often to show anything.
 */
public interface PointProgress {
  /** Reports nothing. */
  PointProgress NONE = new PointProgress() {};

  /** A stage begins: "Monte Carlo", "training", "flows", "spectrum". */
  default void stage(String name) {}

  /** {@code done} of {@code total} training epochs are done. */
  default void epoch(int done, int total) {}

  /** Flow {@code index} (0-based, of {@code flows}) from {@code start} is at {@code step} of at most {@code maxSteps}. */
  default void flowStep(int index, int flows, String start, int step, int maxSteps) {}
}
