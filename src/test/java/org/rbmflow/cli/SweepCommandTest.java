package org.rbmflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rbmflow.common.JvmOptions;
import org.rbmflow.spark.CommittedPoints;
import org.rbmflow.spark.OutputLocation;

/** {@code rbmflow sweep} end to end in local mode: summary, resume, spec conflicts, bad input, dry run, driver kill. */
class SweepCommandTest {
  static final String SPEC = """
      name: cli-tiny
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
      analysis: {calibration_step: 0.25, calibration_max_t: 3, calibration_configs: 40, classifier_step: 0,
                 permutations: 49, alpha: 0.05}
      """;


  @BeforeAll
  static void embedded() {
    System.setProperty("spark.master", "local[2]");
    System.setProperty("spark.ui.enabled", "false");
  }

  @AfterAll
  static void clear() {
    System.clearProperty("spark.master");
    System.clearProperty("spark.ui.enabled");
  }


  @Test
  void aSweepAboveTheLocalLimitIsRefusedWithoutYes(@TempDir Path tmp) throws Exception {
    Path job = tmp.resolve("huge.yaml");
    // hundreds of core-hours at any plausible speed: 4 points of 50 000 configurations × 10⁶ epochs, N_v = 256
    Files.writeString(job, SPEC.replace("epochs: 4", "epochs: 1000000").replace("n_h: [2, 4]", "n_h: [128, 256]")
        .replace("l: [4]", "l: [16]").replace("n_temp: [5]", "n_temp: [50]")
        .replace("configs_per_temp: 64", "configs_per_temp: 1000"));
    Path out = tmp.resolve("out");
    CliRun r = CliRun.run("sweep", job.toString(), "--out", out.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("core-hours") && r.err().contains("--yes")
        && r.err().contains("submit/cluster --master spark://HOST:7077 sweep " + job), r.err());
    assertFalse(Files.exists(out), "nothing created");
  }

  @Test
  void sweepsThenResumesThenRefusesAnotherSpec(@TempDir Path tmp) throws Exception {
    Path job = tmp.resolve("job.yaml");
    Files.writeString(job, SPEC);
    Path out = tmp.resolve("out");
    CliRun first = CliRun.run("sweep", job.toString(), "--out", out.toString());
    assertEquals(0, first.code(), first.err());
    assertTrue(first.out().contains("4 points, 0 skipped"), first.out());
    assertTrue(first.out().contains("tables: "), first.out());
    for (String t : List.of("points", "flows", "spectra", "patterns")) {
      assertTrue(Files.isDirectory(out.resolve(t)), t);
    }
    CliRun again = CliRun.run("sweep", job.toString(), "--out", out.toString());
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().contains("4 skipped (already committed), 0 run"), again.out());

    Path other = tmp.resolve("other.yaml");
    Files.writeString(other, SPEC.replace("epochs: 4", "epochs: 3"));
    CliRun refused = CliRun.run("sweep", other.toString(), "--out", out.toString());
    assertEquals(2, refused.code(), refused.err());
    assertTrue(refused.err().contains("--out") && refused.err().contains("different spec"), refused.err());
    CliRun overwritten = CliRun.run("sweep", other.toString(), "--out", out.toString(), "--overwrite");
    assertEquals(0, overwritten.code(), overwritten.err());
    assertTrue(overwritten.out().contains("0 skipped"), overwritten.out());
  }

  @Test
  void badSpecsExitTwoAndCreateNothing(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("never");
    Path job = tmp.resolve("bad.yaml");
    Files.writeString(job, SPEC.replace("n_h: [2, 4]", "n_h: [2, 400]").replace("epochs: 4", "epochs: -1"));
    CliRun r = CliRun.run("sweep", job.toString(), "--out", out.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("grid.n_h"), r.err());
    assertTrue(r.err().contains("training.epochs"), r.err());
    assertFalse(Files.exists(out));
    CliRun missing = CliRun.run("sweep", tmp.resolve("nope.yaml").toString(), "--out", out.toString());
    assertEquals(2, missing.code(), missing.err());
    assertTrue(missing.err().contains("JOB.yaml"), missing.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void dryRunEstimatesAndCreatesNothing(@TempDir Path tmp) throws Exception {
    Path job = tmp.resolve("job.yaml");
    Files.writeString(job, SPEC);
    Path out = tmp.resolve("dry");
    CliRun r = CliRun.run("sweep", job.toString(), "--out", out.toString(), "--dry-run");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("4 grid points"), r.out());
    assertTrue(r.out().contains("core-hours"), r.out());
    assertTrue(r.out().contains("memory per task"), r.out());
    assertFalse(Files.exists(out));
  }

  /**
   * Kill the driver (a separate JVM, local[1]) once some points are committed; the rerun computes only the rest,
   * and the tables equal those of an uninterrupted run.
   */
  @Test
  void killedDriverResumes(@TempDir Path tmp) throws Exception {
    String spec = SPEC.replace("seeds: 2", "seeds: 4").replace("epochs: 4", "epochs: 40");
    Path job = tmp.resolve("job.yaml");
    Files.writeString(job, spec);
    Path killed = tmp.resolve("killed");
    Process driver = driver(tmp, job, killed, "local[1]");
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(killed.toUri());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    int committed = 0;
    while (System.nanoTime() < deadline && driver.isAlive()) {
      committed = CommittedPoints.list(root, OutputLocation.hadoopConf()).size();
      if (committed >= 2) {
        break;
      }
      Thread.sleep(50);
    }
    assertTrue(driver.isAlive(), "the driver was still running when killed: " + Files.readString(tmp.resolve("driver.log")));
    driver.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    assertTrue(Files.exists(killed.resolve(org.rbmflow.spark.OutputLock.FILE)), "the killed driver left its lock");
    int before = CommittedPoints.list(root, OutputLocation.hadoopConf()).size();
    assertTrue(before >= 2 && before < 8, "committed before the kill: " + before);

    CliRun resumed = CliRun.run("sweep", job.toString(), "--out", killed.toString());
    assertEquals(0, resumed.code(), resumed.err());
    assertTrue(resumed.out().contains(before + " skipped (already committed), " + (8 - before) + " run"), resumed.out());

    Path clean = tmp.resolve("clean");
    assertEquals(0, CliRun.run("sweep", job.toString(), "--out", clean.toString()).code());
    SparkSession spark = SparkSession.builder().getOrCreate();
    try {
      for (String t : List.of("points", "flows", "spectra", "patterns")) {
        assertEquals(org.rbmflow.spark.SweepRows.rows(spark, clean, t), org.rbmflow.spark.SweepRows.rows(spark, killed, t), t);
      }
      assertEquals(8, spark.read().parquet(killed.resolve("points").toString()).count(), "every point exactly once");
    } finally {
      spark.stop();
    }
    assertTrue(new File(killed.toFile(), "_sweep.spec").exists());
  }

  /**
   * {@code rbmflow sweep JOB --out OUT} in a separate JVM (its log in {@code tmp/driver.log}); its Spark scratch and
   * extracted native libraries go under {@code tmp}, since a killed JVM cannot clean up.
   */
  static Process driver(Path tmp, Path job, Path out, String master) throws IOException {
    Path jvmTmp = Files.createDirectories(tmp.resolve("jvm-tmp"));
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(JvmOptions.read(Path.of(System.getProperty("user.dir"))));
    cmd.addAll(List.of("-Dspark.master=" + master, "-Dspark.ui.enabled=false", "-Djava.io.tmpdir=" + jvmTmp, "-cp",
        System.getProperty("java.class.path"), "org.rbmflow.cli.Main", "sweep", job.toString(), "--out", out.toString()));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("driver.log").toFile()).start();
  }
}
