package org.rbmflow.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rbmflow.spark.SparkMemory;
import org.rbmflow.sweep.CostModel;
import org.rbmflow.sweep.GridPoint;

/**
 * The checks a real sweep passes before anything is created: that the largest point's data
 * ({@link CostModel#taskMemoryBytes} without the JVM's baseline) fit in the heap a task gets, and, on local mode, that the whole grid's estimate stays under {@value #LOCAL_CORE_HOURS} core-hours unless
 * the user confirmed with {@code --yes}. Each refusal names the numbers and the fix.
 */
final class SweepChecks {
  /** Core-hours above which a local-mode sweep needs {@code --yes}. */
  static final double LOCAL_CORE_HOURS = 10;
  private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\s*\\d+)?])?");
  private static final double MIB = 1024 * 1024;

  private SweepChecks() {}

  /**
   * Where the tasks run.
   *
   * @param local        Spark local mode (the embedded run): tasks share this JVM's heap
   * @param cores        concurrent tasks (local: of this JVM; cluster: per executor)
   * @param taskHeap     bytes of heap a task gets: the heap ÷ cores
   * @param heapSource   how {@code taskHeap} was found, for the messages
   */
  record Resources(boolean local, int cores, long taskHeap, String heapSource) {}

  /** The resources of this JVM's Spark master ({@code spark.master}, {@code spark.executor.*} system properties). */
  static Resources detect() {
    String master = System.getProperty("spark.master", "local[*]").strip();
    Matcher m = LOCAL.matcher(master);
    if (m.matches()) {
      int cores = m.group(1) == null ? 1 : m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors()
          : Math.max(1, Integer.parseInt(m.group(1)));
      long heap = Runtime.getRuntime().maxMemory();
      return new Resources(true, cores, heap / cores, String.format(Locale.ROOT,
          "this JVM's max heap %.0f MiB ÷ %d cores of %s", heap / MIB, cores, master));
    }
    String memory = System.getProperty("spark.executor.memory", "1g");
    int cores = Integer.parseInt(System.getProperty("spark.executor.cores", "1").strip());
    long heap = SparkMemory.bytes(memory);
    return new Resources(false, Math.max(1, cores), heap / Math.max(1, cores),
        "spark.executor.memory " + memory + " ÷ spark.executor.cores " + cores);
  }

  /** Why the sweep must not start here, one line each; empty when it may. */
  static List<String> problems(List<GridPoint> grid, CostModel cost, CostModel.Plan plan, Resources r, String spec,
      boolean yes) {
    List<String> out = new ArrayList<>();
    GridPoint largest = null;
    long need = 0;
    for (GridPoint p : grid) {
      long b = cost.taskMemoryBytes(p) - CostModel.JVM_BASELINE_MIB * 1024 * 1024;
      if (b > need) {
        need = b;
        largest = p;
      }
    }
    if (largest != null && need > r.taskHeap()) {
      // a task's data on every core, a quarter more for the garbage collector, and the JVM's own baseline once
      long gib = (long) Math.ceil((need * r.cores() * 1.25 + CostModel.JVM_BASELINE_MIB * MIB) / (MIB * 1024));
      String fix = r.local()
          ? String.format(Locale.ROOT, "give the embedded run more heap, e.g. JAVA_OPTS=-Xmx%dg submit/rbmflow sweep %s "
              + "(or fewer cores: RBMFLOW_MASTER='local[1]')", gib, spec)
          : String.format(Locale.ROOT, "set spark.executor.memory to at least %dg for %d cores per executor "
              + "(--conf spark.executor.memory=%dg)", gib, r.cores(), gib);
      out.add(String.format(Locale.ROOT, "a task needs about %.1f MiB of heap for its data (point %s), but a task gets "
          + "%.1f MiB here (%s); %s", need / MIB, largest.pointId(), r.taskHeap() / MIB, r.heapSource(), fix));
    }
    double hours = plan.total() / 3600;
    if (r.local() && hours > LOCAL_CORE_HOURS && !yes) {
      out.add(String.format(Locale.ROOT, "the sweep is estimated at %.3g core-hours (%.3g–%.3g), about %.3g hours on "
          + "the %d core(s) of this local run, above the %.0f core-hours a local run takes without confirmation; run it "
          + "on a cluster (submit/cluster --master spark://HOST:7077 sweep %s --out hdfs://…) or pass --yes to run it "
          + "here", hours, plan.low() / 3600, plan.high() / 3600, hours / r.cores(), r.cores(), LOCAL_CORE_HOURS,
          spec));
    }
    return out;
  }
}
