package org.rbmflow.spark;

import java.io.Serializable;
import org.rbmflow.sweep.GridPoint;

/**
 * What a sweep's task receives: its grid point and how long it may run ({@code limitSeconds}, wall clock; +∞ for no
 * limit), computed on the driver from the spec's {@code limits} and the point's cost estimate.
 */
record PointTask(GridPoint point, double limitSeconds) implements Serializable {}
