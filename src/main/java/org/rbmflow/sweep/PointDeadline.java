package org.rbmflow.sweep;

import java.util.function.LongSupplier;

/**
 * The wall-clock limit of one grid point while it runs: {@link #check} is called at the stage boundaries and inside
 * the long loops (every training epoch, every flow step) and ends the point with a {@link PointTimeoutException}
 * once the limit has passed. Checking reads the clock only: it never changes what the point computes.
 */
final class PointDeadline {
  private final LongSupplier clock;
  private final long start;
  private final double limitSeconds;

  /** A deadline {@code limitSeconds} after the first reading of {@code clock} (nanoseconds). */
  PointDeadline(LongSupplier clock, double limitSeconds) {
    this.clock = clock;
    this.start = clock.getAsLong();
    this.limitSeconds = limitSeconds;
  }

  /** A deadline {@code limitSeconds} from now (+∞: none). */
  static PointDeadline in(double limitSeconds) {
    return new PointDeadline(System::nanoTime, limitSeconds);
  }

  double elapsedSeconds() {
    return (clock.getAsLong() - start) / 1e9;
  }

  /** Ends the point if its time is up; {@code stage} says where it was (e.g. "training, epoch 812 of 5000"). */
  void check(String stage) {
    if (Double.isFinite(limitSeconds)) {
      double elapsed = elapsedSeconds();
      if (elapsed > limitSeconds) {
        throw new PointTimeoutException(stage, elapsed, limitSeconds);
      }
    }
  }

  /** As {@link #check(String)} for step {@code step} of {@code of} of a loop; the text is built only on timeout. */
  void check(String stage, int step, int of) {
    if (Double.isFinite(limitSeconds)) {
      double elapsed = elapsedSeconds();
      if (elapsed > limitSeconds) {
        throw new PointTimeoutException(stage + " " + step + " of " + of, elapsed, limitSeconds);
      }
    }
  }

  /** A point past its time limit: where it was, how long it had run, the limit. */
  static final class PointTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PointTimeoutException(String stage, double elapsedSeconds, double limitSeconds) {
      super(String.format(java.util.Locale.ROOT, "TIMEOUT after %.1f s in %s (limit %.1f s)", elapsedSeconds, stage,
          limitSeconds));
    }
  }
}
