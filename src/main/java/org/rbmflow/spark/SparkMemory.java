package org.rbmflow.spark;

import org.apache.spark.network.util.JavaUtils;

/** Spark's memory settings read as Spark reads them ({@code 512m}, {@code 2g}; a bare number is MiB). */
public final class SparkMemory {
  private SparkMemory() {}

  /** Bytes of a memory setting such as {@code spark.executor.memory}, rounded down to whole MiB. */
  public static long bytes(String setting) {
    return JavaUtils.byteStringAsMb(setting) * 1024L * 1024L;
  }
}
