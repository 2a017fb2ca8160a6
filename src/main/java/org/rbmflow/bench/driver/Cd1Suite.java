package org.rbmflow.bench.driver;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code submit/bench cd1}: one-core CD-1 training of the NumPy reference and of {@code rbmflow bench cd1} on each
 * {@link Backend}, calibrated and interleaved (lowest seconds per epoch kept); then the three products of a CD step,
 * raw OpenBLAS ({@link RawSgemm}) beside {@code rbmflow bench gemm} on each backend (best GFLOPS per product kept);
 * then what an epoch's five products alone would take at those speeds.
 */
final class Cd1Suite {
  /** N_v, N_h, samples, batch. */
  private static final int[][] CD1_SHAPES = {{400, 64, 20000, 100}, {100, 16, 25000, 100}};
  /** N_v, N_h, batch. */
  private static final int[][] GEMM_SHAPES = {{400, 64, 100}, {100, 16, 100}, {1024, 169, 100}};
  private static final String[] PRODUCTS = {"vw", "hwt", "vth"};
  private static final String[] PRODUCT_TEXT = {"H = V·W", "V' = H·Wᵀ", "ΔW = Vᵀ·H"};
  private static final String RAW = "raw";

  private final Driver d;
  private final Yardsticks refs;

  Cd1Suite(Driver d, Yardsticks refs) {
    this.d = d;
    this.refs = refs;
  }

  /** A cd1 shape's epoch times (strings as printed), for the products-alone table. */
  private record Epochs(int samples, String numpy, String nativeEpoch) {}

  void run(Report report) throws IOException {
    d.checkSnapshot();
    RawSgemm raw = RawSgemm.build(d);
    if (!raw.ready()) {
      d.log("raw OpenBLAS column skipped: " + raw.missing);
    }
    String date = Facts.now();
    String loadStart = Facts.loadAverage();

    Measurement m = new Measurement(d, "seconds_per_epoch", false, "seconds_per_epoch", true, 100_000);
    List<String> cd1Commands = new ArrayList<>();
    List<String> rows = new ArrayList<>();
    Map<String, Epochs> epochs = new LinkedHashMap<>();
    Map<Backend, TreeSet<String>> backends = new LinkedHashMap<>();
    for (int[] s : CD1_SHAPES) {
      int samples = d.quick ? s[2] / 10 : s[2];
      List<Program> programs = cd1Programs(s[0], s[1], samples, s[3]);
      Map<Program, Measurement.Best> best = m.measure(programs,
          "cd1 nv=" + s[0] + " nh=" + s[1] + " samples=" + samples + " batch=" + s[3]);
      cd1Commands.addAll(Measurement.commands(best));
      String np = best.get(programs.get(0)).get("seconds_per_epoch");
      String[] rb = new String[Backend.values().length];
      for (Backend b : Backend.values()) {
        Measurement.Best r = best.get(programs.get(1 + b.ordinal()));
        rb[b.ordinal()] = r.get("seconds_per_epoch");
        backends.computeIfAbsent(b, k -> new TreeSet<>()).add(r.get("backend"));
      }
      epochs.put(s[0] + " " + s[1] + " " + s[3], new Epochs(samples, np, rb[0]));
      rows.add("| " + s[0] + " × " + s[1] + ", " + samples + " samples, batch " + s[3] + " | " + np + " | " + rb[0]
          + " | " + KeyValues.ratio(rb[0], np) + " | " + rb[1] + " | " + KeyValues.ratio(rb[1], np) + " | " + rb[2]
          + " | " + KeyValues.ratio(rb[2], np) + " | native: " + met(rb[0], 0.4, np) + "; java: " + met(rb[1], 1, np)
          + " |");
    }
    String npe = String.join(",", backends.get(Backend.NATIVE));
    String jve = String.join(",", backends.get(Backend.JAVA));
    String ble = String.join(",", backends.get(Backend.BLOCKED));

    double seconds = d.quickSeconds(1);
    List<String> gemmCommands = new ArrayList<>();
    List<String> gemmRows = new ArrayList<>();
    List<String> floorRows = new ArrayList<>();
    Map<String, String> gemmBackend = new LinkedHashMap<>();
    for (int[] s : GEMM_SHAPES) {
      Map<String, Program> kinds = gemmPrograms(s[0], s[1], s[2], raw);
      d.log(String.format(Locale.ROOT, "gemm nv=%d nh=%d batch=%d: %d interleaved rounds of %s, %s s per product",
          s[0], s[1], s[2], d.rounds, String.join(" ", kinds.keySet()), KeyValues.plain(seconds)));
      Map<String, double[]> gbest = measureGemm(kinds, seconds, gemmBackend);
      kinds.values().forEach(p -> gemmCommands.add(p.shown().apply(0)));
      Epochs e = epochs.get(s[0] + " " + s[1] + " " + s[2]);
      if (e != null) {
        String floorNative = epochFloor(e.samples(), s, gbest.get("native"));
        String floorRaw = raw.ready() ? epochFloor(e.samples(), s, gbest.get(RAW)) : KeyValues.NA;
        floorRows.add("| " + s[0] + " × " + s[1] + ", " + e.samples() + " samples, batch " + s[2] + " | " + e.numpy()
            + " | " + floorRaw + " | " + KeyValues.ratio(floorRaw, e.numpy()) + " | " + floorNative + " | "
            + KeyValues.ratio(floorNative, e.numpy()) + " | " + e.nativeEpoch() + " | "
            + KeyValues.ratio(e.nativeEpoch(), e.numpy()) + " |");
      }
      for (int p = 0; p < PRODUCTS.length; p++) {
        String head = "| " + s[0] + " × " + s[1] + ", batch " + s[2] + " | " + PRODUCT_TEXT[p] + " | ";
        String nat = gflops(gbest.get("native")[p]);
        String tail = gflops(gbest.get("java")[p]) + " | " + gflops(gbest.get("java-blocked")[p]) + " |";
        if (raw.ready()) {
          String r = gflops(gbest.get(RAW)[p]);
          gemmRows.add(head + r + " | " + nat + " | " + KeyValues.ratio(nat, r) + " | " + tail);
        } else {
          gemmRows.add(head + nat + " | " + tail);
        }
      }
    }
    String loadEnd = Facts.loadAverage();

    report.emit("### CD-1 training, one pinned core, best of " + d.rounds + " interleaved runs", "");
    report.quickBanner();
    report.emit("| shape (N_v × N_h) | NumPy s/epoch | rbmflow native s/epoch | native ÷ NumPy | rbmflow java s/epoch | java ÷ NumPy | rbmflow java-blocked s/epoch | java-blocked ÷ NumPy | targets met? (native ≤ 0.4 × NumPy, java ≤ 1 × NumPy) |",
        "|---|---|---|---|---|---|---|---|---|");
    report.emit(rows);
    report.emit("", "rbmflow backends: native runs `" + npe + "`, java (`-Drbmflow.linalg=java`, the best pure-Java backend) runs `" + jve + "`,",
        "java-blocked (`-Drbmflow.linalg=java-blocked -Drbmflow.vector=false`: what a JVM without the Vector API module runs,",
        "plain-Java GEMM and elementwise loops) runs `" + ble + "`.");
    if (!jve.equals("java-vector")) {
      report.emit("**Warning: the java runs did not use `java-vector` (`" + jve + "`): is the jdk.incubator.vector module missing?**");
      d.log("warning: the java cd1 runs used backend '" + jve + "'");
    }
    if (!npe.equals("openblas-jni")) {
      report.emit("**Warning: the default backend was not native BLAS (`" + npe + "`); the native column does not measure OpenBLAS.**");
      d.log("warning: the native cd1 runs used backend '" + npe + "'");
    }
    report.emit("", "### GEMM: the three products of a CD step, one pinned core, best of " + d.rounds
        + " interleaved runs per product", "");
    report.quickBanner();
    if (raw.ready()) {
      report.emit("| shape (N_v × N_h) | product | raw OpenBLAS GFLOPS | facade native GFLOPS | facade ÷ raw | facade java GFLOPS | facade java-blocked GFLOPS |",
          "|---|---|---|---|---|---|---|");
    } else {
      report.emit("Raw OpenBLAS not measured: " + raw.missing + ".", "");
      report.emit("| shape (N_v × N_h) | product | facade native GFLOPS | facade java GFLOPS | facade java-blocked GFLOPS |",
          "|---|---|---|---|---|");
    }
    report.emit(gemmRows);
    report.emit("", "V is batch × N_v, W is N_v × N_h, H is batch × N_h, all float32 row-major; 2·batch·N_v·N_h flops a product.",
        "Facade backends: native `" + gemmBackend.get("native") + "`, java `" + gemmBackend.get("java")
            + "`, java-blocked `" + gemmBackend.get("java-blocked") + "`.");
    if (raw.ready()) {
      report.emit("Raw OpenBLAS: `target/bench/raw_sgemm`, built from `tools/bench/raw_sgemm.c` with `gcc -O2 raw_sgemm.c "
          + RawSgemm.OPENBLAS + "`", "(" + RawSgemm.OPENBLAS.toRealPath() + "; " + raw.config()
          + "); it checks each product against plain loops first.");
    }
    if (!floorRows.isEmpty()) {
      report.emit("", "### The products alone: an epoch's five GEMMs at the speeds above, against NumPy's whole epoch", "");
      report.emit("| shape (N_v × N_h) | NumPy s/epoch | products at raw OpenBLAS speed, s/epoch | ÷ NumPy | products at facade native speed, s/epoch | ÷ NumPy | rbmflow native s/epoch (whole epoch) | ÷ NumPy |",
          "|---|---|---|---|---|---|---|---|");
      report.emit(floorRows);
      report.emit("", "Products of an epoch: samples/batch steps of 2 × H = V·W, 1 × V' = H·Wᵀ and 2 × ΔW-halves Vᵀ·H (batch rows each),",
          "timed at the best GFLOPS of the table above. Whatever else an epoch does (tanh, sampling, shuffling, unpacking,",
          "the update) comes on top, so the products alone bound what any implementation on this BLAS can reach.");
    }
    d.pinnedFacts(report, date, d.javaVersion() + "; " + Yardsticks.pythonVersion()
        + (raw.ready() ? "; " + Facts.firstLine(List.of("gcc", "--version")) : ""), "");
    report.load(loadStart, loadEnd, d.rounds, d);
    report.emit("", "Commands (from the repository root; each run " + d.rounds
        + " times in interleaved rounds; best seconds per epoch, and best GFLOPS per product, kept):", "");
    List<String> all = new ArrayList<>(cd1Commands);
    all.addAll(gemmCommands);
    report.code(all);
    d.snapshotAndRuns(report, "[-Drbmflow.linalg=java | -Drbmflow.linalg=java-blocked -Drbmflow.vector=false]");
  }

  private List<Program> cd1Programs(int nv, int nh, int samples, int batch) {
    String shape = "--nv " + nv + " --nh " + nh + " --samples " + samples + " --batch " + batch + " --epochs ";
    String numpy = d.shown(refs.file("numpy_reference.py"));
    double target = d.quickSeconds(1.5);
    List<Program> programs = new ArrayList<>();
    programs.add(new Program("NumPy reference",
        n -> McSuite.concat(McSuite.concat(d.pin, "python3", refs.file("numpy_reference.py").toString(), "cd1"),
            (shape + n).split(" ")),
        n -> "OPENBLAS_NUM_THREADS=1 " + d.pinText() + "python3 " + numpy + " cd1 " + shape + n, 1, target));
    for (Backend b : Backend.values()) {
      programs.add(new Program(b.label, n -> b.command(d, "cd1 " + shape + n), n -> b.shown(d, "cd1 " + shape + n), 1,
          target));
    }
    return programs;
  }

  /** The programs of one GEMM shape by kind (raw, native, java, java-blocked); the run length is ignored. */
  private Map<String, Program> gemmPrograms(int nv, int nh, int batch, RawSgemm raw) {
    String seconds = KeyValues.plain(d.quickSeconds(1));
    Map<String, Program> kinds = new LinkedHashMap<>();
    if (raw.ready()) {
      String args = nv + " " + nh + " " + batch + " " + seconds;
      kinds.put(RAW, new Program("raw OpenBLAS", n -> McSuite.concat(McSuite.concat(d.pin, raw.binary.toString()), args.split(" ")),
          n -> "OPENBLAS_NUM_THREADS=1 " + d.pinText() + "target/bench/raw_sgemm " + args, 0, 0));
    }
    String args = "gemm --nv " + nv + " --nh " + nh + " --batch " + batch + " --seconds " + seconds;
    for (Backend b : Backend.values()) {
      kinds.put(b.label.substring("rbmflow ".length()),
          new Program(b.label, n -> b.command(d, args), n -> b.shown(d, args), 0, 0));
    }
    return kinds;
  }

  /**
   * Rounds of each GEMM kind in turn; the highest GFLOPS of each product on its own (the products are timed one after
   * the other, so each is a separate measurement), by kind; records each rbmflow kind's backend.
   */
  private Map<String, double[]> measureGemm(Map<String, Program> kinds, double seconds, Map<String, String> backend) {
    Map<String, double[]> best = new LinkedHashMap<>();
    for (int round = 1; round <= d.rounds; round++) {
      for (Map.Entry<String, Program> k : kinds.entrySet()) {
        String line = d.checked("gflops_vw", k.getValue().command().apply(0));
        d.raw.add(line);
        d.log("  round " + round + ": " + line);
        backend.put(k.getKey(), KeyValues.field(line, "backend"));
        double[] g = best.computeIfAbsent(k.getKey(), x -> new double[] {Double.NaN, Double.NaN, Double.NaN});
        for (int p = 0; p < PRODUCTS.length; p++) {
          double v = KeyValues.number(KeyValues.field(line, "gflops_" + PRODUCTS[p]));
          if (Double.isNaN(g[p]) || v > g[p]) {
            g[p] = v;
          }
        }
      }
    }
    return best;
  }

  private static String gflops(double g) {
    return Double.isNaN(g) ? "" : String.format(Locale.ROOT, "%.2f", g);
  }

  /** yes if {@code value} ≤ {@code limit} × {@code numpy}. */
  private static String met(String value, double limit, String numpy) {
    double v = KeyValues.number(value);
    double n = KeyValues.number(numpy);
    return !Double.isNaN(v) && n > 0 && v <= limit * n ? "yes" : "no";
  }

  /** Seconds of an epoch's five products (2 × V·W, H·Wᵀ, 2 × Vᵀ·H per minibatch) at the best GFLOPS {@code g}. */
  private static String epochFloor(int samples, int[] shape, double[] g) {
    if (!(g[0] > 0 && g[1] > 0 && g[2] > 0)) {
      return KeyValues.NA;
    }
    double f = 2.0 * shape[2] * shape[0] * shape[1] / 1e9;
    return String.format(Locale.ROOT, "%.4f", ((double) samples / shape[2]) * f * (2 / g[0] + 1 / g[1] + 2 / g[2]));
  }
}
