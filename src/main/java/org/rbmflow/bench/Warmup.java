package org.rbmflow.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/** Warm-up of a benchmark before its clock starts, long enough that the measured code is the JIT's final code. */
public final class Warmup {
  /** Minimum warm-up, nanoseconds. */
  public static final long MIN_NANOS = 3_000_000_000L;
  /** Maximum warm-up, nanoseconds: the JIT may never fall quiet on a busy machine. */
  public static final long MAX_NANOS = 30_000_000_000L;

  private Warmup() {}

  /**
   * Runs {@code work} until at least {@link #MIN_NANOS} have passed and the JIT finished no compilation during the
   * last run (so that the measured code is C2's, which matters most for java-vector: the Vector API is slow until C2
   * compiles it, and on a busy machine that takes longer than any fixed time), at most {@link #MAX_NANOS}. Without
   * compilation-time monitoring, the minimum time only.
   */
  public static void untilJitQuiet(Runnable work) {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    boolean monitored = jit != null && jit.isCompilationTimeMonitoringSupported();
    long start = System.nanoTime();
    boolean compiled;
    do {
      long before = monitored ? jit.getTotalCompilationTime() : 0;
      work.run();
      compiled = monitored && jit.getTotalCompilationTime() != before;
    } while (System.nanoTime() - start < MAX_NANOS && (System.nanoTime() - start < MIN_NANOS || compiled));
  }
}
