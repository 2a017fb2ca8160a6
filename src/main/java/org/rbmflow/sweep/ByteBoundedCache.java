package org.rbmflow.sweep;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Values that are expensive to compute and determined by their key alone, kept least recently used first within a
 * budget of estimated bytes. Two threads asking for one key at once wait for one computation; a value larger than the
 * whole budget is handed out but not kept. Since a value depends only on its key, the cache never changes a result.
 *
 * @param <K> the key: a record, so that equality is that of its components
 * @param <V> the value
 */
final class ByteBoundedCache<K extends Record, V> {
  private static final Logger LOG = LoggerFactory.getLogger(ByteBoundedCache.class);

  /** A value being computed or computed; {@code bytes} is 0 until it is weighed. */
  private static final class Entry<V> {
    final FutureTask<V> task;
    long bytes;

    Entry(FutureTask<V> task) {
      this.task = task;
    }
  }

  private final String name;
  private final long budgetBytes;
  private final ToLongFunction<V> weigher;
  private final LinkedHashMap<K, Entry<V>> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;
  private long hits;
  private long misses;
  private long evictions;

  /**
   * @param name        what the values are (log lines and statistics)
   * @param budgetBytes most estimated bytes kept, ≥ 0
   * @param weigher     a value's estimated bytes on the heap
   */
  ByteBoundedCache(String name, long budgetBytes, ToLongFunction<V> weigher) {
    if (budgetBytes < 0) {
      throw new IllegalArgumentException(name + ": budget " + budgetBytes + " bytes; expected ≥ 0");
    }
    this.name = name;
    this.budgetBytes = budgetBytes;
    this.weigher = weigher;
  }

  /**
   * The value of {@code key}: the kept one, or the one another thread is computing, or else {@code compute}'s on this
   * thread. A computation that throws is forgotten (the next request tries again) and its exception rethrown.
   */
  V get(K key, Function<K, V> compute) {
    FutureTask<V> task;
    boolean mine = false;
    synchronized (this) {
      Entry<V> e = entries.get(key);
      if (e != null) {
        hits++;
        task = e.task;
      } else {
        misses++;
        task = new FutureTask<>(() -> compute.apply(key));
        entries.put(key, new Entry<>(task));
        mine = true;
        LOG.info("{} cache: miss {} for {}; computing ({} kept, {} of {} MiB)", name, misses, key, entries.size() - 1,
            mib(bytes), mib(budgetBytes));
      }
    }
    if (mine) {
      long t0 = System.nanoTime();
      task.run();
      admit(key, task, (System.nanoTime() - t0) / 1e9);
    }
    try {
      return task.get();
    } catch (ExecutionException e) {
      forget(key, task);
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
      throw new IllegalStateException("interrupted while waiting for the " + name + " of " + key, e);
    }
  }

  /**
   * Weighs a value just computed and makes room for it: the least recently used weighed values go until the kept
   * bytes fit the budget. Values still being computed weigh nothing yet and are never evicted.
   */
  private void admit(K key, FutureTask<V> task, double seconds) {
    V value;
    try {
      value = task.get();
    } catch (ExecutionException | InterruptedException e) {
      return;   // get() above reports it
    }
    long w = weigher.applyAsLong(value);
    synchronized (this) {
      Entry<V> mine = entries.get(key);
      if (mine == null || mine.task != task) {
        return;
      }
      if (w > budgetBytes) {
        entries.remove(key);
        LOG.info("{} cache: computed {} in {} s; {} MiB exceed the budget of {} MiB, not kept", name, key,
            String.format(java.util.Locale.ROOT, "%.1f", seconds), mib(w), mib(budgetBytes));
        return;
      }
      mine.bytes = w;
      bytes += w;
      Iterator<Map.Entry<K, Entry<V>>> it = entries.entrySet().iterator();
      while (bytes > budgetBytes && it.hasNext()) {
        Map.Entry<K, Entry<V>> eldest = it.next();
        if (eldest.getValue() != mine && eldest.getValue().bytes > 0) {
          bytes -= eldest.getValue().bytes;
          evictions++;
          it.remove();
          LOG.info("{} cache: evicted {} ({} MiB)", name, eldest.getKey(), mib(eldest.getValue().bytes));
        }
      }
      LOG.info("{} cache: computed {} in {} s, {} MiB ({} kept, {} of {} MiB)", name, key,
          String.format(java.util.Locale.ROOT, "%.1f", seconds), mib(w), entries.size(), mib(bytes), mib(budgetBytes));
    }
  }

  private synchronized void forget(K key, FutureTask<V> task) {
    Entry<V> e = entries.get(key);
    if (e != null && e.task == task) {
      entries.remove(key);
      bytes -= e.bytes;
    }
  }

  /** The counts so far and what is kept now. */
  synchronized CacheStats stats() {
    return new CacheStats(name, hits, misses, evictions, entries.size(), bytes, budgetBytes);
  }

  /** Drops every kept value (counts stay). */
  synchronized void clear() {
    entries.clear();
    bytes = 0;
  }

  static String mib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f", bytes / 1048576.0);
  }
}
