package org.rbmflow.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.rbmflow.table.Tables;

/**
 * Reads the tables of a sweep's output directory with Spark, by name: the per-point tables {@code points, flows,
 * spectra, patterns} and the aggregates {@code means, optimal, fits} (under {@code aggregate/}). Only the files
 * rbmflow wrote are read, named explicitly: in the per-point tables, {@code <point_id>.parquet} of points whose
 * {@code points} file is committed ({@link CommittedPoints#files}) and not compacted, and the
 * {@code compacted-<batch>.parquet} of published batches ({@link CompactedBatch}); {@code part-*.parquet} in the
 * aggregates. Anything else found there is not read
 * and is reported once in {@link #warnings()}. A table with no files yet (a sweep whose points wrote no patterns,
 * say) reads as an empty table with its schema, so queries and joins over it still work.
 */
public final class ResultTables {
  private final SparkSession spark;
  private final Path root;
  private final Configuration conf;
  private final Map<String, CommittedPoints.Listing> listings = new java.util.HashMap<>();
  private final java.util.Set<String> warnings = new java.util.LinkedHashSet<>();

  /** The tables under {@code root} in a service's run. */
  public ResultTables(SparkRun run, Path root, Configuration conf) {
    this(run.session(), root, conf);
  }

  public ResultTables(SparkSession spark, Path root, Configuration conf) {
    this.spark = spark;
    this.root = root;
    this.conf = conf;
  }

  /** The directory of table {@code name}. */
  public static Path dir(Path root, String name) {
    return new Path(root, Tables.named(name).dir());
  }

  /** The output directory. */
  public Path root() {
    return root;
  }

  /** One line per table directory that holds files rbmflow did not write (they were not read). */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /** The data files of {@code name} that rbmflow wrote; the others are noted in {@link #warnings()}. */
  private CommittedPoints.Listing listing(String name) throws IOException {
    if (!listings.containsKey(name)) {
      Map<String, CommittedPoints.Listing> fresh = Tables.isAggregate(name) ? Map.of(name, aggregateFiles(name))
          : perPointFiles();
      fresh.forEach((table, l) -> {
        listings.put(table, l);
        List<String> f = l.foreign();
        if (!f.isEmpty()) {
          warnings.add("ignoring " + f.size() + " file(s) that rbmflow did not write in table " + table + ": "
              + String.join(", ", f.size() <= 5 ? f : f.subList(0, 5)) + (f.size() > 5 ? ", …" : ""));
        }
      });
    }
    return listings.get(name);
  }

  /**
   * The files of every per-point table, as one snapshot: each point's rows exactly once. The table directories are
   * listed first and the manifests of compacted points read after ({@link CompactedBatch}), so a compaction running
   * meanwhile hides nothing: a batch published before the manifests were read is read from its compacted files
   * (which were in place before it was published) and its points' per-point files are skipped; a point of any other
   * batch still had its per-point files when they were listed (they are deleted only after publishing). Per-point
   * files of a point whose {@code points} file is not there (in flight, or its run died) are not committed and not
   * read, and neither are compacted files of unpublished batches.
   */
  private Map<String, CommittedPoints.Listing> perPointFiles() throws IOException {
    Map<String, CommittedPoints.Listing> listed = new java.util.LinkedHashMap<>();
    for (String t : PointTables.TABLES) {
      listed.put(t, CommittedPoints.files(root, t, conf));
    }
    CompactedBatch.Published published = CompactedBatch.published(root, conf);
    published.unreadable().forEach((b, why) -> warnings.add("ignoring compacted batch " + b + ": " + why));
    java.util.Set<String> covered = published.byPoint().keySet();
    java.util.Set<String> committed = new java.util.HashSet<>();
    listed.get("points").files().forEach(f -> committed.add(CommittedPoints.idOf(f)));
    FileSystem fs = root.getFileSystem(conf);
    Map<String, CommittedPoints.Listing> out = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, CommittedPoints.Listing> e : listed.entrySet()) {
      List<Path> files = new ArrayList<>();
      for (Path f : e.getValue().files()) {
        String id = CommittedPoints.idOf(f);
        if (committed.contains(id) && !covered.contains(id)) {
          files.add(f);
        }
      }
      for (CompactedBatch b : published.batches()) {
        if (b.rows().get(e.getKey()) > 0) {
          Path f = b.dataFile(root, e.getKey());
          if (fs.exists(f)) {
            files.add(f);
          } else {
            warnings.add("compacted batch " + b.id() + " has no " + e.getKey() + " file; its rows are missing");
          }
        }
      }
      out.put(e.getKey(), new CommittedPoints.Listing(files, List.of(), e.getValue().foreign()));
    }
    return out;
  }

  /** The part files Spark wrote for an aggregate table. */
  private CommittedPoints.Listing aggregateFiles(String name) throws IOException {
    Path d = dir(root, name);
    FileSystem fs = d.getFileSystem(conf);
    List<Path> files = new ArrayList<>();
    List<String> foreign = new ArrayList<>();
    if (fs.exists(d)) {
      for (FileStatus s : fs.listStatus(d)) {
        String n = s.getPath().getName();
        if (CommittedPoints.hidden(n)) {
          continue;
        }
        if (s.isFile() && n.startsWith("part-") && n.endsWith(".parquet")) {
          files.add(s.getPath());
        } else {
          foreign.add("aggregate/" + name + "/" + n);
        }
      }
    }
    return new CommittedPoints.Listing(files, List.of(), foreign);
  }

  /** Whether {@code name} has at least one data file. */
  public boolean exists(String name) throws IOException {
    return !listing(name).files().isEmpty();
  }

  /** The table as a DataFrame; empty with the table's schema when it has no files. */
  public Dataset<Row> read(String name) throws IOException {
    List<Path> files = listing(name).files();
    if (files.isEmpty()) {
      return spark.createDataFrame(new ArrayList<Row>(), schema(name));
    }
    String[] paths = files.stream().map(Path::toString).toArray(String[]::new);
    // basePath: the partition column n_v of points comes from the directory names, as with a directory read
    return spark.read().option("basePath", dir(root, name).toString()).parquet(paths);
  }

  /**
   * The rows of {@code points} that are grid points, not checkpoints of a longer training ({@code checkpoint_of}
   * set): what aggregation and the report summarise. Tables written before the column existed have none.
   */
  public static Dataset<Row> gridPoints(Dataset<Row> points) {
    return java.util.Arrays.asList(points.columns()).contains("checkpoint_of")
        ? points.filter("checkpoint_of IS NULL") : points;
  }

  /** The Spark schema of a table as this code writes it ({@code points} with its partition column n_v). */
  public static StructType schema(String name) {
    if (!Tables.VIEWS.contains(name)) {
      throw new IllegalArgumentException("no table named '" + name + "'; tables: " + Tables.VIEWS);
    }
    return TableFormats.spark(Tables.named(name));
  }

  /** Names of the tables with data, in {@link Tables#VIEWS} order. */
  public List<String> present() throws IOException {
    List<String> out = new ArrayList<>();
    for (String v : Tables.VIEWS) {
      if (exists(v)) {
        out.add(v);
      }
    }
    return out;
  }

  /** Registers every table (present or empty) as a temporary view named after it; foreign files go to warnings. */
  public Map<String, Boolean> registerViews() throws IOException {
    Map<String, Boolean> out = new java.util.LinkedHashMap<>();
    for (String v : Tables.VIEWS) {
      boolean has = exists(v);
      read(v).createOrReplaceTempView(v);
      out.put(v, has);
    }
    return out;
  }
}
