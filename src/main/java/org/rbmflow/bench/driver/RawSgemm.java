package org.rbmflow.bench.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Raw OpenBLAS {@code cblas_sgemm} on the three products of a CD step: {@code tools/bench/raw_sgemm.c}, compiled into
 * {@code target/bench/raw_sgemm} against the system's libopenblas when the source or the library is newer.
 */
final class RawSgemm {
  static final Path OPENBLAS = Path.of("/usr/lib/x86_64-linux-gnu/libopenblas.so.0");

  final Path binary;
  /** Why the raw column is missing, or null when the program is ready. */
  final String missing;

  private RawSgemm(Path binary, String missing) {
    this.binary = binary;
    this.missing = missing;
  }

  /** Builds the program when needed and checks that it runs; never fails, says why in {@link #missing}. */
  static RawSgemm build(Driver d) throws IOException {
    Path source = d.root.resolve("tools/bench/raw_sgemm.c");
    Path binary = d.root.resolve("target/bench/raw_sgemm");
    if (!Files.exists(OPENBLAS)) {
      return new RawSgemm(binary, OPENBLAS + " is missing");
    }
    String cc = Driver.onPath("gcc") ? "gcc" : Driver.onPath("cc") ? "cc" : null;
    if (cc == null) {
      return new RawSgemm(binary, "no C compiler (gcc or cc) found");
    }
    if (!Files.isExecutable(binary) || newer(source, binary) || newer(OPENBLAS, binary)) {
      d.log("building " + binary);
      if (d.run(List.of(cc, "-O2", source.toString(), OPENBLAS.toString(), "-o", binary.toString(), "-lm"), Map.of())
          .status() != 0) {
        System.err.println(d.stderrTail().replaceAll("(?m)^", "  "));
        Files.deleteIfExists(binary);
        return new RawSgemm(binary, "compiling " + source + " failed");
      }
    }
    if (d.run(List.of(binary.toString(), "2", "2", "2", "0.001"), Map.of()).status() != 0) {
      return new RawSgemm(binary, binary + " does not run: " + d.stderrTail().lines().findFirst().orElse(""));
    }
    return new RawSgemm(binary, null);
  }

  private static boolean newer(Path a, Path b) throws IOException {
    return Files.getLastModifiedTime(a).compareTo(Files.getLastModifiedTime(b)) > 0;
  }

  boolean ready() {
    return missing == null;
  }

  /** OpenBLAS's build configuration and core. */
  String config() {
    String c = Facts.firstLine(List.of(binary.toString(), "--config"));
    return c.isEmpty() ? "configuration unknown" : c;
  }
}
