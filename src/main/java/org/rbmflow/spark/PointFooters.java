package org.rbmflow.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.rbmflow.common.PointStatus;

/**
 * What the {@code points} files say of their points, read from the Parquet footers alone: a point's file holds one
 * row, so each column's statistics (min = max) are its value, and the footer records the status
 * ({@link PointTables#META_STATUS}). A file whose footer lacks a value (NaN timings of a FAILED point have no
 * statistics) has its row read instead. One small read per point, on {@value #THREADS} threads: fast for 10⁵ points
 * without Spark.
 */
public final class PointFooters {
  private static final int THREADS = 8;

  /**
   * One committed {@code points} file.
   *
   * @param status           the point's status
   * @param mcSeconds        Monte Carlo wall time (NaN when the point failed before it)
   * @param trainSeconds     training wall time
   * @param flowSeconds      flows and analysis wall time
   * @param finishedAtMillis when the point finished, ms since the epoch (0 when not recorded)
   * @param checkpoint       whether the row is a checkpoint of a longer training ({@code checkpoint_of} set)
   */
  public record Footer(PointStatus status, double mcSeconds, double trainSeconds, double flowSeconds,
      long finishedAtMillis, boolean checkpoint) {
    /** The core-seconds the row accounts for: its own flows for a checkpoint, everything for a grid point. */
    public double coreSeconds() {
      double own = checkpoint ? flowSeconds : mcSeconds + trainSeconds + flowSeconds;
      return Double.isFinite(own) ? own : 0;
    }
  }

  private PointFooters() {}

  /** The footer of every readable {@code points} file under {@code root}, by point id; unreadable files are left out. */
  public static Map<String, Footer> read(Path root, Configuration conf) throws IOException {
    CommittedPoints.Listing listing = CommittedPoints.files(root, "points", conf);
    List<Path> files = listing.files();
    Map<String, Footer> out = new TreeMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
      Thread t = new Thread(r, "rbmflow-footers");
      t.setDaemon(true);
      return t;
    });
    try {
      ParquetReadOptions options = CommittedPoints.readOptions(conf);
      List<Future<Footer>> reads = new ArrayList<>();
      for (Path f : files) {
        reads.add(pool.submit(() -> footer(f, conf, options)));
      }
      for (int i = 0; i < files.size(); i++) {
        Footer f = reads.get(i).get();
        if (f != null) {
          out.put(CommittedPoints.idOf(files.get(i)), f);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading the points files", e);
    } catch (ExecutionException e) {
      throw new IOException("cannot read the points files: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    compacted(listing.compacted(), conf, out);
    return out;
  }

  /** The footer of one file, or null when it is unreadable or holds no status. */
  private static Footer footer(Path file, Configuration conf, ParquetReadOptions options) {
    try {
      ParquetFiles.FileFacts f = ParquetFiles.facts(CommittedPoints.input(file, conf));
      String status = f.keyValues().get(PointTables.META_STATUS);
      String times = f.keyValues().get(PointTables.META_TIMES);
      if (f.rows() != 1) {
        return null;
      }
      if (status != null && times != null) {
        String[] t = times.split(" ");
        return new Footer(PointStatus.valueOf(status), Double.parseDouble(t[0]), Double.parseDouble(t[1]),
            Double.parseDouble(t[2]), Long.parseLong(t[3]), Boolean.parseBoolean(t[4]));
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    // committed before the times went into the footer: from the columns' statistics
    try (ParquetFileReader r = ParquetFileReader.open(CommittedPoints.input(file, conf), options)) {
      String status = r.getFileMetaData().getKeyValueMetaData().get(PointTables.META_STATUS);
      List<BlockMetaData> blocks = r.getFooter().getBlocks();
      if (r.getRecordCount() != 1 || blocks.size() != 1) {
        return null;
      }
      Map<String, Statistics<?>> stats = new java.util.HashMap<>();
      for (ColumnChunkMetaData c : blocks.get(0).getColumns()) {
        stats.put(c.getPath().toDotString(), c.getStatistics());
      }
      Double mc = number(stats.get("mc_seconds"));
      Double train = number(stats.get("train_seconds"));
      Double flow = number(stats.get("flow_seconds"));
      Double finished = number(stats.get("finished_at"));
      Statistics<?> checkpoint = stats.get("checkpoint_of");
      if (status == null || mc == null || train == null || flow == null || finished == null) {
        return row(file, conf);
      }
      return new Footer(PointStatus.valueOf(status), mc, train, flow, finished.longValue(),
          checkpoint != null && checkpoint.getNumNulls() == 0);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The single value a one-row column's statistics hold, or null when they hold none. */
  private static Double number(Statistics<?> s) {
    if (s == null || s.isEmpty() || !s.hasNonNullValue() || !(s.genericGetMax() instanceof Number n)) {
      return null;
    }
    double v = n.doubleValue();
    return Double.isNaN(v) ? null : v;
  }

  /** The footer from the file's row itself. */
  private static Footer row(Path file, Configuration conf) throws IOException {
    Footer[] f = new Footer[1];
    ParquetFiles.forEachRow(CommittedPoints.input(file, conf), CommittedPoints.readOptions(conf),
        g -> f[0] = footer(g));
    return f[0];
  }

  private static Footer footer(Group g) {
    boolean checkpoint = g.getType().containsField("checkpoint_of") && g.getFieldRepetitionCount("checkpoint_of") > 0;
    return new Footer(PointStatus.valueOf(g.getString("status", 0)), g.getDouble("mc_seconds", 0),
        g.getDouble("train_seconds", 0), g.getDouble("flow_seconds", 0),
        g.getFieldRepetitionCount("finished_at") > 0 ? g.getLong("finished_at", 0) : 0, checkpoint);
  }

  /**
   * The rows of the compacted {@code points} files (several points each, {@link Compaction}), by point id: their
   * timings are in the rows, not in per-file statistics. Unreadable files are left out.
   */
  private static void compacted(List<Path> files, Configuration conf, Map<String, Footer> out) {
    ParquetReadOptions options = CommittedPoints.readOptions(conf);
    for (Path f : files) {
      try {
        ParquetFiles.forEachRow(CommittedPoints.input(f, conf), options,
            g -> out.putIfAbsent(g.getString("point_id", 0), footer(g)));
      } catch (IOException | RuntimeException e) {
        // a damaged batch: CommittedPoints.verify reports it; its points count as not committed
      }
    }
  }
}
