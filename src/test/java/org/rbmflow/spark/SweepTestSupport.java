package org.rbmflow.spark;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.rbmflow.sweep.SpecException;
import org.rbmflow.sweep.SweepSpec;

/**
 * Shared pieces of the sweep tests: a tiny spec, Spark sessions, a sweep as the command runs it, and reading tables
 * back without timing columns.
 */
final class SweepTestSupport {
  /** 4 points of a 4×4 torus; seconds each. */
  static final String TINY = """
      name: tiny
      dim: 2
      grid:
        l: [4]
        n_h: [2, 4]
        n_temp: [5]
        seeds: 2
      t_step: 0.5
      configs_per_temp: 64
      monte_carlo: {therm_sweeps: 100, probe_sweeps: 100, max_decor_sweeps: 100}
      training: {epochs: 4, learning_rate: 0.02, batch_size: 32}
      flow: {starts: [T=min, T=max], ensemble: 64, max_steps: 60, window: 10, tolerance: 0.01}
      analysis: {calibration_step: 0.25, calibration_max_t: 3, calibration_configs: 40, classifier_step: 0.5,
                 classifier_configs: 40, classifier_epochs: 2, classifier_every: 10, permutations: 49, alpha: 0.05}
      """;

  private SweepTestSupport() {}

  static SweepSpec tinySpec() throws SpecException {
    return SweepSpec.parse(TINY, "tiny.yaml");
  }

  static SparkSession local(int cores) {
    return SparkSession.builder().master("local[" + cores + "]").appName("rbmflow-test")
        .config("spark.ui.enabled", "false")
        .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
        .config("spark.kryo.registrator", SweepKryoRegistrator.class.getName())
        .config("spark.kryo.registrationRequired", "false")
        .getOrCreate();
  }

  /**
   * A sweep of {@link #TINY} into {@code location} (a plain path or a URI, taken literally) as the command runs it:
   * the output opened and locked, FAILED points retried.
   */
  static SweepJob.Summary sweep(SparkSession spark, SweepSpec spec, String location) throws Exception {
    return sweep(spark, TINY, location);
  }

  /** The sweep of the spec {@code text} into {@code location}. */
  static SweepJob.Summary sweep(SparkSession spark, String text, String location) throws Exception {
    SweepSpec spec = SweepSpec.parse(text, "test.yaml");
    SweepOutput o = SweepOutput.at(location);
    try (OutputLock lock = o.open(spec, false, "sweep test")) {
      return SweepJob.run(spark, spec, o.root(), o.conf(), new PrintWriter(new StringWriter()), true);
    }
  }

  static List<String> rows(SparkSession spark, Path root, String table) {
    return SweepRows.rows(spark, root, table);
  }
}
