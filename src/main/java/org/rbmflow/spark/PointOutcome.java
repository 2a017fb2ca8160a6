package org.rbmflow.spark;

import java.io.Serializable;
import org.rbmflow.common.PointStatus;

/**
 * What a sweep task reports back to the driver about its point (the rows themselves are committed by the task).
 * A plain mutable bean so that Kryo's field serializer handles it without Java serialization.
 */
public final class PointOutcome implements Serializable {
  private static final long serialVersionUID = 1L;

  public String pointId;
  public PointStatus status;
  public String error;
  /** Wall time of the point's computation (PointRunner), seconds. */
  public double seconds;
  /** Wall time of writing and committing its rows, seconds. */
  public double commitSeconds;

  public PointOutcome() {}

  public PointOutcome(String pointId, PointStatus status, String error, double seconds, double commitSeconds) {
    this.pointId = pointId;
    this.status = status;
    this.error = error;
    this.seconds = seconds;
    this.commitSeconds = commitSeconds;
  }
}
