package org.rbmflow.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** This JVM's heap as the memory benchmarks report it, in MiB (2^20 bytes). */
final class Heap {
  private static final double MIB = 1048576.0;

  private Heap() {}

  /** Heap in use after a garbage collection: what is still held. */
  static double usedAfterGcMib() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / MIB;
  }

  /** The sum of the heap pools' peak use since the JVM started. */
  static double peakMib() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak / MIB;
  }

  /** The heap's limit (-Xmx). */
  static double maxMib() {
    return Runtime.getRuntime().maxMemory() / MIB;
  }

  static double mib(long bytes) {
    return bytes / MIB;
  }
}
