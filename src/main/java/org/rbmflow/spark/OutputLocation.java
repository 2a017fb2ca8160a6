package org.rbmflow.spark;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.rbmflow.sweep.PointResult;

/**
 * The output directory of {@code rbmflow point --out} or {@code generate --out} on any Hadoop file system (a plain
 * path means the local disk), exactly the path the user gave (spaces, {@code %}, {@code #}, unicode). It is checked
 * before any work starts ({@link #checkWritable}: absent, empty, or an earlier output of the same command with
 * {@code --overwrite}; never a directory holding files rbmflow did not write, see {@link Ownership}), and written
 * whole at the end: {@link #begin()} claims the directory and takes its lock, the tables are written into a hidden
 * staging directory inside it, and {@link #commit} moves them into place, replacing only the command's own entries.
 */
public final class OutputLocation {
  private final Path path;
  private final boolean overwrite;
  private final Configuration conf;
  private final Ownership.Kind kind;
  private final String shown;
  private OutputLock lock;

  private OutputLocation(Path path, boolean overwrite, Configuration conf, Ownership.Kind kind, String shown) {
    this.path = path;
    this.overwrite = overwrite;
    this.conf = conf;
    this.kind = kind;
    this.shown = shown;
  }

  /** Hadoop configuration used for every output: the local file system without .crc side files. */
  public static Configuration hadoopConf() {
    Configuration conf = new Configuration();
    conf.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
    conf.setBoolean("fs.file.impl.disable.cache", true);
    return conf;
  }

  /**
   * Checks that {@code location} can receive a new output of {@code kind}: a directory that is absent, empty, or
   * (with {@code overwrite}) an earlier output of the same kind. Creates nothing.
   *
   * @throws IllegalArgumentException naming the location and what is wrong with it
   */
  public static OutputLocation checkWritable(String location, boolean overwrite, Ownership.Kind kind) {
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException("'' is not a path; expected a directory path or URI");
    }
    Configuration conf = hadoopConf();
    Path p = toPath(location);
    try {
      FileSystem fs = p.getFileSystem(conf);
      if (fs.exists(p) && !fs.getFileStatus(p).isDirectory()) {
        throw new IllegalArgumentException("'" + location + "' is a file; expected a directory");
      }
      String refusal = Ownership.refusal(location, Ownership.inspect(p, conf), kind, overwrite, false);
      if (refusal != null) {
        throw new IllegalArgumentException(refusal);
      }
      checkLocalWritable(p, location);
    } catch (IOException e) {
      throw new IllegalArgumentException("'" + location + "' cannot be checked: " + SweepOutput.oneLine(e));
    } catch (RuntimeException e) {
      if (e instanceof IllegalArgumentException) {
        throw e;
      }
      throw new IllegalArgumentException("'" + location + "' is not usable: " + SweepOutput.oneLine(e));
    }
    return new OutputLocation(p, overwrite, conf, kind, location);
  }

  /**
   * On the local disk, that the directory or its nearest existing ancestor is a writable directory (a read-only
   * file system or a directory without write permission is refused before any work starts).
   */
  public static void checkLocalWritable(Path p, String shown) {
    if (!"file".equals(p.toUri().getScheme())) {
      return;
    }
    java.nio.file.Path local = Paths.get(p.toUri().getPath());
    java.nio.file.Path existing = local;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
      throw new IllegalArgumentException("'" + shown + "' cannot be written: " + existing
          + " is not a writable directory (read-only file system or no write permission)");
    }
  }

  /**
   * A plain path (relative or absolute) means the local disk; otherwise a Hadoop URI ({@code file:}, {@code hdfs:},
   * {@code s3a:} …). The path is taken literally, as Hadoop's {@link Path} does: {@code %20} is three characters,
   * not a space. No trailing slash.
   */
  static Path toPath(String location) {
    if (location.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("'" + location.replace('\0', '?') + "' contains a NUL character; expected a path");
    }
    Path p;
    if (SCHEME.matcher(location).lookingAt()) {
      String trimmed = location;
      while (trimmed.endsWith("/") && !trimmed.endsWith(":/") && !trimmed.endsWith("://")) {
        trimmed = trimmed.substring(0, trimmed.length() - 1);
      }
      p = new Path(trimmed);
    } else {
      p = new Path("file", null, new File(location).getAbsoluteFile().toPath().normalize().toString());
    }
    if (p.getParent() == null || p.getName().isEmpty()) {
      throw new IllegalArgumentException("'" + location + "' is a file-system root; expected a directory below it");
    }
    return p;
  }

  /** A URI scheme of two or more letters (one letter is a Windows drive). */
  private static final java.util.regex.Pattern SCHEME = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:");

  public Path path() {
    return path;
  }

  public URI uri() {
    return path.toUri();
  }

  public Configuration conf() {
    return conf;
  }

  /**
   * Claims the directory (creates it, writes the marker), takes its lock, removes leftovers of dead writers and
   * returns a fresh hidden staging directory inside it, to write into before {@link #commit(Path)}.
   */
  /**
   * Writes the rows of {@code results} (a point and its checkpoints) as this location's new content: staged, then
   * committed whole ({@link #begin}, {@link #commit}); a failure aborts the staging and leaves the location as it was.
   */
  public void writePoints(List<PointResult> results) throws IOException {
    Path staging = begin();
    try {
      for (PointResult x : results) {
        PointTables.write(staging, x, conf());
      }
      commit(staging);
    } catch (IOException | RuntimeException e) {
      abort(staging);
      throw e;
    }
  }

  public Path begin() throws IOException {
    String refusal = Ownership.refusal(shown, Ownership.inspect(path, conf), kind, overwrite, false);
    if (refusal != null) {
      throw new IllegalArgumentException(refusal);   // filled by someone else while this run was computing
    }
    FileSystem fs = path.getFileSystem(conf);
    fs.mkdirs(path);
    lock = OutputLock.acquire(path, conf, kind.command());
    try {
      AtomicFiles.cleanLeftovers(path, conf, 0);
      Ownership.claim(path, conf, kind);
      Path staging = new Path(path, AtomicFiles.TEMP_PREFIX + UUID.randomUUID() + "-staging");
      if (!fs.mkdirs(staging)) {
        throw new IOException("cannot create " + staging);
      }
      return staging;
    } catch (IOException | RuntimeException e) {
      releaseLock(e);
      throw e;
    }
  }

  /**
   * Moves the entries of a finished staging directory into place, each replacing the earlier one of the same name
   * ({@link AtomicFiles#replaceDirectory}); entries of an earlier output that the new one does not have are removed;
   * {@code _SUCCESS} is removed first and written last. Releases the lock.
   */
  public void commit(Path staging) throws IOException {
    try {
      FileSystem fs = path.getFileSystem(conf);
      Path success = new Path(path, "_SUCCESS");
      fs.delete(success, false);
      java.util.Set<String> fresh = new java.util.HashSet<>();
      for (FileStatus st : fs.listStatus(staging)) {
        fresh.add(st.getPath().getName());
        AtomicFiles.replaceDirectory(st.getPath(), new Path(path, st.getPath().getName()), conf);
      }
      for (String old : kind.entries()) {
        if (!fresh.contains(old) && !old.equals("_SUCCESS")) {
          fs.delete(new Path(path, old), true);
        }
      }
      fs.delete(staging, true);
      fs.create(success, true).close();
    } finally {
      releaseLock(null);
    }
  }

  /** Removes a staging directory after a failure and releases the lock. */
  public void abort(Path staging) {
    try {
      staging.getFileSystem(conf).delete(staging, true);
    } catch (IOException ignored) {
      // best effort: the directory is hidden and named as rbmflow's temporary, removed by the next run
    }
    releaseLock(null);
  }

  private void releaseLock(Exception cause) {
    if (lock == null) {
      return;
    }
    try {
      lock.close();
    } catch (IOException e) {
      if (cause != null) {
        cause.addSuppressed(e);
      }
    }
    lock = null;
  }
}
