package org.rbmflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rbmflow.common.PointStatus;
import org.rbmflow.spark.CommittedPoints;
import org.rbmflow.spark.OutputLocation;
import org.rbmflow.spark.OutputLock;
import org.rbmflow.spark.PointTables;
import org.rbmflow.spark.SweepRows;
import org.rbmflow.sweep.PointResult;
import org.rbmflow.sweep.PointResult.PointRow;
import org.rbmflow.sweep.SweepSpec;

/**
 * Nothing lost, nobody in (issue #11), end to end through the commands: --overwrite never deletes a user's files,
 * damaged points are recomputed exactly, FAILED points are retried, a second writer is refused while the first
 * completes, a full disk fails in one line and resumes, and output paths are exactly what the user typed.
 */
class OutputSafetyTest {
  /** One clean run of {@link SweepCommandTest#SPEC}, the reference every repaired or resumed output must equal. */
  private static Path clean;
  private static Path job;
  @TempDir
  static Path shared;
  /** A quick point (a second or two). */
  static final List<String> POINT = List.of("point", "--l", "4", "--n-h", "2", "--n-temp", "3", "--epochs", "1",
      "--configs", "16", "--therm-sweeps", "50", "--probe-sweeps", "100", "--flow-ensemble", "32", "--flow-steps", "40",
      "--flow-window", "10", "--calibration-configs", "20", "--classifier-step", "0", "--permutations", "19");
  static final List<String> GENERATE = List.of("generate", "--l", "4", "--temps", "0:1:0.5", "--configs", "4",
      "--therm-sweeps", "20", "--probe-sweeps", "100");

  static List<String> with(List<String> base, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    return all;
  }

  @BeforeAll
  static void cleanRun() throws Exception {
    System.setProperty("spark.master", "local[2]");
    System.setProperty("spark.ui.enabled", "false");
    job = shared.resolve("job.yaml");
    Files.writeString(job, SweepCommandTest.SPEC);
    clean = shared.resolve("clean");
    // per-point files, which the tests below damage one by one
    CliRun r = CliRun.run("sweep", job.toString(), "--out", clean.toString(), "--no-compact");
    assertEquals(0, r.code(), r.err());
  }

  @AfterAll
  static void clear() {
    System.clearProperty("spark.master");
    System.clearProperty("spark.ui.enabled");
  }

  /** Every file under {@code dir} (relative path → content), to prove a directory was left exactly as it was. */
  static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(f).toString(), Files.readString(f));
      }
    }
    return files;
  }

  static List<String> filesWithSizes(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      List<String> out = new java.util.ArrayList<>();
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        out.add(dir.relativize(f) + " " + Files.size(f) + " " + Files.getLastModifiedTime(f));
      }
      out.sort(null);
      return out;
    }
  }

  static Path userDirectory(Path parent) throws IOException {
    Path d = parent.resolve("D");
    Files.createDirectories(d.resolve("thesis"));
    Files.writeString(d.resolve("thesis/a.tex"), "\\documentclass{article} years of work");
    Files.writeString(d.resolve("notes.txt"), "mine");
    return d;
  }

  static void assertTablesEqualClean(Path out) {
    SparkSession spark = SparkSession.builder().getOrCreate();
    try {
      for (String t : List.of("points", "flows", "spectra", "patterns")) {
        assertEquals(SweepRows.rows(spark, clean, t), SweepRows.rows(spark, out, t), t);
      }
    } finally {
      spark.stop();
    }
  }

  static void assertOneLine(CliRun r) {
    long lines = r.err().lines().filter(l -> !l.startsWith("Nothing was written")).count();
    assertEquals(1, lines, "one line: " + r.err());
    assertFalse(r.err().contains("\tat ") || r.err().contains("Exception:"), r.err());
  }

  @Test
  void overwriteNeverDeletesAUsersFilesInAnyCommand(@TempDir Path tmp) throws Exception {
    Path d = userDirectory(tmp);
    Map<String, String> before = snapshot(d);
    List<List<String>> commands = List.of(
        List.of("sweep", job.toString(), "--out", d.toString(), "--overwrite"),
        List.of("sweep", job.toString(), "--out", d.toString()),
        with(GENERATE, "--out", d.toString(), "--overwrite"),
        with(POINT, "--out", d.toString(), "--overwrite"),
        List.of("report", d.toString()),
        List.of("aggregate", d.toString()),
        List.of("compact", d.toString()));
    for (List<String> c : commands) {
      CliRun r = CliRun.run(c);
      assertEquals(2, r.code(), c + ": " + r.out() + r.err());
      assertFalse(r.err().contains("pass --overwrite"), "never advice that would delete them: " + r.err());
      assertEquals(before, snapshot(d), c + " left the user's files exactly as they were");
      try (Stream<Path> s = Files.list(d)) {
        assertEquals(2, s.count(), c + " created nothing in the user's directory");
      }
    }
  }

  @Test
  void overwriteOfAnOwnOutputKeepsTheUsersFileInside(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("out");
    assertEquals(0, CliRun.run("sweep", job.toString(), "--out", out.toString(), "--no-aggregate").code());
    Files.writeString(out.resolve("my-notes.txt"), "mine");
    Path other = tmp.resolve("other.yaml");
    Files.writeString(other, SweepCommandTest.SPEC.replace("epochs: 4", "epochs: 3"));
    CliRun refused = CliRun.run("sweep", other.toString(), "--out", out.toString());
    assertEquals(2, refused.code());
    assertTrue(refused.err().contains("different spec") && refused.err().contains("--overwrite"), refused.err());
    CliRun replaced = CliRun.run("sweep", other.toString(), "--out", out.toString(), "--overwrite", "--no-aggregate");
    assertEquals(0, replaced.code(), replaced.err());
    assertTrue(replaced.out().contains("4 points, 0 skipped"), replaced.out());
    assertEquals("mine", Files.readString(out.resolve("my-notes.txt")));
  }

  /** Truncated points file, deleted flows file, junk files: exactly the two damaged points are recomputed. */
  @Test
  void damagedPointsAreRecomputedAndJunkIsIgnored(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("out");
    copyTree(clean, out);
    SweepSpec spec = SweepSpec.parse(SweepCommandTest.SPEC, "job.yaml");
    String truncated = spec.grid().get(0).pointId();
    String noFlows = spec.grid().get(3).pointId();
    Path pointsFile = out.resolve("points/n_v=16/" + truncated + ".parquet");
    byte[] bytes = Files.readAllBytes(pointsFile);
    Files.write(pointsFile, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    Files.delete(out.resolve("flows/" + noFlows + ".parquet"));
    Files.writeString(out.resolve("points/garbage.parquet"), "not parquet");
    Files.writeString(out.resolve("flows/junk.parquet"), "not parquet either");

    CliRun rerun = CliRun.run("sweep", job.toString(), "--out", out.toString());
    assertEquals(0, rerun.code(), rerun.err());
    assertTrue(rerun.out().contains("2 skipped (already committed), 2 run"), rerun.out());
    assertTrue(rerun.out().contains("state: complete") && rerun.out().contains("repaired 2 damaged point(s)")
        && rerun.out().contains("ignored 2 file(s) rbmflow did not write"), rerun.out());
    assertTrue(rerun.out().contains("aggregate: "), "the aggregation ran despite the junk: " + rerun.out());
    assertTablesEqualClean(out);

    CliRun sql = CliRun.run("sql", "SELECT count(*) AS n FROM points", "--in", out.toString());
    assertEquals(0, sql.code(), sql.err());
    assertEquals("n\n4", sql.out().strip());
    assertTrue(sql.err().contains("garbage.parquet"), "a warning names the ignored file: " + sql.err());
    CliRun agg = CliRun.run("aggregate", out.toString());
    assertEquals(0, agg.code(), agg.err());
    assertTrue(agg.err().contains("ignoring") && agg.err().contains("garbage.parquet"), agg.err());
  }

  /** {@code compact} merges the four points into one file per table, the same rows; a second run writes nothing. */
  @Test
  void compactMergesThePointsOnceAndKeepsTheirRows(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("out");
    copyTree(clean, out);
    CliRun first = CliRun.run("compact", out.toString());
    assertEquals(0, first.code(), first.err());
    assertTrue(first.out().contains("compact: merged 4 point(s) into 1 batch(es); files: points 4 -> 1, flows 4 -> 1, spectra 4 -> 1,"),
        first.out());
    assertTablesEqualClean(out);
    List<String> files = filesWithSizes(out);
    CliRun second = CliRun.run("compact", out.toString());
    assertEquals(0, second.code(), second.err());
    assertTrue(second.out().contains("compact: nothing to compact; files: points 1 -> 1"), second.out());
    assertEquals(files, filesWithSizes(out), "nothing written");
    CliRun rerun = CliRun.run("sweep", job.toString(), "--out", out.toString(), "--no-aggregate");
    assertTrue(rerun.out().contains("4 skipped (already committed), 0 run"), rerun.out());
  }

  /** A FAILED point is retried by the next run (and kept with --keep-failed, exit 3). */
  @Test
  void failedPointsAreRetriedUnlessKept(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("out");
    copyTree(clean, out);
    SweepSpec spec = SweepSpec.parse(SweepCommandTest.SPEC, "job.yaml");
    var p = spec.grid().get(1);
    double nan = Double.NaN;
    PointRow failed = PointRow.builder().pointId(p.pointId()).sweep(p.sweep()).dim(2).l(4).nV(16).nH(p.nh())
        .nTemp(p.nTemp()).tStep(p.tStep()).hValues(p.fields()).configsPerTemp(p.configsPerTemp()).seed(p.seed())
        .epochs(4).learningRate(0.02).cdK(1).batchSize(32).status(PointStatus.FAILED)
        .error("OutOfMemoryError: Java heap space").fpEnergy(nan).fpEnergyErr(nan).fpTemperature(nan)
        .fpTemperatureClassifier(nan).fpFieldClassifier(nan).fpMagnetization(nan).convergedAtStep(-1)
        .fpBracketGap(nan).randomFraction(nan).reconError(nan).pseudoLogLikelihood(nan).backend("java")
        .codeVersion("test").build();
    PointTables.write(new org.apache.hadoop.fs.Path(out.toUri()),
        new PointResult(failed, List.of(), List.of(), null, List.of()), OutputLocation.hadoopConf());

    CliRun kept = CliRun.run("sweep", job.toString(), "--out", out.toString(), "--keep-failed", "--no-aggregate");
    assertEquals(SweepCommand.EXIT_POINTS_FAILED, kept.code(), kept.out() + kept.err());
    assertTrue(kept.out().contains("1 FAILED") && kept.out().contains("--keep-failed"), kept.out());

    CliRun retried = CliRun.run("sweep", job.toString(), "--out", out.toString(), "--no-aggregate");
    assertEquals(0, retried.code(), retried.out() + retried.err());
    assertTrue(retried.out().contains("3 skipped (already committed), 1 run: 1 OK")
        && retried.out().contains("retried 1 point(s) FAILED earlier")
        && retried.out().contains("4 OK, 0 NOT_CONVERGED, 0 FAILED"), retried.out());
    assertTablesEqualClean(out);
  }

  /** Output paths are exactly what the user typed: space, %, #, unicode; plain and file: forms; resume works. */
  @Test
  void outputPathsAreTakenLiterally(@TempDir Path tmp) throws Exception {
    String name = "sp ace %20 #1 ü";
    Path out = tmp.resolve(name);
    CliRun first = CliRun.run("sweep", job.toString(), "--out", out.toString(), "--no-aggregate");
    assertEquals(0, first.code(), first.err());
    assertTrue(Files.exists(out.resolve("_sweep.spec")) && Files.isDirectory(out.resolve("points")));
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(List.of(name), s.map(x -> x.getFileName().toString()).toList(), "no encoded twin appeared");
    }
    CliRun again = CliRun.run("sweep", job.toString(), "--out", "file:" + out, "--no-aggregate");
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().contains("4 skipped (already committed), 0 run"), again.out());
    CliRun agg = CliRun.run("aggregate", out.toString());
    assertEquals(0, agg.code(), agg.err());
    assertTrue(Files.isDirectory(out.resolve("aggregate/fits")));

    Path gen = tmp.resolve("gen %41 #ü");
    CliRun generate = CliRun.run(with(GENERATE, "--out", gen.toString()));
    assertEquals(0, generate.code(), generate.err());
    assertTrue(Files.isDirectory(gen.resolve("configurations")) && Files.exists(gen.resolve("_SUCCESS")));
    Path pt = tmp.resolve("pt 50% #2");
    CliRun point = CliRun.run(with(POINT, "--out", pt.toString()));
    assertEquals(0, point.code(), point.err());
    assertTrue(Files.isDirectory(pt.resolve("points")) && Files.exists(pt.resolve("_SUCCESS")));
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(3, s.count(), "exactly the three outputs, where they were asked for");
    }
  }

  /**
   * Two sweeps on one output at once: the second is refused naming the first, which completes exactly. The first
   * holds the lock from before its Spark session starts, so it is still running when its spec file appears.
   */
  @Test
  void aSecondSweepOnTheSameOutputIsRefused(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("out");
    Process first = SweepCommandTest.driver(tmp, job, out, "local[1]");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && first.isAlive() && !Files.exists(out.resolve("_sweep.spec"))) {
      Thread.sleep(20);
    }
    CliRun second = CliRun.run("sweep", job.toString(), "--out", out.toString());
    boolean stillRunning = first.isAlive();
    assertTrue(first.waitFor(180, TimeUnit.SECONDS), "the first sweep finishes");
    assertEquals(0, first.exitValue(), Files.readString(tmp.resolve("driver.log")));
    assertTrue(stillRunning, "the first sweep was running when the second started");

    assertEquals(2, second.code(), second.out() + second.err());
    assertOneLine(second);
    assertTrue(second.err().contains("is in use by `rbmflow sweep job.yaml`")
        && second.err().contains("pid " + first.pid()), second.err());
    assertFalse(Files.exists(out.resolve(OutputLock.FILE)), "released");
    assertTablesEqualClean(out);
    SparkSession spark = SparkSession.builder().getOrCreate();
    try {
      assertEquals(SweepRows.rows(spark, clean, "means"), SweepRows.rows(spark, out, "means"), "aggregated once");
    } finally {
      spark.stop();
    }
  }

  /** An output on a read-only file system: exit 2 and one line before any work, for every command that writes. */
  @Test
  void aReadOnlyOutputIsBadInput(@TempDir Path tmp) throws Exception {
    Path mnt = mountTmpfs(tmp, "ro,size=1m");
    try {
      for (List<String> c : List.of(List.of("sweep", job.toString(), "--out", mnt.resolve("out").toString()),
          with(GENERATE, "--out", mnt.resolve("gen").toString()), with(POINT, "--out", mnt.resolve("pt").toString()))) {
        CliRun r = CliRun.run(c);
        assertEquals(2, r.code(), c + ": " + r.out() + r.err());
        assertOneLine(r);
        assertTrue(r.err().contains("read-only") || r.err().contains("not a writable directory"), r.err());
      }
    } finally {
      umount(mnt);
    }
  }

  /** A tmpfs mounted under {@code tmp} with {@code options}; skips the test where that is not possible (not root). */
  static Path mountTmpfs(Path tmp, String options) throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
        "skipped: mounting a small tmpfs needs root (running as " + System.getProperty("user.name") + ")");
    Path mnt = Files.createDirectories(tmp.resolve("mnt"));
    Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", mnt.toString())
        .redirectErrorStream(true).start();
    String log = new String(mount.getInputStream().readAllBytes());
    Assumptions.assumeTrue(mount.waitFor() == 0, "skipped: cannot mount a tmpfs here: " + log);
    return mnt;
  }

  static void umount(Path mnt) throws Exception {
    new ProcessBuilder("umount", mnt.toString()).start().waitFor();
  }

  /**
   * A full disk (a small tmpfs; needs root to mount): exit 1 with one line, nothing partial visible, and the rerun
   * after freeing space completes exactly.
   */
  @Test
  void aFullDiskFailsInOneLineAndResumes(@TempDir Path tmp) throws Exception {
    Path mnt = mountTmpfs(tmp, "size=4m");
    try {
      long perPoint = diskBytes(clean.resolve("points")) + diskBytes(clean.resolve("flows"))
          + diskBytes(clean.resolve("spectra")) + diskBytes(clean.resolve("patterns"));
      perPoint /= 4;
      // leave room for the marker, the spec and about one and a half points
      Path fill = mnt.resolve("filler");
      fill(fill, Files.getFileStore(mnt).getUsableSpace() - (3 * 4096 + perPoint * 3 / 2 + 16 * 4096));
      Path out = mnt.resolve("out");
      CliRun full = CliRun.run("sweep", job.toString(), "--out", out.toString());
      assertEquals(1, full.code(), full.out() + full.err());
      assertOneLine(full);
      assertTrue(full.err().contains("file system is full") && full.err().contains("rerun the same command to resume")
          && !full.err().contains("--overwrite"), full.err());
      CommittedPoints.Verified v = CommittedPoints.verify(new org.apache.hadoop.fs.Path(out.toUri()),
          OutputLocation.hadoopConf());
      assertTrue(v.damaged().isEmpty() && v.foreign().isEmpty(), "nothing partial is visible: " + v);
      assertTrue(v.status().size() < 4, "the disk filled before the end: " + v.status());
      Files.delete(fill);
      CliRun rerun = CliRun.run("sweep", job.toString(), "--out", out.toString());
      assertEquals(0, rerun.code(), rerun.out() + rerun.err());
      assertTrue(rerun.out().contains("state: complete"), rerun.out());
      assertTablesEqualClean(out);

      // a report that does not fit: one line, no partial report visible
      fill(fill, Files.getFileStore(mnt).getUsableSpace() - 4096);
      CliRun report = CliRun.run("report", out.toString());
      assertEquals(1, report.code(), report.out() + report.err());
      assertOneLine(report);
      assertTrue(report.err().contains("file system is full"), report.err());
      assertFalse(Files.exists(out.resolve("report")), "no partial report");
    } finally {
      umount(mnt);
    }
  }

  /** Writes {@code bytes} zeros (rounded up to 64 KiB) to a new file, to take space on a small file system. */
  private static void fill(Path file, long bytes) throws IOException {
    try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE_NEW,
        java.nio.file.StandardOpenOption.WRITE)) {
      java.nio.ByteBuffer zeros = java.nio.ByteBuffer.allocate(65536);
      for (long w = 0; w < bytes; w += 65536) {
        zeros.clear();
        ch.write(zeros);
      }
    } catch (IOException e) {
      if (!String.valueOf(e.getMessage()).contains("No space left")) {
        throw e;
      }
    }
  }

  /** Bytes a directory tree takes on a tmpfs: whole 4 KiB pages per file. */
  private static long diskBytes(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return 0;
    }
    long total = 0;
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        total += (Files.size(f) + 4095) / 4096 * 4096;
      }
    }
    return total;
  }

  static void copyTree(Path from, Path to) throws IOException {
    List<Path> all;
    try (Stream<Path> s = Files.walk(from)) {
      all = new ArrayList<>(s.toList());
    }
    for (Path f : all) {
      Path t = to.resolve(from.relativize(f).toString());
      if (Files.isDirectory(f)) {
        Files.createDirectories(t);
      } else {
        Files.copy(f, t);
      }
    }
  }
}
