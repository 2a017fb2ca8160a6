package org.rbmflow.bench.driver;

/** A run that failed or printed no result: the driver stops with exit status 1. */
final class BenchFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The last lines of the failed program's stderr, empty when there is none. */
  final String stderrTail;

  BenchFailure(String message, String stderrTail) {
    super(message);
    this.stderrTail = stderrTail;
  }

  BenchFailure(String message) {
    this(message, "");
  }
}
