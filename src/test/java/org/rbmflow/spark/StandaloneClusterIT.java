package org.rbmflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rbmflow.common.JvmOptions;
import org.rbmflow.linalg.Linalg;
import org.rbmflow.sweep.GridPoint;
import org.rbmflow.sweep.PointRunner;
import org.rbmflow.sweep.SweepSpec;

/**
 * A real Spark standalone cluster (a master and 2 workers of one core each, started with submit/standalone from
 * the Maven classpath): the sweep gives the same rows as the core, lands every point once under speculative
 * execution, and survives losing a worker mid-sweep (last: the cluster has one worker after it).
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {
  private static final Path ROOT = Path.of(System.getProperty("user.dir"));
  private static String master;

  @BeforeAll
  static void startCluster() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process p = new ProcessBuilder(ROOT.resolve("submit/standalone").toString(), "start", "--workers", "2", "--cores", "1",
        "--memory", "1g", "--port", Integer.toString(port)).directory(ROOT.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    master = out.lines().filter(l -> l.startsWith("spark://")).findFirst().orElseThrow(() -> new AssertionError(out));
  }

  @AfterAll
  static void stopCluster() throws Exception {
    new ProcessBuilder(ROOT.resolve("submit/standalone").toString(), "stop").directory(ROOT.toFile()).start()
        .waitFor(60, TimeUnit.SECONDS);
  }

  static SparkSession cluster() {
    return SparkSession.builder().master(master).appName("rbmflow-it")
        .config("spark.jars", ROOT.resolve("target/rbmflow.jar").toString())
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.executor.memory", "700m")
        .config("spark.executor.cores", "1")
        .config("spark.executor.extraJavaOptions", String.join(" ", JvmOptions.read(ROOT)))
        .config("spark.executorEnv.OPENBLAS_NUM_THREADS", "1")
        .config("spark.task.maxFailures", "8")
        .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
        .config("spark.kryo.registrator", SweepKryoRegistrator.class.getName())
        .config("spark.kryo.registrationRequired", "false")
        .getOrCreate();
  }

  static SweepJob.Summary sweep(SparkSession spark, String text, Path out) throws Exception {
    SweepSpec spec = SweepSpec.parse(text, "it.yaml");
    SweepOutput o = SweepOutput.at(out.toString());
    StringWriter log = new StringWriter();
    try (OutputLock lock = o.open(spec, false, "sweep it")) {
      return SweepJob.run(spark, spec, o.root(), o.conf(), new PrintWriter(log), true);
    }
  }

  static void core(String text, Path out) throws Exception {
    Configuration conf = OutputLocation.hadoopConf();
    for (GridPoint p : SweepSpec.parse(text, "it.yaml").grid()) {
      PointTables.write(new org.apache.hadoop.fs.Path(out.toUri()), new PointRunner(Linalg.best(), 1).run(p), conf);
    }
  }

  @Test
  @Order(1)
  void clusterRowsEqualTheCoreRows(@TempDir Path tmp) throws Exception {
    core(SweepTestSupport.TINY, tmp.resolve("core"));
    SparkSession spark = cluster();
    try {
      SweepJob.Summary s = sweep(spark, SweepTestSupport.TINY, tmp.resolve("cluster"));
      assertEquals(4, s.ran());
      for (String t : List.of("points", "flows", "spectra", "patterns")) {
        assertEquals(SweepRows.rows(spark, tmp.resolve("core"), t), SweepRows.rows(spark, tmp.resolve("cluster"), t), t);
      }
    } finally {
      spark.stop();
    }
  }

  /**
   * With speculative execution a slow point's task runs twice at once; both copies write the point's files under
   * its id (each file replaced atomically), so every point still lands exactly once and a rerun finds them all.
   */
  @Test
  @Order(2)
  void speculativeCopiesStillCommitEveryPointOnce(@TempDir Path tmp) throws Exception {
    String text = SweepTestSupport.TINY.replace("seeds: 2", "seeds: 4").replace("epochs: 4", "epochs: 100");
    Path out = tmp.resolve("speculative");
    SparkSession spark = speculative();
    java.util.concurrent.atomic.AtomicInteger copies = new java.util.concurrent.atomic.AtomicInteger();
    spark.sparkContext().addSparkListener(new org.apache.spark.scheduler.SparkListener() {
      @Override
      public void onTaskStart(org.apache.spark.scheduler.SparkListenerTaskStart start) {
        if (start.taskInfo().speculative()) {
          copies.incrementAndGet();
        }
      }
    });
    try {
      SweepJob.Summary s = sweep(spark, text, out);
      assertEquals(8, s.total());
      assertEquals(8, s.ok() + s.notConverged() + s.failed(), "one outcome per point");
      for (String t : List.of("points", "spectra")) {
        assertEquals(8, spark.read().parquet(out.resolve(t).toString()).count(), t + ": one row per point");
        assertEquals(8, spark.read().parquet(out.resolve(t).toString()).select("point_id").distinct().count(), t);
      }
      assertEquals(8, sweep(spark, text, out).skipped(), "a rerun finds every point committed");
      org.junit.jupiter.api.Assumptions.assumeTrue(copies.get() > 0,
          "Spark launched no speculative copy this time (the rows above were checked all the same)");
    } finally {
      spark.stop();
    }
  }

  /** The cluster session with speculation as eager as Spark allows: copies of any task slower than the median. */
  static SparkSession speculative() {
    return SparkSession.builder().master(master).appName("rbmflow-it-speculation")
        .config("spark.jars", ROOT.resolve("target/rbmflow.jar").toString())
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.executor.memory", "700m")
        .config("spark.executor.cores", "1")
        .config("spark.executor.extraJavaOptions", String.join(" ", JvmOptions.read(ROOT)))
        .config("spark.executorEnv.OPENBLAS_NUM_THREADS", "1")
        .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
        .config("spark.kryo.registrator", SweepKryoRegistrator.class.getName())
        .config("spark.speculation", "true")
        .config("spark.speculation.interval", "50ms")
        .config("spark.speculation.quantile", "0.1")
        .config("spark.speculation.multiplier", "1.0")
        .config("spark.speculation.minTaskRuntime", "10ms")
        .getOrCreate();
  }

  @Test
  @Order(3)
  void losingAWorkerMidSweepStillCommitsEveryPointOnce(@TempDir Path tmp) throws Exception {
    // 8 points of several seconds each, so that the kill lands while tasks run
    String text = SweepTestSupport.TINY.replace("seeds: 2", "seeds: 4").replace("epochs: 4", "epochs: 150");
    Path out = tmp.resolve("lossy");
    SparkSession spark = cluster();
    try {
      CompletableFuture<SweepJob.Summary> run = CompletableFuture.supplyAsync(() -> {
        try {
          return sweep(spark, text, out);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(out.toUri());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
      while (System.nanoTime() < deadline && !run.isDone()
          && CommittedPoints.list(root, OutputLocation.hadoopConf()).isEmpty()) {
        Thread.sleep(100);
      }
      int before = CommittedPoints.list(root, OutputLocation.hadoopConf()).size();
      assertTrue(!run.isDone() && before < 8, "the kill must land mid-sweep (committed " + before + ")");
      long pid = Long.parseLong(Files.readString(ROOT.resolve("target/standalone/worker-1.pid")).trim());
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      SweepJob.Summary s = run.get(600, TimeUnit.SECONDS);
      assertEquals(8, s.total());
      assertEquals(8, spark.read().parquet(out.resolve("points").toString()).count(), "every point committed once");
      assertEquals(8, spark.read().parquet(out.resolve("points").toString()).select("point_id").distinct().count());
      assertEquals(8, CommittedPoints.list(root, OutputLocation.hadoopConf()).size());
    } finally {
      spark.stop();
    }
  }
}
