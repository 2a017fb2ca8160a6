package org.rbmflow.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Which output directories are rbmflow's, and which of their entries. A directory belongs to rbmflow only if it
 * holds rbmflow's marker {@value #MARKER} (written first, before anything else), or — outputs of earlier versions —
 * a sweep's {@value SweepOutput#SPEC} or only the entries of one kind of output plus {@code _SUCCESS}.
 *
 * <p>rbmflow writes into a directory that is absent, empty, or its own; it never deletes what it did not write:
 * {@code --overwrite} replaces only the entries of {@link Kind#entries()} of an output of the same kind, and
 * leaves anything else in the directory alone.
 */
public final class Ownership {
  /** The marker file: {@code kind=<sweep|point|generate>}. */
  public static final String MARKER = "_rbmflow";

  /** The commands that own an output directory, and the entries each writes. */
  public enum Kind {
    SWEEP("sweep", Set.of("points", "flows", "spectra", "patterns", "aggregate", ReportOutput.DIR, SweepOutput.SPEC)),
    POINT("point", Set.of("points", "flows", "spectra", "patterns", "aggregate", ReportOutput.DIR, "_SUCCESS")),
    GENERATE("generate", Set.of("configurations", "observables", "_SUCCESS"));

    private final String command;
    private final Set<String> entries;

    Kind(String command, Set<String> entries) {
      this.command = command;
      this.entries = entries;
    }

    /** The command's name ({@code rbmflow <command>}). */
    public String command() {
      return command;
    }

    /** The entries (files and directories) this kind of output writes, besides the marker and the lock. */
    public Set<String> entries() {
      return entries;
    }

    boolean owns(String name) {
      return entries.contains(name) || name.equals(MARKER) || name.equals(OutputLock.FILE)
          || name.equals(OutputLock.TAKEOVER) || AtomicFiles.isTemporary(name);
    }

    static Kind of(String command) {
      for (Kind k : values()) {
        if (k.command.equals(command)) {
          return k;
        }
      }
      return null;
    }
  }

  /**
   * What a directory holds: whether it exists, which kind of output owns it (null: none), and the names in it that
   * rbmflow did not write (for a foreign directory: every name).
   */
  public record State(boolean exists, Kind owner, List<String> foreign, boolean empty) {
    /** Up to five foreign names, for messages. */
    public String foreignSample() {
      List<String> shown = foreign.size() <= 5 ? foreign : foreign.subList(0, 5);
      return String.join(", ", shown) + (foreign.size() > 5 ? ", … (" + foreign.size() + " in all)" : "");
    }
  }

  private Ownership() {}

  /** Looks at {@code root} without changing anything. */
  public static State inspect(Path root, Configuration conf) throws IOException {
    FileSystem fs = root.getFileSystem(conf);
    FileStatus[] children;
    try {
      children = fs.listStatus(root);
    } catch (FileNotFoundException e) {
      return new State(false, null, List.of(), true);
    }
    List<String> names = new ArrayList<>();
    for (FileStatus c : children) {
      names.add(c.getPath().getName());
    }
    names.sort(null);
    Kind owner = null;
    if (names.contains(MARKER)) {
      owner = Kind.of(readKind(new Path(root, MARKER), fs));
    } else if (names.contains(SweepOutput.SPEC)) {
      owner = Kind.SWEEP;
    } else if (names.contains("_SUCCESS")) {
      for (Kind k : List.of(Kind.GENERATE, Kind.POINT)) {
        if (names.stream().allMatch(k::owns)) {
          owner = k;
          break;
        }
      }
    }
    Kind judge = owner;
    List<String> foreign = names.stream()
        .filter(n -> judge == null ? !AtomicFiles.isTemporary(n) && !n.equals(OutputLock.FILE) : !judge.owns(n))
        .toList();
    // a directory holding only a lock or temporary files of rbmflow (a first run that died early) counts as empty
    boolean empty = owner == null && foreign.isEmpty();
    return new State(true, owner, foreign, empty);
  }

  /**
   * Why an output of {@code kind} cannot go to {@code root} in state {@code s}, or null if it can (absent, empty,
   * or owned by the same kind, the latter only with {@code overwrite} unless {@code resumable}). The message names
   * the location as {@code shown} and never suggests deleting anything rbmflow does not own.
   */
  public static String refusal(String shown, State s, Kind kind, boolean overwrite, boolean resumable) {
    if (!s.exists() || s.empty()) {
      return null;
    }
    if (s.owner() == null) {
      return "'" + shown + "' holds files that rbmflow did not write (" + s.foreignSample() + "); rbmflow writes only "
          + "into a new or empty directory or one of its own outputs" + (overwrite ? " (--overwrite replaces only "
          + "rbmflow's own outputs)" : "") + "; choose another directory";
    }
    if (s.owner() != kind) {
      return "'" + shown + "' holds the output of `rbmflow " + s.owner().command() + "`, which `rbmflow "
          + kind.command() + "` does not replace; choose another directory";
    }
    if (resumable || overwrite) {
      return null;
    }
    return "'" + shown + "' holds an earlier output of `rbmflow " + kind.command() + "`; choose another directory or "
        + "pass --overwrite to replace it (only rbmflow's own entries are replaced)";
  }

  /** Creates {@code root} if needed and writes the marker unless it is there. */
  public static void claim(Path root, Configuration conf, Kind kind) throws IOException {
    FileSystem fs = root.getFileSystem(conf);
    fs.mkdirs(root);
    Path marker = new Path(root, MARKER);
    if (!fs.exists(marker)) {
      AtomicFiles.write(marker, conf, out -> out.write(("kind=" + kind.command() + "\n").getBytes(StandardCharsets.UTF_8)));
    }
  }

  /**
   * Deletes {@code kind}'s entries under {@code root} (for --overwrite; call while holding the lock), leaving the
   * marker, the lock and every entry rbmflow did not write. Returns the names deleted.
   */
  public static List<String> clearOwn(Path root, Configuration conf, Kind kind) throws IOException {
    FileSystem fs = root.getFileSystem(conf);
    List<String> deleted = new ArrayList<>();
    for (String e : kind.entries().stream().sorted().toList()) {
      Path p = new Path(root, e);
      if (fs.exists(p)) {
        fs.delete(p, true);
        deleted.add(e);
      }
    }
    return deleted;
  }

  private static String readKind(Path marker, FileSystem fs) throws IOException {
    try (InputStream in = fs.open(marker)) {
      String text = new String(in.readNBytes(256), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        if (line.startsWith("kind=")) {
          return line.substring("kind=".length()).trim();
        }
      }
    }
    return "";
  }
}
