package org.rbmflow.cli;

import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.rbmflow.spark.SweepOutput;

/** Checks that a command's input is an existing sweep output directory (it has a {@code points} table). */
final class SweepDirectory {
  private SweepDirectory() {}

  /**
   * The output at {@code location}, or a {@link UsageException} naming {@code option} when it is not a sweep's
   * output directory.
   */
  static SweepOutput existing(String option, String location) {
    SweepOutput out;
    try {
      out = SweepOutput.at(location);
    } catch (IllegalArgumentException e) {
      throw new UsageException(option + ": " + e.getMessage());
    }
    try {
      FileSystem fs = out.root().getFileSystem(out.conf());
      if (!fs.exists(out.root())) {
        throw new UsageException(option + ": '" + location + "' does not exist; expected the output directory of a sweep");
      }
      if (!fs.exists(new org.apache.hadoop.fs.Path(out.root(), "points"))) {
        throw new UsageException(option + ": '" + location + "' has no points table; expected the output directory "
            + "of a sweep (run `rbmflow sweep JOB.yaml --out " + location + "` first)");
      }
    } catch (IOException e) {
      throw new UsageException(option + ": '" + location + "' cannot be read: " + e.getMessage());
    }
    return out;
  }
}
