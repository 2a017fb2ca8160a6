package org.rbmflow.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.rbmflow.sweep.SweepSpec;

/**
 * A sweep's output directory and its identity marker {@code _sweep.spec}: the fingerprint and the canonical text
 * of the spec that owns the directory. A rerun of the same spec resumes into it; another spec is refused unless
 * the caller overwrites (which empties the directory first).
 */
public final class SweepOutput {
  public static final String MARKER = "_sweep.spec";

  private final Path root;
  private final Configuration conf;

  private SweepOutput(Path root, Configuration conf) {
    this.root = root;
    this.conf = conf;
  }

  /** The location (plain path = local disk, or a Hadoop URI), checked without creating anything. */
  public static SweepOutput at(String location) {
    Configuration conf = OutputLocation.hadoopConf();
    Path p = OutputLocation.toPath(location);
    try {
      FileSystem fs = p.getFileSystem(conf);
      if (fs.exists(p) && !fs.getFileStatus(p).isDirectory()) {
        throw new IllegalArgumentException("'" + location + "' is a file; expected a directory");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("'" + location + "' cannot be checked: " + e.getMessage());
    }
    return new SweepOutput(p, conf);
  }

  public Path root() {
    return root;
  }

  public Configuration conf() {
    return conf;
  }

  /**
   * Why this output cannot take {@code spec}, or null if it can: it belongs to another spec (marker differs), or
   * it is a non-empty directory without a marker.
   */
  public String conflict(SweepSpec spec) throws IOException {
    FileSystem fs = root.getFileSystem(conf);
    if (!fs.exists(root)) {
      return null;
    }
    Path marker = new Path(root, MARKER);
    if (!fs.exists(marker)) {
      FileStatus[] children = fs.listStatus(root);
      return children.length == 0 ? null
          : "'" + root + "' is not empty and holds no sweep; choose another output or pass --overwrite";
    }
    String text;
    try (InputStream in = fs.open(marker)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String first = text.lines().findFirst().orElse("");
    if (first.equals("fingerprint " + spec.fingerprint())) {
      return null;
    }
    return "'" + root + "' holds the results of a different spec (" + first + ", this one has fingerprint "
        + spec.fingerprint() + "); choose another output or pass --overwrite";
  }

  /** Empties the directory (for --overwrite). */
  public void clear() throws IOException {
    FileSystem fs = root.getFileSystem(conf);
    if (fs.exists(root)) {
      fs.delete(root, true);
    }
  }

  /** Creates the directory and writes the marker (idempotent for the same spec). */
  public void claim(SweepSpec spec) throws IOException {
    FileSystem fs = root.getFileSystem(conf);
    fs.mkdirs(root);
    Path marker = new Path(root, MARKER);
    Path tmp = new Path(root, "." + MARKER + ".tmp");
    try (OutputStream out = fs.create(tmp, true)) {
      out.write(("fingerprint " + spec.fingerprint() + "\n" + spec.canonicalText() + "\n").getBytes(StandardCharsets.UTF_8));
    }
    if (fs.exists(marker)) {
      fs.delete(marker, false);
    }
    if (!fs.rename(tmp, marker)) {
      throw new IOException("cannot write " + marker);
    }
  }

  /**
   * The Monte Carlo schedule of the spec that owns this output (from the canonical text in the marker), or null
   * when there is no marker (an output of {@code rbmflow point --out}, say).
   */
  public org.rbmflow.ising.McSettings mcSettings() throws IOException {
    FileSystem fs = root.getFileSystem(conf);
    Path marker = new Path(root, MARKER);
    if (!fs.exists(marker)) {
      return null;
    }
    String text;
    try (InputStream in = fs.open(marker)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String json = text.substring(text.indexOf('\n') + 1);
    com.fasterxml.jackson.databind.JsonNode mc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json)
        .path("monte_carlo");
    if (mc.isMissingNode()) {
      return null;
    }
    com.fasterxml.jackson.databind.JsonNode decor = mc.path("decor_sweeps");
    return new org.rbmflow.ising.McSettings(mc.path("therm_sweeps").asInt(), mc.path("probe_sweeps").asInt(),
        decor.isNumber() ? decor.asInt() : 0, mc.path("max_decor_sweeps").asInt());
  }
}
