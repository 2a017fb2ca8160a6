package org.rbmflow.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.rbmflow.common.PointStatus;

/**
 * What a sweep has committed, found by listing (no driver-side state survives a crash) and checked:
 * a point counts as committed only when its {@code points} file (the last of its files to be renamed into place,
 * {@link PointTables}) and every other file its footer lists are present and readable, with the row counts recorded
 * at commit, or when it is a member of a published batch of compacted points ({@link CompactedBatch}) whose files
 * hold the rows its manifest records. A point of a published batch is committed through the batch alone: per-point
 * files of it that are still there are not looked at. A batch whose files do not match its manifest is damaged, and
 * so are its points (unless their per-point files are still whole). Everything else under the table directories
 * that rbmflow did not write is reported as foreign and never read.
 */
public final class CommittedPoints {
  /** The names of a point's files: {@code <point_id>.parquet}, point ids as {@code GridPoint#pointId} makes them. */
  static final Pattern POINT_FILE = Pattern.compile("(nv\\d+-nh\\d+-nt\\d+-s-?\\d+-[0-9a-f]{16})\\.parquet");
  /** The per-point tables besides {@code points}. */
  static final List<String> OTHER_TABLES = List.of("flows", "spectra", "patterns");
  private static final int THREADS = 8;

  private CommittedPoints() {}

  /**
   * The result of {@link #verify}: whole points with their status, damaged points with why, foreign files, and the
   * published batches of compacted points that are damaged (batch id → why).
   */
  public record Verified(Map<String, PointStatus> status, Map<String, String> damaged, List<String> foreign,
      Map<String, String> damagedBatches) {}

  /** The files of one table that rbmflow wrote (by name): per-point files, compacted files; and the others. */
  public record Listing(List<Path> files, List<Path> compacted, List<String> foreign, Map<String, Long> bytes) {
    /** A listing without the per-point files' lengths. */
    public Listing(List<Path> files, List<Path> compacted, List<String> foreign) {
      this(files, compacted, foreign, Map.of());
    }
  }

  /**
   * The point ids with a {@code points} file or in a published manifest, by name only (no data file read). The
   * directory is listed before the manifests are read, so a compaction running meanwhile loses no point.
   */
  public static Set<String> list(Path root, Configuration conf) throws IOException {
    Set<String> ids = new HashSet<>();
    for (Path p : files(root, "points", conf).files()) {
      ids.add(idOf(p));
    }
    for (CompactedBatch b : CompactedBatch.published(root, conf).batches()) {
      ids.addAll(b.points().keySet());
    }
    return ids;
  }

  /**
   * The point files of {@code table} under {@code root} ({@code points/n_v=N/<id>.parquet}, else
   * {@code <table>/<id>.parquet}), its compacted files ({@code compacted-<batch>.parquet}, published or not) and, as
   * paths relative to root, every other visible entry there. Hidden names ({@code .}, {@code _}) are rbmflow's
   * temporary files, its manifests or Spark's files and are none of these.
   */
  public static Listing files(Path root, String table, Configuration conf) throws IOException {
    List<Path> files = new ArrayList<>();
    List<Path> compacted = new ArrayList<>();
    List<String> foreign = new ArrayList<>();
    Map<String, Long> bytes = new HashMap<>();
    Path dir = new Path(root, table);
    FileSystem fs = dir.getFileSystem(conf);
    for (FileStatus s : DirectoryListing.listOrEmpty(fs, dir, conf)) {
      String name = s.getPath().getName();
      if (hidden(name)) {
        continue;
      }
      if (table.equals("points")) {
        if (s.isDirectory() && name.matches("n_v=\\d+")) {
          for (FileStatus f : DirectoryListing.listOrEmpty(fs, s.getPath(), conf)) {
            classify(f, table + "/" + name, files, compacted, foreign, bytes);
          }
        } else {
          foreign.add(table + "/" + name);
        }
      } else {
        classify(s, table, files, compacted, foreign, bytes);
      }
    }
    return new Listing(files, compacted, foreign, bytes);
  }

  /**
   * The lengths of the per-point files of one of the tables other than {@code points}, by point id, from one listing
   * that builds no paths; entries that are none of rbmflow's go to {@code foreign} (as {@link #files} reports them).
   */
  private static Map<String, Long> lengths(Path root, String table, Configuration conf, List<String> foreign)
      throws IOException {
    Path dir = new Path(root, table);
    Map<String, Long> bytes = new HashMap<>();
    for (DirectoryListing.Entry e : DirectoryListing.entries(dir.getFileSystem(conf), dir, conf)) {
      String name = e.name();
      if (hidden(name)) {
        continue;
      }
      if (e.file() && POINT_FILE.matcher(name).matches()) {
        bytes.put(name.substring(0, name.length() - ".parquet".length()), e.length());
      } else if (!(e.file() && CompactedBatch.batchOf(name) != null)) {
        foreign.add(table + "/" + name);
      }
    }
    return bytes;
  }

  /**
   * The compacted files of {@code table} ({@code compacted-<batch>.parquet}, published or not), found by name: the
   * per-point files beside them are not stat'ed.
   */
  static List<Path> compactedFiles(Path root, String table, Configuration conf) throws IOException {
    Path dir = new Path(root, table);
    FileSystem fs = dir.getFileSystem(conf);
    List<Path> dirs = new ArrayList<>();
    if (table.equals("points")) {
      for (String name : DirectoryListing.names(fs, dir, conf)) {
        if (name.matches("n_v=\\d+")) {
          dirs.add(new Path(dir, name));
        }
      }
    } else {
      dirs.add(dir);
    }
    List<Path> out = new ArrayList<>();
    for (Path d : dirs) {
      for (String name : DirectoryListing.names(fs, d, conf)) {
        if (CompactedBatch.batchOf(name) != null) {
          out.add(new Path(d, name));
        }
      }
    }
    return out;
  }

  private static void classify(FileStatus f, String dir, List<Path> files, List<Path> compacted,
      List<String> foreign, Map<String, Long> bytes) {
    String name = f.getPath().getName();
    if (hidden(name)) {
      return;
    }
    if (f.isFile() && POINT_FILE.matcher(name).matches()) {
      files.add(f.getPath());
      bytes.put(idOf(f.getPath()), f.getLen());
    } else if (f.isFile() && CompactedBatch.batchOf(name) != null) {
      compacted.add(f.getPath());
    } else {
      foreign.add(dir + "/" + name);
    }
  }

  static boolean hidden(String name) {
    return name.startsWith(".") || name.startsWith("_");
  }

  static String idOf(Path pointFile) {
    String name = pointFile.getName();
    return name.substring(0, name.length() - ".parquet".length());
  }

  /**
   * Lists and checks every committed point (footers read on {@value #THREADS} threads): the {@code points} file has
   * one row and the other files the lengths (as listed) its footer recorded, or, in outputs written before lengths
   * were recorded, the row counts (each file's footer read) ({@link PointTables#commitRecord}); each published
   * batch of compacted points has the files and row counts its manifest records ({@link #checkBatch}), and its
   * members take the status the manifest gives them. Files of outputs written before the counts were recorded are
   * checked for a readable footer only.
   */
  public static Verified verify(Path root, Configuration conf) throws IOException {
    List<String> foreign = new ArrayList<>();
    Listing points = files(root, "points", conf);
    foreign.addAll(points.foreign());
    Map<String, Map<String, Long>> lengths = new HashMap<>();
    for (String t : OTHER_TABLES) {
      lengths.put(t, lengths(root, t, conf, foreign));
    }
    CompactedBatch.Published published = CompactedBatch.published(root, conf);
    Map<String, PointStatus> status = new TreeMap<>();
    Map<String, String> damaged = new TreeMap<>();
    Map<String, String> damagedBatches = new TreeMap<>(published.unreadable());
    ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
      Thread t = new Thread(r, "rbmflow-verify");
      t.setDaemon(true);
      return t;
    });
    try {
      ParquetReadOptions options = readOptions(conf);
      List<Future<String>> batchChecks = new ArrayList<>();
      for (CompactedBatch b : published.batches()) {
        batchChecks.add(pool.submit(() -> checkBatch(root, b, conf)));
      }
      Set<String> covered = new HashSet<>();
      for (int i = 0; i < batchChecks.size(); i++) {
        CompactedBatch b = published.batches().get(i);
        String why = batchChecks.get(i).get();
        if (why == null) {
          b.points().forEach((id, m) -> {
            if (covered.add(id)) {
              status.put(id, m.status());
            }
          });
        } else {
          damagedBatches.put(b.id(), why);
          b.points().keySet().forEach(id -> damaged.put(id, "compacted batch " + b.id() + ": " + why));
        }
      }
      List<Future<String[]>> checks = new ArrayList<>();
      for (Path p : points.files()) {
        if (!covered.contains(idOf(p))) {
          checks.add(pool.submit(() -> check(root, p, conf, options, lengths)));
        }
      }
      for (Future<String[]> f : checks) {
        String[] r = f.get();
        if (r[1] != null) {
          status.put(r[0], PointStatus.valueOf(r[1]));
          damaged.remove(r[0]);
        } else {
          damaged.putIfAbsent(r[0], r[2]);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while checking the committed points", e);
    } catch (ExecutionException e) {
      throw new IOException("cannot check the committed points: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return new Verified(status, damaged, foreign, damagedBatches);
  }

  /**
   * Why the files of batch {@code b} do not hold what its manifest records, or null when they do: each table with
   * rows has its compacted file, readable, marked with the batch's id, with the recorded row count, which is also
   * the sum of the members' rows.
   */
  static String checkBatch(Path root, CompactedBatch b, Configuration conf) {
    for (String t : PointTables.TABLES) {
      long want = b.rows().get(t);
      long members = b.points().values().stream().mapToLong(m -> m.rows().get(t)).sum();
      if (members != want) {
        return "manifest lists " + members + " rows of " + t + " for its points but " + want + " in all";
      }
      if (want == 0) {
        continue;
      }
      try (ParquetFileReader r = ParquetFileReader.open(input(b.dataFile(root, t), conf), readOptions(conf))) {
        String batch = r.getFileMetaData().getKeyValueMetaData().get(CompactedBatch.META_BATCH);
        if (!b.id().equals(batch)) {
          return t + " file is not this batch's (footer: " + batch + ")";
        }
        if (r.getRecordCount() != want) {
          return t + " file holds " + r.getRecordCount() + " rows, expected " + want;
        }
      } catch (FileNotFoundException e) {
        return t + " file missing";
      } catch (IOException | RuntimeException e) {
        return t + " file unreadable (" + SweepOutput.oneLine(e) + ")";
      }
    }
    return null;
  }

  /** {id, status, null} for a whole point, {id, null, why} for a damaged one. */
  private static String[] check(Path root, Path pointFile, Configuration conf, ParquetReadOptions options,
      Map<String, Map<String, Long>> lengths) throws IOException {
    String id = idOf(pointFile);
    Map<String, String> meta;
    try {
      ParquetFiles.FileFacts f = ParquetFiles.facts(input(pointFile, conf));
      if (f.rows() != 1) {
        return new String[] {id, null, "points file holds " + f.rows() + " rows, expected 1"};
      }
      meta = f.keyValues();
    } catch (IOException | RuntimeException e) {
      return new String[] {id, null, "points file unreadable (" + SweepOutput.oneLine(e) + ")"};
    }
    String st = meta.get(PointTables.META_STATUS);
    for (String t : OTHER_TABLES) {
      String expected = meta.get(PointTables.META_ROWS + t);
      String expectedBytes = meta.get(PointTables.META_BYTES + t);
      if (expected != null && expectedBytes != null) {
        // the commit recorded the file's length: the listing's length checks it without opening the file (a file
        // cut short or replaced has another length; a point without rows of t has no file and records 0 bytes)
        long want = Long.parseLong(expectedBytes);
        Long listed = lengths.get(t).get(id);
        if (want > 0 && listed == null) {
          return new String[] {id, null, t + " file missing"};
        }
        if (want > 0 && listed != want) {
          return new String[] {id, null, t + " file holds " + listed + " bytes, expected " + want};
        }
        continue;
      }
      Path f = PointTables.tableFile(root, t, id);
      long rows;
      try (ParquetFileReader r = ParquetFileReader.open(input(f, conf), options)) {
        rows = r.getRecordCount();
      } catch (FileNotFoundException e) {
        rows = -1;
      } catch (IOException | RuntimeException e) {
        return new String[] {id, null, t + " file unreadable (" + SweepOutput.oneLine(e) + ")"};
      }
      if (expected == null) {
        continue;   // written before row counts were recorded: a readable footer (or no file) is all we can check
      }
      long want = Long.parseLong(expected);
      if (want > 0 && rows < 0) {
        return new String[] {id, null, t + " file missing"};
      }
      if (want > 0 && rows != want) {
        return new String[] {id, null, t + " file holds " + rows + " rows, expected " + want};
      }
    }
    return new String[] {id, st == null ? legacyStatus(pointFile, conf) : st, null};
  }

  /** The status column of a {@code points} file written before the status went into the footer. */
  private static String legacyStatus(Path pointFile, Configuration conf) throws IOException {
    String[] status = new String[1];
    ParquetFiles.forEachRow(input(pointFile, conf), readOptions(conf), g -> status[0] = g.getString("status", 0));
    return status[0];
  }

  /**
   * The options of every footer read of one pass, made once from {@code conf}: without them each open would build
   * (and parse the XML resources of) a new Hadoop configuration, milliseconds per file.
   */
  static ParquetReadOptions readOptions(Configuration conf) {
    return ParquetFiles.readOptions(conf);
  }

  static InputFile input(Path file, Configuration conf) throws IOException {
    java.nio.file.Path local = AtomicFiles.localPath(file, conf);
    if (local != null) {
      if (!java.nio.file.Files.exists(local)) {
        throw new FileNotFoundException(local.toString());
      }
      return new LocalInputFile(local);
    }
    return HadoopInputFile.fromPath(file, conf);
  }
}
