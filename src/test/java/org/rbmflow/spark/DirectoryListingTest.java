package org.rbmflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The java.nio listing of a local directory gives what Hadoop's own listing gives, entry for entry. */
class DirectoryListingTest {
  @TempDir
  java.nio.file.Path tmp;

  @Test
  void localListingEqualsHadoops() throws Exception {
    java.nio.file.Path dir = Files.createDirectories(tmp.resolve("out put ü/points"));
    Files.write(dir.resolve("a b.parquet"), new byte[123]);
    Files.write(dir.resolve(".rbmflow-tmp-x"), new byte[7]);
    Files.createDirectories(dir.resolve("n_v=16"));
    Files.write(dir.resolve("empty"), new byte[0]);
    Configuration conf = OutputLocation.hadoopConf();
    Path p = new Path(dir.toUri());
    FileSystem fs = p.getFileSystem(conf);
    assertEquals(summary(fs.listStatus(p)), summary(DirectoryListing.listOrEmpty(fs, p, conf)));
    assertEquals(4, DirectoryListing.listOrEmpty(fs, p, conf).length);
    assertEquals(0, DirectoryListing.listOrEmpty(fs, new Path(p, "missing"), conf).length);
  }

  /** path → (file?, length, modification time), what rbmflow reads of an entry. */
  private static Map<String, String> summary(FileStatus[] entries) {
    Map<String, String> m = new TreeMap<>();
    Arrays.stream(entries).forEach(s -> m.put(s.getPath().toString(),
        s.isFile() + " " + (s.isFile() ? s.getLen() : 0) + " " + s.getModificationTime() / 1000));
    return m;
  }
}
