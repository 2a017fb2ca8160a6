package org.rbmflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rbmflow's classes (Java 17 bytecode, kernels compiled against JDK 17's incubating Vector API) on JDK 25, whose
 * Vector API lacks methods the kernels call: a CD-1 run (tanh, sign sampling, bias gradients, GEMM) completes on the
 * plain-Java paths, and the status line says why, instead of a NoSuchMethodError in the middle of training. Runs
 * the compiled classes as they are, in a child JVM; skipped where that JDK is not installed.
 */
class VectorApiOnJdk25Test {
  private static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

  @Test
  void cd1RunsOnThePlainPathsAndSaysWhy(@TempDir Path tmp) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(JDK25), JDK25 + " is not installed: nothing to run on");
    String classpath = Path.of("target/classes").toAbsolutePath() + File.pathSeparator
        + System.getProperty("java.class.path");
    Path out = tmp.resolve("out");
    Path err = tmp.resolve("err");
    Process p = new ProcessBuilder(JDK25.toString(), "--add-modules", "jdk.incubator.vector", "-Xmx512m",
        "-Djava.io.tmpdir=" + tmp, "-cp", classpath, "org.rbmflow.cli.Main",
        "bench", "cd1", "--nv", "16", "--nh", "4", "--samples", "200", "--batch", "20", "--epochs", "1")
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "bench cd1 on JDK 25 did not finish");
    String stdout = Files.readString(out);
    String stderr = Files.readString(err);
    assertEquals(0, p.exitValue(), stderr);
    List<String> status = stderr.lines().filter(l -> l.startsWith("rbmflow bench: Vector API: ")).toList();
    assertEquals(1, status.size(), stderr);
    String line = stdout.lines().filter(l -> l.startsWith("rbmflow-cd1 ")).findFirst().orElse("");
    if (status.get(0).contains("API differs")) {
      // the case today: e.g. LongVector.intoByteArray(byte[], int, ByteOrder) is gone from JDK 25
      assertTrue(status.get(0).contains("NoSuchMethodError") && status.get(0).endsWith(": plain-Java paths"),
          status.get(0));
      assertTrue(line.endsWith(" vector_api=off"), stdout);
      assertTrue(!line.contains("backend=java-vector"), stdout);
    } else {
      // a JDK whose API has every method the kernels call: they are used
      assertTrue(line.endsWith(" vector_api=on"), status.get(0) + "\n" + stdout);
    }
  }
}
