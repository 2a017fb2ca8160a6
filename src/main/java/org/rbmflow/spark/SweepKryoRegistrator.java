package org.rbmflow.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.apache.spark.serializer.KryoRegistrator;
import org.rbmflow.common.PointStatus;
import org.rbmflow.sweep.GridPoint;
import org.rbmflow.sweep.PointResult;

/**
 * Kryo registration for everything a sweep sends over the wire: the grid points going out, and the small per-point
 * outcomes coming back (the result rows themselves are written by the tasks, never shipped).
 *
 * <p>A {@link GridPoint} and the records it holds go through Java serialization: Kryo's field serializer cannot set
 * the final fields of a record, while Java serialization rebuilds a record through its canonical constructor, so the
 * point's checks run again on the executor. Its doubles travel as their bits, so the point, its id and its random
 * streams are those of the driver's grid.
 */
public final class SweepKryoRegistrator implements KryoRegistrator {
  @Override
  public void registerClasses(Kryo kryo) {
    kryo.register(GridPoint.class, new JavaSerializer());
    kryo.register(PointTask.class, new JavaSerializer());
    kryo.register(PointOutcome.class);
    kryo.register(PointStatus.class);
    kryo.register(PointOutcome[].class);
    kryo.register(Integer.class);
    kryo.register(Integer[].class);
    kryo.register(int[].class);
    kryo.register(String.class);
    kryo.register(Object[].class);
  }
}
