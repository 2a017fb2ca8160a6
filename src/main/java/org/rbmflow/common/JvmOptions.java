package org.rbmflow.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JVM options every rbmflow JVM needs, from {@code conf/jvm-options}: the file's lines without comments
 * ({@code #}) and blank lines, as the launchers in {@code submit/} read them. For the programs that start JVMs (the
 * benchmark driver, tests).
 */
public final class JvmOptions {
  /** The file, relative to the project root. */
  public static final Path FILE = Path.of("conf", "jvm-options");

  private JvmOptions() {}

  /** The options of {@code root}/{@link #FILE} in file order, one element per option. */
  public static List<String> read(Path root) {
    try {
      return Files.readAllLines(root.resolve(FILE)).stream().map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
