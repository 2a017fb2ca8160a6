package org.rbmflow.service;

import java.time.Instant;
import java.util.Map;
import org.rbmflow.common.PointStatus;

/**
 * Where a sweep's output stands ({@link StatusService}): its grid points by state, the core-hours spent and still
 * to spend, the last commit and who holds the output now.
 *
 * @param location          the output as the user wrote it
 * @param name              the sweep's name
 * @param total             grid points of the recorded spec
 * @param committed         grid points committed whole, by status (every status present, possibly 0)
 * @param remaining         grid points not committed (never run, in flight, or damaged)
 * @param damaged           committed points (or checkpoints) whose files are damaged, with why; a rerun recomputes them
 * @param foreignFiles      files in the tables that rbmflow did not write (ignored)
 * @param coreHoursSpent    compute time of the committed rows (Monte Carlo, training and flows), hours
 * @param coreHoursEstimate the cost model's estimate for the remaining points, hours (0 when none remain)
 * @param lastCommit        when the newest committed point finished, or null when none is committed
 * @param lock              who holds the output now, or null when no rbmflow writer does
 */
public record SweepStatus(String location, String name, int total, Map<PointStatus, Integer> committed, int remaining,
    Map<String, String> damaged, int foreignFiles, double coreHoursSpent, double coreHoursEstimate, Instant lastCommit,
    Lock lock) {

  public SweepStatus {
    committed = Map.copyOf(committed);
    damaged = Map.copyOf(damaged);
  }

  /**
   * The holder of the output's lock.
   *
   * @param host             the host it runs on
   * @param pid              its process id
   * @param command          the rbmflow command it runs ({@code sweep quickstart.yaml}, …)
   * @param started          when it took the lock (ISO-8601, as recorded)
   * @param heartbeatSeconds seconds since it last touched the lock (it does every 30 s)
   * @param stale            whether it is gone (the next writer takes the lock over)
   */
  public record Lock(String host, long pid, String command, String started, double heartbeatSeconds, boolean stale) {}

  /** Grid points committed whole. */
  public int committedTotal() {
    return committed.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Grid points committed with status {@code s}. */
  public int committed(PointStatus s) {
    return committed.getOrDefault(s, 0);
  }
}
