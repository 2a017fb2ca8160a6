package org.rbmflow.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Puts a report drawn in a local directory at {@code OUT/report} on OUT's file system (local disk, HDFS, S3),
 * replacing an older report: the files are uploaded to a hidden sibling and renamed into place
 * ({@link AtomicFiles#replaceDirectory}), so a reader sees the old report or the whole new one.
 */
public final class ReportOutput {
  public static final String DIR = "report";

  private ReportOutput() {}

  /** {@link #publish}, returning the index as people read it: a local path for {@code file:} outputs, else its URI. */
  public static String publishShown(java.nio.file.Path local, Path root, Configuration conf, String index)
      throws IOException {
    Path p = publish(local, root, conf, index);
    return "file".equals(p.toUri().getScheme()) ? p.toUri().getPath() : p.toString();
  }

  /** Copies every file of {@code local} (flat) to {@code root/report} and returns the path of its index. */
  public static Path publish(java.nio.file.Path local, Path root, Configuration conf, String index) throws IOException {
    FileSystem fs = root.getFileSystem(conf);
    Path target = new Path(root, DIR);
    Path staging = AtomicFiles.tempSibling(target);
    List<java.nio.file.Path> files;
    try (Stream<java.nio.file.Path> s = Files.list(local)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    try {
      fs.mkdirs(staging);
      for (java.nio.file.Path f : files) {
        try (InputStream in = Files.newInputStream(f);
            OutputStream o = fs.create(new Path(staging, f.getFileName().toString()), true)) {
          in.transferTo(o);
        }
      }
      AtomicFiles.replaceDirectory(staging, target, conf);
    } catch (IOException | RuntimeException e) {
      AtomicFiles.deleteQuietly(staging, conf, e);
      throw e;
    }
    return new Path(target, index);
  }
}
