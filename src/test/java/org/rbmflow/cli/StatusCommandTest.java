package org.rbmflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rbmflow.spark.OutputLock;

/**
 * {@code rbmflow status} on a real 4-point sweep: finished, held by a writer with a point still missing, damaged,
 * and on paths that are not a sweep's output; it never changes a file.
 */
class StatusCommandTest {
  @TempDir
  static Path tmp;
  static Path out;

  @BeforeAll
  static void sweep() throws Exception {
    System.setProperty("spark.master", "local[2]");
    System.setProperty("spark.ui.enabled", "false");
    Path job = tmp.resolve("job.yaml");
    Files.writeString(job, SweepCommandTest.SPEC);
    out = tmp.resolve("out");
    // per-point files (the damage test truncates one point's file); compaction is tested on a copy below
    CliRun r = CliRun.run("sweep", job.toString(), "--out", out.toString(), "--no-aggregate", "--no-compact");
    assertEquals(0, r.code(), r.err());
  }

  /** After compaction the points are in batch files: the status reads the same counts and core-hours. */
  @Test
  void aCompactedOutputReadsTheSame() throws Exception {
    Path compacted = copy(out, tmp.resolve("compacted"));
    CliRun c = CliRun.run("compact", compacted.toString());
    assertEquals(0, c.code(), c.err());
    try (Stream<Path> files = Files.list(compacted.resolve("flows"))) {
      assertTrue(files.allMatch(f -> f.getFileName().toString().startsWith("compacted-")), "compacted");
    }
    CliRun a = CliRun.run("status", out.toString(), "--format", "csv");
    CliRun b = CliRun.run("status", compacted.toString(), "--format", "csv");
    assertEquals(0, b.code(), b.err());
    String[] x = a.out().lines().toList().get(1).split(",", -1);
    String[] y = b.out().lines().toList().get(1).split(",", -1);
    assertEquals(List.of(x).subList(1, 11), List.of(y).subList(1, 11), "counts, core-hours and estimate");
    assertEquals(x[11], y[11], "last commit");
  }

  @AfterAll
  static void clear() {
    System.clearProperty("spark.master");
    System.clearProperty("spark.ui.enabled");
  }

  @Test
  void aFinishedSweep() throws Exception {
    Map<String, String> before = tree(out);
    CliRun r = CliRun.run("status", out.toString());
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals("sweep cli-tiny (" + out + ")", lines.get(0));
    assertTrue(lines.get(1).matches("points: +4 of 4 committed: \\d OK, \\d NOT_CONVERGED, 0 FAILED, 0 TIMEOUT; "
        + "0 remaining"), lines.get(1));
    assertTrue(lines.get(2).matches("core-hours: +\\S+ spent; none remaining"), lines.get(2));
    assertTrue(lines.get(3).matches("last commit: +20\\d\\d-\\S+Z \\(\\d+ s ago\\)"), lines.get(3));
    assertEquals("held by:      nobody (no sweep, aggregate or report is writing to it)", lines.get(4));
    assertEquals("damaged:      none", lines.get(5));
    assertEquals(before, tree(out), "status writes nothing");

    CliRun csv = CliRun.run("status", out.toString(), "--format", "csv");
    assertEquals(0, csv.code(), csv.err());
    List<String> rows = csv.out().lines().toList();
    assertEquals(2, rows.size(), csv.out());
    assertEquals(String.join(",", StatusCommand.CSV_COLUMNS), rows.get(0));
    String[] v = rows.get(1).split(",", -1);
    assertEquals(List.of("cli-tiny", "4", "4"), List.of(v[0], v[1], v[2]));
    assertEquals(4, Integer.parseInt(v[3]) + Integer.parseInt(v[4]), "OK + NOT_CONVERGED");
    assertEquals(List.of("0", "0", "0", "0"), List.of(v[5], v[6], v[7], v[8]));
    assertEquals("0.000000", v[10], "nothing remains");
    assertEquals("", v[12], "no lock holder");

    // the core-hours are the sum of the committed points' timings, as the points table holds them
    CliRun sum = CliRun.run("sql", "SELECT sum(mc_seconds + train_seconds + flow_seconds) / 3600 FROM points",
        "--in", out.toString());
    assertEquals(0, sum.code(), sum.err());
    double expected = Double.parseDouble(sum.out().lines().toList().get(1));
    assertTrue(expected > 0);
    assertEquals(expected, Double.parseDouble(v[9]), 1e-6);
  }

  @Test
  void aSweepInProgressShowsItsHolderAndWhatRemains() throws Exception {
    Path running = copy(out, tmp.resolve("running"));
    Path pointFile;
    try (Stream<Path> s = Files.walk(running.resolve("points"))) {
      pointFile = s.filter(p -> p.toString().endsWith(".parquet")).sorted().findFirst().orElseThrow();
    }
    Files.delete(pointFile);   // as if its task were still running
    try (OutputLock lock = OutputLock.acquire(new org.apache.hadoop.fs.Path(running.toUri()), new Configuration(),
        "sweep job.yaml")) {
      Map<String, String> before = tree(running);
      CliRun r = CliRun.run("status", running.toString());
      assertEquals(0, r.code(), r.err());
      List<String> lines = r.out().lines().toList();
      assertTrue(lines.get(1).startsWith("points:       3 of 4 committed: ") && lines.get(1).endsWith("; 1 remaining"),
          lines.get(1));
      assertTrue(lines.get(2).matches("core-hours: +\\S+ spent; about \\S+ for the 1 remaining \\(cost model\\)"),
          lines.get(2));
      String pid = Long.toString(ProcessHandle.current().pid());
      assertTrue(lines.get(4).startsWith("held by:      `rbmflow sweep job.yaml` on host ")
          && lines.get(4).contains(", pid " + pid + ", since ") && lines.get(4).matches(".*heartbeat \\d+ s ago"),
          lines.get(4));
      assertEquals(before, tree(running), "status takes no lock and writes nothing");

      CliRun csv = CliRun.run("status", running.toString(), "--format", "csv");
      String[] v = csv.out().lines().toList().get(1).split(",", -1);
      assertEquals(List.of("3", "1", pid, "sweep job.yaml", "false"), List.of(v[2], v[7], v[13], v[14], v[17]));
      assertTrue(Double.parseDouble(v[10]) > 0, "an estimate for the missing point");
    }
  }

  @Test
  void aDamagedPointIsNamed() throws Exception {
    Path damaged = copy(out, tmp.resolve("damaged"));
    Path flows;
    try (Stream<Path> s = Files.list(damaged.resolve("flows"))) {
      flows = s.filter(p -> p.toString().endsWith(".parquet")).sorted().findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(flows);
    Files.write(flows, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    String id = flows.getFileName().toString().replace(".parquet", "");
    CliRun r = CliRun.run("status", damaged.toString());
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.get(1).startsWith("points:       3 of 4 committed: ") && lines.get(1).endsWith("; 1 remaining"),
        lines.get(1));
    assertEquals("damaged:      1 point(s), recomputed by the next run of the sweep", lines.get(5));
    // the commit recorded the file's length: the listing shows it cut short without opening it
    assertEquals("  " + id + ": flows file holds " + bytes.length / 2 + " bytes, expected " + bytes.length,
        lines.get(6));
  }

  @Test
  void badPathsExit2AndCreateNothing() throws Exception {
    Path missing = tmp.resolve("missing");
    assertBad(missing.toString(), "does not exist; expected the output directory of a sweep");
    assertFalse(Files.exists(missing));

    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    assertBad(file.toString(), "is a file; expected a directory");

    Path foreign = Files.createDirectories(tmp.resolve("foreign"));
    Files.writeString(foreign.resolve("notes.txt"), "mine");
    assertBad(foreign.toString(), "is not an output of `rbmflow sweep` (no rbmflow marker)");
    assertEquals(List.of("notes.txt"), names(foreign));

    Path point = Files.createDirectories(tmp.resolve("point-out"));
    Files.writeString(point.resolve("_rbmflow"), "kind=point\n");
    assertBad(point.toString(), "(it holds the output of `rbmflow point`)");

    Path broken = copy(out, tmp.resolve("broken-spec"));
    Files.writeString(broken.resolve("_sweep.spec"), "fingerprint 00\n{\"name\": 3}\n");
    assertBad(broken.toString(), "_sweep.spec' is not a spec this version reads");

    CliRun none = CliRun.run("status");
    assertEquals(2, none.code());
    CliRun format = CliRun.run("status", out.toString(), "--format", "json");
    assertEquals(2, format.code());
    assertTrue(format.err().contains("--format"), format.err());
  }

  @Test
  void agesReadAsAPersonWouldSayThem() {
    assertEquals("5 s ago", StatusCommand.ago(Duration.ofSeconds(5)));
    assertEquals("3 min ago", StatusCommand.ago(Duration.ofSeconds(200)));
    assertEquals("5 h ago", StatusCommand.ago(Duration.ofHours(5)));
    assertEquals("3 days ago", StatusCommand.ago(Duration.ofDays(3)));
  }

  private static void assertBad(String location, String message) throws IOException {
    CliRun r = CliRun.run("status", location);
    assertEquals(2, r.code(), r.out() + r.err());
    assertEquals("", r.out());
    List<String> err = r.err().lines().toList();
    assertTrue(err.get(0).startsWith("rbmflow status: OUT: '" + location) && err.get(0).contains(message), r.err());
    assertEquals("Nothing was written. Try 'rbmflow status --help'.", err.get(1));
  }

  /** Every file under {@code root} with its size and modification time. */
  private static Map<String, String> tree(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.toList()) {
        out.put(root.relativize(p).toString(), Files.isDirectory(p) ? "dir"
            : Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
      }
    }
    return out;
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }
}
