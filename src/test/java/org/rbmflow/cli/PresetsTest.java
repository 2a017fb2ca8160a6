package org.rbmflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.rbmflow.sweep.GridPoint;
import org.rbmflow.sweep.SweepSpec;

/**
 * Every job spec shipped in {@code jobs/} passes validation and {@code --dry-run}, and the paper presets ask the
 * papers' questions (lattices, temperature grids, fields, N_h ranges, flow starts of DESIGN §1).
 */
class PresetsTest {
  private static final Path JOBS = Path.of("jobs");

  private static List<Path> specs() throws IOException {
    try (Stream<Path> s = Files.list(JOBS)) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @Test
  void everyShippedSpecValidatesAndDryRuns() throws Exception {
    List<Path> all = specs();
    assertTrue(all.size() >= 12, "quickstart, bench-16 and the paper presets with laptop versions: " + all);
    for (Path p : all) {
      SweepSpec spec = SweepSpec.read(p);
      assertFalse(spec.grid().isEmpty(), p.toString());
      Path out = Path.of(spec.output() == null ? "out/" + spec.name() : spec.output());
      boolean existed = Files.exists(out);
      CliRun r = CliRun.run("sweep", p.toString(), "--dry-run");
      assertEquals(0, r.code(), p + "\n" + r.err());
      assertTrue(r.out().contains(spec.grid().size() + " grid points") && r.out().contains("core-hours")
          && r.out().contains("nothing was created"), r.out());
      assertEquals(existed, Files.exists(out), "a dry run creates nothing: " + out);
    }
  }

  @Test
  void everyPresetHasALaptopVersionOfTheSameKind() throws Exception {
    for (String name : List.of("iso2018", "iso2018-spectrum", "funai-giataganas2020-1d", "funai-giataganas2020-2d",
        "funai2021")) {
      SweepSpec full = SweepSpec.read(JOBS.resolve(name + ".yaml"));
      SweepSpec laptop = SweepSpec.read(JOBS.resolve(name + "-laptop.yaml"));
      assertEquals(full.dim(), laptop.dim(), name);
      assertEquals(full.tStep(), laptop.tStep(), name);
      assertEquals(full.fields().length, laptop.fields().length, name);
      assertEquals(full.flowStarts(), laptop.flowStarts(), name);
      assertTrue(laptop.grid().size() <= full.grid().size(), name);
    }
  }

  @Test
  void presetsAskThePapersQuestions() throws Exception {
    SweepSpec iso = SweepSpec.read(JOBS.resolve("iso2018.yaml"));
    assertEquals(List.of(25), iso.nTemps(), "T = 0, 0.25, …, 6");
    assertEquals(0.25, iso.tStep());
    assertEquals(1000, iso.configsPerTemp());
    assertEquals(List.of("T=min", "T=max"), iso.flowStarts());
    List<Integer> nh = iso.grid().stream().map(GridPoint::nh).distinct().sorted().toList();
    assertEquals(16, nh.get(0));
    assertEquals(100, nh.get(nh.size() - 1));

    SweepSpec spectrum = SweepSpec.read(JOBS.resolve("iso2018-spectrum.yaml"));
    assertEquals(List.of(1, 9, 25), spectrum.nTemps(), "T = 0 alone, T ≤ 2, T ≤ 6");

    for (Map.Entry<String, Integer> e : Map.of("funai-giataganas2020-1d", 1, "funai-giataganas2020-2d", 2).entrySet()) {
      SweepSpec fg = SweepSpec.read(JOBS.resolve(e.getKey() + ".yaml"));
      assertEquals(e.getValue(), fg.dim());
      assertEquals(100, fg.lattices().get(0).sites());
      assertEquals(10, fg.fields().length, "H = 0, 0.5, …, 4.5");
      assertEquals(4.5, fg.fields()[9], 1e-12);
      assertEquals(List.of(20), fg.nTemps(), "T = 0, 0.5, …, 9.5");
      assertEquals(0.001, fg.training().learningRate());
      assertTrue(fg.grid().stream().allMatch(p -> p.nh() <= 16));
    }

    SweepSpec scan = SweepSpec.read(JOBS.resolve("funai2021.yaml"));
    assertEquals(List.of(100, 256, 400, 1024), scan.lattices().stream().map(l -> l.sites()).toList());
    assertEquals(10, scan.nTemps().get(0));
    assertEquals(700, scan.nTemps().get(scan.nTemps().size() - 1));
    assertEquals(0.1, scan.tStep());
    assertTrue(scan.seeds().size() >= 2);
    assertTrue(scan.grid().stream().allMatch(p -> {
      int k = (int) Math.round(Math.sqrt(p.nh()));
      return k * k == p.nh();
    }), "N_h = k²");
  }
}
