package org.rbmflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rbmflow.cli.Main;

/**
 * A real sweep of a few seconds with everything the notebooks and the report draw: two lattices, two N_h, three
 * N_temp (so the power-law fit has its three points), flows, spectra, patterns and the aggregates with fits.
 */
public final class SmallSweep {
  /** 2 lattices × 2 N_h × 3 N_temp × 1 seed = 12 points; fits over N_temp ≥ 3. */
  public static final String SPEC = """
      name: small-sweep
      grid:
        l: [4, 6]
        n_h: [1, 4]
        n_temp: [3, 4, 6]
        seeds: 1
      t_step: 0.5
      configs_per_temp: 32
      monte_carlo: {therm_sweeps: 100, probe_sweeps: 100, max_decor_sweeps: 20}
      training: {epochs: 3, learning_rate: 0.02, batch_size: 32}
      flow: {starts: [T=min, T=max], ensemble: 32, max_steps: 40, window: 10, tolerance: 0.01}
      analysis: {calibration_step: 0.25, calibration_max_t: 3, calibration_configs: 20, classifier_step: 0.5,
                 classifier_configs: 20, classifier_epochs: 1, classifier_every: 10, permutations: 19, alpha: 0.1}
      aggregate: {enabled: true, n_temp_min: 3, best_n_h: squares}
      """;

  private SmallSweep() {}

  /** Runs {@code rbmflow} in-process on embedded Spark ({@code local[2]}) and fails the test unless it exits 0. */
  public static String cli(String... args) {
    String master = System.getProperty("spark.master");
    String ui = System.getProperty("spark.ui.enabled");
    System.setProperty("spark.master", "local[2]");
    System.setProperty("spark.ui.enabled", "false");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
      code = Main.run(args, o, e);
    } finally {
      restore("spark.master", master);
      restore("spark.ui.enabled", ui);
    }
    assertEquals(0, code, "rbmflow " + String.join(" ", args) + "\n" + out + err);
    return out.toString();
  }

  /** The sweep, aggregated, in {@code dir/out}; returns that directory. */
  public static Path run(Path dir) throws IOException {
    Path job = dir.resolve("small.yaml");
    Files.writeString(job, SPEC);
    Path out = dir.resolve("out");
    cli("sweep", job.toString(), "--out", out.toString());
    return out;
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
