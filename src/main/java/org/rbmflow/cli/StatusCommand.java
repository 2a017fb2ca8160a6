package org.rbmflow.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rbmflow.common.PointStatus;
import org.rbmflow.service.StatusService;
import org.rbmflow.service.SweepStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rbmflow status OUT}: where a sweep's output stands — points committed by status and remaining, core-hours
 * spent and estimated for the rest, the last commit, who holds the output and damaged points. Read-only
 * ({@link StatusService}); works while a sweep runs on the output.
 */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Show where a sweep's output stands (read-only).",
    description = {
        "Show where a sweep's output stands: grid points committed (OK, NOT_CONVERGED, FAILED, TIMEOUT) and",
        "remaining, core-hours spent by the committed points and estimated for the remaining ones (cost model),",
        "when the last point was committed, whether a sweep/aggregate/report holds the output now (host, pid,",
        "command, heartbeat) and damaged points (recomputed by the next run). Read-only: takes no lock, writes",
        "nothing, starts no Spark; run it from another shell while a sweep runs."})
public final class StatusCommand implements Callable<Integer> {
  enum Format { table, csv }

  /** Columns of {@code --format csv}. */
  static final List<String> CSV_COLUMNS = List.of("sweep", "total", "committed", "ok", "not_converged", "failed",
      "timeout", "remaining", "damaged", "core_hours_spent", "core_hours_remaining", "last_commit", "lock_host",
      "lock_pid", "lock_command", "lock_started", "lock_heartbeat_seconds", "lock_stale");

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "OUT", description = "A sweep's output directory (path or URI).")
  String out;

  @Option(names = "--format", defaultValue = "table", description = "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  Format format;

  @Override
  public Integer call() {
    SweepStatus s = StatusService.read(out);
    PrintWriter o = spec.commandLine().getOut();
    if (format == Format.csv) {
      csv(o, s);
    } else {
      table(o, s, Instant.now());
    }
    o.flush();
    return Main.EXIT_OK;
  }

  static void table(PrintWriter o, SweepStatus s, Instant now) {
    o.printf("sweep %s (%s)%n", s.name(), s.location());
    o.printf(Locale.ROOT, "points:       %d of %d committed: %d OK, %d NOT_CONVERGED, %d FAILED, %d TIMEOUT; %d remaining%n",
        s.committedTotal(), s.total(), s.committed(PointStatus.OK), s.committed(PointStatus.NOT_CONVERGED),
        s.committed(PointStatus.FAILED), s.committed(PointStatus.TIMEOUT), s.remaining());
    o.printf(Locale.ROOT, "core-hours:   %.3g spent; %s%n", s.coreHoursSpent(), s.remaining() == 0 ? "none remaining"
        : String.format(Locale.ROOT, "about %.3g for the %d remaining (cost model)", s.coreHoursEstimate(),
            s.remaining()));
    o.printf("last commit:  %s%n", s.lastCommit() == null ? "none"
        : s.lastCommit() + " (" + ago(Duration.between(s.lastCommit(), now)) + ")");
    SweepStatus.Lock l = s.lock();
    o.printf(Locale.ROOT, "held by:      %s%n", l == null ? "nobody (no sweep, aggregate or report is writing to it)"
        : String.format(Locale.ROOT, "`rbmflow %s` on host %s, pid %d, since %s; heartbeat %.0f s ago%s", l.command(),
            l.host(), l.pid(), l.started(), l.heartbeatSeconds(),
            l.stale() ? " — stale: that process is gone, the next writer takes the lock over" : ""));
    o.printf("damaged:      %s%n", s.damaged().isEmpty() ? "none"
        : s.damaged().size() + " point(s), recomputed by the next run of the sweep");
    s.damaged().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
        .forEach(e -> o.printf("  %s: %s%n", e.getKey(), e.getValue()));
    if (s.foreignFiles() > 0) {
      o.printf("ignored:      %d file(s) in the tables that rbmflow did not write%n", s.foreignFiles());
    }
  }

  static void csv(PrintWriter o, SweepStatus s) {
    SweepStatus.Lock l = s.lock();
    List<Object> v = List.of(s.name(), s.total(), s.committedTotal(), s.committed(PointStatus.OK),
        s.committed(PointStatus.NOT_CONVERGED), s.committed(PointStatus.FAILED), s.committed(PointStatus.TIMEOUT),
        s.remaining(), s.damaged().size(), String.format(Locale.ROOT, "%.6f", s.coreHoursSpent()),
        String.format(Locale.ROOT, "%.6f", s.coreHoursEstimate()), s.lastCommit() == null ? "" : s.lastCommit(),
        l == null ? "" : l.host(), l == null ? "" : l.pid(), l == null ? "" : l.command(), l == null ? "" : l.started(),
        l == null ? "" : String.format(Locale.ROOT, "%.0f", l.heartbeatSeconds()), l == null ? "" : l.stale());
    o.println(String.join(",", CSV_COLUMNS));
    o.println(String.join(",", v.stream().map(x -> csvField(String.valueOf(x))).toList()));
  }

  private static String csvField(String s) {
    return s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 ? s : '"' + s.replace("\"", "\"\"") + '"';
  }

  /** A duration as a person reads it: seconds, minutes, hours or days ago. */
  static String ago(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s < 120) {
      return s + " s ago";
    }
    if (s < 7200) {
      return s / 60 + " min ago";
    }
    return s < 172800 ? s / 3600 + " h ago" : s / 86400 + " days ago";
  }
}
