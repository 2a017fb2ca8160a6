package org.rbmflow.spark;

import com.esotericsoftware.kryo.Kryo;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Kryo registration for everything a sweep sends over the wire: the grid-point indices going out, and the small
 * per-point outcomes coming back (the result rows themselves are written by the tasks, never shipped).
 */
public final class SweepKryoRegistrator implements KryoRegistrator {
  @Override
  public void registerClasses(Kryo kryo) {
    kryo.register(PointOutcome.class);
    kryo.register(PointOutcome[].class);
    kryo.register(Integer.class);
    kryo.register(Integer[].class);
    kryo.register(int[].class);
    kryo.register(String.class);
    kryo.register(Object[].class);
  }
}
