package org.rbmflow.service;

import java.io.IOException;
import org.rbmflow.spark.CommittedPoints;
import org.rbmflow.spark.OutputLock;
import org.rbmflow.spark.Ownership;
import org.rbmflow.spark.SweepOutput;

/**
 * Checks that a command's input is an existing output of rbmflow with a {@code points} table (a sweep's, or
 * {@code rbmflow point --out}'s), and takes its lock for the commands that write into it.
 */
public final class SweepDirectory {
  private SweepDirectory() {}

  /**
   * The output at {@code location}, or a {@link InputException} naming {@code option} when it is not an rbmflow
   * output directory with committed points.
   */
  public static SweepOutput existing(String option, String location) {
    SweepOutput out;
    try {
      out = SweepOutput.at(location);
    } catch (IllegalArgumentException e) {
      throw new InputException(option + ": " + e.getMessage());
    }
    try {
      if (!out.exists()) {
        throw new InputException(option + ": '" + location + "' does not exist; expected the output directory of a sweep");
      }
      if (CommittedPoints.list(out.root(), out.conf()).isEmpty()) {
        throw new InputException(option + ": '" + location + "' has no points table (no committed point); expected "
            + "the output directory of a sweep (run `rbmflow sweep JOB.yaml --out " + location + "` first)");
      }
      Ownership.State s = Ownership.inspect(out.root(), out.conf());
      if (s.owner() != Ownership.Kind.SWEEP && s.owner() != Ownership.Kind.POINT) {
        throw new InputException(option + ": '" + location + "' is not an output of `rbmflow sweep` or `rbmflow point`"
            + (s.owner() == null ? " (no rbmflow marker)" : " (it holds the output of `rbmflow " + s.owner().command()
            + "`)") + "; expected the output directory of a sweep");
      }
    } catch (IOException e) {
      throw new InputException(option + ": '" + location + "' cannot be read: " + e.getMessage());
    }
    return out;
  }

  /** The lock of {@code out} for {@code command}, or a {@link InputException} naming the holder. */
  public static OutputLock lock(String option, SweepOutput out, String command) throws IOException {
    try {
      return out.lock(command);
    } catch (OutputLock.HeldException e) {
      throw new InputException(option + ": " + e.getMessage());
    }
  }
}
