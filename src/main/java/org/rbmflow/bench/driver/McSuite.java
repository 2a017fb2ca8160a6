package org.rbmflow.bench.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code submit/bench mc}: one-core Metropolis throughput of the 2D Ising model at T = 2.269 for L = 20 and 32, the
 * C reference (one lattice, int8 spins), the NumPy reference (64 replicas) and {@code rbmflow bench mc} (64
 * replicas, multi-spin coded), pinned, calibrated and interleaved; the best flips/ns of each kept.
 */
final class McSuite {
  private static final String T = "2.269";
  private static final int REPLICAS = 64;
  private static final long MAX_SWEEPS = 10_000_000L;

  private final Driver d;
  private final Yardsticks refs;
  private final Path cBin;

  McSuite(Driver d, Yardsticks refs) {
    this.d = d;
    this.refs = refs;
    this.cBin = d.root.resolve("target/bench/metropolis_reference");
  }

  private List<Program> programs(int l) {
    String numpy = d.shown(refs.file("numpy_reference.py"));
    List<String> pinned = d.pin;
    return List.of(
        new Program("C reference", n -> concat(pinned, cBin.toString(), Integer.toString(l), Long.toString(n), T),
            n -> d.pinText() + "target/bench/metropolis_reference " + l + " " + n + " " + T,
            20_000, d.quickSeconds(1.5)),
        new Program("NumPy reference", n -> concat(pinned, "python3", refs.file("numpy_reference.py").toString(), "mc",
            "--L", Integer.toString(l), "--replicas", Integer.toString(REPLICAS), "--sweeps", Long.toString(n), "--T", T),
            n -> "OPENBLAS_NUM_THREADS=1 " + d.pinText() + "python3 " + numpy + " mc --L " + l + " --replicas "
                + REPLICAS + " --sweeps " + n + " --T " + T,
            50, d.quickSeconds(3)),
        new Program("rbmflow", n -> d.rbmflow(true, List.of(), List.of("bench", "mc", "--l", Integer.toString(l),
            "--replicas", Integer.toString(REPLICAS), "--sweeps", Long.toString(n), "--T", T)),
            n -> "OPENBLAS_NUM_THREADS=1 " + d.pinText() + "submit/rbmflow bench mc --l " + l + " --replicas "
                + REPLICAS + " --sweeps " + n + " --T " + T,
            2000, d.quickSeconds(1.5)));
  }

  static List<String> concat(List<String> head, String... tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(List.of(tail));
    return all;
  }

  void run(Report report) throws IOException {
    if (!Driver.onPath("cc")) {
      throw new BenchFailure("a C compiler 'cc' is required");
    }
    Path source = refs.file("metropolis_reference.c");
    if (!Files.isExecutable(cBin) || Files.getLastModifiedTime(source).compareTo(Files.getLastModifiedTime(cBin)) > 0) {
      d.log("building " + cBin);
      if (d.run(List.of("cc", "-O3", "-march=native", "-o", cBin.toString(), source.toString(), "-lm"), Map.of())
          .status() != 0) {
        throw new BenchFailure("compiling " + source + " failed", d.stderrTail());
      }
    }
    d.checkSnapshot();
    Measurement m = new Measurement(d, "flips_per_ns", true, "seconds", false, MAX_SWEEPS);
    String date = Facts.now();
    String loadStart = Facts.loadAverage();
    List<String> commands = new ArrayList<>();
    List<String> rows = new ArrayList<>();
    for (int l : new int[] {20, 32}) {
      List<Program> programs = programs(l);
      Map<Program, Measurement.Best> best = m.measure(programs, "L=" + l);
      commands.addAll(Measurement.commands(best));
      Measurement.Best c = best.get(programs.get(0));
      Measurement.Best np = best.get(programs.get(1));
      Measurement.Best rb = best.get(programs.get(2));
      String cf = c.get("flips_per_ns");
      String npf = np.get("flips_per_ns");
      String rbf = rb.get("flips_per_ns");
      rows.add("| " + l + " | " + cf + " | " + npf + " | " + rbf + " | " + KeyValues.ratio(rbf, cf) + " | "
          + KeyValues.ratio(rbf, npf) + " | " + c.get("energy_per_spin") + " / " + np.get("energy_per_spin") + " / "
          + rb.get("energy_per_spin") + " |");
    }
    String loadEnd = Facts.loadAverage();
    report.emit("### Metropolis throughput, T = " + T + ", one pinned core, best of " + d.rounds + " interleaved runs", "");
    report.quickBanner();
    report.emit("| L | C reference flips/ns | NumPy flips/ns | rbmflow flips/ns | rbmflow ÷ C | rbmflow ÷ NumPy | energy per spin (C / NumPy / rbmflow) |",
        "|---|---|---|---|---|---|---|");
    report.emit(rows);
    d.pinnedFacts(report, date, Facts.firstLine(List.of("cc", "--version")) + "; " + d.javaVersion() + "; "
        + Yardsticks.pythonVersion(), "; C is one lattice, NumPy and rbmflow 64 replicas");
    report.load(loadStart, loadEnd, d.rounds, d);
    report.emit("", "Commands (from the repository root; per L, each run " + d.rounds
        + " times in interleaved rounds C, NumPy, rbmflow; best flips/ns kept):", "");
    report.code(commands);
    d.snapshotAndRuns(report, "");
  }
}
