package org.rbmflow.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.rbmflow.ising.McSettings;
import org.rbmflow.sweep.GridPoint;
import org.rbmflow.sweep.SpecException;
import org.rbmflow.sweep.SweepSpec;

/**
 * A sweep's output directory: rbmflow's marker ({@link Ownership}), the identity file {@value #SPEC} (the fingerprint
 * and the canonical text of the spec that owns the directory), the lock ({@link OutputLock}) and the tables. A rerun
 * of the same spec resumes into it; another spec is refused unless the caller overwrites, which replaces only the
 * sweep's own entries.
 */
public final class SweepOutput {
  /** The identity file: {@code fingerprint <hex>} on the first line, the spec's canonical JSON after it. */
  public static final String SPEC = "_sweep.spec";

  private final Path root;
  private final Configuration conf;
  private final String shown;

  private SweepOutput(Path root, Configuration conf, String shown) {
    this.root = root;
    this.conf = conf;
    this.shown = shown;
  }

  /**
   * The location (plain path = local disk, or a Hadoop URI), exactly as given, checked without creating anything.
   *
   * @throws IllegalArgumentException naming the location and what is wrong with it
   */
  public static SweepOutput at(String location) {
    Configuration conf = OutputLocation.hadoopConf();
    Path p = OutputLocation.toPath(location);
    try {
      FileSystem fs = p.getFileSystem(conf);
      if (fs.exists(p) && !fs.getFileStatus(p).isDirectory()) {
        throw new IllegalArgumentException("'" + location + "' is a file; expected a directory");
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalArgumentException("'" + location + "' cannot be checked: " + oneLine(e));
    }
    return new SweepOutput(p, conf, location);
  }

  public Path root() {
    return root;
  }

  /** Whether the output's directory exists. */
  public boolean exists() throws IOException {
    return root.getFileSystem(conf).exists(root);
  }

  public Configuration conf() {
    return conf;
  }

  /** The location as the user wrote it. */
  public String shown() {
    return shown;
  }

  /**
   * Why this output cannot take {@code spec}, or null if it can: it holds files rbmflow did not write, the output of
   * another command, or (unless {@code overwrite}) the results of a different spec. Reads only.
   */
  public String conflict(SweepSpec spec, boolean overwrite) throws IOException {
    Ownership.State s = Ownership.inspect(root, conf);
    String refusal = Ownership.refusal(shown, s, Ownership.Kind.SWEEP, overwrite, true);
    if (refusal != null || !s.exists() || s.empty() || overwrite) {
      return refusal;
    }
    String first = specLine();
    if (first == null) {
      // a marked sweep output without its spec file (a crash between the two): ours if every committed point is
      // a point of this spec
      Set<String> ids = new HashSet<>();
      for (GridPoint p : spec.grid()) {
        ids.add(p.pointId());
      }
      return ids.containsAll(CommittedPoints.list(root, conf)) ? null
          : "'" + shown + "' holds points of a different spec (and no " + SPEC + "); choose another output or pass "
              + "--overwrite to replace those results";
    }
    if (first.equals("fingerprint " + spec.fingerprint())) {
      return null;
    }
    String text = specText();
    if (text != null && withoutLegacyKeys(text.substring(text.indexOf('\n') + 1).strip()).equals(spec.canonicalText())) {
      return null;   // the same spec, written when the canonical text still held monitor_every
    }
    return "'" + shown + "' holds the results of a different spec (" + first + ", this one has fingerprint "
        + spec.fingerprint() + "); choose another output or pass --overwrite to replace those results";
  }

  /**
   * Takes the output for {@code spec}: creates the directory, takes its lock, and then — under the lock — replaces
   * the sweep's own entries when {@code overwrite} and the output belongs to another spec, removes leftovers of dead
   * writers (temporary files, unpublished compacted files) and writes the marker and {@value #SPEC}. The caller closes the returned lock when the sweep ends.
   *
   * @throws OutputLock.HeldException when another rbmflow process holds the output
   */
  public OutputLock open(SweepSpec spec, boolean overwrite, String command) throws IOException {
    String before = conflict(spec, overwrite);
    if (before != null) {
      throw new IllegalArgumentException(before);   // nothing created in a directory that is not ours
    }
    FileSystem fs = root.getFileSystem(conf);
    fs.mkdirs(root);
    OutputLock lock = OutputLock.acquire(root, conf, command);
    try {
      // the check again, now that no other rbmflow writer can change the directory
      String conflict = conflict(spec, overwrite);
      if (conflict != null) {
        throw new IllegalArgumentException(conflict);
      }
      if (overwrite && conflict(spec, false) != null) {
        Ownership.clearOwn(root, conf, Ownership.Kind.SWEEP);
      }
      AtomicFiles.cleanLeftovers(root, conf, 2);
      Compaction.removeUnpublished(root, conf);
      Ownership.claim(root, conf, Ownership.Kind.SWEEP);
      String text = "fingerprint " + spec.fingerprint() + "\n" + spec.canonicalText() + "\n";
      if (!text.lines().findFirst().orElse("").equals(specLine())) {
        AtomicFiles.write(new Path(root, SPEC), conf, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
      }
      return lock;
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /**
   * Takes the lock of an existing output (aggregate, report, compact), after removing leftovers of dead writers
   * (temporary files, unpublished compacted files).
   */
  public OutputLock lock(String command) throws IOException {
    OutputLock lock = OutputLock.acquire(root, conf, command);
    try {
      AtomicFiles.cleanLeftovers(root, conf, 2);
      Compaction.removeUnpublished(root, conf);
      return lock;
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /**
   * The canonical text of the spec that owns this output, as {@value #SPEC} records it after its fingerprint line, or
   * null when there is no such file. Reads only.
   */
  public String recordedSpec() throws IOException {
    String text = specText();
    return text == null ? null : text.substring(text.indexOf('\n') + 1).strip();
  }

  /** The first line of {@value #SPEC}, or null when there is none. */
  private String specLine() throws IOException {
    String text = specText();
    return text == null ? null : text.lines().findFirst().orElse("");
  }

  private String specText() throws IOException {
    try (InputStream in = root.getFileSystem(conf).open(new Path(root, SPEC))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  /**
   * The Monte Carlo schedule of the spec that owns this output (its first value when the schedule is a grid axis), or
   * null when there is none (an output of {@code rbmflow point --out}, say). Read by the spec parser from a spec of the
   * YAML's shape: the canonical text's name, dim, first lattice and first n_h (a grid any spec allows) and its
   * {@code monte_carlo} section.
   *
   * @throws IOException when {@value #SPEC} cannot be read or does not hold a spec this version reads
   */
  public McSettings mcSettings() throws IOException {
    String text = specText();
    if (text == null) {
      return null;
    }
    JsonNode canonical = new ObjectMapper().readTree(text.substring(text.indexOf('\n') + 1));
    if (!canonical.has("monte_carlo")) {
      return null;
    }
    ObjectNode tree = JsonNodeFactory.instance.objectNode();
    tree.set("name", canonical.path("name"));
    tree.set("dim", canonical.path("dim"));
    JsonNode lattice = canonical.path("lattices").path(0);
    ObjectNode grid = tree.putObject("grid");
    grid.set("l", lattice.path("l"));
    grid.set("n_h", lattice.path("n_h").path(0));
    tree.set("monte_carlo", canonical.get("monte_carlo"));
    try {
      return SweepSpec.fromTree(tree, shown + "/" + SPEC).mc();
    } catch (SpecException e) {
      throw new IOException(shown + "/" + SPEC + ": not a spec this version reads: " + String.join("; ",
          e.problems()), e);
    }
  }

  /**
   * A canonical text as this version renders it: before monitor_every was known to change no result
   * ({@link org.rbmflow.sweep.SpecParams}) it was part of the text, so an output of such a spec resumes.
   */
  static String withoutLegacyKeys(String canonical) {
    return canonical.replaceFirst("\"monitor_every\":\\d+,", "");
  }

  static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
