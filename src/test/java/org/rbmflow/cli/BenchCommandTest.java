package org.rbmflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code rbmflow bench}: the benchmarks are reachable by name, and each prints the one line of key=value pairs that
 * {@code submit/bench} parses. (cd1 and gemm, which warm up for seconds, are run by LinalgTest.)
 */
class BenchCommandTest {
  private static final String NUMBER = "[0-9]+(\\.[0-9]+)?";

  private static String line(CliRun r, String prefix) {
    assertEquals(0, r.code(), r.err());
    String out = r.out().strip();
    assertTrue(out.startsWith(prefix + " ") && !out.contains("\n"), out);
    return out;
  }

  @Test
  void withoutABenchmarkAllAreNamed() {
    CliRun r = CliRun.run("bench");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("a benchmark is required: mc, dataset, cd1, gemm, train, costmodel or flow"), r.err());
  }

  @Test
  void mcPrintsItsLine() {
    String out = line(CliRun.run("bench", "mc", "--l", "4", "--replicas", "70", "--sweeps", "3", "--T", "2.5"),
        "rbmflow-mc");
    assertTrue(Pattern.matches("rbmflow-mc L=4 replicas=70 sweeps=3 T=2.5 seconds=" + NUMBER + " flips_per_ns="
        + NUMBER + " energy_per_spin=-?" + NUMBER, out), out);
  }

  @Test
  void datasetHoldsEveryConfiguration() {
    String out = line(CliRun.run("bench", "dataset", "--l", "4", "--n-temp", "3", "--t-step", "1", "--configs", "20",
        "--therm-sweeps", "20", "--probe-sweeps", "100", "--threads", "1"), "rbmflow-dataset");
    assertTrue(Pattern.matches("rbmflow-dataset L=4 n_temp=3 configs=20 threads=1 seconds=" + NUMBER
        + " configs_held=60 spin_mib=" + NUMBER + " heap_used_mib=" + NUMBER + " heap_max_mib=" + NUMBER, out), out);
  }

  @Test
  void trainReportsItsBackendAndHeap() {
    CliRun r = CliRun.run("bench", "train", "--l", "4", "--n-temp", "2", "--t-step", "1", "--configs", "50",
        "--therm-sweeps", "20", "--probe-sweeps", "100", "--threads", "1", "--n-h", "3", "--epochs", "1");
    String out = line(r, "rbmflow-train");
    assertTrue(Pattern.matches("rbmflow-train L=4 n_v=16 n_h=3 n_temp=2 configs=50 epochs=1 backend=[a-z-]+ mc_seconds="
        + NUMBER + " train_seconds=" + NUMBER + " configs_held=100 heap_used_mib=" + NUMBER + " heap_peak_mib="
        + NUMBER + " heap_max_mib=" + NUMBER + " vector_api=(on|off)", out), out);
    assertTrue(r.err().contains("rbmflow bench: Vector API: "), r.err());
  }
}
