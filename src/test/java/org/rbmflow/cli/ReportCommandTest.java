package org.rbmflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rbmflow.report.ReportImages;

/**
 * {@code rbmflow report} end to end in local mode: a real tiny sweep, its real aggregation (run by the report when the
 * tables are missing) and report; then stand-in aggregate tables with an exact fit for one lattice and a NO_FIT row
 * for the other (two N_temp are too few for a real fit) and the report again; and bad input (exit 2, nothing
 * written).
 */
class ReportCommandTest {
  /** 2 lattices × 2 N_h × 2 N_temp × 2 seeds = 16 points of a second or so. */
  static final String SPEC = """
      name: report-tiny
      grid:
        l: [4, 6]
        n_h: [1, 4]
        n_temp: [4, 6]
        seeds: 2
      t_step: 0.5
      configs_per_temp: 32
      monte_carlo: {therm_sweeps: 100, probe_sweeps: 100, max_decor_sweeps: 20}
      training: {epochs: 3, learning_rate: 0.02, batch_size: 32}
      flow: {starts: [T=min, T=max], ensemble: 32, max_steps: 40, window: 10, tolerance: 0.01}
      analysis: {calibration_step: 0.25, calibration_max_t: 3, calibration_configs: 20, classifier_step: 0.5,
                 classifier_configs: 20, classifier_epochs: 1, classifier_every: 10, permutations: 19, alpha: 0.1}
      """;

  /** A ring trained over a (T, H) grid, for the 2020 figure; N_h = 2 is no square, so no optimal row: the fallback. */
  static final String FIELDS_SPEC = """
      name: report-fields
      dim: 1
      grid: {l: [8], n_h: [2], n_temp: [4], seeds: 1}
      t_step: 0.5
      fields: [0, 1]
      configs_per_temp: 64
      monte_carlo: {therm_sweeps: 100, probe_sweeps: 100, max_decor_sweeps: 20}
      training: {epochs: 3, learning_rate: 0.02, batch_size: 32}
      flow: {starts: [T=min, T=max], ensemble: 32, max_steps: 40, window: 10, tolerance: 0.01}
      analysis: {calibration_step: 0.25, calibration_max_t: 3, calibration_configs: 20, classifier_step: 0.5,
                 classifier_configs: 20, classifier_epochs: 1, classifier_every: 5, permutations: 19, alpha: 0.1}
      """;

  @BeforeAll
  static void embedded() {
    System.setProperty("spark.master", "local[2]");
    System.setProperty("spark.ui.enabled", "false");
  }

  @AfterAll
  static void clear() {
    System.clearProperty("spark.master");
    System.clearProperty("spark.ui.enabled");
  }

  @Test
  void drawsTheFlowsOverTheSpecificHeatWhenTrainedAtSeveralFields(@TempDir Path tmp) throws Exception {
    Path job = tmp.resolve("fields.yaml");
    Files.writeString(job, FIELDS_SPEC);
    Path out = tmp.resolve("out");
    CliRun sweep = CliRun.run("sweep", job.toString(), "--out", out.toString());
    assertEquals(0, sweep.code(), sweep.err());
    CliRun report = CliRun.run("report", out.toString());
    assertEquals(0, report.code(), report.err());
    Path dir = out.resolve("report");
    List<ReportImages.Img> images = ReportImages.images(dir.resolve("index.html"));
    ReportImages.Img heat = images.stream().filter(i -> i.src().equals("heat_map_d1_nv8.png")).findFirst()
        .orElseThrow(() -> new AssertionError(images + "\n" + report.out() + report.err()));
    ReportImages.assertDrawn(dir.resolve(heat.src()), heat.width(), heat.height());
    List<String> csv = Files.readAllLines(dir.resolve("specific_heat_d1_nv8.csv"));
    assertEquals("t,h,specific_heat,specific_heat_err,energy", csv.get(0));
    assertEquals(1 + 4 * 2, csv.size(), "one row per (T, H) of the training grid");
    double largest = 0;
    for (String line : csv.subList(1, csv.size())) {
      String[] f = line.split(",");
      double t = Double.parseDouble(f[0]);
      double c = Double.parseDouble(f[2]);
      assertTrue(t == 0 ? c == 0 : c >= 0 && Double.isFinite(c), line);
      largest = Math.max(largest, c);
    }
    assertTrue(largest > 0.05, "the ring's specific heat peaks near T ≈ 1: " + csv);
    String html = Files.readString(dir.resolve("index.html"), StandardCharsets.UTF_8);
    assertTrue(html.contains("from each start (T=0.0, T=1.5)"), "starts named in the caption: " + html);
  }

  @Test
  void reportsOnARealSweep(@TempDir Path tmp) throws Exception {
    Path job = tmp.resolve("job.yaml");
    Files.writeString(job, SPEC);
    Path out = tmp.resolve("out");
    CliRun sweep = CliRun.run("sweep", job.toString(), "--out", out.toString(), "--no-aggregate");
    assertEquals(0, sweep.code(), sweep.err());
    assertFalse(Files.exists(out.resolve("aggregate")));

    // without aggregate tables the report runs the real aggregation first
    CliRun first = CliRun.run("report", out.toString());
    assertEquals(0, first.code(), first.err());
    assertTrue(first.err().contains("running the aggregation with its defaults first"), first.err());
    for (String t : List.of("means", "optimal", "fits")) {
      assertTrue(Files.isDirectory(out.resolve("aggregate").resolve(t)), t);
    }
    List<ReportImages.Img> real = ReportImages.images(out.resolve("report/index.html"));
    assertTrue(real.size() >= 8, "figures from the real aggregation: " + real);
    for (ReportImages.Img i : real) {
      ReportImages.assertDrawn(out.resolve("report").resolve(i.src()), i.width(), i.height());
    }

    SparkSession spark = SparkSession.builder().getOrCreate();
    try {
      StandInAggregates.write(spark, out);
    } finally {
      spark.stop();
    }
    CliRun report = CliRun.run("report", out.toString(), "--max-patterns", "4");
    assertEquals(0, report.code(), report.err());
    Path index = out.resolve("report/index.html");
    assertTrue(report.out().contains("index: " + index), report.out());
    assertTrue(report.out().contains("report of sweep report-tiny: 16 points"), report.out());

    List<ReportImages.Img> images = ReportImages.images(index);
    Set<String> expected = new TreeSet<>();
    for (String lattice : List.of("d2_nv16", "d2_nv36")) {
      for (String kind : List.of("flow_", "fixed_point_", "spectrum_", "patterns_")) {
        expected.add(kind + lattice + ".png");
      }
    }
    expected.addAll(List.of("minimal_energy_d2.png", "random_fraction_d2.png"));
    assertEquals(expected, images.stream().map(ReportImages.Img::src).collect(Collectors.toCollection(TreeSet::new)));
    for (ReportImages.Img i : images) {
      ReportImages.assertDrawn(out.resolve("report").resolve(i.src()), i.width(), i.height());
    }
    try (var files = Files.list(out.resolve("report"))) {
      assertEquals(expected.size() + 1, files.count(), "the PNGs and index.html, nothing else");
    }
    String html = Files.readString(index, StandardCharsets.UTF_8);
    assertTrue(html.contains("report-tiny"), "sweep name");
    assertTrue(html.contains(StandInAggregates.NO_FIT), "NO_FIT reason in the fits table");
    try (var siblings = Files.list(out)) {
      assertTrue(siblings.noneMatch(p -> p.getFileName().toString().contains("staging")), "no staging left behind");
    }
  }

  @Test
  void badInputExitsTwoAndWritesNothing(@TempDir Path tmp) throws Exception {
    Path missing = tmp.resolve("nope");
    CliRun r = CliRun.run("report", missing.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("OUT: '" + missing + "' does not exist"), r.err());
    assertFalse(Files.exists(missing));

    Path empty = Files.createDirectory(tmp.resolve("empty"));
    CliRun noPoints = CliRun.run("report", empty.toString());
    assertEquals(2, noPoints.code(), noPoints.err());
    assertTrue(noPoints.err().contains("OUT: '" + empty + "' has no points table"), noPoints.err());
    try (var files = Files.list(empty)) {
      assertEquals(0, files.count());
    }

    CliRun patterns = CliRun.run("report", empty.toString(), "--max-patterns", "0");
    assertEquals(2, patterns.code(), patterns.err());
    assertTrue(patterns.err().contains("--max-patterns: 0 is out of range; expected 1 ≤ N ≤ 256"), patterns.err());
  }

  /**
   * Plausible aggregate tables from the points read back, in the contract's schemas: means over the seeds of
   * non-FAILED points (the real job uses OK points only; a tiny sweep may not converge), the N_h of minimal energy,
   * an exact two-point fit for N_v = 16 and NO_FIT for N_v = 36.
   */
  static final class StandInAggregates {
    static final String NO_FIT = "stand-in: no fit for N_v = 36";

    private record Key(int dim, int l, int nv, int nh, int nTemp) {}

    private record Stats(double mean, double err) {
      static Stats of(List<Double> xs, double single) {
        double m = xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        if (xs.size() < 2) {
          return new Stats(m, single);
        }
        double ss = xs.stream().mapToDouble(x -> (x - m) * (x - m)).sum();
        return new Stats(m, Math.sqrt(ss / (xs.size() - 1) / xs.size()));
      }
    }

    static void write(SparkSession spark, Path out) {
      Map<Key, List<Row>> groups = new TreeMap<>(Comparator.comparingInt(Key::nv).thenComparingInt(Key::nTemp)
          .thenComparingInt(Key::nh));
      for (Row r : spark.read().parquet(out.resolve("points").toString())
          .selectExpr("dim", "l", "cast(n_v as int)", "n_h", "n_temp", "status", "fp_energy", "fp_energy_err",
              "fp_temperature", "fp_temperature_classifier", "fp_magnetization", "random_fraction",
              "n_nonrandom_patterns", "n_patterns_tested", "fp_bracket_gap", "recon_error").collectAsList()) {
        groups.computeIfAbsent(new Key(r.getInt(0), r.getInt(1), r.getInt(2), r.getInt(3), r.getInt(4)),
            k -> new ArrayList<>()).add(r);
      }
      List<Row> means = new ArrayList<>();
      Map<List<Integer>, Row> optimal = new TreeMap<>(Comparator.comparing((List<Integer> k) -> k.get(2))
          .thenComparing(k -> k.get(3)));
      for (Map.Entry<Key, List<Row>> g : groups.entrySet()) {
        Key k = g.getKey();
        List<Row> used = g.getValue().stream().filter(r -> !"FAILED".equals(r.getString(5))).toList();
        Stats e = stats(used, 6, used.isEmpty() ? Double.NaN : used.get(0).getDouble(7));
        Stats t = stats(used, 8, Double.NaN);
        Stats rf = stats(used, 11, Double.NaN);
        Stats np = Stats.of(used.stream().map(r -> (double) r.getInt(12)).toList(), Double.NaN);
        means.add(RowFactory.create(k.dim(), k.l(), k.nv(), k.nh(), k.nTemp(), k.nh() / (double) k.nv(), used.size(),
            g.getValue().size() - used.size(), e.mean(), e.err(), t.mean(), t.err(), stats(used, 9, Double.NaN).mean(),
            stats(used, 9, Double.NaN).err(), stats(used, 10, Double.NaN).mean(), stats(used, 10, Double.NaN).err(),
            rf.mean(), rf.err(), np.mean(), np.err(), used.isEmpty() ? 0 : used.get(0).getInt(13),
            stats(used, 14, Double.NaN).mean(), stats(used, 15, Double.NaN).mean(), ""));
        if (!used.isEmpty()) {
          Row candidate = RowFactory.create(k.dim(), k.l(), k.nv(), k.nTemp(), k.nh(), k.nh() / (double) k.nv(),
              e.mean(), e.err(), t.mean(), t.err(), used.size(), 2, "all", "");
          optimal.merge(List.of(k.dim(), k.l(), k.nv(), k.nTemp()), candidate,
              (a, b) -> a.getDouble(6) <= b.getDouble(6) ? a : b);
        }
      }
      List<Row> fits = new ArrayList<>();
      Map<Integer, List<Row>> byNv = optimal.values().stream().collect(Collectors.groupingBy(r -> r.getInt(2)));
      for (Map.Entry<Integer, List<Row>> e : new TreeMap<>(byNv).entrySet()) {
        Row first = e.getValue().get(0);
        if (e.getKey() == 16 && e.getValue().size() == 2) {
          Row last = e.getValue().get(1);
          double y1 = Math.max(first.getDouble(6) + 2, 1e-3);
          double y2 = Math.max(last.getDouble(6) + 2, 1e-3);
          double b = Math.log(y2 / y1) / Math.log(last.getInt(3) / (double) first.getInt(3));
          double a = y1 / Math.pow(first.getInt(3), b);
          fits.add(RowFactory.create(2, first.getInt(1), 16, -2.0, a, 0.1 * Math.abs(a), b, 0.1 * Math.abs(b) + 0.01,
              first.getInt(3), 2, 0.0, 0, true, "OK", null, ""));
        } else {
          fits.add(RowFactory.create(2, first.getInt(1), e.getKey(), -2.0, Double.NaN, Double.NaN, Double.NaN,
              Double.NaN, 100, 0, Double.NaN, 0, true, "NO_FIT", NO_FIT, ""));
        }
      }
      save(spark, out, "means", means);
      save(spark, out, "optimal", new ArrayList<>(optimal.values()));
      save(spark, out, "fits", fits);
    }

    private static Stats stats(List<Row> rows, int column, double single) {
      return Stats.of(rows.stream().map(r -> r.getDouble(column)).toList(), single);
    }

    private static void save(SparkSession spark, Path out, String table, List<Row> rows) {
      spark.createDataFrame(rows, org.rbmflow.spark.TableFormats.spark(org.rbmflow.table.Tables.named(table))).coalesce(1).write().mode("overwrite")
          .parquet(out.resolve("aggregate").resolve(table).toString());
    }
  }
}
