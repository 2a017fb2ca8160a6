package org.rbmflow.bench.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The directory of the C and NumPy references ({@code metropolis_reference.c}, {@code numpy_reference.py}), used in
 * place and never copied into the repository, and the Python that runs them.
 */
final class Yardsticks {
  final Path dir;

  private Yardsticks(Path dir) {
    this.dir = dir;
  }

  /** Checks that {@code files} are in {@code dir} and that python3 imports NumPy. */
  static Yardsticks in(Path dir, Driver driver, String... files) throws IOException {
    for (String f : files) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        throw new BenchFailure("no " + f + " in '" + dir + "' (use --shared DIR or RBMFLOW_YARDSTICKS)");
      }
    }
    if (!Driver.onPath("python3")) {
      throw new BenchFailure("python3 is required");
    }
    if (driver.run(List.of("python3", "-c", "import numpy"), Map.of()).status() != 0) {
      throw new BenchFailure("python3 cannot import numpy");
    }
    return new Yardsticks(dir.toRealPath());
  }

  Path file(String name) {
    return dir.resolve(name);
  }

  /** e.g. {@code Python 3.12.1, NumPy 2.4.6}. */
  static String pythonVersion() {
    return Facts.firstLine(List.of("python3", "-c",
        "import sys, numpy; print('Python ' + sys.version.split()[0] + ', NumPy ' + numpy.__version__)"));
  }
}
