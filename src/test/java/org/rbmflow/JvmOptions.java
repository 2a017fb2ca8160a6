package org.rbmflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JVM options of {@code conf/jvm-options}, for tests that start JVMs: the file's lines without comments
 * ({@code #}) and blank lines, as the launchers in {@code submit/} and Maven's test JVMs read them.
 */
public final class JvmOptions {
  /** The file, relative to the project root (the working directory of Maven's test JVMs). */
  public static final Path FILE = Path.of("conf", "jvm-options");

  private JvmOptions() {}

  /** The options in file order, one element per option. */
  public static List<String> read() {
    try {
      return Files.readAllLines(Path.of(System.getProperty("user.dir")).resolve(FILE)).stream().map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
