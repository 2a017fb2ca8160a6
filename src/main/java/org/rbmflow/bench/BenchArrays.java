package org.rbmflow.bench;

import java.lang.management.ManagementFactory;
import org.rbmflow.random.Xoshiro256PlusPlus;

/** Helpers of the epoch and flow benchmarks: random ±1 inputs, the best of timed runs, the thread's allocations. */
final class BenchArrays {
  private BenchArrays() {}

  /** {@code n} floats, each +1 or −1 with probability ½. */
  static float[] signs(int n, Xoshiro256PlusPlus rng) {
    float[] a = new float[n];
    for (int k = 0; k < n; k++) {
      a[k] = rng.nextLong() < 0 ? -1f : 1f;
    }
    return a;
  }

  /** Heap bytes the calling thread has allocated so far (0 where the JVM does not count them). */
  static long allocatedBytes() {
    return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
        ? t.getCurrentThreadAllocatedBytes() : 0;
  }

  /** Best wall seconds of {@code runs} runs of {@code work} after one untimed run. */
  static double bestOf(int runs, Runnable work) {
    work.run();
    double best = Double.POSITIVE_INFINITY;
    for (int k = 0; k < runs; k++) {
      long t = System.nanoTime();
      work.run();
      best = Math.min(best, (System.nanoTime() - t) / 1e9);
    }
    return best;
  }
}
