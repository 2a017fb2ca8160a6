package org.rbmflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rbmflow.linalg.Linalg;
import org.rbmflow.sweep.GridPoint;
import org.rbmflow.sweep.PointRunner;
import org.rbmflow.sweep.SweepSpec;

/** The sweep in Spark local mode: equivalence with the core, per-point commits and resume. */
class SweepJobTest {

  static SweepJob.Summary sweep(SparkSession spark, SweepSpec spec, Path out) throws Exception {
    return SweepTestSupport.sweep(spark, spec, out.toString());
  }

  /** (a) the core without Spark, (b) local[1], (c) local[2]: identical points, flows, spectra and patterns rows. */
  @Test
  void coreLocalOneAndLocalTwoWriteIdenticalRows(@TempDir Path tmp) throws Exception {
    SweepSpec spec = SweepTestSupport.tinySpec();
    Path core = tmp.resolve("core");
    Configuration conf = OutputLocation.hadoopConf();
    for (GridPoint p : spec.grid()) {
      PointTables.write(new org.apache.hadoop.fs.Path(core.toUri()), new PointRunner(Linalg.best(), 1).run(p), conf);
    }
    SparkSession one = SweepTestSupport.local(1);
    SweepJob.Summary s1;
    try {
      s1 = sweep(one, spec, tmp.resolve("local1"));
    } finally {
      one.stop();
    }
    SparkSession two = SweepTestSupport.local(2);
    try {
      SweepJob.Summary s2 = sweep(two, spec, tmp.resolve("local2"));
      assertEquals(4, s1.total());
      assertEquals(4, s1.ran());
      assertEquals(4, s2.ran());
      assertEquals(0, s1.failed(), s1.outcomes().toString());
      for (String table : List.of("points", "flows", "spectra", "patterns")) {
        List<String> a = SweepTestSupport.rows(two, core, table);
        List<String> b = SweepTestSupport.rows(two, tmp.resolve("local1"), table);
        List<String> c = SweepTestSupport.rows(two, tmp.resolve("local2"), table);
        assertFalse(a.isEmpty(), table);
        assertEquals(a, b, table + ": core vs local[1]");
        assertEquals(a, c, table + ": core vs local[2]");
      }
      assertEquals(4, two.read().parquet(tmp.resolve("local2/points").toString()).select("point_id").distinct().count());
      assertEquals(Set.of(16), Set.copyOf(two.read().parquet(tmp.resolve("local2/points").toString())
          .select("n_v").as(org.apache.spark.sql.Encoders.INT()).collectAsList()), "n_v from the partition directory");
    } finally {
      two.stop();
    }
  }

  /** A sweep that lost some points reruns only those, and ends with the tables of an uninterrupted run. */
  @Test
  void rerunComputesOnlyTheMissingPoints(@TempDir Path tmp) throws Exception {
    SweepSpec spec = SweepTestSupport.tinySpec();
    SparkSession spark = SweepTestSupport.local(2);
    try {
      Path full = tmp.resolve("full");
      sweep(spark, spec, full);
      // the state a killed driver leaves: two points committed, one point's non-final files written, no more
      Path partial = tmp.resolve("partial");
      SweepOutput.at(partial.toString()).open(spec, false, "test").close();   // the marker a killed driver leaves
      List<GridPoint> grid = spec.grid();
      copyPoint(full, partial, grid.get(0));
      copyPoint(full, partial, grid.get(3));
      Files.createDirectories(partial.resolve("flows"));
      Files.copy(full.resolve("flows/" + grid.get(1).pointId() + ".parquet"),
          partial.resolve("flows/" + grid.get(1).pointId() + ".parquet"));
      SweepJob.Summary again = sweep(spark, spec, partial);
      assertEquals(2, again.skipped(), "committed points are skipped");
      assertEquals(2, again.ran(), "only the missing points run");
      assertEquals(Set.of(grid.get(1).pointId(), grid.get(2).pointId()),
          Set.copyOf(again.outcomes().stream().map(o -> o.pointId).toList()));
      for (String table : List.of("points", "flows", "spectra", "patterns")) {
        assertEquals(SweepTestSupport.rows(spark, full, table), SweepTestSupport.rows(spark, partial, table), table);
      }
      SweepJob.Summary third = sweep(spark, spec, partial);
      assertEquals(4, third.skipped());
      assertEquals(0, third.ran());
    } finally {
      spark.stop();
    }
  }

  private static void copyPoint(Path from, Path to, GridPoint p) throws Exception {
    for (String rel : List.of("flows/" + p.pointId() + ".parquet", "spectra/" + p.pointId() + ".parquet",
        "patterns/" + p.pointId() + ".parquet", "points/n_v=" + p.lattice().sites() + "/" + p.pointId() + ".parquet")) {
      Path src = from.resolve(rel);
      if (Files.exists(src)) {
        Files.createDirectories(to.resolve(rel).getParent());
        Files.copy(src, to.resolve(rel));
      }
    }
  }

  @Test
  void markerRefusesAnotherSpecAndAcceptsTheSame(@TempDir Path tmp) throws Exception {
    SweepSpec spec = SweepTestSupport.tinySpec();
    SweepSpec other = SweepSpec.parse(SweepTestSupport.TINY.replace("epochs: 4", "epochs: 5"), "other.yaml");
    SweepOutput out = SweepOutput.at(tmp.resolve("o").toString());
    assertEquals(null, out.conflict(spec, false));
    out.open(spec, false, "test").close();
    assertEquals(null, out.conflict(spec, false), "same spec resumes");
    String why = out.conflict(other, false);
    assertTrue(why != null && why.contains("different spec"), why);
    assertEquals(null, out.conflict(other, true), "--overwrite replaces rbmflow's own results");
    Files.createDirectories(tmp.resolve("plain"));
    Files.writeString(tmp.resolve("plain/file.txt"), "x");
    for (boolean overwrite : new boolean[] {false, true}) {
      String notSweep = SweepOutput.at(tmp.resolve("plain").toString()).conflict(spec, overwrite);
      assertTrue(notSweep != null && notSweep.contains("did not write") && !notSweep.contains("pass --overwrite"),
          notSweep);
    }
    assertFalse(Files.exists(tmp.resolve("o/_lock")), "the lock is released");
  }

  /**
   * limits.point_timeout: points past it become TIMEOUT rows (the stage and the time in the error), the sweep goes
   * on; a rerun without the limit (same fingerprint) retries exactly those points.
   */
  @Test
  void pointsPastTheirLimitAreTimeoutRowsAndARerunRetriesThem(@TempDir Path tmp) throws Exception {
    SparkSession spark = SweepTestSupport.local(2);
    try {
      Path out = tmp.resolve("o");
      SweepJob.Summary s = SweepTestSupport.sweep(spark, SweepTestSupport.TINY
          + "limits: {point_timeout: 0.000001}\n", out.toString());
      assertEquals(4, s.ran());
      assertEquals(4, s.failed(), "TIMEOUT counts with FAILED in this run's counts");
      assertEquals(4, s.finalCount(org.rbmflow.common.PointStatus.TIMEOUT));
      for (Row r : new ResultTables(spark, new org.apache.hadoop.fs.Path(out.toUri()), OutputLocation.hadoopConf())
          .read("points").select("status", "error").collectAsList()) {
        assertEquals("TIMEOUT", r.getString(0));
        assertTrue(r.getString(1).startsWith("TIMEOUT after ") && r.getString(1).contains(" in Monte Carlo (limit "),
            r.getString(1));
      }
      SweepJob.Summary again = SweepTestSupport.sweep(spark, SweepTestSupport.TINY, out.toString());
      assertEquals(4, again.retried());
      assertEquals(0, again.finalCount(org.rbmflow.common.PointStatus.TIMEOUT));
      assertEquals(4, again.ok() + again.notConverged());
    } finally {
      spark.stop();
    }
  }

  /** Everything the sweep ships is registered: Kryo with registrationRequired round-trips it. */
  @Test
  void kryoRegistrationCoversWhatCrossesTheWire() {
    org.apache.spark.SparkConf conf = new org.apache.spark.SparkConf()
        .set("spark.kryo.registrationRequired", "true")
        .set("spark.kryo.registrator", SweepKryoRegistrator.class.getName());
    org.apache.spark.serializer.SerializerInstance kryo = new org.apache.spark.serializer.KryoSerializer(conf).newInstance();
    PointOutcome o = new PointOutcome("nv16-x", org.rbmflow.common.PointStatus.FAILED, "boom", 1.5, 0.25);
    scala.reflect.ClassTag<Object> tag = scala.reflect.ClassTag$.MODULE$.apply(Object.class);
    PointOutcome back = (PointOutcome) kryo.deserialize(kryo.serialize(o, tag), tag);
    assertEquals("nv16-x", back.pointId);
    assertEquals(org.rbmflow.common.PointStatus.FAILED, back.status);
    assertEquals("boom", back.error);
    assertEquals(1.5, back.seconds);
    assertEquals(0.25, back.commitSeconds);
    assertEquals(7, (Integer) kryo.deserialize(kryo.serialize(7, tag), tag));
  }

  /**
   * A sweep with training.checkpoints commits, besides each grid point, the rows of its checkpoints, equal to those of
   * a sweep trained to that many epochs (but for timing and the checkpoint mark); aggregation uses the grid points only.
   */
  @Test
  void checkpointsAreCommittedAsThePointsTheyEqual(@TempDir Path tmp) throws Exception {
    String withCheckpoints = SweepTestSupport.TINY.replace("training: {epochs: 4,",
        "training: {checkpoints: [2], epochs: 4,");
    String twoEpochs = SweepTestSupport.TINY.replace("training: {epochs: 4,", "training: {epochs: 2,");
    SparkSession spark = SweepTestSupport.local(2);
    try {
      Path a = tmp.resolve("a");
      SweepJob.Summary s = SweepTestSupport.sweep(spark, withCheckpoints, a.toString());
      assertEquals(4, s.total());
      assertEquals(4, s.ok() + s.notConverged());
      assertEquals(4, SweepTestSupport.sweep(spark, withCheckpoints, a.toString()).skipped(), "resume");
      // a checkpoint's points file lost: its point's training runs again, and nothing else
      GridPoint first = SweepSpec.parse(withCheckpoints, "t.yaml").grid().get(0);
      Files.delete(a.resolve("points/n_v=16/" + first.withEpochs(2).pointId() + ".parquet"));
      SweepJob.Summary repaired = SweepTestSupport.sweep(spark, withCheckpoints, a.toString());
      assertEquals(1, repaired.ran());
      assertEquals(java.util.Set.of(first.pointId()), repaired.repaired().keySet());
      Path b = tmp.resolve("b");
      SweepTestSupport.sweep(spark, twoEpochs, b.toString());
      org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> points = spark.read().parquet(a.resolve("points").toString());
      assertEquals(8, points.count(), "4 grid points and 4 checkpoints");
      assertEquals(4, points.filter("checkpoint_of IS NOT NULL AND epochs = 2").count());
      ResultTables ta = new ResultTables(spark, new org.apache.hadoop.fs.Path(a.toUri()), OutputLocation.hadoopConf());
      ResultTables tb = new ResultTables(spark, new org.apache.hadoop.fs.Path(b.toUri()), OutputLocation.hadoopConf());
      assertEquals(SweepRows.render(tb.read("points").drop("checkpoint_of")),
          SweepRows.render(ta.read("points").filter("epochs = 2").drop("checkpoint_of")),
          "each checkpoint row is the row of the point trained to 2 epochs");
      for (String t : List.of("flows", "spectra", "patterns")) {
        assertTrue(SweepRows.rows(spark, a, t).containsAll(SweepRows.rows(spark, b, t)), t);
      }
      org.rbmflow.aggregate.AggregateResult agg = AggregateJob.run(spark, new org.apache.hadoop.fs.Path(a.toUri()),
          OutputLocation.hadoopConf(), org.rbmflow.aggregate.AggregateSettings.DEFAULT);
      assertEquals(4, agg.used() + agg.excludedTotal(), "aggregation counts the 4 grid points, not the checkpoints");
      org.rbmflow.report.ReportData report = ReportTables.read(ta, 4);
      assertEquals(8, report.training().size(), "4 trainings, each at epoch 2 and 4");
      assertEquals(java.util.Set.of(2, 4), report.training().stream().map(r -> r.epochs()).collect(
          java.util.stream.Collectors.toSet()));
      assertEquals(4, report.counts().total(), "the report counts grid points");
    } finally {
      spark.stop();
    }
  }
}
