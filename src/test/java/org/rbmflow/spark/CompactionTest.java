package org.rbmflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rbmflow.common.PointStatus;
import org.rbmflow.sweep.PointResult;

/**
 * Compaction on synthetic points written as a sweep writes them: every row read exactly once before, after and at
 * each crash point, the resume state unchanged, the files merged, nothing written a second time, damage detected.
 */
class CompactionTest {
  private static final Configuration CONF = OutputLocation.hadoopConf();
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SweepTestSupport.local(1);
    // list the hundreds of files of a table on the driver rather than in a Spark job each time (a busy machine)
    spark.conf().set("spark.sql.sources.parallelPartitionDiscovery.threshold", "100000");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** Point {@code k} at {@code nV}: flows of varying length, every 5th NOT_CONVERGED, every 7th without patterns. */
  static PointResult point(int k, int nV, boolean failed) {
    String id = String.format("nv%d-nh4-nt5-s%d-%016x", nV, k, 0xabcdef00L + k);
    PointResult r = PointTablesTest.point(id);
    PointResult.PointRow row = r.point().toBuilder().nV(nV).seed(k)
        .status(failed ? PointStatus.FAILED : k % 5 == 0 ? PointStatus.NOT_CONVERGED : PointStatus.OK)
        .error(failed ? "boom " + k : null).fpEnergy(-1.9 + k * 1e-3).build();
    return new PointResult(row, List.of(), r.flows().subList(0, 10 + k % 13), r.spectrum(),
        k % 7 == 0 ? List.of() : r.patterns());
  }

  /** An output of {@code n} points, two thirds at n_v = 16 and the rest at 36, the first {@code failed} FAILED. */
  static org.apache.hadoop.fs.Path outputOf(Path dir, int n, int failed) throws IOException {
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(dir.toUri());
    Ownership.claim(root, CONF, Ownership.Kind.SWEEP);
    for (int k = 0; k < n; k++) {
      PointTables.write(root, point(k, k % 3 == 2 ? 36 : 16, k < failed), CONF);
    }
    return root;
  }

  static Map<String, List<String>> tables(org.apache.hadoop.fs.Path root) {
    Map<String, List<String>> out = new TreeMap<>();
    for (String t : PointTables.TABLES) {
      out.put(t, SweepRows.rows(spark, root, t));
    }
    return out;
  }

  static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  static long count(Path dir, String part) throws IOException {
    return names(dir).stream().filter(n -> n.contains(part)).count();
  }

  @Test
  void everyRowStaysExactlyOnceAndTheFilesDrop(@TempDir Path tmp) throws Exception {
    org.apache.hadoop.fs.Path root = outputOf(tmp, 200, 3);
    Map<String, List<String>> before = tables(root);
    CommittedPoints.Verified committed = CommittedPoints.verify(root, CONF);
    assertEquals(200, committed.status().size());

    // three batches written side by side on two threads
    Compaction.Result r = Compaction.run(root, CONF, 100, Compaction.BYTES_PER_BATCH, s -> {}, 2);

    // 197 points to merge: 132 at n_v = 16 (batches of 100 and 32), 65 at n_v = 36; the 3 FAILED stay per point
    assertEquals(3, r.batches());
    assertEquals(197, r.points());
    assertEquals(Map.of("points", 200, "flows", 200, "spectra", 200, "patterns", 171), r.filesBefore());
    assertEquals(Map.of("points", 6, "flows", 6, "spectra", 6, "patterns", 5), r.filesAfter());
    assertEquals(3, count(tmp, "_compacted/"));
    assertEquals(before, tables(root), "every table row for row, each row once");
    CommittedPoints.Verified after = CommittedPoints.verify(root, CONF);
    assertEquals(committed.status(), after.status(), "a resume finds every point committed with its status");
    assertTrue(after.damaged().isEmpty() && after.damagedBatches().isEmpty());
    assertEquals(committed.status().keySet(), CommittedPoints.list(root, CONF));
    assertEquals(List.of(16, 36), spark.read().parquet(root + "/points").selectExpr("CAST(n_v AS INT) AS n_v").distinct()
        .orderBy("n_v").as(Encoders.INT()).collectAsList(), "n_v from the partition directories, as before");

    List<String> files = names(tmp);
    Compaction.Result again = Compaction.run(root, CONF);
    assertEquals(0, again.batches());
    assertEquals(files, names(tmp), "nothing to compact: nothing written or removed");
  }

  @Test
  void aCrashBeforePublishingLeavesThePerPointFilesAndTheNextWriterRemovesTheBatch(@TempDir Path tmp)
      throws Exception {
    Crashed c = crashAfter(tmp, Compaction.Step.WRITTEN);

    assertEquals(4, count(tmp, "compacted-"), "the batch's files are in place, unpublished");
    assertEquals(0, count(tmp, "_compacted/"));
    assertEquals(c.before(), tables(c.root()));
    assertEquals(c.status(), CommittedPoints.verify(c.root(), CONF).status());

    SweepOutput.at(c.root().toString()).lock("test").close();
    assertEquals(0, count(tmp, "compacted-"), "the next writer holding the lock removed them");
    assertEquals(c.before(), tables(c.root()));
    assertEquals(2, Compaction.run(c.root(), CONF).batches());
    assertEquals(c.before(), tables(c.root()));
  }

  @Test
  void aCrashAfterPublishingReadsThePointsOnceAndTheNextCompactionRemovesTheirFiles(@TempDir Path tmp)
      throws Exception {
    Crashed c = crashAfter(tmp, Compaction.Step.PUBLISHED);

    assertEquals(1, count(tmp, "_compacted/"));
    assertEquals(12, names(tmp).stream().filter(n -> n.startsWith("points/n_v=") && !n.contains("compacted-")).count(),
        "the per-point files are still there");
    assertEquals(c.before(), tables(c.root()), "the published points once, from the batch");
    CommittedPoints.Verified v = CommittedPoints.verify(c.root(), CONF);
    assertEquals(c.status(), v.status());
    assertTrue(v.damaged().isEmpty());

    Compaction.Result r = Compaction.run(c.root(), CONF);
    assertEquals(1, r.batches(), "the other n_v");
    assertTrue(r.leftoversRemoved() >= 4 * 3, "the published points' per-point files: " + r.leftoversRemoved());
    assertEquals(Map.of("points", 2, "flows", 2, "spectra", 2, "patterns", 2), r.filesAfter());
    assertEquals(c.before(), tables(c.root()));
    assertEquals(c.status(), CommittedPoints.verify(c.root(), CONF).status());
  }

  @Test
  void aDamagedCompactedFileIsDetectedAndRetractingItRemovesOnlyRbmflowsFiles(@TempDir Path tmp) throws Exception {
    org.apache.hadoop.fs.Path root = outputOf(tmp, 9, 0);
    Compaction.run(root, CONF);
    Path flows;
    try (Stream<Path> s = Files.list(tmp.resolve("flows"))) {
      flows = s.filter(p -> p.getFileName().toString().startsWith("compacted-")).sorted().findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(flows);
    Files.write(flows, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    Path user = tmp.resolve("flows/compacted-0123456789abcdef.parquet");
    Files.writeString(user, "a user's file that merely looks like ours");

    CommittedPoints.Verified v = CommittedPoints.verify(root, CONF);
    assertEquals(1, v.damagedBatches().size());
    String batch = v.damagedBatches().keySet().iterator().next();
    assertTrue(v.damagedBatches().get(batch).startsWith("flows file unreadable"), v.damagedBatches().toString());
    assertFalse(v.damaged().isEmpty());
    v.damaged().keySet().forEach(id -> assertFalse(v.status().containsKey(id)));
    assertEquals(9, v.status().size() + v.damaged().size());

    Compaction.Result report = Compaction.run(root, CONF);
    assertEquals(v.damagedBatches(), report.damagedBatches(), "compact reports it and leaves it");
    assertTrue(Files.exists(flows));

    Compaction.retract(root, CONF, batch);
    assertFalse(Files.exists(flows));
    assertFalse(Files.exists(tmp.resolve("points/_compacted/" + batch + ".json")));
    assertTrue(Files.exists(user), "a file rbmflow did not write is never deleted");
    CommittedPoints.Verified after = CommittedPoints.verify(root, CONF);
    assertTrue(after.damagedBatches().isEmpty());
    assertEquals(9 - v.damaged().size(), after.status().size(), "the batch's points are left to recompute");
  }

  @Test
  void aSweepResumesCompactedPointsRepairsMissingOnesAndADamagedBatchAndCompactsAgain(@TempDir Path tmp)
      throws Exception {
    String out = tmp.resolve("sweep").toString();
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(tmp.resolve("sweep").toUri());
    assertEquals(4, SweepTestSupport.sweep(spark, SweepTestSupport.TINY, out).ran());
    Map<String, List<String>> clean = tables(root);
    List<String> ids = CommittedPoints.list(root, CONF).stream().sorted().toList();
    for (String id : ids.subList(0, 2)) {
      Files.delete(tmp.resolve("sweep/points/n_v=16/" + id + ".parquet"));
    }
    assertEquals(1, Compaction.run(root, CONF).batches(), "the two points left");

    SweepJob.Summary resumed = SweepTestSupport.sweep(spark, SweepTestSupport.TINY, out);
    assertEquals(2, resumed.skipped(), "the compacted points are committed");
    assertEquals(2, resumed.ran(), "the lost ones are recomputed");
    Compaction.Result second = Compaction.run(root, CONF);
    assertEquals(1, second.batches(), "the recomputed points make a second batch");
    assertEquals(Map.of("points", 2, "flows", 2, "spectra", 2, "patterns", 2), second.filesAfter());
    assertEquals(clean, tables(root));
    assertEquals(0, SweepTestSupport.sweep(spark, SweepTestSupport.TINY, out).ran(), "a resume recomputes nothing");

    Path pointsFile;
    try (Stream<Path> s = Files.list(tmp.resolve("sweep/points/n_v=16"))) {
      pointsFile = s.filter(p -> p.getFileName().toString().startsWith("compacted-")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(pointsFile);
    Files.write(pointsFile, java.util.Arrays.copyOf(bytes, bytes.length - 10));
    SweepJob.Summary repaired = SweepTestSupport.sweep(spark, SweepTestSupport.TINY, out);
    assertEquals(2, repaired.ran(), "the damaged batch's points are recomputed");
    assertEquals(2, repaired.repaired().size(), repaired.repaired().toString());
    assertEquals(clean, tables(root));
    assertEquals(1, count(tmp, "_compacted/"), "the damaged batch is unpublished");
  }

  /** An output of 12 points (8 at n_v = 16, 4 at 36), its tables and statuses, and a compaction that died. */
  private record Crashed(org.apache.hadoop.fs.Path root, Map<String, List<String>> before,
      Map<String, PointStatus> status) {}

  /** Compacts 12 points, dying after the first batch reaches step {@code at}. */
  private static Crashed crashAfter(Path tmp, Compaction.Step at) throws Exception {
    org.apache.hadoop.fs.Path root = outputOf(tmp, 12, 0);
    Crashed c = new Crashed(root, tables(root), CommittedPoints.verify(root, CONF).status());
    assertThrows(IllegalStateException.class, () -> Compaction.run(root, CONF, 100, Compaction.BYTES_PER_BATCH, s -> {
      if (s == at) {
        throw new IllegalStateException("crash after " + s);
      }
    }));
    return c;
  }
}
