package org.rbmflow.service;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.rbmflow.sweep.CostModel;
import org.rbmflow.sweep.GridPoint;
import org.rbmflow.sweep.PointProgress;

/**
 * The progress of {@code rbmflow point} on stderr: the stage, the epoch of training or the flow's step, elapsed time
 * and ETA, at most one line every {@link #INTERVAL_SECONDS} seconds.
 *
 * <p>ETA = what is left of the current stage at its measured pace + the cost model's estimate of the work after it,
 * scaled by actual ÷ estimated of the stages done so far (the machine's speed today).
 */
final class PointEta implements PointProgress {
  static final double INTERVAL_SECONDS = 5;
  private final CostModel.Estimate estimate;
  private final int epochs;
  private final int evaluations;
  private final double expectedSteps;
  private final PrintWriter out;
  private final LongSupplier clock;
  private final long start;
  private long lastLine;
  private long stageStart;
  private double doneEstimate;
  private String stage = "";
  private int stageFirstEpoch = -1;
  private int evaluationsDone;

  /**
   * @param p           the point
   * @param estimate    its estimate, stage by stage
   * @param evaluations how many times its RBM is evaluated (checkpoints + 1)
   * @param clock       nanoseconds
   */
  PointEta(GridPoint p, CostModel.Estimate estimate, int evaluations, PrintWriter out, LongSupplier clock) {
    this.estimate = estimate;
    this.epochs = p.training().epochs();
    this.evaluations = evaluations;
    this.expectedSteps = CostModel.expectedSteps(p.flow().maxSteps(), p.flow().window());
    this.out = out;
    this.clock = clock;
    this.start = clock.getAsLong();
    this.lastLine = start;
    this.stageStart = start;
  }

  @Override
  public void stage(String name) {
    doneEstimate += switch (stage) {
      case "Monte Carlo" -> estimate.monteCarlo();
      case "flows" -> estimate.flows() + (evaluationsDone == 1 ? estimate.calibration() + estimate.classifier() : 0);
      case "spectrum" -> estimate.spectrum();
      default -> 0;
    };
    if (name.equals("flows")) {
      evaluationsDone++;
    }
    stage = name;
    stageStart = clock.getAsLong();
    stageFirstEpoch = -1;
  }

  @Override
  public void epoch(int done, int total) {
    if (stageFirstEpoch < 0) {
      stageFirstEpoch = done - 1;
    }
    double pace = seconds(clock.getAsLong() - stageStart) / (done - stageFirstEpoch);
    double after = (evaluations - evaluationsDone) * (estimate.flows() + estimate.spectrum())
        + (evaluationsDone == 0 ? estimate.calibration() + estimate.classifier() : 0);
    report(String.format(Locale.ROOT, "training epoch %d/%d", done, total), pace * (epochs - done) + scaled(after));
  }

  @Override
  public void flowStep(int index, int flows, String from, int step, int maxSteps) {
    double fraction = Math.min(1, (index + Math.min(1, step / Math.max(expectedSteps, step + 1.0))) / flows);
    double elapsed = seconds(clock.getAsLong() - stageStart);
    double flowsLeft = fraction > 0 && elapsed > 0 ? elapsed * (1 - fraction) / fraction : scaled(estimate.flows());
    double after = estimate.spectrum() + (evaluations - evaluationsDone) * (estimate.flows() + estimate.spectrum());
    report(String.format(Locale.ROOT, "flow %d/%d from %s, step %d (at most %d)", index + 1, flows, from, step,
        maxSteps), flowsLeft + scaled(after));
  }

  /** The model's {@code seconds}, scaled by actual ÷ estimated of the stages done so far. */
  private double scaled(double seconds) {
    double elapsed = seconds(stageStart - start);
    return doneEstimate > 0 && elapsed > 0 ? seconds * elapsed / doneEstimate : seconds;
  }

  private void report(String what, double eta) {
    long now = clock.getAsLong();
    if (seconds(now - lastLine) < INTERVAL_SECONDS) {
      return;
    }
    lastLine = now;
    out.printf(Locale.ROOT, "point: %s, elapsed %.0f s, ETA %.0f s%n", what, seconds(now - start), Math.max(0, eta));
    out.flush();
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
