package org.rbmflow.sweep;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.rbmflow.ising.DatasetGenerator;
import org.rbmflow.ising.IsingDataset;

/**
 * The Monte Carlo training data of recent grid points, shared per JVM. Every N_h of one (lattice, N_temp, fields,
 * seed, configurations, schedule) trains on the same addressable data (DESIGN §3), and the grid puts those points
 * next to each other, so an executor generates a data set once for all of them. At most {@value #CAPACITY} data
 * sets are kept (least recently used dropped; a bit-packed set of 700 temperatures × 1000 configurations of 32² is
 * ≈ 90 MB); two tasks asking for the same set at once wait for one generation. The data depend only on the key, so
 * the cache never changes a result.
 */
final class TrainingDataCache {
  static final int CAPACITY = 2;

  private static final Map<String, FutureTask<IsingDataset>> SETS = new LinkedHashMap<>(8, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, FutureTask<IsingDataset>> eldest) {
      return size() > CAPACITY;
    }
  };

  private TrainingDataCache() {}

  /** The training data of {@code p}, generated with {@code threads} threads unless cached. */
  static IsingDataset get(GridPoint p, int threads) {
    String key = p.lattice() + "|" + java.util.Arrays.toString(p.temperatures()) + "|"
        + java.util.Arrays.toString(p.fields()) + "|" + p.seed() + "|" + p.configsPerTemp() + "|" + p.mc();
    FutureTask<IsingDataset> task;
    boolean mine = false;
    synchronized (SETS) {
      task = SETS.get(key);
      if (task == null) {
        task = new FutureTask<>(() -> DatasetGenerator.generate(p.lattice(), p.temperatures(), p.fields(), p.seed(),
            p.configsPerTemp(), p.mc(), threads, null));
        SETS.put(key, task);
        mine = true;
      }
    }
    if (mine) {
      task.run();
    }
    try {
      return task.get();
    } catch (ExecutionException e) {
      synchronized (SETS) {
        SETS.remove(key, task);
      }
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Monte Carlo data", e);
    }
  }

  /** Drops every cached set (tests). */
  static void clear() {
    synchronized (SETS) {
      SETS.clear();
    }
  }
}
