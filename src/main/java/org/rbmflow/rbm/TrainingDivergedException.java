package org.rbmflow.rbm;

/** Training produced non-finite parameters; names the epoch so the run can be reported as FAILED with a reason. */
public final class TrainingDivergedException extends RuntimeException {
  private final int epoch;

  public TrainingDivergedException(int epoch, String detail) {
    super("training diverged at epoch " + epoch + ": " + detail);
    this.epoch = epoch;
  }

  public int epoch() {
    return epoch;
  }
}
