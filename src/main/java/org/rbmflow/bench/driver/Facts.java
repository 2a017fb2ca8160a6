package org.rbmflow.bench.driver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** What a report says about the machine and the code it measured. */
final class Facts {
  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  private Facts() {}

  /** e.g. {@code Intel(R) Xeon(R) ..., 2 logical CPUs, Linux x86_64}. */
  static String machine() {
    String model = "unknown";
    try {
      model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(model);
    } catch (IOException e) {
      // no /proc: the model stays unknown
    }
    return model + ", " + Runtime.getRuntime().availableProcessors() + " logical CPUs, " + firstLine(List.of("uname", "-sm"));
  }

  /** Whether the CPU has AVX-512 (the avx512f flag of /proc/cpuinfo). */
  static boolean avx512() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .anyMatch(l -> l.startsWith("flags") && l.contains(" avx512f"));
    } catch (IOException e) {
      return false;
    }
  }

  /** The 1-minute load average, "?" when unknown. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  static int cpus() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** The checkout's short commit, and whether src/ or pom.xml has uncommitted changes. */
  static String revision(Path root) {
    String rev = firstLine(List.of("git", "-C", root.toString(), "rev-parse", "--short", "HEAD"));
    if (rev.isEmpty() || rev.startsWith("fatal")) {
      return "unknown (not a git checkout)";
    }
    String changes = firstLine(List.of("git", "-C", root.toString(), "status", "--porcelain", "--", "src", "pom.xml"));
    return changes.isEmpty() ? rev : rev + " (working tree has uncommitted changes under src/ or pom.xml)";
  }

  static String now() {
    return UTC.format(Instant.now());
  }

  static String time(FileTime t) {
    return UTC.format(t.toInstant());
  }

  /** The first line a command prints (stdout and stderr together), "" when it cannot run. */
  static String firstLine(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      return out.lines().findFirst().orElse("").strip();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
