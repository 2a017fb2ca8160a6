package org.rbmflow.sweep;

import java.io.Serializable;

/**
 * The spec's {@code limits} section: how long one grid point may run, in wall-clock seconds — either an absolute
 * {@code point_timeout: 600} or a multiple of the point's cost estimate, {@code point_timeout: 3x}. A point past its
 * limit ends as a TIMEOUT row (the stage it was in and the time it had taken) and the sweep goes on. The limit bounds
 * the run, it does not change a result: it is not part of the spec's fingerprint or of any point id.
 *
 * @param seconds absolute limit in seconds, or NaN
 * @param factor  limit as a multiple of the point's estimated seconds, or NaN (at most one of the two is set)
 */
public record Limits(double seconds, double factor) implements Serializable {
  /** No limit. */
  public static final Limits NONE = new Limits(Double.NaN, Double.NaN);
  /** Largest absolute limit accepted: about 115 days. */
  public static final double MAX_SECONDS = 1e7;
  /** Largest multiple of the estimate accepted. */
  public static final double MAX_FACTOR = 1000;

  public Limits {
    if (!Double.isNaN(seconds) && !Double.isNaN(factor)) {
      throw new IllegalArgumentException("limits: an absolute point_timeout or a multiple, not both");
    }
    if (!Double.isNaN(seconds) && !(seconds > 0 && seconds <= MAX_SECONDS)) {
      throw new IllegalArgumentException("limits.point_timeout: " + seconds + " s; allowed (0, " + MAX_SECONDS + "]");
    }
    if (!Double.isNaN(factor) && !(factor > 0 && factor <= MAX_FACTOR)) {
      throw new IllegalArgumentException("limits.point_timeout: " + factor + "x; allowed (0, " + MAX_FACTOR + "]x");
    }
  }

  /** Whether a point has a limit at all. */
  public boolean bounded() {
    return !Double.isNaN(seconds) || !Double.isNaN(factor);
  }

  /** The limit in seconds of a point estimated to take {@code estimateSeconds}; +∞ when unbounded. */
  public double secondsFor(double estimateSeconds) {
    if (!Double.isNaN(seconds)) {
      return seconds;
    }
    return Double.isNaN(factor) ? Double.POSITIVE_INFINITY : factor * estimateSeconds;
  }

  /** The YAML value: {@code 600} or {@code "3x"}; null when unbounded. */
  public Object yaml() {
    if (!Double.isNaN(seconds)) {
      return seconds;
    }
    return Double.isNaN(factor) ? null : factor + "x";
  }
}
