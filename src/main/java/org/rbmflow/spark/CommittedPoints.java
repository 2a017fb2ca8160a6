package org.rbmflow.spark;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What a sweep has committed: the point ids with a file under {@code points/n_v=*}, found by listing (DESIGN §6).
 * A point's {@code points} file is the last of its files to be renamed into place, so a listed point is whole.
 */
public final class CommittedPoints {
  private CommittedPoints() {}

  public static Set<String> list(Path root, Configuration conf) throws IOException {
    Set<String> ids = new HashSet<>();
    Path points = new Path(root, "points");
    FileSystem fs = points.getFileSystem(conf);
    if (!fs.exists(points)) {
      return ids;
    }
    for (FileStatus partition : fs.listStatus(points)) {
      if (!partition.isDirectory() || !partition.getPath().getName().startsWith("n_v=")) {
        continue;
      }
      for (FileStatus f : fs.listStatus(partition.getPath())) {
        String name = f.getPath().getName();
        if (f.isFile() && name.endsWith(".parquet") && !name.startsWith(".")) {
          ids.add(name.substring(0, name.length() - ".parquet".length()));
        }
      }
    }
    return ids;
  }
}
