package org.rbmflow.bench.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code submit/bench sweep}: Spark's overhead per point and local[2] against local[1]: {@code rbmflow sweep
 * jobs/bench-16.yaml --no-aggregate} (16 points of about 1 s; in quick mode one round of
 * {@code tools/bench/sweep-quick.yaml}) on embedded Spark, local[1] then local[2], in interleaved rounds; not pinned.
 * Times in seconds.
 */
final class SweepSuite {
  private final Driver d;

  SweepSuite(Driver d) {
    this.d = d;
  }

  /** The number of the first group of {@code regex} in {@code text}, n/a when it does not match. */
  static String number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    return m.find() ? m.group(1) : KeyValues.NA;
  }

  /**
   * One sweep's line of key=value pairs from its output: wall (the whole command), sweep (its own count, after Spark
   * start-up), points, compute and commit (means per point), commit_median, commit_max.
   */
  static String summary(int cores, double wall, String output) {
    String fin = last(output, "sweep ", " finished in ");
    String task = last(output, "task time: ", "");
    if (fin.isEmpty() || task.isEmpty()) {
      return null;
    }
    return String.format(Locale.ROOT,
        "sweep-run cores=%d wall=%.1f sweep=%s points=%s compute=%s commit=%s commit_median=%s commit_max=%s", cores,
        wall, number(fin, "finished in ([0-9.]*[0-9])"), number(fin, ": ([0-9]+) points"),
        number(task, "\\(([0-9.]+) s compute"), number(task, ", ([0-9.]+) s commit a point"),
        number(task, "commit median ([0-9.]*[0-9])"), number(task, "slowest ([0-9.]*[0-9])"));
  }

  private static String last(String output, String prefix, String contains) {
    return output.lines().filter(l -> l.startsWith(prefix) && l.contains(contains)).reduce((a, b) -> b).orElse("");
  }

  private String run(Path spec, int cores, Path dir) throws IOException {
    deleteTree(dir);
    String logConf = System.getenv().getOrDefault("RBMFLOW_LOG_CONF", d.root.resolve("conf/log4j2.properties").toString());
    List<String> command = d.rbmflow(false, List.of("-Dlog4j2.configurationFile=" + logConf,
        "-Dspark.master=local[" + cores + "]", "-Dspark.ui.showConsoleProgress=false"),
        List.of("sweep", spec.toString(), "--out", dir.toString(), "--no-aggregate"));
    long t0 = System.nanoTime();
    Driver.Run run = d.run(command,
        Map.of("SPARK_LOCAL_IP", System.getenv().getOrDefault("SPARK_LOCAL_IP", "127.0.0.1")));
    double wall = (System.nanoTime() - t0) / 1e9;
    if (run.status() != 0) {
      throw new BenchFailure("the local[" + cores + "] sweep of " + spec + " failed", d.stderrTail());
    }
    String line = summary(cores, wall, run.out());
    if (line == null) {
      throw new BenchFailure("the local[" + cores + "] sweep of " + spec + " printed no summary", d.stderrTail());
    }
    return line;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(p);
        }
      }
    }
  }

  void run(Report report) throws IOException {
    Path spec = d.root.resolve(d.quick ? "tools/bench/sweep-quick.yaml" : "jobs/bench-16.yaml");
    String specText = d.quick ? "tools/bench/sweep-quick.yaml" : "jobs/bench-16.yaml";
    int rounds = d.quick ? 1 : 2;
    if (!Files.isRegularFile(spec)) {
      throw new BenchFailure("no " + spec);
    }
    d.checkSnapshot();
    String date = Facts.now();
    String loadStart = Facts.loadAverage();
    List<String> rows = new ArrayList<>();
    List<String> commands = new ArrayList<>();
    double[] fastest = {Double.NaN, Double.NaN};
    for (int round = 1; round <= rounds; round++) {
      String one = "";
      for (int cores = 1; cores <= 2; cores++) {
        Path dir = d.root.resolve("target/bench/sweep-local" + cores + "-r" + round);
        d.log("round " + round + ": local[" + cores + "] sweep into " + d.root.relativize(dir));
        String line = run(spec, cores, dir);
        d.raw.add(line);
        d.log("  " + line);
        String sweep = KeyValues.field(line, "sweep");
        String compute = KeyValues.field(line, "compute");
        String commit = KeyValues.field(line, "commit");
        String median = KeyValues.field(line, "commit_median");
        String vs = "";
        if (cores == 1) {
          one = line;
        } else {
          vs = KeyValues.ratio(KeyValues.field(line, "wall"), KeyValues.field(one, "wall")) + " / "
              + KeyValues.ratio(sweep, KeyValues.field(one, "sweep"));
        }
        double s = KeyValues.number(sweep);
        if (Double.isNaN(fastest[cores - 1]) || s < fastest[cores - 1]) {
          fastest[cores - 1] = s;
        }
        rows.add("| " + round + " | local[" + cores + "] | " + KeyValues.field(line, "wall") + " s | " + sweep + " s | "
            + compute + " s | " + commit + " s | " + median + " s (slowest " + KeyValues.field(line, "commit_max")
            + " s) | " + KeyValues.percent(commit, compute) + "; " + KeyValues.percent(median, compute) + " | " + vs
            + " |");
        commands.add("RBMFLOW_MASTER='local[" + cores + "]' submit/rbmflow sweep " + specText + " --out "
            + d.root.relativize(dir) + " --no-aggregate");
      }
    }
    String loadEnd = Facts.loadAverage();
    String best1 = KeyValues.plain(fastest[0]);
    String best2 = KeyValues.plain(fastest[1]);

    report.emit("### Sweep of " + specText + " on embedded Spark, local[1] vs local[2], " + rounds
        + " interleaved round(s)", "");
    report.quickBanner();
    report.emit("| round | master | wall time of the command | sweep (after Spark start-up) | compute per point | commit per point (mean) | commit per point (median) | commit ÷ compute (mean; median) | local[2] ÷ local[1] (wall / sweep) |",
        "|---|---|---|---|---|---|---|---|---|");
    report.emit(rows);
    report.emit("", "Fastest sweeps: local[1] " + best1 + " s, local[2] " + best2 + " s; local[2] ÷ local[1] = "
            + KeyValues.ratio(best2, best1) + " (target ≤ 0.6).",
        "Compute and commit per point are the tasks' own wall times (PointRunner; writing and renaming the point's four Parquet files)",
        "from the sweep's `task time` line. The mean commit includes the JVM's first commits, which load the Parquet writer's classes",
        "(the slowest; with local[2] the first two tasks load them together); the median does not. Target: commit ≤ 5 % of compute.");
    report.emit("", "- Machine: " + Facts.machine(), "- Date: " + date,
        "- Tools: " + d.javaVersion() + "; " + d.sparkCore(),
        "- rbmflow revision: " + Facts.revision(d.root) + "; jar built " + d.jarBuilt()
            + " (snapshot in target/bench/, see below)",
        "- Not pinned (local[2] uses two cores); OPENBLAS_NUM_THREADS=1");
    report.load(loadStart, loadEnd, rounds, d);
    report.emit("", "Commands (from the repository root, in this order; wall time is that of the whole command):", "");
    report.code(commands);
    report.emit("", "Each command is run as `java <conf/jvm-options, log4j2 and Spark options> -Dspark.master=local[N] -cp "
            + "target/bench/rbmflow-bench.jar:<classpath> org.rbmflow.cli.Main sweep ...`",
        "(not pinned), with a copy of the jar that `submit/rbmflow` built at the start (" + d.jarBuilt()
            + "), so that a rebuild caused by concurrent edits cannot swap the code mid-run.");
    report.emit("", "All runs:", "");
    report.code(d.raw);
  }
}
