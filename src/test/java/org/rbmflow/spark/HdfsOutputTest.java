package org.rbmflow.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rbmflow.sweep.GridPoint;
import org.rbmflow.sweep.SweepSpec;

/**
 * The output-safety code on a real HDFS (an in-process {@link MiniDFSCluster}, one name node and one data node, started
 * once for the class): exact paths, the lock, integrity on resume, ownership and atomic replace, driven as the
 * commands drive them (locations as strings, rbmflow's own Hadoop configuration). The test looks at what was written
 * through its own HDFS client.
 */
class HdfsOutputTest {
  /** A directory name with a space, a percent sign, a hash and a non-ASCII letter. */
  private static final String ODD = "sp ace %41 #1 ü";
  private static final List<String> TABLES = List.of("points", "flows", "spectra", "patterns");

  @TempDir
  static java.nio.file.Path tmp;

  private static MiniDFSCluster cluster;
  /** hdfs://127.0.0.1:port */
  private static String hdfs;
  /** The test's own client (not the cached one the code under test uses). */
  private static FileSystem fs;
  private static SparkSession spark;
  private static SweepSpec spec;
  private static SweepJob.Summary cleanSweep;
  private static Map<String, List<String>> cleanRows;

  @BeforeAll
  static void start() throws Exception {
    java.nio.file.Path base = tmp.resolve("minidfs").toAbsolutePath();
    // the defaults (no *-site.xml is on the test class path) and the cluster's directories under the class's @TempDir
    Configuration conf = new Configuration();
    conf.set("fs.defaultFS", "file:///");
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
    conf.set("hadoop.tmp.dir", base.resolve("tmp").toString());
    conf.setInt("dfs.replication", 1);
    // Spark starts while the cluster does (each spends much of its start waiting)
    java.util.concurrent.FutureTask<SparkSession> session =
        new java.util.concurrent.FutureTask<>(() -> SweepTestSupport.local(2));
    new Thread(session, "start-spark").start();
    try {
      cluster = new MiniDFSCluster.Builder(conf, base.toFile()).numDataNodes(1).format(true).build();
    } finally {
      spark = session.get();
    }
    hdfs = "hdfs://127.0.0.1:" + cluster.getNameNodePort();
    fs = FileSystem.newInstance(java.net.URI.create(hdfs), conf);
    spec = SweepTestSupport.tinySpec();
  }

  @AfterAll
  static void stop() throws Exception {
    if (spark != null) {
      spark.stop();
    }
    if (fs != null) {
      fs.close();
    }
    if (hdfs != null) {
      // the cached client the code under test (and Spark) used: closing it removes it from the cache
      FileSystem.get(java.net.URI.create(hdfs), OutputLocation.hadoopConf()).close();
    }
    if (cluster != null) {
      cluster.shutdown(true);
    }
  }

  /** The clean sweep on HDFS into {@code /user dir/}{@value #ODD}, run once (by the first test that needs it). */
  private static synchronized SweepJob.Summary cleanSweep() throws Exception {
    if (cleanSweep == null) {
      cleanSweep = SweepTestSupport.sweep(spark, spec, hdfs + "/user dir/" + ODD);
      cleanRows = rows(cleanRoot());
    }
    return cleanSweep;
  }

  private static Path cleanRoot() {
    return at("/user dir/" + ODD);
  }

  /** The rows of {@link #cleanSweep()}. */
  private static Map<String, List<String>> cleanRows() throws Exception {
    cleanSweep();
    return cleanRows;
  }

  private static Map<String, List<String>> rows(Path root) {
    Map<String, List<String>> out = new TreeMap<>();
    for (String t : TABLES) {
      out.put(t, SweepRows.rows(spark, root, t));
    }
    return out;
  }

  /** The path {@code /<dir>} on the cluster, built from its parts (no parsing, nothing decoded). */
  private static Path at(String dir) {
    return new Path("hdfs", "127.0.0.1:" + cluster.getNameNodePort(), dir);
  }

  @Test
  void aSweepLandsExactlyAtAPathWithSpacePercentHashAndUnicodeAndEqualsALocalRun() throws Exception {
    SweepJob.Summary first = cleanSweep();
    assertEquals(4, first.ran());
    assertEquals(0, first.failed(), first.outcomes().toString());

    assertEquals(List.of(ODD), names(new Path("/user dir")), "one directory, named exactly as given");
    Path root = cleanRoot();
    assertTrue(names(root).containsAll(List.of(Ownership.MARKER, SweepOutput.SPEC, "points", "flows", "spectra",
        "patterns")), names(root).toString());
    List<String> all = new ArrayList<>();
    walk(new Path("/"), all);
    for (String p : all) {
      for (String variant : List.of("%20", "%25", "%23", "%C3", "%c3")) {
        assertFalse(p.contains(variant), p + " is an encoded variant of the path");
      }
    }
    assertTrue(all.stream().anyMatch(p -> p.startsWith("/user dir/" + ODD + "/points/n_v=16/")), all.toString());
    assertFalse(java.nio.file.Files.exists(java.nio.file.Paths.get("hdfs:")), "nothing went to the local disk");

    cleanRows().forEach((t, r) -> assertFalse(r.isEmpty(), t));
    java.nio.file.Path local = tmp.resolve("local");
    assertEquals(4, SweepTestSupport.sweep(spark, spec, local.toString()).ran());
    assertEquals(rows(new Path(local.toUri())), cleanRows(), "HDFS vs local disk");

    SweepJob.Summary again = SweepTestSupport.sweep(spark, spec, hdfs + "/user dir/" + ODD);
    assertEquals(4, again.skipped(), "the rerun finds every point committed");
    assertEquals(0, again.ran());
    assertEquals(Map.of(), again.repaired());
    assertFalse(fs.exists(new Path(root, OutputLock.FILE)), "the lock is released");
  }

  @Test
  void compactionOnHdfsMergesEveryTableIntoOneFileAndKeepsEveryRowOnce() throws Exception {
    SweepJob.Summary clean = cleanSweep();
    Path copy = at("/compacted/" + ODD);
    assertTrue(FileUtil.copy(fs, cleanRoot(), fs, copy, false, fs.getConf()));
    Compaction.Result r;
    try (OutputLock lock = SweepOutput.at(hdfs + "/compacted/" + ODD).lock("compact test")) {
      r = Compaction.run(copy, OutputLocation.hadoopConf());
    }
    assertEquals(Map.of("points", 4, "flows", 4, "spectra", 4, "patterns", 4), r.filesBefore());
    assertEquals(Map.of("points", 1, "flows", 1, "spectra", 1, "patterns", 1), r.filesAfter());
    assertEquals(cleanRows(), rows(copy));
    assertEquals(clean.finalStatus(), CommittedPoints.verify(copy, OutputLocation.hadoopConf()).status());
    assertEquals(0, SweepTestSupport.sweep(spark, spec, hdfs + "/compacted/" + ODD).ran(), "a resume runs nothing");
  }

  @Test
  void theLockRefusesASecondWriterAndIsTakenOverWhenStale() throws Exception {
    Configuration conf = OutputLocation.hadoopConf();
    Path dir = at("/locked output");
    fs.mkdirs(dir);
    Path file = new Path(dir, OutputLock.FILE);
    try (OutputLock first = OutputLock.acquire(dir, conf, "sweep a.yaml")) {
      OutputLock.HeldException e = assertThrows(OutputLock.HeldException.class,
          () -> OutputLock.acquire(dir, conf, "sweep b.yaml"));
      assertTrue(e.getMessage().contains("`rbmflow sweep a.yaml`"), e.getMessage());
      assertTrue(e.getMessage().contains("host " + OutputLock.hostName()), e.getMessage());
      assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
      assertEquals(first.token(), OutputLock.read(file, conf).orElseThrow().token());
    }
    assertFalse(fs.exists(file), "released on close");
    OutputLock.acquire(dir, conf, "sweep again").close();

    OutputLock.Holder remote = new OutputLock.Holder("another-host.invalid", 4242, "?", "2026-01-01T00:00:00Z",
        "sweep remote.yaml", "remote-token");
    writeString(file, OutputLock.format(remote));
    OutputLock.HeldException held = assertThrows(OutputLock.HeldException.class,
        () -> OutputLock.acquire(dir, conf, "sweep"), "another host's lock with a fresh heartbeat is held");
    assertTrue(held.getMessage().contains("another-host.invalid"), held.getMessage());
    fs.setTimes(file, System.currentTimeMillis() - OutputLock.STALE_AFTER - 60_000, -1);
    try (OutputLock taken = OutputLock.acquire(dir, conf, "sweep")) {
      OutputLock.Holder now = OutputLock.read(file, conf).orElseThrow();
      assertEquals(taken.token(), now.token(), "the stale lock was taken over");
      assertEquals(OutputLock.hostName(), now.host());
    }
    assertEquals(List.of(), names(dir), "no lock, take-over guard or temporary file left");
  }

  @Test
  void aRerunRecomputesExactlyTheDamagedPointsAndIgnoresForeignFiles() throws Exception {
    assertEquals(4, cleanSweep().ran());
    Path root = at("/integrity/" + ODD);
    assertTrue(FileUtil.copy(fs, cleanRoot(), fs, root, false, fs.getConf()), "a copy of the clean output");
    String location = hdfs + "/integrity/" + ODD;

    List<GridPoint> grid = spec.grid();
    String truncated = grid.get(0).pointId();
    String noFlows = grid.get(3).pointId();
    Path pointsFile = PointTables.pointFile(root, grid.get(0).lattice().sites(), truncated);
    byte[] whole = readBytes(pointsFile);
    writeBytes(pointsFile, java.util.Arrays.copyOf(whole, whole.length / 2));
    Path flowsFile = PointTables.tableFile(root, "flows", noFlows);
    assertTrue(fs.delete(flowsFile, false), "flows file " + flowsFile + " deleted");
    byte[] junk = new byte[4096];
    new Random(11).nextBytes(junk);
    writeBytes(new Path(root, "points/garbage.parquet"), junk);
    writeBytes(new Path(root, "flows/junk.parquet"), junk);

    CommittedPoints.Verified v = CommittedPoints.verify(root, OutputLocation.hadoopConf());
    assertEquals(Set.of(truncated, noFlows), v.damaged().keySet(), v.damaged().toString());
    assertTrue(v.damaged().get(truncated).startsWith("points file unreadable"), v.damaged().toString());
    assertEquals("flows file missing", v.damaged().get(noFlows));
    assertEquals(Set.of("points/garbage.parquet", "flows/junk.parquet"), Set.copyOf(v.foreign()));
    assertEquals(2, v.foreign().size());
    assertEquals(Set.of(grid.get(1).pointId(), grid.get(2).pointId()), v.status().keySet());

    SweepJob.Summary repair = SweepTestSupport.sweep(spark, spec, location);
    assertEquals(Set.of(truncated, noFlows), repair.repaired().keySet());
    assertEquals(2, repair.repaired().size());
    assertEquals(2, repair.ran());
    assertEquals(2, repair.skipped());
    assertEquals(Set.of(truncated, noFlows), Set.copyOf(repair.outcomes().stream().map(o -> o.pointId).toList()));
    assertEquals(Set.copyOf(v.foreign()), Set.copyOf(repair.foreign()));

    assertEquals(cleanRows(), rows(root), "the repaired tables (junk ignored) equal the clean run's");
    ResultTables tables = new ResultTables(spark, root, OutputLocation.hadoopConf());
    assertTrue(tables.exists("points") && tables.exists("flows"));
    String warnings = String.join("\n", tables.warnings());
    assertTrue(warnings.contains("points/garbage.parquet") && warnings.contains("flows/junk.parquet"), warnings);
    assertArrayEquals(junk, readBytes(new Path(root, "flows/junk.parquet")), "foreign files are left alone");
    assertTrue(CommittedPoints.verify(root, OutputLocation.hadoopConf()).damaged().isEmpty());
  }

  @Test
  void aDirectoryOfUserFilesIsRefusedEvenWithOverwrite() throws Exception {
    Path dir = at("/user files");
    Path thesis = new Path(dir, "thesis/a.tex");
    writeString(thesis, "\\documentclass{article}\n");
    for (boolean overwrite : new boolean[] {true, false}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> OutputLocation.checkWritable(hdfs + "/user files", overwrite, Ownership.Kind.POINT));
      assertTrue(e.getMessage().contains("did not write") && e.getMessage().contains("thesis"), e.getMessage());
    }
    assertEquals(List.of("thesis"), names(dir));
    assertEquals("\\documentclass{article}\n", new String(readBytes(thesis), StandardCharsets.UTF_8));
  }

  @Test
  void anAtomicWriteReplacesAnExistingFileAndLeavesNoTemporaryName() throws Exception {
    Configuration conf = OutputLocation.hadoopConf();
    Path dir = at("/atomic/" + ODD);
    Path target = new Path(dir, "table %41 #2.txt");
    AtomicFiles.write(target, conf, out -> out.write("old".getBytes(StandardCharsets.UTF_8)));
    assertEquals("old", new String(readBytes(target), StandardCharsets.UTF_8));
    AtomicFiles.write(target, conf, out -> out.write("new, and longer".getBytes(StandardCharsets.UTF_8)));
    assertEquals("new, and longer", new String(readBytes(target), StandardCharsets.UTF_8));
    assertEquals(List.of("table %41 #2.txt"), names(dir));
    assertFalse(names(dir).stream().anyMatch(n -> n.startsWith(AtomicFiles.TEMP_PREFIX)));
  }

  private static List<String> names(Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    for (FileStatus s : fs.listStatus(dir)) {
      out.add(s.getPath().getName());
    }
    out.sort(null);
    return out;
  }

  /** Every path below {@code dir}, as the decoded path part of its URI. */
  private static void walk(Path dir, List<String> out) throws IOException {
    for (FileStatus s : fs.listStatus(dir)) {
      out.add(s.getPath().toUri().getPath());
      if (s.isDirectory()) {
        walk(s.getPath(), out);
      }
    }
  }

  private static byte[] readBytes(Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      return in.readAllBytes();
    }
  }

  private static void writeBytes(Path file, byte[] bytes) throws IOException {
    try (OutputStream out = fs.create(file, true)) {
      out.write(bytes);
    }
  }

  private static void writeString(Path file, String text) throws IOException {
    writeBytes(file, text.getBytes(StandardCharsets.UTF_8));
  }
}
