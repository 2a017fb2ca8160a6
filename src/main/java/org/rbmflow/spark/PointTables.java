package org.rbmflow.spark;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.rbmflow.sweep.PointResult;
import org.rbmflow.sweep.PointResult.PointRow;
import org.rbmflow.table.Table;
import org.rbmflow.table.Tables;

/**
 * The per-point result tables ({@link Tables#PER_POINT}), written per grid point: each point's rows go to files
 * named after its {@code point_id}, {@code points/n_v=<N_v>/<point_id>.parquet} last of all. A file is written under a hidden
 * temporary name and renamed into place, so a reader (or a resuming sweep listing {@code points/}) sees whole
 * points or nothing, and a retried task rewrites the same bytes to the same names.
 *
 * <p>{@code points} is partitioned by {@code n_v} (the column comes from the directory name, as Spark's
 * partition discovery expects, and is not repeated inside the files).
 */
public final class PointTables {
  /** Table names, in the order a point's files are committed ({@code points} last). */
  public static final List<String> TABLES = Tables.PER_POINT.stream().map(Table::name).toList();

  private PointTables() {}

  /** Footer key of the {@code points} file: the point's status when it was committed. */
  public static final String META_STATUS = "rbmflow.status";
  /** Footer key prefix of the {@code points} file: rows committed per table, e.g. {@code rbmflow.rows.flows}. */
  public static final String META_ROWS = "rbmflow.rows.";
  /** Footer key prefix of the commit record: the byte length of the point's file of each other table (0: none). */
  public static final String META_BYTES = "rbmflow.bytes.";
  /**
   * Footer key of the commit record: "mc_seconds train_seconds flow_seconds finished_at checkpoint" of the row
   * ({@link Double#toString} values, finished_at in ms, checkpoint true or false).
   */
  public static final String META_TIMES = "rbmflow.times";

  /** The committed file of a point in the {@code points} table. */
  public static Path pointFile(Path root, int nv, String pointId) {
    return new Path(root, "points/n_v=" + nv + "/" + pointId + ".parquet");
  }

  /** The file of a point in one of the tables {@code flows, spectra, patterns}. */
  public static Path tableFile(Path root, String table, String pointId) {
    return new Path(root, table + "/" + pointId + ".parquet");
  }

  /**
   * What the {@code points} file's footer records of the commit: the status, and the number of rows and bytes the
   * point's other files hold (0 = no file), so that a resuming sweep can tell a whole point from a damaged one
   * ({@link CommittedPoints}) from a directory listing, without opening the other files.
   */
  static Map<String, String> commitRecord(PointResult r, Map<String, Long> bytes) {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put(META_STATUS, r.point().status().name());
    meta.put(META_ROWS + "flows", Integer.toString(r.flows().size()));
    meta.put(META_ROWS + "spectra", Integer.toString(r.spectrum() == null ? 0 : 1));
    meta.put(META_ROWS + "patterns", Integer.toString(r.patterns().size()));
    for (String t : List.of("flows", "spectra", "patterns")) {
      meta.put(META_BYTES + t, Long.toString(bytes.getOrDefault(t, 0L)));
    }
    // what `status` sums, so that it reads no column statistics: stage seconds, finish time, checkpoint or not
    PointRow p = r.point();
    meta.put(META_TIMES, p.mcSeconds() + " " + p.trainSeconds() + " " + p.flowSeconds() + " " + p.finishedAt() + " "
        + (p.checkpointOf() != null));
    return meta;
  }

  /** Writes every row of one point under {@code root}; {@code points} last. */
  public static void write(Path root, PointResult r, Configuration conf) throws IOException {
    String id = r.point().pointId();
    Map<String, Long> bytes = new LinkedHashMap<>();
    if (!r.flows().isEmpty()) {
      bytes.put("flows", writeRows(tableFile(root, "flows", id), Tables.FLOWS, r.flows(), conf, Map.of()));
    }
    if (r.spectrum() != null) {
      bytes.put("spectra", writeRows(tableFile(root, "spectra", id), Tables.SPECTRA, List.of(r.spectrum()), conf,
          Map.of()));
    }
    if (!r.patterns().isEmpty()) {
      bytes.put("patterns", writeRows(tableFile(root, "patterns", id), Tables.PATTERNS, r.patterns(), conf, Map.of()));
    }
    writeRows(pointFile(root, r.point().nV(), id), Tables.POINTS, List.of(r.point()), conf, commitRecord(r, bytes));
  }

  /** Writes {@code rows} of {@code table} as one whole file ({@link #writeFile}); returns its length in bytes. */
  private static <R> long writeRows(Path file, Table<R> table, List<R> rows, Configuration conf,
      Map<String, String> meta) throws IOException {
    MessageType schema = TableFormats.parquet(table);
    return writeFile(file, schema, conf, meta, w -> {
      SimpleGroupFactory f = new SimpleGroupFactory(schema);
      for (R row : rows) {
        Group g = f.newGroup();
        TableFormats.fill(g, table, row);
        w.write(g);
      }
    });
  }

  private interface Rows {
    void write(ParquetWriter<Group> w) throws IOException;
  }

  /**
   * Writes one file whole through {@link AtomicFiles}: to a temporary sibling, renamed into place (atomically
   * replacing an earlier attempt's copy, the same rows and bytes), so a reader or a resuming sweep never sees part
   * of a file. {@code meta} goes into the Parquet footer. On the local disk the file is written with java.nio
   * ({@link ParquetFiles#output}).
   */
  private static long writeFile(Path file, MessageType schema, Configuration conf, Map<String, String> meta,
      Rows rows) throws IOException {
    Path tmp = AtomicFiles.tempSibling(file);
    try {
      try (ParquetWriter<Group> w = ParquetFiles.openPointFile(ParquetFiles.output(tmp, conf), schema, conf, meta)) {
        rows.write(w);
      }
      java.nio.file.Path local = AtomicFiles.localPath(tmp, conf);
      long length = local != null ? java.nio.file.Files.size(local) : tmp.getFileSystem(conf).getFileStatus(tmp).getLen();
      AtomicFiles.replace(tmp, file, conf);
      return length;
    } catch (IOException | RuntimeException e) {
      AtomicFiles.deleteQuietly(tmp, conf, e);
      throw e;
    }
  }
}
