package org.rbmflow.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.rbmflow.common.PointStatus;

/**
 * One batch of compacted points ({@link Compaction}) as its manifest records it: the batch id, the {@code n_v} of its
 * points, each member point's status and rows per table, and the rows of each table's compacted file.
 *
 * <p>On disk a batch {@code B} (16 hex digits) of points with {@code n_v = N} is
 * <ul>
 *   <li>{@code points/n_v=N/compacted-B.parquet} and {@code <table>/compacted-B.parquet} for {@code flows, spectra,
 *       patterns}: the member points' rows, exactly as in their per-point files (a table none of them has rows in
 *       has no file); each footer records {@value #META_BATCH} = B;</li>
 *   <li>{@code points/_compacted/B.json}: the manifest, written last and atomically. It <em>publishes</em> the batch:
 *       a compacted file is part of its table exactly when its batch's manifest exists, and a point listed in a
 *       manifest is committed through the batch's files, whatever per-point files of it are still there.</li>
 * </ul>
 * A point id is listed in at most one manifest: compaction takes only points not yet in one.
 */
public record CompactedBatch(String id, int nV, Map<String, Long> rows, Map<String, Member> points) {
  /** The directory of the manifests, hidden from Spark and from the tables' listings. */
  public static final String MANIFESTS = "points/_compacted";
  /** Footer key of a compacted file: the id of its batch. */
  static final String META_BATCH = "rbmflow.compacted.batch";
  /** The name of a compacted file, group 1 the batch id. */
  static final Pattern FILE = Pattern.compile("compacted-([0-9a-f]{16})\\.parquet");
  private static final Pattern MANIFEST = Pattern.compile("([0-9a-f]{16})\\.json");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A member point: its status when it was committed and its rows in each table. */
  public record Member(PointStatus status, Map<String, Long> rows) {}

  /** The published manifests of an output, and the manifest files that could not be read (name → why). */
  public record Published(List<CompactedBatch> batches, Map<String, String> unreadable) {
    /** The batch of every point listed in a manifest. */
    public Map<String, CompactedBatch> byPoint() {
      Map<String, CompactedBatch> out = new HashMap<>();
      for (CompactedBatch b : batches) {
        b.points().keySet().forEach(p -> out.putIfAbsent(p, b));
      }
      return out;
    }
  }

  /** The compacted file of {@code table} in batch {@code batch} of points with {@code n_v = nV}. */
  public static Path dataFile(Path root, String table, int nV, String batch) {
    String name = "compacted-" + batch + ".parquet";
    return table.equals("points") ? new Path(root, "points/n_v=" + nV + "/" + name) : new Path(root, table + "/" + name);
  }

  /** This batch's file of {@code table}. */
  public Path dataFile(Path root, String table) {
    return dataFile(root, table, nV, id);
  }

  /** The manifest of batch {@code batch}. */
  public static Path manifest(Path root, String batch) {
    return new Path(root, MANIFESTS + "/" + batch + ".json");
  }

  /** The batch id of a compacted file's name, or null when the name is not one. */
  static String batchOf(String fileName) {
    Matcher m = FILE.matcher(fileName);
    return m.matches() ? m.group(1) : null;
  }

  /** Every published manifest under {@code root}, read; an unreadable one is reported, never guessed at. */
  public static Published published(Path root, Configuration conf) throws IOException {
    Path dir = new Path(root, MANIFESTS);
    FileSystem fs = dir.getFileSystem(conf);
    FileStatus[] found;
    try {
      found = fs.listStatus(dir);
    } catch (FileNotFoundException e) {
      return new Published(List.of(), Map.of());
    }
    List<CompactedBatch> batches = new ArrayList<>();
    Map<String, String> unreadable = new TreeMap<>();
    for (FileStatus s : found) {
      Matcher m = MANIFEST.matcher(s.getPath().getName());
      if (!s.isFile() || !m.matches()) {
        continue;
      }
      try (InputStream in = fs.open(s.getPath())) {
        CompactedBatch b = fromJson(JSON.readTree(in));
        if (!b.id().equals(m.group(1))) {
          throw new IOException("manifest of batch " + b.id() + " under the name of batch " + m.group(1));
        }
        batches.add(b);
      } catch (IOException | RuntimeException e) {
        unreadable.put(m.group(1), "manifest unreadable (" + SweepOutput.oneLine(e) + ")");
      }
    }
    batches.sort(java.util.Comparator.comparing(CompactedBatch::id));
    return new Published(batches, unreadable);
  }

  /** Writes this manifest atomically: the batch is published when this returns. */
  void publish(Path root, Configuration conf) throws IOException {
    byte[] bytes = JSON.writeValueAsString(toJson()).getBytes(StandardCharsets.UTF_8);
    AtomicFiles.write(manifest(root, id), conf, out -> out.write(bytes));
  }

  private ObjectNode toJson() {
    ObjectNode n = JSON.createObjectNode();
    n.put("batch", id);
    n.put("n_v", nV);
    ObjectNode r = n.putObject("rows");
    rows.forEach(r::put);
    var members = n.putArray("points");
    points.forEach((pid, m) -> {
      ObjectNode p = members.addObject();
      p.put("id", pid);
      p.put("status", m.status().name());
      m.rows().forEach(p::put);
    });
    return n;
  }

  private static CompactedBatch fromJson(JsonNode n) throws IOException {
    if (!n.path("batch").isTextual() || !n.path("n_v").isInt() || !n.path("rows").isObject()
        || !n.path("points").isArray()) {
      throw new IOException("not a manifest of compacted points");
    }
    Map<String, Long> rows = new LinkedHashMap<>();
    for (String t : PointTables.TABLES) {
      rows.put(t, n.path("rows").path(t).asLong(0));
    }
    Map<String, Member> points = new LinkedHashMap<>();
    for (JsonNode p : n.path("points")) {
      Map<String, Long> r = new LinkedHashMap<>();
      for (String t : PointTables.TABLES) {
        r.put(t, p.path(t).asLong(0));
      }
      points.put(p.path("id").asText(), new Member(PointStatus.valueOf(p.path("status").asText()), r));
    }
    return new CompactedBatch(n.get("batch").asText(), n.get("n_v").asInt(), rows, points);
  }
}
