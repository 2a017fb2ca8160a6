package org.rbmflow.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rbmflow.sweep.CostModel;
import org.rbmflow.sweep.GridPoint;
import org.rbmflow.sweep.SweepSpec;

/** The checks before a sweep, with fixed cost constants and injected resources (no timing, no small JVM). */
class SweepChecksTest {
  static final CostModel MODEL = CostModel.of(new CostModel.Constants(50e-9, 0.3e-9, 10e-9, 100e-9, 0.1e-9, 5e-9,
      0.5e-9, 1e-9, 5e-9, 1e-9, 60e-9));
  static final String SPEC = """
      name: checks
      grid: {l: [4], n_h: [2, 4], n_temp: [5], seeds: 2}
      t_step: 0.5
      configs_per_temp: 64
      training: {epochs: 4, learning_rate: 0.02, batch_size: 32}
      flow: {starts: [T=min, T=max], ensemble: 64, max_steps: 60, window: 10, tolerance: 0.01}
      analysis: {calibration_step: 0.25, calibration_max_t: 3, calibration_configs: 40, classifier_step: 0}
      """;
  static final long MIB = 1024 * 1024;

  static List<String> problems(String spec, SweepChecks.Resources r, boolean yes) throws Exception {
    List<GridPoint> grid = SweepSpec.parse(spec, "t.yaml").grid();
    return SweepChecks.problems(grid, MODEL, MODEL.plan(grid, List.of()), r, "jobs/t.yaml", yes);
  }

  @Test
  void aTinySweepPasses() throws Exception {
    assertEquals(List.of(), problems(SPEC, new SweepChecks.Resources(true, 2, 1024 * MIB, "heap"), false));
  }

  @Test
  void aTaskAboveItsHeapIsRefusedWithTheFix() throws Exception {
    List<String> local = problems(SPEC, new SweepChecks.Resources(true, 2, 16 * 1024, "max heap 32 KiB ÷ 2 cores"),
        true);
    assertEquals(1, local.size(), local.toString());
    assertTrue(local.get(0).contains("a task gets 0.0 MiB here (max heap 32 KiB ÷ 2 cores)")
        && local.get(0).contains("JAVA_OPTS=-Xmx1g submit/rbmflow sweep jobs/t.yaml"), local.get(0));
    List<String> cluster = problems(SPEC, new SweepChecks.Resources(false, 4, 16 * 1024, "spark.executor.memory"),
        true);
    assertTrue(cluster.get(0).contains("set spark.executor.memory to at least 1g for 4 cores"), cluster.get(0));
  }

  @Test
  void aLongLocalSweepNeedsYes() throws Exception {
    String huge = SPEC.replace("epochs: 4", "epochs: 100000").replace("n_h: [2, 4]", "n_h: [128, 256]")
        .replace("l: [4]", "l: [16]").replace("configs_per_temp: 64", "configs_per_temp: 1000");
    SweepChecks.Resources local = new SweepChecks.Resources(true, 2, 8192 * MIB, "heap");
    List<String> refused = problems(huge, local, false);
    assertEquals(1, refused.size(), refused.toString());
    assertTrue(refused.get(0).contains("core-hours") && refused.get(0).contains("--yes")
        && refused.get(0).contains("submit/cluster --master spark://HOST:7077 sweep jobs/t.yaml --out hdfs://"),
        refused.get(0));
    assertEquals(List.of(), problems(huge, local, true), "--yes runs it");
    assertEquals(List.of(), problems(huge, new SweepChecks.Resources(false, 2, 8192 * MIB, "executor"), false),
        "a cluster is not limited");
  }

  @Test
  void theMasterDecidesTheResources() {
    String master = System.getProperty("spark.master");
    try {
      System.setProperty("spark.master", "local[2]");
      SweepChecks.Resources r = SweepChecks.detect();
      assertTrue(r.local() && r.cores() == 2 && r.taskHeap() == Runtime.getRuntime().maxMemory() / 2, r.toString());
      System.setProperty("spark.master", "spark://h:7077");
      System.setProperty("spark.executor.memory", "4g");
      System.setProperty("spark.executor.cores", "2");
      r = SweepChecks.detect();
      assertTrue(!r.local() && r.cores() == 2 && r.taskHeap() == 2048 * MIB, r.toString());
    } finally {
      System.clearProperty("spark.executor.memory");
      System.clearProperty("spark.executor.cores");
      if (master == null) {
        System.clearProperty("spark.master");
      } else {
        System.setProperty("spark.master", master);
      }
    }
  }
}
