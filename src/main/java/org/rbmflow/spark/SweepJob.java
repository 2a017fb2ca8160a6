package org.rbmflow.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.rbmflow.common.PointStatus;
import org.rbmflow.linalg.Linalg;
import org.rbmflow.sweep.CostModel;
import org.rbmflow.sweep.ExecutorContext;
import org.rbmflow.sweep.GridPoint;
import org.rbmflow.sweep.Limits;
import org.rbmflow.sweep.PointResult;
import org.rbmflow.sweep.PointRunner;
import org.rbmflow.sweep.SweepSpec;
import scala.Tuple2;

/**
 * The sweep on Spark: one grid point per task, largest first; each task runs {@link PointRunner} on one core and
 * commits its point's rows itself ({@link PointTables}), so a crash loses at most the points in flight and a
 * rerun skips what is committed (listed by the driver, {@link CommittedPoints}).
 *
 * <p>What crosses the wire is small: each task's {@link GridPoint} (every parameter of the point, a few hundred bytes;
 * {@link SweepKryoRegistrator}) and the spec's checkpoint epochs going out, {@link PointOutcome}s coming back. A point's
 * random streams derive from its parameters alone, so its rows do not depend on the executor, the partitioning or
 * retries. What an executor keeps between its tasks (training data, thermometers, the Hadoop configuration) lives in
 * its {@link ExecutorContext}.
 */
public final class SweepJob {
  /**
   * How a sweep went: this run's counts ({@code ran} = {@code ok + notConverged + failed}, {@code failed} counting
   * FAILED and TIMEOUT), what the resume found ({@code skipped} whole points, of which {@code keptFailed} FAILED or
   * TIMEOUT ones kept by --keep-failed; {@code repaired}
   * damaged points recomputed, with why; {@code retried} FAILED points run again; {@code foreign} files ignored), and
   * {@code finalStatus}: the status of every grid point committed when the run ended.
   */
  public record Summary(int total, int skipped, int ran, int ok, int notConverged, int failed, double seconds,
      List<PointOutcome> outcomes, Map<String, String> repaired, int retried, int keptFailed, List<String> foreign,
      Map<String, PointStatus> finalStatus) {
    /** How many grid points end with status {@code s}. */
    public long finalCount(PointStatus s) {
      return finalStatus.values().stream().filter(s::equals).count();
    }
  }

  /** The spark.hadoop.* properties of a sweep: the key of its Hadoop configuration on an executor. */
  private record HadoopProps(Map<String, String> props) {}

  private SweepJob() {}

  /** As {@link #run(SparkSession, SweepSpec, Path, Configuration, PrintWriter, SweepProgress.Style, boolean)} in a
   * service's run. */
  public static Summary run(SparkRun run, SweepSpec spec, Path root, Configuration conf, PrintWriter progress,
      SweepProgress.Style style, boolean retryFailed) throws IOException {
    return run(run.session(), spec, root, conf, progress, style, retryFailed);
  }

  /** Runs every point of {@code spec} not yet committed under {@code root}, with progress lines as in a log. */
  public static Summary run(SparkSession spark, SweepSpec spec, Path root, Configuration conf, PrintWriter progress,
      boolean retryFailed) throws IOException {
    return run(spark, spec, root, conf, progress, SweepProgress.Style.LOG, retryFailed);
  }

  /**
   * Runs every point of {@code spec} not yet committed under {@code root}.
   *
   * @param progress  where the driver reports progress (points done/total, failures, core-hours, ETA)
   * @param style     how: one line redrawn on a terminal, else a line every so often ({@link SweepProgress})
   */
  public static Summary run(SparkSession spark, SweepSpec spec, Path root, Configuration conf, PrintWriter progress,
      SweepProgress.Style style, boolean retryFailed) throws IOException {
    long t0 = System.nanoTime();
    List<GridPoint> grid = spec.grid();
    CommittedPoints.Verified committed = CommittedPoints.verify(root, conf);
    for (Map.Entry<String, String> b : committed.damagedBatches().entrySet()) {
      // its points are recomputed (they are among the damaged ones) and committed per point again
      Compaction.retract(root, conf, b.getKey());
      progress.printf("  damaged compacted batch %s (%s): unpublished%n", b.getKey(), b.getValue());
    }
    List<Integer> todo = new ArrayList<>();
    Map<String, PointStatus> finalStatus = new java.util.TreeMap<>();
    Map<String, String> repaired = new java.util.TreeMap<>();
    int retried = 0;
    int keptFailed = 0;
    for (int i = 0; i < grid.size(); i++) {
      String id = grid.get(i).pointId();
      PointStatus status = committed.status().get(id);
      String checkpoint = status == null || status.retried() ? null
          : missingCheckpoint(grid.get(i), spec.checkpoints(), committed);
      if (status != null && checkpoint != null) {
        // the point is whole but one of its checkpoints is not: its training runs again
        repaired.put(id, "checkpoint " + checkpoint);
        todo.add(i);
      } else if (status == null) {
        if (committed.damaged().containsKey(id)) {
          repaired.put(id, committed.damaged().get(id));
        }
        todo.add(i);
      } else if (status.retried() && retryFailed) {
        retried++;
        todo.add(i);
      } else {
        keptFailed += status.retried() ? 1 : 0;
        finalStatus.put(id, status);
      }
    }
    int skipped = grid.size() - todo.size();
    progress.printf("sweep %s: %d points, %d already committed under %s (skipped), %d to run%s%s%n", spec.name(),
        grid.size(), skipped, root, todo.size(),
        retried > 0 ? " (" + retried + " FAILED earlier, retried)" : "",
        keptFailed > 0 ? " (" + keptFailed + " FAILED earlier, kept: --keep-failed)" : "");
    repaired.forEach((id, why) -> progress.printf("  damaged point %s (%s): recomputed%n", id, why));
    if (!committed.foreign().isEmpty()) {
      List<String> f = committed.foreign();
      progress.printf("  warning: ignoring %d file(s) in the tables that rbmflow did not write: %s%n", f.size(),
          String.join(", ", f.size() <= 5 ? f : f.subList(0, 5)) + (f.size() > 5 ? ", …" : ""));
    }
    progress.flush();
    if (todo.isEmpty()) {
      return new Summary(grid.size(), skipped, 0, 0, 0, 0, seconds(t0), List.of(), repaired, retried, keptFailed,
          committed.foreign(), finalStatus);
    }
    // largest first, so that the longest points do not start last;
    // the points that share one Monte Carlo data set (every n_h of a lattice, n_temp and seed) are served by an
    // executor's data cache, so groups run two at a time, alternating (two cores then generate two data sets at once
    // instead of one waiting for the other)
    CostModel cost = CostModel.calibrated();
    todo = order(todo, grid, cost);
    // every row's estimate, its point's share of what the grid shares (CostModel#plan)
    HashMap<String, Double> estimates = new HashMap<>(cost.plan(grid, spec.checkpoints()).rowSeconds());

    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    String rootUri = root.toUri().toString();
    HashMap<String, String> hadoopProps = new HashMap<>();
    for (Tuple2<String, String> kv : spark.sparkContext().getConf().getAll()) {
      if (kv._1().startsWith("spark.hadoop.")) {
        hadoopProps.put(kv._1().substring("spark.hadoop.".length()), kv._2());
      }
    }
    LongAccumulator failures = spark.sparkContext().longAccumulator("rbmflow.failedPoints");
    SweepProgress shown = new SweepProgress(todo.size(), progress, style, System::nanoTime);
    ProgressListener listener = new ProgressListener(failures, shown);
    spark.sparkContext().addSparkListener(listener);
    try {
      // each task carries its point and its time limit (absolute, or a multiple of the point's estimate)
      Limits limits = spec.limits();
      int[] checkpoints = spec.checkpoints().stream().mapToInt(Integer::intValue).toArray();
      List<PointTask> points = todo.stream().map(grid::get).map(p -> PointTask.of(p,
          limits.secondsFor(estimates.getOrDefault(p.pointId(), Double.NaN)), checkpoints, estimates)).toList();
      JavaRDD<PointTask> tasks = jsc.parallelize(points, points.size());
      List<PointOutcome> outcomes = tasks
          .map(t -> runPoint(t, checkpoints, rootUri, hadoopProps, failures))
          .collect();
      int ok = 0;
      int notConverged = 0;
      int failed = 0;
      for (PointOutcome o : outcomes) {
        switch (o.status) {
          case OK -> ok++;
          case NOT_CONVERGED -> notConverged++;
          case FAILED, TIMEOUT -> failed++;
        }
        finalStatus.put(o.pointId, o.status);
      }
      shown.finish(outcomes.size(), failed);
      return new Summary(grid.size(), skipped, outcomes.size(), ok, notConverged, failed, seconds(t0), outcomes,
          repaired, retried, keptFailed, committed.foreign(), finalStatus);
    } finally {
      spark.sparkContext().removeSparkListener(listener);
      shown.finish();
    }
  }

  /** Why a checkpoint of {@code p} is not committed whole ({@code <id>: <why>}), or null when all are. */
  private static String missingCheckpoint(GridPoint p, List<Integer> checkpoints, CommittedPoints.Verified committed) {
    for (int e : checkpoints) {
      String cid = p.withEpochs(e).pointId();
      if (!committed.status().containsKey(cid)) {
        return cid + " " + committed.damaged().getOrDefault(cid, "missing");
      }
    }
    return null;
  }

  /** Executor side: one grid point end to end, its checkpoints evaluated on the way, committed under the output root. */
  static PointOutcome runPoint(PointTask task, int[] checkpoints, String rootUri, Map<String, String> hadoopProps,
      LongAccumulator failures) throws IOException {
    ExecutorContext context = ExecutorContext.jvm();
    long t0 = System.nanoTime();
    List<PointResult> all = new PointRunner(Linalg.best(), 1, context)
        .withEstimates(q -> task.estimates().getOrDefault(q.pointId(), Double.NaN))
        .runAll(task.point(), checkpoints, task.limitSeconds());
    PointResult r = all.get(all.size() - 1);
    double compute = seconds(t0);
    long t1 = System.nanoTime();
    // building a Hadoop configuration parses its XML resources: once per executor and set of properties
    Configuration conf = context.resource(new HadoopProps(Map.copyOf(hadoopProps)), Configuration.class, k -> {
      Configuration c = OutputLocation.hadoopConf();
      k.props().forEach(c::set);
      return c;
    });
    // the checkpoints first, the point itself last: a committed point implies its committed checkpoints
    for (PointResult x : all) {
      PointTables.write(new Path(java.net.URI.create(rootUri)), x, conf);
    }
    if (r.point().status().retried()) {
      failures.add(1);
    }
    context.logSummary();
    return new PointOutcome(r.point().pointId(), r.point().status(), r.point().error(), compute, seconds(t1));
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Driver-side progress: each task's end reported to a {@link SweepProgress}. */
  static final class ProgressListener extends SparkListener {
    private final LongAccumulator failures;
    private final SweepProgress progress;

    ProgressListener(LongAccumulator failures, SweepProgress progress) {
      this.failures = failures;
      this.progress = progress;
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
      if (!end.taskInfo().successful()) {
        progress.taskFailed(String.valueOf(end.reason()));
        return;
      }
      double seconds = end.taskMetrics() == null ? 0 : end.taskMetrics().executorRunTime() / 1e3;
      progress.pointDone(seconds, failures.value());
    }
  }

  /** The points with equal keys train on the same Monte Carlo data (they differ only in n_h). */
  static String dataKey(GridPoint p) {
    return p.lattice() + "|" + p.nTemp() + "|" + p.seed();
  }

  /**
   * Task order: groups of points that share a data set ({@link #dataKey}), largest group first, taken in pairs whose
   * members alternate (each group largest point first); ties by grid index, so the order is deterministic.
   */
  static List<Integer> order(List<Integer> todo, List<GridPoint> grid, CostModel cost) {
    java.util.Map<String, List<Integer>> groups = new java.util.HashMap<>();
    for (int i : todo) {
      groups.computeIfAbsent(dataKey(grid.get(i)), k -> new ArrayList<>()).add(i);
    }
    Comparator<Integer> largest = Comparator.comparingDouble((Integer i) -> -cost.seconds(grid.get(i)))
        .thenComparing(i -> i);
    List<List<Integer>> sorted = new ArrayList<>(groups.values());
    sorted.forEach(g -> g.sort(largest));
    sorted.sort(Comparator.comparing((List<Integer> g) -> g.get(0), largest));
    List<Integer> out = new ArrayList<>(todo.size());
    for (int k = 0; k < sorted.size(); k += 2) {
      List<Integer> a = sorted.get(k);
      List<Integer> b = k + 1 < sorted.size() ? sorted.get(k + 1) : List.of();
      for (int j = 0; j < Math.max(a.size(), b.size()); j++) {
        if (j < a.size()) {
          out.add(a.get(j));
        }
        if (j < b.size()) {
          out.add(b.get(j));
        }
      }
    }
    return out;
  }
}
