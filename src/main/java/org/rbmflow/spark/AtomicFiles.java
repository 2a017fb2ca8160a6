package org.rbmflow.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The one way rbmflow publishes what it writes: write under a temporary name unique to this writer, in the
 * directory of the target, then rename it into place.
 *
 * <ul>
 *   <li>Temporary names start with {@value #TEMP_PREFIX} and carry a random UUID, so two writers (a retried or
 *       speculative task, two processes) never share one, and every reader skips them (hidden names).</li>
 *   <li>A file replaces an earlier one by one atomic rename, never delete-then-rename: rename(2) on the local
 *       disk ({@link StandardCopyOption#ATOMIC_MOVE}), {@link FileUtil#rename} with
 *       {@link Options.Rename#OVERWRITE} on Hadoop file systems (atomic on HDFS; object stores emulate rename by
 *       copy and have no atomic replace, see the README).</li>
 *   <li>A directory (a report, an aggregate table) cannot be replaced by one rename while the old one has
 *       files, so the old one is first renamed aside to a temporary name, the new one renamed in, and the old one
 *       deleted: a crash leaves the old or the new directory in place plus a hidden leftover.</li>
 *   <li>Leftovers of writers that died are removed by {@link #cleanLeftovers} when the next run holds the
 *       output's lock ({@link OutputLock}).</li>
 * </ul>
 */
public final class AtomicFiles {
  /** Prefix of every temporary name rbmflow creates inside an output. */
  public static final String TEMP_PREFIX = ".rbmflow-tmp-";

  private AtomicFiles() {}

  /** Writes the bytes of one file. */
  public interface Body {
    void write(OutputStream out) throws IOException;
  }

  /** A fresh temporary sibling of {@code target} (same directory; nothing created). */
  public static Path tempSibling(Path target) {
    return new Path(target.getParent(), TEMP_PREFIX + UUID.randomUUID() + "-" + target.getName());
  }

  /** Whether {@code name} is one of rbmflow's temporary names, or one an earlier version of rbmflow used. */
  public static boolean isTemporary(String name) {
    return name.startsWith(TEMP_PREFIX)
        || name.startsWith(".") && (name.contains(".tmp-") || name.endsWith(".tmp") || name.contains(".staging-")
            || name.contains(".replaced-"));
  }

  /** Writes {@code target} whole: the body goes to a temporary sibling, which then replaces the target. */
  public static void write(Path target, Configuration conf, Body body) throws IOException {
    Path tmp = tempSibling(target);
    FileSystem fs = target.getFileSystem(conf);
    try {
      java.nio.file.Path local = localPath(tmp, conf);
      if (local != null) {
        Files.createDirectories(local.getParent());
        try (OutputStream out = Files.newOutputStream(local)) {
          body.write(out);
        }
      } else {
        try (OutputStream out = fs.create(tmp, false)) {
          body.write(out);
        }
      }
      replace(tmp, target, conf);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(tmp, conf, e);
      throw e;
    }
  }

  /** Renames the finished file {@code tmp} to {@code target}, atomically replacing an earlier copy. */
  public static void replace(Path tmp, Path target, Configuration conf) throws IOException {
    java.nio.file.Path from = localPath(tmp, conf);
    java.nio.file.Path to = localPath(target, conf);
    if (from != null && to != null) {
      try {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
        // a platform whose atomic move refuses to replace: a replacing (not atomic) move
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
      }
      return;
    }
    // FileUtil.rename calls FileSystem's rename-with-options on the cached file system: one atomic rename2 RPC on
    // HDFS; file systems without it (object stores) check, delete and rename, which is all they can do
    FileUtil.rename(target.getFileSystem(conf), tmp, target, Options.Rename.OVERWRITE);
  }

  /**
   * Moves the finished directory {@code staged} to {@code target}: the old target (if any) is renamed aside, the
   * new one renamed in, the old one deleted. If the second rename fails the old one is put back.
   */
  public static void replaceDirectory(Path staged, Path target, Configuration conf) throws IOException {
    FileSystem fs = target.getFileSystem(conf);
    Path aside = null;
    if (fs.exists(target)) {
      aside = tempSibling(target);
      if (!fs.rename(target, aside)) {
        throw new IOException("cannot move the old " + target + " aside");
      }
    }
    if (!fs.rename(staged, target)) {
      if (aside != null) {
        fs.rename(aside, target);
      }
      throw new IOException("cannot rename " + staged + " to " + target);
    }
    if (aside != null) {
      fs.delete(aside, true);
    }
  }

  /**
   * Deletes rbmflow's temporary entries ({@link #isTemporary}) directly under {@code dir} and, to
   * {@code depth} levels, under its non-temporary subdirectories. Call only while holding the output's lock,
   * when no other rbmflow writer can be alive. Returns how many were removed.
   */
  public static int cleanLeftovers(Path dir, Configuration conf, int depth) throws IOException {
    FileSystem fs = dir.getFileSystem(conf);
    if (!fs.exists(dir)) {
      return 0;
    }
    int removed = 0;
    for (String name : DirectoryListing.names(fs, dir, conf)) {
      if (isTemporary(name)) {
        fs.delete(new Path(dir, name), true);
        removed++;
      } else if (depth > 0 && !name.endsWith(".parquet") && fs.getFileStatus(new Path(dir, name)).isDirectory()) {
        // a committed file is no directory: 10⁵ of them are passed over by name, without a stat or a path each
        removed += cleanLeftovers(new Path(dir, name), conf, depth - 1);
      }
    }
    return removed;
  }

  /**
   * The java.nio path of {@code file} when it is on the raw local file system ({@code fs.file.impl} names
   * {@link RawLocalFileSystem}, as {@link OutputLocation#hadoopConf()} sets); null otherwise. Reads the property
   * rather than asking {@link FileSystem#getFileSystemClass}, which would load and instantiate every file system on
   * the class path the first time.
   */
  static java.nio.file.Path localPath(Path file, Configuration conf) {
    java.net.URI uri = file.toUri();
    if (!"file".equals(uri.getScheme()) || (uri.getAuthority() != null && !uri.getAuthority().isEmpty())
        || !RawLocalFileSystem.class.getName().equals(conf.getTrimmed("fs.file.impl"))) {
      return null;
    }
    // the decoded path, not Paths.get(uri): java.nio refuses a URI whose raw path holds non-ASCII characters, which
    // Hadoop's Path leaves unquoted (a directory named "ü" would fail with "Bad escape")
    return Paths.get(uri.getPath());
  }

  /** Deletes {@code p} (recursively) after {@code cause} failed a write; a failure to delete is added to it. */
  static void deleteQuietly(Path p, Configuration conf, Exception cause) {
    try {
      java.nio.file.Path local = localPath(p, conf);
      if (local != null && !Files.isDirectory(local)) {
        Files.deleteIfExists(local);
      } else {
        p.getFileSystem(conf).delete(p, true);
      }
    } catch (IOException | RuntimeException suppressed) {
      cause.addSuppressed(suppressed);
    }
  }
}
