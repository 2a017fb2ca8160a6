package org.rbmflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rbmflow.report.ReportImages;

/**
 * A training parameter as a grid axis, end to end: the dry run counts and prices the variants, the sweep writes the
 * values as columns of {@code points}, the aggregation computes means, optima and fits per variant, the report draws
 * them apart, and {@code point} with the same values is the same grid point.
 */
class GridAxesCommandTest {
  static final String SPEC = """
      name: axes
      dim: 2
      grid: {l: [4], n_h: [2, 4], n_temp: [3, 4, 5], seeds: [11]}
      t_step: 0.5
      configs_per_temp: 32
      monte_carlo: {therm_sweeps: 100, probe_sweeps: 100, max_decor_sweeps: 20}
      training: {epochs: 4, learning_rate: [0.01, 0.05], batch_size: 32, checkpoints: [2]}
      flow: {starts: [T=min, T=max], ensemble: 32, max_steps: 40, window: 10, tolerance: 0.01}
      analysis: {calibration_step: 0.25, calibration_max_t: 3, calibration_configs: 20, classifier_step: 0,
                 permutations: 19, alpha: 0.1}
      aggregate: {n_temp_min: 1, best_n_h: all}
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

  static List<String[]> sql(Path out, String query) {
    CliRun r = CliRun.run("sql", query, "--in", out.toString());
    assertEquals(0, r.code(), query + "\n" + r.err());
    return Arrays.stream(r.out().split("\n")).filter(s -> !s.isEmpty()).skip(1).map(s -> s.split(",", -1)).toList();
  }

  @Test
  void aLearningRateAxisFromSpecToReport(@TempDir Path tmp) throws Exception {
    Path job = tmp.resolve("axes.yaml");
    Files.writeString(job, SPEC);
    Path out = tmp.resolve("out");

    CliRun dry = CliRun.run("sweep", job.toString(), "--out", out.toString(), "--dry-run");
    assertEquals(0, dry.code(), dry.err());
    assertTrue(dry.out().contains("12 grid points (1 lattices x 3 n_temp x 1 seeds x n_h values x 2 "
        + "training.learning_rate)"), dry.out());
    assertTrue(dry.out().contains("  training.learning_rate=0.01: 6 points, "), dry.out());
    assertTrue(dry.out().contains("  training.learning_rate=0.05: 6 points, "), dry.out());
    assertTrue(dry.out().contains("also evaluated at epochs 2"), dry.out());

    CliRun sweep = CliRun.run("sweep", job.toString(), "--out", out.toString());
    assertEquals(0, sweep.code(), sweep.err());
    assertTrue(sweep.out().contains("fit n_v=16 (training.learning_rate=0.01)"), sweep.out());
    assertTrue(sweep.out().contains("fit n_v=16 (training.learning_rate=0.05)"), sweep.out());

    // the values are columns of points (grid points and checkpoints), every parameter has its column
    List<String[]> lr = sql(out, "SELECT learning_rate, count(*), sum(CASE WHEN checkpoint_of IS NULL THEN 1 END) "
        + "FROM points GROUP BY learning_rate ORDER BY learning_rate");
    assertEquals(List.of("0.01,12,6", "0.05,12,6"), lr.stream().map(r -> String.join(",", r)).toList());
    List<String[]> cols = sql(out, "SELECT DISTINCT momentum, persistent, decor_sweeps, flow_window, permutations, "
        + "therm_sweeps FROM points");
    assertEquals(List.of("0.0,false,0,10,19,100"), cols.stream().map(r -> String.join(",", r)).toList());

    // means, optima and fits per variant
    List<String[]> means = sql(out, "SELECT variant, count(*) FROM means GROUP BY variant ORDER BY variant");
    assertEquals(List.of("training.learning_rate=0.01,6", "training.learning_rate=0.05,6"),
        means.stream().map(r -> String.join(",", r)).toList());
    List<String[]> optimal = sql(out, "SELECT variant, count(*) FROM optimal GROUP BY variant ORDER BY variant");
    assertEquals(List.of("training.learning_rate=0.01,3", "training.learning_rate=0.05,3"),
        optimal.stream().map(r -> String.join(",", r)).toList());
    List<String[]> fits = sql(out, "SELECT n_v, variant FROM fits ORDER BY variant");
    assertEquals(List.of("16,training.learning_rate=0.01", "16,training.learning_rate=0.05"),
        fits.stream().map(r -> String.join(",", r)).toList());
    // a mean is over its own variant only: n_seeds + n_excluded = the 1 seed of the grid
    assertEquals(List.of(), sql(out, "SELECT * FROM means WHERE n_seeds + n_excluded <> 1"));

    CliRun report = CliRun.run("report", out.toString());
    assertEquals(0, report.code(), report.err());
    String html = Files.readString(out.resolve("report/index.html"), StandardCharsets.UTF_8);
    for (String v : List.of("training.learning_rate=0.01", "training.learning_rate=0.05")) {
      assertTrue(html.contains("(N_v = 16), " + v), "a fixed-point figure per variant: " + v);
    }
    for (ReportImages.Img i : ReportImages.images(out.resolve("report/index.html"))) {
      ReportImages.assertDrawn(out.resolve("report").resolve(i.src()), i.width(), i.height());
    }

    // point with the same values is the same grid point (one code path): same id, same fixed point
    List<String[]> row = sql(out, "SELECT point_id, fp_energy FROM points WHERE learning_rate = 0.05 AND n_h = 4 "
        + "AND n_temp = 5 AND checkpoint_of IS NULL");
    CliRun point = CliRun.run("point", "--l", "4", "--n-h", "4", "--n-temp", "5", "--t-step", "0.5", "--seed", "11",
        "--configs", "32", "--therm-sweeps", "100", "--probe-sweeps", "100", "--max-decor-sweeps", "20",
        "--epochs", "4", "--learning-rate", "0.05", "--batch-size", "32", "--flow-ensemble", "32",
        "--flow-max-steps", "40", "--flow-window", "10", "--flow-tolerance", "0.01", "--calibration-step", "0.25",
        "--calibration-max-t", "3", "--calibration-configs", "20", "--classifier-step", "0", "--permutations", "19",
        "--alpha", "0.1", "--threads", "1");
    assertEquals(0, point.code(), point.err());
    assertTrue(point.out().startsWith("point " + row.get(0)[0] + " "), row.get(0)[0] + " vs\n" + point.out());
    assertTrue(point.out().contains(String.format(java.util.Locale.ROOT, "fixed point: E = %.5f",
        Double.parseDouble(row.get(0)[1]))), point.out());
  }

  @Test
  void pointRefusesWhatSweepRefusesWithTheOptionName() {
    // n_h > n_v: refused by the spec's rule, named by the option
    CliRun r = CliRun.run("point", "--l", "4", "--n-h", "17", "--epochs", "2");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--n-h[0]: 17 exceeds the cap n_v = 16") || r.err().contains("--n-h: 17 exceeds"),
        r.err());
    CliRun lr = CliRun.run("point", "--lr", "0", "--epochs", "2");
    assertEquals(2, lr.code(), lr.err());
    assertTrue(lr.err().contains("--lr: 0 is out of range; expected a number in (0, 100]"), lr.err());
    CliRun list = CliRun.run("point", "--epochs", "[2, 3]");
    assertEquals(2, list.code(), list.err());
    assertTrue(list.err().contains("--epochs: \"[2, 3]\" is not an integer"), list.err());
  }
}
