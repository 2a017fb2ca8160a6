package org.rbmflow.common;

/**
 * Outcome of a grid point, from the point runner to the tables ({@code points.status}): OK (the flows met at a
 * fixed point), NOT_CONVERGED (they did not, within the flow's steps or tolerance), FAILED (the point threw; the row
 * carries the reason and a rerun retries it), TIMEOUT (the point ran past its time limit; the row names the stage and
 * the elapsed time, and a rerun retries it like a FAILED one).
 */
public enum PointStatus {
  OK, NOT_CONVERGED, FAILED, TIMEOUT;

  /** Whether a rerun runs the point again (unless told to keep such points). */
  public boolean retried() {
    return this == FAILED || this == TIMEOUT;
  }
}
