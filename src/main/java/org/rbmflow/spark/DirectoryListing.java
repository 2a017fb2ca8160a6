package org.rbmflow.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Directory listings of an output. On the local disk ({@link AtomicFiles#localPath}) a directory is read with
 * java.nio: Hadoop's local {@code listStatus} builds each entry's status through its own path and URI handling,
 * 50–100 µs an entry, and resume, compaction and {@code status} list a 10⁵-point output's 4·10⁵ files several times.
 * The entries carry what rbmflow reads of them: path, length, file or directory, modification time.
 */
final class DirectoryListing {
  /** Block size reported for local entries (Hadoop's local default; rbmflow never reads it). */
  private static final long LOCAL_BLOCK_SIZE = 32L << 20;

  private DirectoryListing() {}

  /** The entries of {@code dir}, in no particular order; none when it does not exist. */
  static FileStatus[] listOrEmpty(FileSystem fs, Path dir, Configuration conf) throws IOException {
    java.nio.file.Path local = AtomicFiles.localPath(dir, conf);
    if (local == null) {
      try {
        return fs.listStatus(dir);
      } catch (FileNotFoundException e) {
        return new FileStatus[0];
      }
    }
    List<FileStatus> out = new ArrayList<>();
    Path qualified = fs.makeQualified(dir);
    try (DirectoryStream<java.nio.file.Path> entries = Files.newDirectoryStream(local)) {
      for (java.nio.file.Path e : entries) {
        BasicFileAttributes a;
        try {
          a = Files.readAttributes(e, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException gone) {
          continue;   // removed since the directory was read (a temporary file renamed into place)
        }
        out.add(new FileStatus(a.size(), a.isDirectory(), 1, LOCAL_BLOCK_SIZE, a.lastModifiedTime().toMillis(),
            new Path(qualified, e.getFileName().toString())));
      }
    } catch (NoSuchFileException e) {
      return new FileStatus[0];
    }
    return out.toArray(new FileStatus[0]);
  }

  /**
   * The names of {@code dir}'s entries, in no particular order; none when it does not exist. On the local disk no
   * entry is stat'ed: for passes that decide by name (temporary files, compacted batches) over 10⁵ files.
   */
  static List<String> names(FileSystem fs, Path dir, Configuration conf) throws IOException {
    java.nio.file.Path local = AtomicFiles.localPath(dir, conf);
    List<String> out = new ArrayList<>();
    if (local == null) {
      for (FileStatus s : listOrEmpty(fs, dir, conf)) {
        out.add(s.getPath().getName());
      }
      return out;
    }
    try (DirectoryStream<java.nio.file.Path> entries = Files.newDirectoryStream(local)) {
      for (java.nio.file.Path e : entries) {
        out.add(e.getFileName().toString());
      }
    } catch (NoSuchFileException e) {
      return List.of();
    }
    return out;
  }

  /** An entry of a directory as a name decides it: no path built (a Hadoop path parses a URI, microseconds each). */
  record Entry(String name, boolean file, long length) {}

  /** The entries of {@code dir} with their kind and length, no paths built; none when it does not exist. */
  static List<Entry> entries(FileSystem fs, Path dir, Configuration conf) throws IOException {
    java.nio.file.Path local = AtomicFiles.localPath(dir, conf);
    List<Entry> out = new ArrayList<>();
    if (local == null) {
      for (FileStatus s : listOrEmpty(fs, dir, conf)) {
        out.add(new Entry(s.getPath().getName(), s.isFile(), s.getLen()));
      }
      return out;
    }
    try (DirectoryStream<java.nio.file.Path> entries = Files.newDirectoryStream(local)) {
      for (java.nio.file.Path e : entries) {
        try {
          BasicFileAttributes a = Files.readAttributes(e, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
          out.add(new Entry(e.getFileName().toString(), a.isRegularFile(), a.size()));
        } catch (NoSuchFileException gone) {
          // removed since the directory was read
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    }
    return out;
  }
}
