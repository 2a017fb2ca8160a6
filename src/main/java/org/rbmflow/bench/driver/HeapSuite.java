package org.rbmflow.bench.driver;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code submit/bench memory} and {@code train}: does a big data set (700 temperatures × 1000 configurations of a
 * 32 × 32 torus; 7 × 100 in quick mode) fit a heap budget, held alone (-Xmx512m) and while an RBM trains on it
 * (-Xmx2g)? Not pinned: the Monte Carlo runs on all cores.
 */
final class HeapSuite {
  private final Driver d;
  private final int nTemp;
  private final int configs;

  HeapSuite(Driver d) {
    this.d = d;
    this.nTemp = d.quick ? 7 : 700;
    this.configs = d.quick ? 100 : 1000;
  }

  /** {@code rbmflow bench dataset} through submit/rbmflow with JAVA_OPTS=-Xmx512m; whether it held the whole set. */
  boolean memory(Report report) throws IOException {
    List<String> args = List.of("bench", "dataset", "--l", "32", "--n-temp", Integer.toString(nTemp), "--t-step",
        "0.1", "--configs", Integer.toString(configs));
    List<String> command = new ArrayList<>(List.of(d.root.resolve("submit/rbmflow").toString()));
    command.addAll(args);
    return check(report, "Dataset held in memory, -Xmx512m", "JAVA_OPTS=-Xmx512m submit/rbmflow " + String.join(" ", args),
        "rbmflow-dataset", "", command, Map.of("JAVA_OPTS", "-Xmx512m"));
  }

  /** {@code rbmflow bench train} from the snapshot with -Xmx2g; whether it held the whole set. */
  boolean train(Report report) throws IOException {
    List<String> args = List.of("bench", "train", "--l", "32", "--n-h", "169", "--n-temp", Integer.toString(nTemp),
        "--configs", Integer.toString(configs), "--epochs", "1");
    d.checkSnapshot();
    return check(report, "Training a 32×32 grid point (N_h = 169) on data held in memory, -Xmx2g",
        "JAVA_OPTS=-Xmx2g submit/rbmflow " + String.join(" ", args), "rbmflow-train",
        "run from " + Driver.SNAPSHOT + ", a copy of the jar built at the start (" + d.jarBuilt()
            + "), with -Xmx2g, not pinned",
        d.rbmflow(false, List.of("-Xmx2g"), args), Map.of());
  }

  /** Runs {@code command}; reports its {@code prefix} line and whether it exited 0 holding every configuration. */
  private boolean check(Report report, String title, String shown, String prefix, String note, List<String> command,
      Map<String, String> env) throws IOException {
    long expected = (long) nTemp * configs;
    String date = Facts.now();
    String load = Facts.loadAverage();
    d.log("running: " + shown);
    Driver.Run run = d.run(command, env);
    String line = run.out().lines().filter(l -> l.startsWith(prefix + " ")).reduce((a, b) -> b).orElse("");
    String held = KeyValues.field(line, "configs_held");
    boolean completed = run.status() == 0 && held.equals(Long.toString(expected));
    String status;
    if (completed) {
      String peak = KeyValues.field(line, "heap_peak_mib");
      status = "completed (exit 0, " + expected + " configurations held" + (peak.isEmpty() ? ""
          : "; heap peak " + peak + " MiB of " + KeyValues.field(line, "heap_max_mib") + " MiB") + ")";
    } else {
      status = "did NOT complete (exit " + run.status() + (held.isEmpty() ? "" : ", configs_held=" + held + " of "
          + expected) + ")";
    }
    report.emit("### " + title, "");
    report.quickBanner();
    report.code(List.of(shown));
    report.emit("", "Output:", "");
    report.code(List.of(line.isEmpty() ? "(no " + prefix + " line)" : line));
    report.emit("");
    String tail = d.stderrTail();
    if (!completed && !tail.isEmpty()) {
      report.emit("Last lines of stderr:", "");
      report.code(tail.lines().toList());
      report.emit("");
    }
    report.emit("- Result: " + status, "- rbmflow revision: " + Facts.revision(d.root) + (note.isEmpty() ? "" : "; " + note),
        "- Machine: " + Facts.machine(), "- Date: " + date + "; 1-minute load average at the start: " + load);
    return completed;
  }
}
