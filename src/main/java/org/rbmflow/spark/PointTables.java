package org.rbmflow.spark;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.rbmflow.sweep.PointResult;
import org.rbmflow.sweep.PointResult.FlowRow;
import org.rbmflow.sweep.PointResult.PatternRow;
import org.rbmflow.sweep.PointResult.PointRow;

/**
 * The result tables of DESIGN §4, written per grid point: each point's rows go to files named after its
 * {@code point_id}, {@code points/n_v=<N_v>/<point_id>.parquet} last of all. A file is written under a hidden
 * temporary name and renamed into place, so a reader (or a resuming sweep listing {@code points/}) sees whole
 * points or nothing, and a retried task rewrites the same bytes to the same names.
 *
 * <p>{@code points} is partitioned by {@code n_v} (the column comes from the directory name, as Spark's
 * partition discovery expects, and is not repeated inside the files).
 */
public final class PointTables {
  public static final MessageType POINTS = MessageTypeParser.parseMessageType("""
      message points {
        required binary point_id (STRING); required binary sweep (STRING); required int32 dim; required int32 l;
        required int32 n_h; required int32 n_temp; required double t_step;
        required group h_values (LIST) { repeated group list { required double element; } }
        required int32 configs_per_temp; required int64 seed; required int32 epochs; required double learning_rate;
        required int32 cd_k; required int32 batch_size; required binary status (STRING); optional binary error (STRING);
        required double fp_energy; required double fp_energy_err; required double fp_temperature;
        required double fp_temperature_classifier; required double fp_field_classifier; required double fp_magnetization; required int32 converged_at_step;
        required double fp_bracket_gap; required double random_fraction; required int32 n_nonrandom_patterns;
        required int32 n_patterns_tested; required double recon_error; required double pseudo_log_likelihood;
        required double mc_seconds; required double train_seconds; required double flow_seconds;
        required binary backend (STRING); required binary code_version (STRING);
        required int64 finished_at (TIMESTAMP(MILLIS,true));
      }""");

  public static final MessageType FLOWS = MessageTypeParser.parseMessageType("""
      message flows {
        required binary point_id (STRING); required binary start (STRING); required int32 step;
        required double energy; required double energy_err; required double magnetization; required double temperature;
        required double temperature_classifier; required double field;
      }""");

  public static final MessageType SPECTRA = MessageTypeParser.parseMessageType("""
      message spectra {
        required binary point_id (STRING); required int32 n_v; required int32 n_h; required int32 n_temp; required int64 seed;
        required group eigenvalues (LIST) { repeated group list { required double element; } }
      }""");

  public static final MessageType PATTERNS = MessageTypeParser.parseMessageType("""
      message patterns {
        required binary point_id (STRING); required int32 rank; required double eigenvalue; required double moran_i;
        required double p_value; required boolean nonrandom;
        required group pattern (LIST) { repeated group list { required float element; } }
      }""");

  /** Table names, in the order a point's files are committed ({@code points} last). */
  public static final List<String> TABLES = List.of("flows", "spectra", "patterns", "points");

  private PointTables() {}

  /** The committed file of a point in the {@code points} table. */
  public static Path pointFile(Path root, int nv, String pointId) {
    return new Path(root, "points/n_v=" + nv + "/" + pointId + ".parquet");
  }

  /** Writes every row of one point under {@code root}; {@code points} last. */
  public static void write(Path root, PointResult r, Configuration conf) throws IOException {
    String id = r.point().pointId();
    if (!r.flows().isEmpty()) {
      writeFile(new Path(root, "flows/" + id + ".parquet"), FLOWS, conf, w -> {
        SimpleGroupFactory f = new SimpleGroupFactory(FLOWS);
        for (FlowRow x : r.flows()) {
          Group g = f.newGroup();
          g.add("point_id", x.pointId());
          g.add("start", x.start());
          g.add("step", x.step());
          g.add("energy", x.energy());
          g.add("energy_err", x.energyErr());
          g.add("magnetization", x.magnetization());
          g.add("temperature", x.temperature());
          g.add("temperature_classifier", x.temperatureClassifier());
          g.add("field", x.field());
          w.write(g);
        }
      });
    }
    if (r.spectrum() != null) {
      writeFile(new Path(root, "spectra/" + id + ".parquet"), SPECTRA, conf, w -> {
        Group g = new SimpleGroupFactory(SPECTRA).newGroup();
        g.add("point_id", id);
        g.add("n_v", r.spectrum().nV());
        g.add("n_h", r.spectrum().nH());
        g.add("n_temp", r.spectrum().nTemp());
        g.add("seed", r.spectrum().seed());
        Group list = g.addGroup("eigenvalues");
        for (double v : r.spectrum().eigenvalues()) {
          list.addGroup("list").append("element", v);
        }
        w.write(g);
      });
    }
    if (!r.patterns().isEmpty()) {
      writeFile(new Path(root, "patterns/" + id + ".parquet"), PATTERNS, conf, w -> {
        SimpleGroupFactory f = new SimpleGroupFactory(PATTERNS);
        for (PatternRow x : r.patterns()) {
          Group g = f.newGroup();
          g.add("point_id", x.pointId());
          g.add("rank", x.rank());
          g.add("eigenvalue", x.eigenvalue());
          g.add("moran_i", x.moranI());
          g.add("p_value", x.pValue());
          g.add("nonrandom", x.nonrandom());
          Group list = g.addGroup("pattern");
          for (float v : x.pattern()) {
            list.addGroup("list").append("element", v);
          }
          w.write(g);
        }
      });
    }
    PointRow p = r.point();
    writeFile(pointFile(root, p.nV(), id), POINTS, conf, w -> {
      Group g = new SimpleGroupFactory(POINTS).newGroup();
      g.add("point_id", p.pointId());
      g.add("sweep", p.sweep());
      g.add("dim", p.dim());
      g.add("l", p.l());
      g.add("n_h", p.nH());
      g.add("n_temp", p.nTemp());
      g.add("t_step", p.tStep());
      Group hs = g.addGroup("h_values");
      for (double h : p.hValues()) {
        hs.addGroup("list").append("element", h);
      }
      g.add("configs_per_temp", p.configsPerTemp());
      g.add("seed", p.seed());
      g.add("epochs", p.epochs());
      g.add("learning_rate", p.learningRate());
      g.add("cd_k", p.cdK());
      g.add("batch_size", p.batchSize());
      g.add("status", p.status().name());
      if (p.error() != null) {
        g.add("error", p.error());
      }
      g.add("fp_energy", p.fpEnergy());
      g.add("fp_energy_err", p.fpEnergyErr());
      g.add("fp_temperature", p.fpTemperature());
      g.add("fp_temperature_classifier", p.fpTemperatureClassifier());
      g.add("fp_field_classifier", p.fpFieldClassifier());
      g.add("fp_magnetization", p.fpMagnetization());
      g.add("converged_at_step", p.convergedAtStep());
      g.add("fp_bracket_gap", p.fpBracketGap());
      g.add("random_fraction", p.randomFraction());
      g.add("n_nonrandom_patterns", p.nNonrandomPatterns());
      g.add("n_patterns_tested", p.nPatternsTested());
      g.add("recon_error", p.reconError());
      g.add("pseudo_log_likelihood", p.pseudoLogLikelihood());
      g.add("mc_seconds", p.mcSeconds());
      g.add("train_seconds", p.trainSeconds());
      g.add("flow_seconds", p.flowSeconds());
      g.add("backend", p.backend());
      g.add("code_version", p.codeVersion());
      g.add("finished_at", p.finishedAt());
      w.write(g);
    });
  }

  private interface Rows {
    void write(ParquetWriter<Group> w) throws IOException;
  }

  /**
   * Writes to a hidden name in the same directory, then renames it to {@code file}, replacing an earlier
   * attempt's copy (the same rows, the same bytes).
   *
   * <p>On the local file system ({@code file:} paths with {@link OutputLocation#hadoopConf()}'s
   * {@link RawLocalFileSystem}) the file is written and renamed with java.nio, not through Hadoop: Hadoop's
   * local file system sets the permissions of every file it creates, and of every directory it makes, by forking
   * {@code chmod} unless Hadoop's native library is loaded (it is not, here), which cost ≈ 7 ms a file, most of a
   * point's commit. java.nio creates files and directories with the process umask applied (mode 0644 / 0755 under
   * the usual umask 022, the modes Hadoop's default {@code fs.permissions.umask-mode} gives).
   * {@link StandardCopyOption#ATOMIC_MOVE} is rename(2) on POSIX systems and MoveFileEx with
   * MOVEFILE_REPLACE_EXISTING on Windows, so it replaces an existing {@code file} atomically: no exists() or
   * delete() first, and a reader never sees the name missing. A platform whose atomic move refuses to replace
   * falls back to a (non-atomic) replacing move.
   *
   * <p>On other file systems (HDFS, object stores) it goes through Hadoop's {@link FileSystem}, whose rename does
   * not replace: when the destination exists it returns false (or, with some object-store connectors, throws
   * Hadoop's {@link org.apache.hadoop.fs.FileAlreadyExistsException}). So the rename is tried first, which is all a
   * first attempt needs (one call where exists() + rename() took two round trips), and only when it fails and an
   * earlier copy exists is that copy deleted and the rename repeated. Between that delete and rename a retried
   * point's file is briefly missing, as it always was with delete-then-rename; a missing {@code points} file only
   * makes a resuming sweep redo the point.
   */
  private static void writeFile(Path file, MessageType schema, Configuration conf, Rows rows) throws IOException {
    java.nio.file.Path local = localPath(file, conf);
    if (local != null) {
      writeLocal(local, schema, conf, rows);
    } else {
      writeHadoop(file, schema, conf, rows);
    }
  }

  /**
   * The java.nio path of {@code file} when it is on the raw local file system ({@code fs.file.impl} names
   * {@link RawLocalFileSystem}); null otherwise. Reads the property rather than asking
   * {@link FileSystem#getFileSystemClass}, which would load and instantiate every file system on the class path
   * the first time (the default for {@code file:}, when the property is unset, is the checksummed one).
   */
  static java.nio.file.Path localPath(Path file, Configuration conf) {
    java.net.URI uri = file.toUri();
    if (!"file".equals(uri.getScheme()) || (uri.getAuthority() != null && !uri.getAuthority().isEmpty())
        || !RawLocalFileSystem.class.getName().equals(conf.getTrimmed("fs.file.impl"))) {
      return null;
    }
    return Paths.get(uri);
  }

  private static String tmpName(String name) {
    return "." + name + ".tmp-" + UUID.randomUUID();
  }

  private static void writeLocal(java.nio.file.Path file, MessageType schema, Configuration conf, Rows rows)
      throws IOException {
    java.nio.file.Path dir = file.getParent();
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
    }
    java.nio.file.Path tmp = dir.resolve(tmpName(file.getFileName().toString()));
    try {
      try (ParquetWriter<Group> w = ParquetFiles.openPointFile(new LocalOutputFile(tmp), schema, conf)) {
        rows.write(w);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static void writeHadoop(Path file, MessageType schema, Configuration conf, Rows rows) throws IOException {
    FileSystem fs = file.getFileSystem(conf);
    Path tmp = new Path(file.getParent(), tmpName(file.getName()));
    try (ParquetWriter<Group> w = ParquetFiles.openPointFile(HadoopOutputFile.fromPath(tmp, conf), schema, conf)) {
      rows.write(w);
    } catch (IOException | RuntimeException e) {
      fs.delete(tmp, false);
      throw e;
    }
    boolean renamed;
    try {
      renamed = fs.rename(tmp, file);
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      renamed = false;
    }
    if (!renamed && fs.delete(file, false)) {     // an earlier attempt's copy of the same rows
      renamed = fs.rename(tmp, file);
    }
    if (!renamed) {
      fs.delete(tmp, false);
      throw new IOException("cannot rename " + tmp + " to " + file);
    }
  }
}
