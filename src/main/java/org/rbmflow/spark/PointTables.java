package org.rbmflow.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.rbmflow.sweep.PointResult;
import org.rbmflow.sweep.SpecParams;
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
  /** The grid parameters whose columns {@link PointRow} carries itself (they predate the parameter schema). */
  private static final Set<String> ROW_COLUMNS = Set.of("t_step", "configs_per_temp", "epochs", "learning_rate",
      "cd_k", "batch_size");

  /**
   * Every other grid parameter with a {@code points} column ({@link SpecParams}), written from
   * {@link PointResult#settings()}: optional, so tables written before a parameter had its column still read.
   */
  public static final List<SpecParams.Param> SETTING_COLUMNS = SpecParams.ALL.stream()
      .filter(q -> q.column() != null && !ROW_COLUMNS.contains(q.column())).toList();

  public static final MessageType POINTS = MessageTypeParser.parseMessageType(pointsSchema("""
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
        required int64 finished_at (TIMESTAMP(MILLIS,true)); optional binary checkpoint_of (STRING);
      }"""));

  /** The fixed columns of {@code points} with the schema's parameter columns added before the closing brace. */
  private static String pointsSchema(String fixed) {
    StringBuilder b = new StringBuilder(fixed.substring(0, fixed.lastIndexOf('}')));
    for (SpecParams.Param q : SETTING_COLUMNS) {
      b.append(" optional ").append(switch (q.kind()) {
        case INT, INT_OR_AUTO, INT_OR_FULL -> "int32";
        case LONG -> "int64";
        case DOUBLE -> "double";
        case BOOL -> "boolean";
      }).append(' ').append(q.column()).append(';');
    }
    return b.append(" }").toString();
  }

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

  /** Footer key of the {@code points} file: the point's status when it was committed. */
  public static final String META_STATUS = "rbmflow.status";
  /** Footer key prefix of the {@code points} file: rows committed per table, e.g. {@code rbmflow.rows.flows}. */
  public static final String META_ROWS = "rbmflow.rows.";

  /** The committed file of a point in the {@code points} table. */
  public static Path pointFile(Path root, int nv, String pointId) {
    return new Path(root, "points/n_v=" + nv + "/" + pointId + ".parquet");
  }

  /** The file of a point in one of the tables {@code flows, spectra, patterns}. */
  public static Path tableFile(Path root, String table, String pointId) {
    return new Path(root, table + "/" + pointId + ".parquet");
  }

  /**
   * What the {@code points} file's footer records of the commit: the status, and the number of rows the point's
   * other files hold (0 = no file), so that a resuming sweep can tell a whole point from a damaged one
   * ({@link CommittedPoints}).
   */
  static Map<String, String> commitRecord(PointResult r) {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put(META_STATUS, r.point().status().name());
    meta.put(META_ROWS + "flows", Integer.toString(r.flows().size()));
    meta.put(META_ROWS + "spectra", Integer.toString(r.spectrum() == null ? 0 : 1));
    meta.put(META_ROWS + "patterns", Integer.toString(r.patterns().size()));
    return meta;
  }

  /** Writes every row of one point under {@code root}; {@code points} last. */
  public static void write(Path root, PointResult r, Configuration conf) throws IOException {
    String id = r.point().pointId();
    if (!r.flows().isEmpty()) {
      writeFile(tableFile(root, "flows", id), FLOWS, conf, Map.of(), w -> {
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
      writeFile(tableFile(root, "spectra", id), SPECTRA, conf, Map.of(), w -> {
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
      writeFile(tableFile(root, "patterns", id), PATTERNS, conf, Map.of(), w -> {
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
    writeFile(pointFile(root, p.nV(), id), POINTS, conf, commitRecord(r), w -> {
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
      if (p.checkpointOf() != null) {
        g.add("checkpoint_of", p.checkpointOf());
      }
      for (SpecParams.Param q : SETTING_COLUMNS) {
        Object v = r.settings().get(q.column());
        if (v instanceof Integer i) {
          g.add(q.column(), i);
        } else if (v instanceof Long x) {
          g.add(q.column(), x);
        } else if (v instanceof Double d) {
          g.add(q.column(), d);
        } else if (v instanceof Boolean z) {
          g.add(q.column(), z);
        } else if (v != null) {
          throw new IllegalArgumentException(q.column() + ": " + v.getClass());
        }
      }
      w.write(g);
    });
  }

  private interface Rows {
    void write(ParquetWriter<Group> w) throws IOException;
  }

  /**
   * Writes one file whole through {@link AtomicFiles}: to a temporary sibling, renamed into place (atomically
   * replacing an earlier attempt's copy, the same rows and bytes), so a reader or a resuming sweep never sees part
   * of a file. {@code meta} goes into the Parquet footer.
   *
   * <p>On the local file system ({@code file:} paths with {@link OutputLocation#hadoopConf()}'s raw local file
   * system) the file is written with java.nio ({@link LocalOutputFile}), not through Hadoop: Hadoop's local file
   * system sets the permissions of every file it creates by forking {@code chmod} unless its native library is
   * loaded (it is not, here), which cost ≈ 7 ms a file, most of a point's commit. java.nio creates files with the
   * process umask applied (mode 0644 under the usual umask 022, what Hadoop's default umask gives).
   */
  private static void writeFile(Path file, MessageType schema, Configuration conf, Map<String, String> meta,
      Rows rows) throws IOException {
    Path tmp = AtomicFiles.tempSibling(file);
    java.nio.file.Path local = AtomicFiles.localPath(tmp, conf);
    try {
      OutputFile out;
      if (local != null) {
        Files.createDirectories(local.getParent());
        out = new LocalOutputFile(local);
      } else {
        out = HadoopOutputFile.fromPath(tmp, conf);
      }
      try (ParquetWriter<Group> w = ParquetFiles.openPointFile(out, schema, conf, meta)) {
        rows.write(w);
      }
      AtomicFiles.replace(tmp, file, conf);
    } catch (IOException | RuntimeException e) {
      AtomicFiles.deleteQuietly(tmp, conf, e);
      throw e;
    }
  }
}
