package org.rbmflow;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * Test helper for checks that need a program outside the JDK (Python with Jupyter's packages, Chromium): without it
 * the test is skipped with the reason printed on stderr, and fails instead when {@code CI} is set, because
 * {@code .ci/run} installs everything these tests need.
 */
public final class Prerequisites {
  private Prerequisites() {}

  /** Skips the calling test (or fails it under CI) with {@code reason}. */
  public static void missing(String test, String reason) {
    String msg = test + ": " + reason;
    System.err.println("SKIPPED " + msg);
    if (System.getenv("CI") != null) {
      fail(msg + " (CI is set, and .ci/run installs it)");
    }
    Assumptions.abort(msg);
  }
}
