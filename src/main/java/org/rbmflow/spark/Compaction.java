package org.rbmflow.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.rbmflow.common.PointStatus;
import org.rbmflow.table.Tables;

/**
 * Compaction: the per-point files of a sweep's output ({@link PointTables}, four small files a point) merged into
 * batches of up to {@value #POINTS_PER_BATCH} points of one {@code n_v} (fewer when a table's files of the batch
 * would pass {@value #BYTES_PER_BATCH} bytes), one file per table and batch ({@link CompactedBatch}). Run while
 * holding the output's lock ({@link OutputLock}), by {@code sweep} after its points and by {@code rbmflow compact}.
 *
 * <p>A batch goes through three steps, each leaving the tables whole for a reader ({@link ResultTables}) and for a
 * resume ({@link CommittedPoints}):
 * <ol>
 *   <li><b>written</b>: each table's compacted file is written under a temporary name and renamed to
 *       {@code compacted-<batch>.parquet}. Unpublished, it is not read; the member points are still their per-point
 *       files. A crash here leaves a temporary file ({@link AtomicFiles#cleanLeftovers}) or an unpublished compacted
 *       file ({@link #removeUnpublished}), both removed by the next writer holding the lock.</li>
 *   <li><b>published</b>: the manifest is renamed into place. From now on the members are read from the batch's files
 *       alone and their per-point files are ignored. A crash here leaves those per-point files, removed by the next
 *       compaction.</li>
 *   <li><b>cleaned</b>: the members' per-point files are deleted.</li>
 * </ol>
 *
 * <p>Invariants: the compacted rows are the per-point rows, value for value (copied record by record with the
 * table's Parquet schema; a point whose file has another schema, from an older version, is left as it is); a point
 * is in at most one published batch; only points committed whole with status OK or NOT_CONVERGED are compacted
 * (FAILED and TIMEOUT ones are retried by a rerun, which rewrites their per-point files, so they stay per-point);
 * nothing is deleted but per-point files of published points and compacted files whose footer names their unpublished
 * batch; nothing is written when no {@code n_v} has two points to merge.
 */
public final class Compaction {
  /** Most points in one batch. */
  public static final int POINTS_PER_BATCH = 2000;
  /** Most bytes of one table's per-point files merged into one batch (more points start another batch). */
  public static final long BYTES_PER_BATCH = 128L << 20;

  /** The points of one batch to be, in id order, with their per-point files by table. */
  private record Plan(int nV, List<String> ids, Map<String, Map<String, Path>> files) {}

  /** Where a batch is: a test stops here to leave what a crash would. */
  enum Step { WRITTEN, PUBLISHED }

  /**
   * What a compaction did: batches written and points merged into them, leftover per-point files of published points
   * removed, rbmflow's data files per table before and after, and published batches found damaged (left for a rerun
   * of the sweep to recompute).
   */
  public record Result(int batches, int points, int leftoversRemoved, Map<String, Integer> filesBefore,
      Map<String, Integer> filesAfter, Map<String, String> damagedBatches) {}

  /** Batches written at once by {@link #run(Path, Configuration)}: the driver's cores, at most 4. */
  static final int THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

  private Compaction() {}

  /** Compacts the output under {@code root}; the caller holds its lock. */
  public static Result run(Path root, Configuration conf) throws IOException {
    return run(root, conf, POINTS_PER_BATCH, BYTES_PER_BATCH, s -> {}, THREADS);
  }

  /** One batch after another (a test's {@code after} sees the steps in order). */
  static Result run(Path root, Configuration conf, int maxPoints, long maxBytes, Consumer<Step> after)
      throws IOException {
    return run(root, conf, maxPoints, maxBytes, after, 1);
  }

  /**
   * Batches written on {@code threads} threads: each batch is written, published and cleaned by itself (the class
   * comment's three steps), so they may run side by side; decoding and re-encoding the rows is the work (a few
   * milliseconds a point).
   */
  static Result run(Path root, Configuration conf, int maxPoints, long maxBytes, Consumer<Step> after, int threads)
      throws IOException {
    removeUnpublished(root, conf);
    Map<String, Integer> before = fileCounts(root, conf);
    CommittedPoints.Verified verified = CommittedPoints.verify(root, conf);
    Map<String, CompactedBatch> published = CompactedBatch.published(root, conf).byPoint();
    int leftovers = 0;
    Map<String, Map<String, Path>> perPoint = perPointFiles(root, conf);
    for (Map.Entry<String, Map<String, Path>> e : perPoint.entrySet()) {
      CompactedBatch b = published.get(e.getKey());
      if (b != null && !verified.damagedBatches().containsKey(b.id())) {
        leftovers += delete(e.getValue().values(), conf);
      }
    }
    List<Plan> plans = plan(root, conf, verified, published.keySet(), perPoint, maxPoints, maxBytes);
    int points = threads <= 1 || plans.size() <= 1 ? writeAll(root, conf, plans, verified.status(), after)
        : writeAll(root, conf, plans, verified.status(), after, threads);
    return new Result(plans.size(), points, leftovers, before, fileCounts(root, conf), verified.damagedBatches());
  }

  /**
   * Unpublishes batch {@code batch} (a damaged one, whose points a sweep is about to recompute): the files its
   * manifest names are deleted (whatever their state: the manifest says rbmflow wrote them), then the manifest, then
   * any other file of the batch whose footer names it. A crash on the way leaves the batch damaged, to be retracted
   * again. The caller holds the output's lock.
   */
  public static void retract(Path root, Configuration conf, String batch) throws IOException {
    FileSystem fs = root.getFileSystem(conf);
    for (CompactedBatch b : CompactedBatch.published(root, conf).batches()) {
      if (b.id().equals(batch)) {
        for (String t : PointTables.TABLES) {
          if (b.rows().get(t) > 0) {
            fs.delete(b.dataFile(root, t), false);
          }
        }
      }
    }
    fs.delete(CompactedBatch.manifest(root, batch), false);
    removeUnpublished(root, conf);
  }

  /**
   * Deletes the compacted files of batches without a manifest (a compaction that died before publishing), each only
   * after its footer confirms it is rbmflow's file of that batch. The caller holds the output's lock. Returns how many.
   */
  public static int removeUnpublished(Path root, Configuration conf) throws IOException {
    CompactedBatch.Published published = CompactedBatch.published(root, conf);
    Set<String> known = new java.util.HashSet<>(published.unreadable().keySet());
    published.batches().forEach(b -> known.add(b.id()));
    int removed = 0;
    for (String t : PointTables.TABLES) {
      for (Path f : CommittedPoints.compactedFiles(root, t, conf)) {
        String batch = CompactedBatch.batchOf(f.getName());
        if (!known.contains(batch) && batch.equals(footerBatch(f, conf))) {
          f.getFileSystem(conf).delete(f, false);
          removed++;
        }
      }
    }
    return removed;
  }

  private static String footerBatch(Path f, Configuration conf) {
    try (ParquetFileReader r = ParquetFileReader.open(CommittedPoints.input(f, conf), CommittedPoints.readOptions(conf))) {
      return r.getFileMetaData().getKeyValueMetaData().get(CompactedBatch.META_BATCH);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** rbmflow's data files (per-point and compacted) of each per-point table, {@code points} first. */
  public static Map<String, Integer> fileCounts(Path root, Configuration conf) throws IOException {
    Map<String, Integer> n = new LinkedHashMap<>();
    List<String> tables = new ArrayList<>(List.of("points"));
    tables.addAll(CommittedPoints.OTHER_TABLES);
    for (String t : tables) {
      CommittedPoints.Listing l = CommittedPoints.files(root, t, conf);
      n.put(t, l.files().size() + l.compacted().size());
    }
    return n;
  }

  /** Every per-point file: point id → table → file. */
  private static Map<String, Map<String, Path>> perPointFiles(Path root, Configuration conf) throws IOException {
    Map<String, Map<String, Path>> out = new TreeMap<>();
    for (String t : PointTables.TABLES) {
      for (Path f : CommittedPoints.files(root, t, conf).files()) {
        out.computeIfAbsent(CommittedPoints.idOf(f), k -> new LinkedHashMap<>()).put(t, f);
      }
    }
    return out;
  }

  /**
   * The batches to write: the whole OK and NOT_CONVERGED points that are in no published batch and whose files have
   * the current schemas, by {@code n_v} in id order, cut at {@code maxPoints} points or {@code maxBytes} of one
   * table; batches of a single point are not worth writing.
   */
  private static List<Plan> plan(Path root, Configuration conf, CommittedPoints.Verified verified, Set<String> published,
      Map<String, Map<String, Path>> perPoint, int maxPoints, long maxBytes) throws IOException {
    FileSystem fs = root.getFileSystem(conf);
    Map<Integer, List<String>> byNv = new TreeMap<>();
    for (Map.Entry<String, Map<String, Path>> e : perPoint.entrySet()) {
      PointStatus s = verified.status().get(e.getKey());
      Path pointsFile = e.getValue().get("points");
      if (pointsFile != null && !published.contains(e.getKey())
          && (s == PointStatus.OK || s == PointStatus.NOT_CONVERGED) && currentSchemas(e.getValue(), conf)) {
        int nV = Integer.parseInt(pointsFile.getParent().getName().substring("n_v=".length()));
        byNv.computeIfAbsent(nV, k -> new ArrayList<>()).add(e.getKey());
      }
    }
    List<Plan> plans = new ArrayList<>();
    for (Map.Entry<Integer, List<String>> e : byNv.entrySet()) {
      List<String> ids = new ArrayList<>();
      Map<String, Long> bytes = new HashMap<>();
      for (String id : e.getValue()) {
        Map<String, Long> sizes = new HashMap<>();
        for (Map.Entry<String, Path> f : perPoint.get(id).entrySet()) {
          sizes.put(f.getKey(), fs.getFileStatus(f.getValue()).getLen());
        }
        boolean full = ids.size() >= maxPoints
            || sizes.entrySet().stream().anyMatch(s -> bytes.getOrDefault(s.getKey(), 0L) + s.getValue() > maxBytes);
        if (full && !ids.isEmpty()) {
          addPlan(plans, e.getKey(), ids, perPoint);
          ids = new ArrayList<>();
          bytes.clear();
        }
        ids.add(id);
        sizes.forEach((t, n) -> bytes.merge(t, n, Long::sum));
      }
      addPlan(plans, e.getKey(), ids, perPoint);
    }
    return plans;
  }

  private static void addPlan(List<Plan> plans, int nV, List<String> ids, Map<String, Map<String, Path>> perPoint) {
    if (ids.size() < 2) {
      return;
    }
    Map<String, Map<String, Path>> files = new LinkedHashMap<>();
    for (String t : PointTables.TABLES) {
      Map<String, Path> f = new LinkedHashMap<>();
      ids.forEach(id -> {
        Path p = perPoint.get(id).get(t);
        if (p != null) {
          f.put(id, p);
        }
      });
      files.put(t, f);
    }
    plans.add(new Plan(nV, List.copyOf(ids), files));
  }

  /** Whether each of a point's files has its table's schema as this version writes it. */
  private static boolean currentSchemas(Map<String, Path> files, Configuration conf) {
    ParquetReadOptions options = CommittedPoints.readOptions(conf);
    for (Map.Entry<String, Path> f : files.entrySet()) {
      try (ParquetFileReader r = ParquetFileReader.open(CommittedPoints.input(f.getValue(), conf), options)) {
        if (!r.getFileMetaData().getSchema().equals(TableFormats.parquet(Tables.named(f.getKey())))) {
          return false;
        }
      } catch (IOException | RuntimeException e) {
        return false;
      }
    }
    return true;
  }

  private static int writeAll(Path root, Configuration conf, List<Plan> plans, Map<String, PointStatus> status,
      Consumer<Step> after) throws IOException {
    int points = 0;
    for (Plan p : plans) {
      points += write(root, conf, p, status, after);
    }
    return points;
  }

  private static int writeAll(Path root, Configuration conf, List<Plan> plans, Map<String, PointStatus> status,
      Consumer<Step> after, int threads) throws IOException {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, plans.size()), r -> {
      Thread t = new Thread(r, "rbmflow-compact");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Integer>> written = new ArrayList<>();
      for (Plan p : plans) {
        written.add(pool.submit(() -> write(root, conf, p, status, after)));
      }
      int points = 0;
      for (Future<Integer> f : written) {
        points += f.get();
      }
      return points;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while compacting", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Writes, publishes and cleans one batch (the three steps of the class comment); returns its points. */
  private static int write(Path root, Configuration conf, Plan p, Map<String, PointStatus> status,
      Consumer<Step> after) throws IOException {
    String batch = batchId(p.ids());
    Map<String, Map<String, Long>> memberRows = new LinkedHashMap<>();
    p.ids().forEach(id -> memberRows.put(id, new LinkedHashMap<>()));
    Map<String, Long> rows = new LinkedHashMap<>();
    for (String t : PointTables.TABLES) {
      Map<String, Path> files = p.files().get(t);
      p.ids().forEach(id -> memberRows.get(id).put(t, 0L));
      if (files.isEmpty()) {
        rows.put(t, 0L);
        continue;
      }
      rows.put(t, writeTable(CompactedBatch.dataFile(root, t, p.nV(), batch), t, batch, files, memberRows, conf));
    }
    after.accept(Step.WRITTEN);
    Map<String, CompactedBatch.Member> members = new LinkedHashMap<>();
    p.ids().forEach(id -> members.put(id, new CompactedBatch.Member(status.get(id), memberRows.get(id))));
    new CompactedBatch(batch, p.nV(), rows, members).publish(root, conf);
    after.accept(Step.PUBLISHED);
    for (String t : PointTables.TABLES) {
      delete(p.files().get(t).values(), conf);
    }
    return p.ids().size();
  }

  /** Copies the rows of {@code files} (point id → file) into the table's compacted file; returns the rows. */
  private static long writeTable(Path target, String table, String batch, Map<String, Path> files,
      Map<String, Map<String, Long>> memberRows, Configuration conf) throws IOException {
    MessageType schema = TableFormats.parquet(Tables.named(table));
    Path tmp = AtomicFiles.tempSibling(target);
    ParquetReadOptions options = CommittedPoints.readOptions(conf);
    long total = 0;
    try {
      try (ParquetWriter<Group> w = ParquetFiles.openCompacted(ParquetFiles.output(tmp, conf), schema, conf,
          Map.of(CompactedBatch.META_BATCH, batch))) {
        for (Map.Entry<String, Path> f : files.entrySet()) {
          long n = ParquetFiles.forEachRow(CommittedPoints.input(f.getValue(), conf), options, g -> {
            try {
              w.write(g);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
          memberRows.get(f.getKey()).put(table, n);
          total += n;
        }
      }
      AtomicFiles.replace(tmp, target, conf);
    } catch (UncheckedIOException e) {
      AtomicFiles.deleteQuietly(tmp, conf, e);
      throw e.getCause();
    } catch (IOException | RuntimeException e) {
      AtomicFiles.deleteQuietly(tmp, conf, e);
      throw e;
    }
    return total;
  }

  private static int delete(Iterable<Path> files, Configuration conf) throws IOException {
    int n = 0;
    for (Path f : files) {
      try {
        if (f.getFileSystem(conf).delete(f, false)) {
          n++;
        }
      } catch (FileNotFoundException e) {
        // already gone: what deleting it was for
      }
    }
    return n;
  }

  /** The batch id: the first 16 hex digits of the SHA-256 of its point ids (a retried batch gets the same name). */
  static String batchId(List<String> ids) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(String.join("\n", ids).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
