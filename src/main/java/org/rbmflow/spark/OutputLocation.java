package org.rbmflow.spark;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * An output directory on any Hadoop file system (a plain path means the local disk), checked before any
 * work starts, and committed whole: results are written to a hidden sibling directory and renamed into
 * place at the end, so a crash leaves either the old contents or the complete new ones.
 */
public final class OutputLocation {
  private final Path path;
  private final boolean overwrite;
  private final Configuration conf;

  private OutputLocation(Path path, boolean overwrite, Configuration conf) {
    this.path = path;
    this.overwrite = overwrite;
    this.conf = conf;
  }

  /** Hadoop configuration used for every output: the local file system without .crc side files. */
  public static Configuration hadoopConf() {
    Configuration conf = new Configuration();
    conf.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
    conf.setBoolean("fs.file.impl.disable.cache", true);
    return conf;
  }

  /**
   * Checks that {@code location} can receive a new output: a directory that is absent, empty, or
   * (with {@code overwrite}) replaceable. Creates nothing.
   *
   * @throws IllegalArgumentException naming the location and what is wrong with it
   */
  public static OutputLocation checkWritable(String location, boolean overwrite) {
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException("'' is not a path; expected a directory path or URI");
    }
    Configuration conf = hadoopConf();
    Path p = toPath(location);
    try {
      FileSystem fs = p.getFileSystem(conf);
      if (fs.exists(p)) {
        FileStatus st = fs.getFileStatus(p);
        if (!st.isDirectory()) {
          throw new IllegalArgumentException("'" + location + "' is a file; expected a directory");
        }
        if (fs.listStatus(p).length > 0 && !overwrite) {
          throw new IllegalArgumentException("'" + location + "' exists and is not empty; choose another directory or pass --overwrite");
        }
      }
      if ("file".equals(p.toUri().getScheme())) {
        java.nio.file.Path local = Paths.get(p.toUri());
        java.nio.file.Path ancestor = local.getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
          ancestor = ancestor.getParent();
        }
        if (ancestor == null || !Files.isDirectory(ancestor) || !Files.isWritable(ancestor)) {
          throw new IllegalArgumentException("'" + location + "' cannot be created: " + ancestor + " is not a writable directory");
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("'" + location + "' cannot be checked: " + e.getMessage());
    } catch (RuntimeException e) {
      if (e instanceof IllegalArgumentException) {
        throw e;
      }
      throw new IllegalArgumentException("'" + location + "' is not usable: " + e.getMessage());
    }
    return new OutputLocation(p, overwrite, conf);
  }

  /** A plain path (relative or absolute) means the local disk; otherwise a Hadoop URI. No trailing slash. */
  static Path toPath(String location) {
    String uri;
    try {
      URI parsed = new URI(location);
      uri = parsed.getScheme() == null || parsed.getScheme().length() == 1
          ? new File(location).getAbsoluteFile().toURI().toString()
          : parsed.toString();
    } catch (Exception e) {
      uri = new File(location).getAbsoluteFile().toURI().toString();
    }
    while (uri.endsWith("/") && !uri.endsWith(":/") && !uri.endsWith("://") && new Path(uri).getParent() != null) {
      uri = uri.substring(0, uri.length() - 1);
    }
    Path p = new Path(uri);
    if (p.getParent() == null || p.getName().isEmpty()) {
      throw new IllegalArgumentException("'" + location + "' is a file-system root; expected a directory below it");
    }
    return p;
  }

  public Path path() {
    return path;
  }

  public URI uri() {
    return path.toUri();
  }

  public Configuration conf() {
    return conf;
  }

  /** A fresh hidden sibling directory to write into before {@link #commit(Path)}. */
  public Path stagingDir() throws IOException {
    Path staging = new Path(path.getParent(), "." + path.getName() + ".staging-" + UUID.randomUUID());
    FileSystem fs = staging.getFileSystem(conf);
    if (!fs.mkdirs(staging)) {
      throw new IOException("cannot create " + staging);
    }
    return staging;
  }

  /**
   * Moves a finished staging directory into place and marks it _SUCCESS. When overwriting, the old output is
   * first renamed aside and deleted only after the new one is in place, so a crash leaves the old output
   * (possibly under its hidden ".replaced" name) or the complete new one, never neither.
   */
  public void commit(Path staging) throws IOException {
    FileSystem fs = path.getFileSystem(conf);
    fs.create(new Path(staging, "_SUCCESS"), true).close();
    Path aside = null;
    if (fs.exists(path)) {
      if (!overwrite && fs.listStatus(path).length > 0) {
        throw new IOException(path + " was filled by someone else while this run was writing");
      }
      aside = new Path(path.getParent(), "." + path.getName() + ".replaced-" + UUID.randomUUID());
      if (!fs.rename(path, aside)) {
        throw new IOException("cannot move the old output " + path + " aside to " + aside);
      }
    }
    fs.mkdirs(path.getParent());
    if (!fs.rename(staging, path)) {
      if (aside != null) {
        fs.rename(aside, path);
      }
      throw new IOException("cannot rename " + staging + " to " + path);
    }
    if (aside != null) {
      fs.delete(aside, true);
    }
  }

  /** Removes a staging directory after a failure. */
  public void abort(Path staging) {
    try {
      staging.getFileSystem(conf).delete(staging, true);
    } catch (IOException ignored) {
      // best effort: the directory is hidden and named as staging
    }
  }
}
