package org.rbmflow.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.rbmflow.linalg.Linalg;
import org.rbmflow.sweep.GridPoint;
import org.rbmflow.sweep.PointResult;
import org.rbmflow.sweep.PointResult.FlowRow;
import org.rbmflow.sweep.PointResult.PatternRow;
import org.rbmflow.sweep.PointResult.PointRow;
import org.rbmflow.sweep.PointResult.SpectrumRow;
import org.rbmflow.sweep.PointRunner;
import org.rbmflow.sweep.SweepSpec;

/**
 * Timing harness for a point's commit ({@link PointTables#write}) in steady state. Runs one grid point of a spec
 * once (default {@code jobs/bench-16.yaml}, its largest point), then commits its rows {@code rounds} times (default
 * 200) after 5 × as many warm-up commits (on a busy machine the JIT needs that many to catch up), each time under
 * another {@code point_id}, 16 points to an output root: a new root for every 16, so that directories are made and
 * filled as in a sweep of {@code jobs/bench-16.yaml} (on this VM's ext4, creating a file costs ≈ 0.6 ms more per
 * 1000 entries in its directory). Uses the sweep's Hadoop configuration ({@link OutputLocation#hadoopConf()}, one
 * instance, as {@code SweepJob} caches one per executor). Prints the first 16 commits of the JVM (the first loads
 * the Parquet writer's classes; the next ones run before the JIT has compiled it: a short sweep's commits), then
 * the wall and thread CPU time of the timed commits, and the bytes of one point.
 *
 * <p>With {@code -Drbmflow.commit.jfr=FILE} the timed commits (not the warm-up) are recorded with JFR's "profile"
 * settings and a breakdown by stage (the first matching stage of each sampled stack) is printed: Java samples
 * count 10 ms, native ones 20 ms (their periods), so the totals are sampled time, not wall time. No assertions; not
 * a JUnit test (the suite does not run it):
 *
 * <pre>
 * mvn -B -q -o test-compile
 * mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -Drbmflow.commit.jfr=target/commit.jfr \
 *   -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) org.rbmflow.spark.CommitTiming
 * </pre>
 *
 * <p>Arguments: {@code [spec.yaml [rounds [point index [points per root]]]]}.
 */
public final class CommitTiming {
  private CommitTiming() {}

  public static void main(String[] args) throws Exception {
    java.nio.file.Path specFile = java.nio.file.Path.of(args.length > 0 ? args[0] : "jobs/bench-16.yaml");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    SweepSpec spec = SweepSpec.read(specFile);
    List<GridPoint> grid = spec.grid();
    int index = args.length > 2 ? Integer.parseInt(args[2]) : grid.size() - 1;
    int perRoot = Math.max(2, args.length > 3 ? Integer.parseInt(args[3]) : 16);
    GridPoint point = grid.get(index);
    long c0 = System.nanoTime();
    PointResult r = new PointRunner(Linalg.best(), 1).run(point);
    double compute = (System.nanoTime() - c0) / 1e9;
    int patternFloats = r.patterns().stream().mapToInt(p -> p.pattern().length).sum();
    System.out.printf(Locale.ROOT, "point %s (%s): compute %.3f s (first of this JVM); %d flows rows, %d eigenvalues,"
            + " %d patterns rows (%d floats)%n", point.pointId(), specFile, compute, r.flows().size(),
        r.spectrum() == null ? 0 : r.spectrum().eigenvalues().length, r.patterns().size(), patternFloats);

    java.nio.file.Path dir = Files.createTempDirectory("rbmflow-commit-timing");
    Configuration conf = OutputLocation.hadoopConf();
    try {
      java.lang.management.ClassLoadingMXBean classes = java.lang.management.ManagementFactory.getClassLoadingMXBean();
      long loaded = classes.getTotalLoadedClassCount();
      double[] cold = time(dir.resolve("cold"), r, conf, perRoot, perRoot)[0];   // as the first points of a sweep
      double[] next = Arrays.copyOfRange(cold, 1, cold.length);
      Arrays.sort(next);
      System.out.printf(Locale.ROOT, "first %d commits of this JVM: the first %.1f ms (%d classes loaded), the next"
              + " %d: median %.1f ms, mean %.1f ms%n", perRoot, cold[0], classes.getTotalLoadedClassCount() - loaded,
          next.length, next[next.length / 2], Arrays.stream(next).average().orElse(Double.NaN));
      time(dir.resolve("warm"), r, conf, 5 * rounds, perRoot);     // JIT
      String jfrFile = System.getProperty("rbmflow.commit.jfr");
      jdk.jfr.Recording jfr = null;
      if (jfrFile != null) {                            // the timed commits only
        jfr = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
        jfr.start();
      }
      double[][] wallCpu = time(dir.resolve("timed"), r, conf, rounds, perRoot);
      if (jfr != null) {
        jfr.stop();
        jfr.dump(java.nio.file.Path.of(jfrFile));
        jfr.close();
        breakdown(java.nio.file.Path.of(jfrFile), rounds);
      }
      System.out.printf(Locale.ROOT, "commit per point, %d rounds after %d warm-up; %d bytes in %d files%n", rounds,
          5 * rounds, bytes(dir.resolve("timed"), "r0"), files(dir.resolve("timed"), "r0"));
      String[] kinds = {"wall time", "CPU time of the thread (not of child processes)"};
      for (int k = 0; k < 2; k++) {
        double[] t = wallCpu[k];
        Arrays.sort(t);
        System.out.printf(Locale.ROOT, "  %s: median %.2f ms, mean %.2f ms, quartiles %.2f / %.2f ms, min %.2f ms%n",
            kinds[k], t[t.length / 2], Arrays.stream(t).average().orElse(Double.NaN), t[t.length / 4],
            t[3 * t.length / 4], t[0]);
      }
    } finally {
      try (var s = Files.walk(dir)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * Wall and thread CPU milliseconds of each of {@code rounds} commits, the i-th as point {@code <id>-r<i>} under
   * {@code base/(i / perRoot)}.
   */
  private static double[][] time(java.nio.file.Path base, PointResult r, Configuration conf, int rounds,
      int perRoot) throws IOException {
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    double[][] t = new double[2][rounds];
    for (int i = 0; i < rounds; i++) {
      PointResult ri = withId(r, r.point().pointId() + "-r" + i);
      Path out = new Path(base.resolve(Integer.toString(i / perRoot)).toUri());
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      PointTables.write(out, ri, conf);
      t[0][i] = (System.nanoTime() - t0) / 1e6;
      t[1][i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
    }
    return t;
  }

  /** Stages of a commit: a label and the frames ("Class.method" substrings) that put a sample in it, in order. */
  private static final String[][] STAGES = {
      {"chmod forks (Hadoop local FS sets permissions via a shell)", "RawLocalFileSystem.setPermission"},
      {"compression codec", "CodecFactory", "CodecPool", "xerial.snappy"},
      {"create the temporary file", "HadoopOutputFile.create", "LocalOutputFile.create", "FileSystem.create"},
      {"Hadoop FileSystem lookup", "Path.getFileSystem", "FileSystem.getFileSystemClass"},
      {"ParquetWriter build (column writers)", "ParquetWriter$Builder.build"},
      {"row writes (groups + ParquetWriter.write)", "ParquetWriter.write", "example.data."},
      {"close (encode pages, write chunks, footer)", "ParquetWriter.close"},
      {"exists / delete", "FileSystem.exists", "FileSystem.delete", "Files.deleteIfExists"},
      {"rename", "FileSystem.rename", "Files.move"},
      {"directories", "mkdirs", "Files.isDirectory", "Files.createDirectories"},
      {"temporary name (UUID)", "UUID.randomUUID"},
  };

  /** Prints where the sampled time of the timed commits went, by stage. */
  private static void breakdown(java.nio.file.Path jfrFile, int rounds) throws IOException {
    java.util.Map<String, Double> ms = new java.util.LinkedHashMap<>();
    for (String[] stage : STAGES) {
      ms.put(stage[0], 0.0);
    }
    ms.put("other", 0.0);
    double total = 0;
    for (jdk.jfr.consumer.RecordedEvent e : jdk.jfr.consumer.RecordingFile.readAllEvents(jfrFile)) {
      String type = e.getEventType().getName();
      double weight = type.equals("jdk.ExecutionSample") ? 10 : type.equals("jdk.NativeMethodSample") ? 20 : 0;
      if (weight == 0 || e.getStackTrace() == null) {
        continue;
      }
      List<String> frames = e.getStackTrace().getFrames().stream()
          .map(f -> f.getMethod().getType().getName() + "." + f.getMethod().getName()).toList();
      if (frames.stream().noneMatch(f -> f.contains("PointTables.write"))) {
        continue;
      }
      total += weight;
      String label = "other";
      search:
      for (String[] stage : STAGES) {
        for (int k = 1; k < stage.length; k++) {
          for (String f : frames) {
            if (f.contains(stage[k])) {
              label = stage[0];
              break search;
            }
          }
        }
      }
      ms.merge(label, weight, Double::sum);
    }
    System.out.printf(Locale.ROOT, "sampled time of the timed commits: %.1f ms a commit (JFR, %s)%n", total / rounds,
        jfrFile);
    double sum = total;
    ms.forEach((label, v) -> {
      if (v > 0) {
        System.out.printf(Locale.ROOT, "  %7.2f ms %5.1f %%  %s%n", v / rounds, 100 * v / sum, label);
      }
    });
  }

  /** The same rows under another point id. */
  static PointResult withId(PointResult r, String id) {
    PointRow p = r.point();
    PointRow point = p.toBuilder().pointId(id).checkpointOf(null).settings(java.util.Map.of()).build();
    List<FlowRow> flows = r.flows().stream().map(f -> new FlowRow(id, f.start(), f.step(), f.energy(), f.energyErr(),
        f.magnetization(), f.temperature(), f.temperatureClassifier(), f.field())).toList();
    SpectrumRow s = r.spectrum();
    SpectrumRow spectrum = s == null ? null : new SpectrumRow(id, s.nV(), s.nH(), s.nTemp(), s.seed(), s.eigenvalues());
    List<PatternRow> patterns = r.patterns().stream().map(x -> new PatternRow(id, x.rank(), x.eigenvalue(), x.moranI(),
        x.pValue(), x.nonrandom(), x.pattern(), x.noiseVariance(), x.nullEdge())).toList();
    return new PointResult(point, r.fixedPoints(), flows, spectrum, patterns);
  }

  /** Bytes in the files of the point whose id ends with {@code suffix}. */
  private static long bytes(java.nio.file.Path root, String suffix) throws IOException {
    try (var s = Files.walk(root)) {
      return s.filter(p -> p.getFileName().toString().endsWith("-" + suffix + ".parquet"))
          .mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static long files(java.nio.file.Path root, String suffix) throws IOException {
    try (var s = Files.walk(root)) {
      return s.filter(p -> p.getFileName().toString().endsWith("-" + suffix + ".parquet")).count();
    }
  }
}
