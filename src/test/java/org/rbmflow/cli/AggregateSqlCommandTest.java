package org.rbmflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rbmflow aggregate} and {@code rbmflow sql} end to end on a real 18-point sweep: the aggregate tables hold
 * the expected rows and agree with the points they summarise (checked through {@code sql} itself), every view
 * answers a query, and bad input exits 2 without writing.
 */
class AggregateSqlCommandTest {
  static final String SPEC = """
      name: agg-tiny
      grid:
        l: [4]
        n_h: [1, 2, 4]
        n_temp: [3, 4, 5]
        seeds: 2
      t_step: 0.75
      configs_per_temp: 64
      monte_carlo: {therm_sweeps: 100, probe_sweeps: 100, max_decor_sweeps: 100}
      training: {epochs: 4, learning_rate: 0.02, batch_size: 32}
      flow: {starts: [T=min, T=max], ensemble: 64, max_steps: 60, window: 10, tolerance: 0.01}
      analysis: {calibration_step: 0.25, calibration_max_t: 4, calibration_configs: 40, classifier_step: 0,
                 permutations: 49, alpha: 0.05}
      aggregate: {n_temp_min: 3, best_n_h: squares}
      """;

  @TempDir
  static Path tmp;
  static Path out;

  @BeforeAll
  static void sweep() throws Exception {
    System.setProperty("spark.master", "local[2]");
    System.setProperty("spark.ui.enabled", "false");
    Path job = tmp.resolve("job.yaml");
    Files.writeString(job, SPEC);
    out = tmp.resolve("out");
    CliRun first = CliRun.run("sweep", job.toString(), "--out", out.toString(), "--no-aggregate");
    assertEquals(0, first.code(), first.err());
    assertFalse(Files.exists(out.resolve("aggregate")), "--no-aggregate");
    CliRun agg = CliRun.run("aggregate", out.toString());
    assertEquals(0, agg.code(), agg.err());
    assertTrue(agg.out().contains("aggregate: "), agg.out());
    assertTrue(agg.out().contains("fit n_v=16"), agg.out());
    for (String t : List.of("means", "optimal", "fits")) {
      assertTrue(Files.isDirectory(out.resolve("aggregate").resolve(t)), t);
    }
    CliRun again = CliRun.run("sweep", job.toString(), "--out", out.toString());
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().contains("18 skipped") && again.out().contains("aggregate: "), again.out());
  }

  @AfterAll
  static void clear() {
    System.clearProperty("spark.master");
    System.clearProperty("spark.ui.enabled");
  }

  private static List<String[]> sql(String query) {
    CliRun r = CliRun.run("sql", query, "--in", out.toString());
    assertEquals(0, r.code(), query + "\n" + r.err());
    return Arrays.stream(r.out().split("\n")).filter(s -> !s.isEmpty()).map(s -> s.split(",", -1)).toList();
  }

  private static double number(String query) {
    List<String[]> rows = sql(query);
    assertEquals(2, rows.size(), query);
    return Double.parseDouble(rows.get(1)[0]);
  }

  @Test
  void aggregateTablesHoldTheExpectedRows() {
    assertEquals(9, number("SELECT count(*) FROM means"), "one row per (n_v, n_h, n_temp)");
    assertEquals(0, number("SELECT count(*) FROM means WHERE n_seeds + n_excluded <> 2"));
    assertEquals(number("SELECT count(*) FROM points WHERE status <> 'OK'"), number("SELECT sum(n_excluded) FROM means"));
    // the optimum exists for every n_temp that has an OK point among the square n_h (1, 4), and is one of them
    assertEquals(number("SELECT count(DISTINCT n_temp) FROM points WHERE status = 'OK' AND n_h IN (1, 4)"),
        number("SELECT count(*) FROM optimal"));
    assertEquals(0, number("SELECT count(*) FROM optimal WHERE best_n_h NOT IN (1, 4) OR candidates <> 'squares'"));
    assertEquals(1, number("SELECT count(*) FROM fits"));
    List<String[]> fit = sql("SELECT n_v, e0, n_temp_min, n_points, status, dof FROM fits");
    assertEquals(List.of("n_v", "e0", "n_temp_min", "n_points", "status", "dof"), List.of(fit.get(0)));
    assertEquals("16", fit.get(1)[0]);
    assertEquals("-2.0", fit.get(1)[1]);
    assertEquals("3", fit.get(1)[2]);
  }

  @Test
  void meansAndOptimaAgreeWithThePointsTheySummarise() {
    assertEquals(0, number("""
        SELECT count(*) FROM means m JOIN (
          SELECT n_v, n_h, n_temp, avg(fp_energy) AS e, avg(fp_temperature) AS t FROM points WHERE status = 'OK'
          GROUP BY n_v, n_h, n_temp) p ON m.n_v = p.n_v AND m.n_h = p.n_h AND m.n_temp = p.n_temp
        WHERE abs(m.energy - p.e) > 1e-12 OR abs(m.temperature - p.t) > 1e-12"""));
    assertEquals(0, number("""
        SELECT count(*) FROM optimal o JOIN means m ON m.n_v = o.n_v AND m.n_temp = o.n_temp AND m.n_h IN (1, 4)
        WHERE m.n_seeds > 0 AND m.energy < o.energy"""), "no square candidate beats the optimum");
  }

  @Test
  void everyViewAnswersAQuery() {
    for (String v : org.rbmflow.table.Tables.VIEWS) {
      assertTrue(number("SELECT count(*) FROM " + v) > 0, v);
    }
    List<String[]> spectra = sql("SELECT point_id, eigenvalues FROM spectra ORDER BY point_id LIMIT 1");
    assertTrue(spectra.get(1)[1].startsWith("\"["), "arrays print as quoted [x, y, ...]: " + spectra.get(1)[1]);
    List<String[]> flows = sql("SELECT start, max(step) AS last FROM flows GROUP BY start ORDER BY start");
    assertTrue(flows.size() >= 3, "T=min and T=max starts of several n_temp");
    for (String[] f : flows.subList(1, flows.size())) {
      assertTrue(f[0].startsWith("T=") && Integer.parseInt(f[1]) <= 60, String.join(",", f));
    }
    assertEquals(0, number("SELECT count(*) FROM patterns WHERE size(pattern) <> 16"));
    assertTrue(sql("DESCRIBE points").size() > 30);
  }

  @Test
  void aHighNTempMinGivesANoFitRowWithItsReason() {
    CliRun r = CliRun.run("aggregate", out.toString(), "--n-temp-min", "100", "--best-n-h", "all");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("none — need at least 3 points, have 0"), r.out());
    assertEquals("NO_FIT", sql("SELECT status FROM fits").get(1)[0]);
    assertEquals("all", sql("SELECT DISTINCT candidates FROM optimal").get(1)[0]);
    CliRun back = CliRun.run("aggregate", out.toString(), "--n-temp-min", "3");
    assertEquals(0, back.code(), back.err());
  }

  @Test
  void badInputExitsTwoAndWritesNothing() throws Exception {
    Path missing = tmp.resolve("missing");
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    String[][] cases = {
        {"OUT", "aggregate", missing.toString()},
        {"no points table", "aggregate", empty.toString()},
        {"--n-temp-min", "aggregate", out.toString(), "--n-temp-min", "0"},
        {"--best-n-h", "aggregate", out.toString(), "--best-n-h", "cubes"},
        {"--n-temp-min", "aggregate", out.toString(), "--n-temp-min", "many"},
        {"--in", "sql", "SELECT 1", "--in", missing.toString()},
        {"--in", "sql", "SELECT 1"},
        {"QUERY", "sql", "DROP VIEW points", "--in", out.toString()},
        {"QUERY", "sql", "CREATE TABLE t AS SELECT * FROM points", "--in", out.toString()},
        {"QUERY", "sql", "SELEC * FROM points", "--in", out.toString()},
        {"QUERY", "sql", "SELECT * FROM nonsense", "--in", out.toString()},
        {"QUERY", "sql", "SELECT no_such_column FROM points", "--in", out.toString()},
        {"QUERY", "sql", "  ", "--in", out.toString()},
    };
    for (String[] c : cases) {
      CliRun r = CliRun.run(Arrays.copyOfRange(c, 1, c.length));
      assertEquals(2, r.code(), String.join(" ", c) + "\n" + r.err());
      assertTrue(r.err().contains(c[0]), c[0] + " not named in: " + r.err());
    }
    assertFalse(Files.exists(missing));
    try (var s = Files.list(empty)) {
      assertEquals(0, s.count());
    }
    assertFalse(Files.exists(Path.of("spark-warehouse")), "no warehouse directory created by sql");
  }
}
