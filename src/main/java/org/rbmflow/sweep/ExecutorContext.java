package org.rbmflow.sweep;

import java.util.List;
import java.util.function.Function;
import org.rbmflow.analysis.EnergyThermometer;
import org.rbmflow.analysis.TemperatureClassifier;
import org.rbmflow.ising.IsingDataset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a JVM that runs grid points keeps between them: the Monte Carlo training data (every N_h of one lattice,
 * N_temp, fields, seed, configurations and schedule trains on the same addressable data, DESIGN §3, and the sweep puts
 * those points next to each other), the thermometers of a lattice (shared by every point of that lattice and seed),
 * and small helpers of the layers above (e.g. the Hadoop configuration of an output). Each kind of value lives in its
 * own cache, bounded in estimated bytes and least recently used first ({@link Budget}); two tasks asking for one
 * value at once wait for one computation. Every value depends only on its key, so the context never changes a result.
 *
 * <p>One per JVM ({@link #jvm()}) where points run (a Spark executor, the {@code point} command); tests make their
 * own. Thread-safe.
 */
public final class ExecutorContext {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorContext.class);

  /** The system property with the fraction of the maximum heap the training data may keep ({@link Budget#of}). */
  public static final String HEAP_FRACTION_PROPERTY = "rbmflow.cache.heapFraction";
  /** The default of {@value #HEAP_FRACTION_PROPERTY}. */
  public static final double DEFAULT_HEAP_FRACTION = 0.25;

  /**
   * The most estimated bytes each cache keeps.
   *
   * @param dataBytes       Monte Carlo training data (bit-packed spins, energies, magnetisations)
   * @param thermometerBytes energy thermometers and temperature classifiers, together
   * @param resourceBytes   helpers of the layers above ({@link #resource})
   */
  public record Budget(long dataBytes, long thermometerBytes, long resourceBytes) {
    /** Estimated bytes of a helper ({@link #resource}) that does not say what it weighs. */
    static final long RESOURCE_BYTES = 1 << 20;

    public Budget {
      if (dataBytes < 0 || thermometerBytes < 0 || resourceBytes < 0) {
        throw new IllegalArgumentException("cache budgets " + dataBytes + ", " + thermometerBytes + ", "
            + resourceBytes + " bytes; expected ≥ 0");
      }
    }

    /**
     * A fraction of the maximum heap {@code maxHeapBytes} for the training data, an eighth of that for the
     * thermometers, and 32 helpers. At the default fraction ¼, an executor of 1 GiB per task keeps two data sets of
     * 700 temperatures × 1000 configurations of 32² (≈ 90 MB each), as the sweep's task order expects.
     */
    public static Budget of(double fraction, long maxHeapBytes) {
      if (!(fraction >= 0 && fraction <= 1)) {
        throw new IllegalArgumentException(HEAP_FRACTION_PROPERTY + " = " + fraction + "; expected 0 ≤ x ≤ 1");
      }
      long data = (long) (fraction * maxHeapBytes);
      return new Budget(data, data / 8, 32 * RESOURCE_BYTES);
    }

    /** {@link #of} with the fraction of {@value #HEAP_FRACTION_PROPERTY} (default ¼) and this JVM's maximum heap. */
    public static Budget fromSystem() {
      String v = System.getProperty(HEAP_FRACTION_PROPERTY);
      double fraction;
      try {
        fraction = v == null ? DEFAULT_HEAP_FRACTION : Double.parseDouble(v.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(HEAP_FRACTION_PROPERTY + " = '" + v + "'; expected a number in [0, 1]", e);
      }
      return of(fraction, Runtime.getRuntime().maxMemory());
    }
  }

  private static volatile ExecutorContext jvm;

  private final Budget budget;
  private final ByteBoundedCache<Thermometers.DataKey, IsingDataset> data;
  private final ByteBoundedCache<Record, Object> thermometers;
  private final ByteBoundedCache<Record, Object> resources;

  /** A context of its own (tests, or a JVM that runs points for more than one purpose). */
  public ExecutorContext(Budget budget) {
    this.budget = budget;
    this.data = new ByteBoundedCache<>("training data", budget.dataBytes(), IsingDataset::estimatedBytes);
    this.thermometers = new ByteBoundedCache<>("thermometers", budget.thermometerBytes(), ExecutorContext::thermometerBytes);
    this.resources = new ByteBoundedCache<>("resources", budget.resourceBytes(), v -> Budget.RESOURCE_BYTES);
  }

  /** This JVM's context, made on first use with {@link Budget#fromSystem()}. */
  public static ExecutorContext jvm() {
    ExecutorContext c = jvm;
    if (c == null) {
      synchronized (ExecutorContext.class) {
        c = jvm;
        if (c == null) {
          c = new ExecutorContext(Budget.fromSystem());
          LOG.info("executor context: budgets {} MiB training data, {} MiB thermometers, {} MiB resources",
              ByteBoundedCache.mib(c.budget.dataBytes()), ByteBoundedCache.mib(c.budget.thermometerBytes()),
              ByteBoundedCache.mib(c.budget.resourceBytes()));
          jvm = c;
        }
      }
    }
    return c;
  }

  public Budget budget() {
    return budget;
  }

  /** The Monte Carlo training data of {@code p}, generated with {@code threads} threads unless kept. */
  public IsingDataset trainingData(GridPoint p, int threads) {
    return data.get(Thermometers.DataKey.of(p), k -> k.generate(threads));
  }

  /** The H = 0 energy thermometer of {@code p}'s lattice: Monte Carlo E(T) on the calibration grid. */
  public EnergyThermometer energyThermometer(GridPoint p) {
    return (EnergyThermometer) thermometers.get(Thermometers.EnergyKey.of(p),
        k -> ((Thermometers.EnergyKey) k).calibrate());
  }

  /** The supervised (T, H) thermometer of {@code p}'s lattice and fields. */
  public TemperatureClassifier classifier(GridPoint p) {
    return (TemperatureClassifier) thermometers.get(Thermometers.ClassifierKey.of(p),
        k -> ((Thermometers.ClassifierKey) k).train());
  }

  /**
   * A helper of the layers above that is costly to build, determines no result and is the same for equal keys (the
   * Hadoop configuration of an output, say); weighed at 1 MiB each.
   *
   * @param key  every input of {@code make}
   * @param type what {@code make} returns
   */
  public <K extends Record, V> V resource(K key, Class<V> type, Function<K, V> make) {
    @SuppressWarnings("unchecked")
    Function<Record, Object> build = k -> make.apply((K) k);
    return type.cast(resources.get(key, build));
  }

  /** What each cache did so far: training data, thermometers, resources. */
  public List<CacheStats> stats() {
    return List.of(data.stats(), thermometers.stats(), resources.stats());
  }

  /** Logs {@link #stats()} on one INFO line. */
  public void logSummary() {
    LOG.info("executor caches: {}", stats());
  }

  private static long thermometerBytes(Object v) {
    if (v instanceof EnergyThermometer e) {
      return e.estimatedBytes();
    }
    return ((TemperatureClassifier) v).estimatedBytes();
  }
}
