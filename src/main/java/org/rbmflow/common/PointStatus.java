package org.rbmflow.common;

/**
 * Outcome of a grid point, from the point runner to the tables ({@code points.status}): OK (the flows met at a
 * fixed point), NOT_CONVERGED (they did not, within the flow's steps or tolerance), FAILED (the point threw; the row
 * carries the reason and a rerun retries it).
 */
public enum PointStatus { OK, NOT_CONVERGED, FAILED }
