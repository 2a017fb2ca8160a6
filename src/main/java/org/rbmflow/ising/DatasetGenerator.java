package org.rbmflow.ising;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import org.rbmflow.common.Checks;

/**
 * Generates an {@link IsingDataset} over a (T, H) grid. Each (T, H) is an independent task with its own
 * addressable stream, so the result is identical for any thread count.
 */
public final class DatasetGenerator {
  private DatasetGenerator() {}

  /** Listener told after each (T, H) finishes (from worker threads). */
  public interface Progress {
    void done(SampleSet set, int finished, int total);
  }

  public static IsingDataset generate(Lattice lattice, double[] temperatures, double[] fields, long seed, int configs,
      McSettings settings, int threads, Progress progress) {
    Checks.inRange("threads", threads, 1, 4096);
    int total = temperatures.length * fields.length;
    double[] ts = new double[temperatures.length];
    double[] hs = new double[fields.length];
    for (int i = 0; i < ts.length; i++) {
      ts[i] = MonteCarlo.canonical(temperatures[i]);
    }
    for (int i = 0; i < hs.length; i++) {
      hs[i] = MonteCarlo.canonical(fields[i]);
    }
    java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      List<Future<SampleSet>> futures = new ArrayList<>(total);
      for (double t : ts) {
        for (double h : hs) {
          futures.add(pool.submit(() -> {
            SampleSet s = MonteCarlo.generate(lattice, t, h, seed, configs, settings);
            if (progress != null) {
              progress.done(s, finished.incrementAndGet(), total);
            }
            return s;
          }));
        }
      }
      List<SampleSet> sets = new ArrayList<>(total);
      for (Future<SampleSet> f : futures) {
        sets.add(f.get());
      }
      return new IsingDataset(lattice, ts, hs, seed, sets);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while generating Monte Carlo data", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(cause);
    } finally {
      pool.shutdownNow();
    }
  }
}
