package org.rbmflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main job, {@code jobs/quickstart.yaml} as shipped: it ends with an OK power-law fit for every N_v,
 * names every point that is not OK in the summary, and says how to draw the report.
 */
class QuickstartTest {
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
  void theQuickstartEndsWithAnOkFitPerLattice(@TempDir Path tmp) {
    Path out = tmp.resolve("quickstart");
    CliRun r = CliRun.run("sweep", "jobs/quickstart.yaml", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    List<String[]> fits = GridAxesCommandTest.sql(out, "SELECT n_v, status, a, b FROM fits ORDER BY n_v");
    assertEquals(2, fits.size(), "one fit per N_v");
    assertEquals(List.of("36", "OK"), List.of(fits.get(0)[0], fits.get(0)[1]));
    assertEquals(List.of("64", "OK"), List.of(fits.get(1)[0], fits.get(1)[1]));
    for (String[] f : fits) {
      double a = Double.parseDouble(f[2]);
      double b = Double.parseDouble(f[3]);
      assertTrue(a > 0 && b > 0 && b < 1, "E rises with N_temp, slower than linearly: a = " + a + ", b = " + b);
    }
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("  fit n_v=36: Energy = -2 + a·N_temp^b, a = ")), r.out());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("  fit n_v=64: Energy = -2 + a·N_temp^b, a = ")), r.out());
    assertTrue(lines.get(lines.size() - 1).startsWith("report: `rbmflow report "), r.out());
    long notOk = Long.parseLong(
        GridAxesCommandTest.sql(out, "SELECT count(*) FROM points WHERE status <> 'OK'").get(0)[0]);
    long named = lines.stream().filter(l -> l.matches("  (NOT_CONVERGED|FAILED|TIMEOUT) nv\\S+: .+")).count();
    assertEquals(Math.min(notOk, 20), named, "every point that is not OK is named with its reason");
  }
}
