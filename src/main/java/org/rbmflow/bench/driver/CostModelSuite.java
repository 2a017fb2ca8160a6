package org.rbmflow.bench.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code submit/bench costmodel}: actual ÷ estimated seconds of the cost model on the laptop presets
 * ({@code jobs/quickstart.yaml} and {@code jobs/*-laptop.yaml}): for each, {@code rbmflow bench costmodel} runs a sample
 * of its points (within {@value #BUDGET_SECONDS} estimated seconds; a tenth in quick mode) one by one on one core,
 * each alone, and reports the median and quartiles of the ratio. Target: median in [0.7, 1.3] per preset.
 */
final class CostModelSuite {
  static final double BUDGET_SECONDS = 60;
  private final Driver d;

  CostModelSuite(Driver d) {
    this.d = d;
  }

  /** The presets, quickstart first, then the laptop presets by name. */
  List<Path> presets() throws IOException {
    List<Path> out = new ArrayList<>(List.of(d.root.resolve("jobs/quickstart.yaml")));
    try (Stream<Path> s = Files.list(d.root.resolve("jobs"))) {
      s.filter(p -> p.getFileName().toString().endsWith("-laptop.yaml")).sorted().forEach(out::add);
    }
    return out;
  }

  void run(Report report) throws IOException {
    d.checkSnapshot();
    String date = Facts.now();
    String loadStart = Facts.loadAverage();
    String budget = KeyValues.plain(d.quickSeconds(BUDGET_SECONDS));
    List<String> rows = new ArrayList<>();
    List<String> commands = new ArrayList<>();
    for (Path preset : presets()) {
      String name = d.root.relativize(preset).toString();
      List<String> args = List.of("bench", "costmodel", preset.toString(), "--budget", budget);
      d.log("cost model on a sample of " + name);
      Driver.Run run = d.run(d.rbmflow(true, List.of(), args), Map.of());
      if (run.status() != 0) {
        throw new BenchFailure("rbmflow bench costmodel " + name + " failed", d.stderrTail());
      }
      String summary = run.out().lines().filter(l -> l.startsWith("costmodel ")).reduce((a, b) -> b).orElse(null);
      if (summary == null) {
        throw new BenchFailure("rbmflow bench costmodel " + name + " printed no summary", d.stderrTail());
      }
      run.out().lines().filter(l -> l.startsWith("costmodel")).forEach(d.raw::add);
      d.log("  " + summary);
      double median = KeyValues.number(KeyValues.field(summary, "median"));
      rows.add("| " + name + " | " + KeyValues.field(summary, "grid") + " | " + KeyValues.field(summary, "points")
          + " | " + KeyValues.field(summary, "estimated") + " s | " + KeyValues.field(summary, "actual") + " s | "
          + KeyValues.field(summary, "q1") + " | " + KeyValues.field(summary, "median") + " | "
          + KeyValues.field(summary, "q3") + " | " + (median >= 0.7 && median <= 1.3 ? "yes" : "no") + " |");
      commands.add("submit/rbmflow bench costmodel " + name + " --budget " + budget);
    }
    String loadEnd = Facts.loadAverage();
    report.emit("### Cost model: actual ÷ estimated seconds per point on the laptop presets", "");
    report.quickBanner();
    report.emit("| preset | grid points | points run | estimated | actual | actual ÷ estimated, q1 | median | q3 | median in [0.7, 1.3] |",
        "|---|---|---|---|---|---|---|---|---|");
    report.emit(rows);
    report.emit("", "Each preset's points are sorted by estimate and an evenly spaced sample of them (the cheapest and the "
            + "dearest included) is run, within " + budget + " estimated seconds, one at a time on one core, each alone",
        "(nothing shared between points: the estimate is that of the point's task alone, checkpoints included). "
            + "Actual = the task's wall time.");
    report.emit("", "- Machine: " + Facts.machine() + "; AVX-512: " + (Facts.avx512() ? "yes" : "no"),
        "- Date: " + date, "- Tools: " + d.javaVersion(),
        "- rbmflow revision: " + Facts.revision(d.root) + "; jar built " + d.jarBuilt(),
        "- Pinning: " + d.pinning() + "; OPENBLAS_NUM_THREADS=1");
    report.load(loadStart, loadEnd, 1, d);
    report.emit("", "Commands (from the repository root, in this order):", "");
    report.code(commands);
    report.emit("", "All runs:", "");
    report.code(d.raw);
  }
}
