package org.rbmflow.bench.driver;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.rbmflow.common.JvmOptions;

/**
 * What every benchmark of the driver shares: the repository, the java and its options, CPU pinning, quick mode, the
 * rbmflow snapshot; running programs; the log on stderr and the list of every timed run's line.
 */
final class Driver {
  static final String PROG = "submit/bench";
  /** The snapshot of rbmflow's jar that the launcher copies before the driver starts, relative to the root. */
  static final String SNAPSHOT = "target/bench/rbmflow-bench.jar";

  final Path root;
  final boolean quick;
  /** Rounds of interleaved runs: 3, or 2 in quick mode. */
  final int rounds;
  /** {@code taskset -c 0} when taskset exists, else nothing. */
  final List<String> pin;
  /** Every timed run's line, in running order. */
  final List<String> raw = new ArrayList<>();
  private final Path java;
  private final List<String> jvmOptions;
  private final List<String> javaOpts;
  private final String classpath;
  private String lastStderr = "";

  Driver(Path root, Path java, boolean quick, String javaOpts) throws IOException {
    this.root = root;
    this.java = java;
    this.quick = quick;
    this.rounds = quick ? 2 : 3;
    this.jvmOptions = JvmOptions.read(root);
    this.javaOpts = javaOpts.isBlank() ? List.of() : Arrays.asList(javaOpts.trim().split("\\s+"));
    this.pin = onPath("taskset") ? List.of("taskset", "-c", "0") : List.of();
    this.classpath = root.resolve(SNAPSHOT) + File.pathSeparator
        + Files.readString(root.resolve("target/bench/rbmflow-bench.classpath")).strip();
  }

  static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  void log(String message) {
    System.err.println(PROG + ": " + message);
    System.err.flush();
  }

  /** {@code taskset -c 0 } or "", as the report's commands show the pinning. */
  String pinText() {
    return pin.isEmpty() ? "" : String.join(" ", pin) + " ";
  }

  /** The pinning as the report states it. */
  String pinning() {
    return pin.isEmpty() ? "none (taskset not found)" : String.join(" ", pin);
  }

  /** The Spark core jar the snapshot runs with, e.g. {@code spark-core_2.13-4.2.0}. */
  String sparkCore() {
    for (String entry : classpath.split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (name.startsWith("spark-core") && name.endsWith(".jar")) {
        return name.substring(0, name.length() - ".jar".length());
      }
    }
    return "";
  }

  /** The first line of {@code java -version}. */
  String javaVersion() {
    return Facts.firstLine(List.of(java.toString(), "-version"));
  }

  /** The report's note on how the rbmflow lines ran; {@code jvm}: their JVM options beyond conf/jvm-options. */
  private String[] snapshotNote(String jvm) throws IOException {
    return new String[] {"The rbmflow lines are run as `" + pinText() + "java <conf/jvm-options> "
        + (jvm.isEmpty() ? "" : jvm + " ") + "-cp target/bench/rbmflow-bench.jar:<classpath> org.rbmflow.cli.Main bench ...`,",
        "a copy of the jar that `submit/rbmflow` built at the start (" + jarBuilt() + "), so that a rebuild caused by "
            + "concurrent edits cannot swap the code mid-run."};
  }

  /** The facts of a pinned run's report: machine, date, tools, revision and snapshot, pinning (and {@code more}). */
  void pinnedFacts(Report r, String date, String tools, String more) throws IOException {
    r.emit("", "- Machine: " + Facts.machine(), "- Date: " + date, "- Tools: " + tools,
        "- rbmflow revision: " + Facts.revision(root) + "; jar built " + jarBuilt()
            + " (snapshot in target/bench/, see below)",
        "- Pinning: " + pinning() + "; OPENBLAS_NUM_THREADS=1" + more);
  }

  /** A pinned run's report's end: how the rbmflow lines ran ({@link #snapshotNote}), then every run's line. */
  void snapshotAndRuns(Report r, String jvm) throws IOException {
    r.emit("");
    r.emit(snapshotNote(jvm));
    r.emit("", "All runs:", "");
    r.code(raw);
  }

  /** {@code seconds}, or a tenth of it in quick mode. */
  double quickSeconds(double seconds) {
    return quick ? seconds / 10 : seconds;
  }

  /** When the snapshot was built (the launcher keeps the jar's time). */
  String jarBuilt() throws IOException {
    return Facts.time(Files.getLastModifiedTime(root.resolve(SNAPSHOT)));
  }

  /**
   * rbmflow's main class from the snapshot: the options of conf/jvm-options, then $JAVA_OPTS, then {@code jvm}
   * (so that those win), then {@code args}; pinned to CPU 0 when {@code pinned}.
   */
  List<String> rbmflow(boolean pinned, List<String> jvm, List<String> args) {
    List<String> cmd = new ArrayList<>(pinned ? pin : List.of());
    cmd.add(java.toString());
    cmd.addAll(jvmOptions);
    cmd.addAll(javaOpts);
    cmd.addAll(jvm);
    cmd.addAll(List.of("-cp", classpath, "org.rbmflow.cli.Main"));
    cmd.addAll(args);
    return cmd;
  }

  /** Checks, outside the timed runs, that the snapshot runs a benchmark at all. */
  void checkSnapshot() {
    checked("flips_per_ns", rbmflow(false, List.of(), List.of("bench", "mc", "--l", "8", "--replicas", "64",
        "--sweeps", "1", "--T", "2.269")));
  }

  /** A finished program: exit status and stdout (its stderr is kept for {@link #stderrTail}). */
  record Run(int status, String out) {}

  /** Runs {@code command} with OPENBLAS_NUM_THREADS=1 and {@code env} added to this environment. */
  Run run(List<String> command, Map<String, String> env) {
    try {
      Path err = Files.createTempFile("rbmflow-bench", ".err");
      try {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile());
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = p.waitFor();
        lastStderr = Files.readString(err, StandardCharsets.UTF_8);
        return new Run(status, out);
      } finally {
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      lastStderr = e.toString();
      return new Run(127, "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchFailure("interrupted");
    }
  }

  /** The last line {@code command} printed; fails unless it exits 0 and that line holds {@code key}=. */
  String checked(String key, List<String> command) {
    Run r = run(command, Map.of());
    if (r.status() != 0) {
      throw new BenchFailure("failed: " + String.join(" ", command), stderrTail());
    }
    List<String> lines = r.out().lines().toList();
    String line = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    if (KeyValues.field(line, key).isEmpty()) {
      throw new BenchFailure("printed no " + key + "=: " + String.join(" ", command) + " -> " + line, stderrTail());
    }
    return line;
  }

  /** The last 15 lines of the last program's stderr, colour codes removed. */
  String stderrTail() {
    List<String> lines = lastStderr.replaceAll("\u001b\\[[0-9;]*m", "").lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
  }

  /** {@code path} as the report shows it: relative to the repository when it lies beside it, else absolute. */
  String shown(Path path) {
    Path abs = path.toAbsolutePath().normalize();
    Path parent = root.getParent();
    return parent != null && abs.startsWith(parent) ? root.relativize(abs).toString() : abs.toString();
  }
}
