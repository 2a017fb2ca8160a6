package org.rbmflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers' choice of java (submit/java.sh): JAVA, else $JAVA_HOME/bin/java, else java on PATH; anything
 * older than 17, or not a java at all, is refused with one line and exit 2, before submit/rbmflow builds anything.
 * The javas here are shell scripts that print what a JDK's {@code -version} prints.
 */
class LauncherJavaTest {
  private record Run(int code, String out, String err) {}

  /** A fake installation under {@code dir/name} whose bin/java prints {@code version} as a JDK's -version does. */
  private static Path fakeJdk(Path dir, String name, String version) throws IOException {
    Path java = dir.resolve(name).resolve("bin").resolve("java");
    Files.createDirectories(java.getParent());
    String vendor = version.startsWith("1.") ? "java" : "openjdk";
    executable(java, "#!/bin/sh\n"
        + "echo 'Picked up JAVA_TOOL_OPTIONS: -Dfile.encoding=UTF-8' >&2\n"
        + "echo '" + vendor + " version \"" + version + "\" 2019-01-15' >&2\n"
        + "echo 'OpenJDK Runtime Environment (build " + version + ")' >&2\n");
    return dir.resolve(name);
  }

  private static void executable(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** Runs bash with {@code args} in an environment without JAVA and JAVA_HOME, plus {@code env}. */
  private static Run bash(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove("JAVA");
    pb.environment().remove("JAVA_HOME");
    pb.environment().putAll(env);
    Path out = Files.createTempFile("launcher", ".out");
    Path err = Files.createTempFile("launcher", ".err");
    try {
      Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "launcher did not finish: " + command);
      return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** {@code $java} as submit/java.sh picks it, or its refusal. */
  private static Run pick(Map<String, String> env) throws Exception {
    return bash(env, "-c", "set -euo pipefail; . submit/java.sh launcher; echo \"$java\"");
  }

  @Test
  void anOldJavaHomeIsRefusedBeforeTheBuild(@TempDir Path tmp) throws Exception {
    Path old = fakeJdk(tmp, "jdk11", "11.0.2");
    Run real = bash(Map.of("JAVA_HOME", old.toString()), "submit/rbmflow", "--version");
    String line = "submit/rbmflow: JAVA_HOME=" + old + ": java 11.0.2 is older than 17; expected Java 17 or newer "
        + "(set JAVA_HOME or JAVA to one)";
    assertEquals(2, real.code(), real.err());
    assertEquals(line + "\n", real.err());
    assertEquals("", real.out());

    // the same launcher in a checkout with no jar, so that it would build first if it checked later; its mvn only
    // leaves a mark
    Path root = tmp.resolve("checkout");
    Files.createDirectories(root.resolve("submit"));
    for (String f : new String[] {"rbmflow", "java.sh"}) {
      Files.copy(Path.of("submit", f), root.resolve("submit").resolve(f), StandardCopyOption.COPY_ATTRIBUTES);
    }
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path built = tmp.resolve("mvn-ran");
    executable(bin.resolve("mvn"), "#!/bin/sh\ntouch '" + built + "'\nexit 1\n");
    Run copy = bash(Map.of("JAVA_HOME", old.toString(), "PATH", bin + ":" + System.getenv("PATH")),
        root.resolve("submit/rbmflow").toString(), "--version");
    assertEquals(2, copy.code(), copy.err());
    assertEquals(line + "\n", copy.err());
    assertFalse(Files.exists(built), "submit/rbmflow ran mvn before checking the java");
  }

  @Test
  void versionsAreReadInEveryFormat(@TempDir Path tmp) throws Exception {
    String[][] cases = {{"17.0.15", "ok"}, {"25", "ok"}, {"21-ea", "ok"}, {"17", "ok"}, {"1.8.0_392", "8"},
        {"16.0.2", "16"}, {"9", "9"}};
    for (String[] c : cases) {
      Path home = fakeJdk(tmp, "jdk-" + c[0], c[0]);
      Run r = pick(Map.of("JAVA_HOME", home.toString()));
      if (c[1].equals("ok")) {
        assertEquals(0, r.code(), c[0] + ": " + r.err());
        assertEquals(home.resolve("bin/java") + "\n", r.out(), c[0]);
      } else {
        assertEquals(2, r.code(), c[0]);
        assertEquals("launcher: JAVA_HOME=" + home + ": java " + c[0] + " is older than 17; expected Java 17 or newer "
            + "(set JAVA_HOME or JAVA to one)\n", r.err(), c[0]);
      }
    }
  }

  @Test
  void javaWinsOverJavaHomeAndNonJavasAreRefused(@TempDir Path tmp) throws Exception {
    Path jdk17 = fakeJdk(tmp, "jdk17", "17.0.15");
    Path jdk11 = fakeJdk(tmp, "jdk11", "11.0.2");
    // JAVA as before (a deliberate choice for one run), JAVA_HOME often set machine-wide
    Run both = pick(Map.of("JAVA", jdk17.resolve("bin/java").toString(), "JAVA_HOME", jdk11.toString()));
    assertEquals(0, both.code(), both.err());
    assertEquals(jdk17.resolve("bin/java") + "\n", both.out());
    Run path = pick(Map.of("PATH", jdk17.resolve("bin") + ":" + System.getenv("PATH")));
    assertEquals(jdk17.resolve("bin/java") + "\n", path.out(), path.err());

    Run missingHome = pick(Map.of("JAVA_HOME", tmp.resolve("nowhere").toString()));
    assertEquals(2, missingHome.code());
    assertEquals("launcher: JAVA_HOME=" + tmp.resolve("nowhere") + ": no executable " + tmp.resolve("nowhere/bin/java")
        + "; expected JAVA_HOME to be a Java 17 or newer installation\n", missingHome.err());
    Run missingJava = pick(Map.of("JAVA", "no-such-java"));
    assertEquals(2, missingJava.code());
    assertEquals("launcher: JAVA=no-such-java: not an executable java; expected a Java 17 or newer binary (or JAVA "
        + "unset)\n", missingJava.err());
    Path notJava = tmp.resolve("echo/bin/java");
    Files.createDirectories(notJava.getParent());
    executable(notJava, "#!/bin/sh\necho hello\n");
    Run unknown = pick(Map.of("JAVA_HOME", tmp.resolve("echo").toString()));
    assertEquals(2, unknown.code());
    assertEquals("launcher: JAVA_HOME=" + tmp.resolve("echo") + ": cannot tell the version of " + notJava
        + " (its -version printed 'hello'); expected Java 17 or newer\n", unknown.err());
  }
}
