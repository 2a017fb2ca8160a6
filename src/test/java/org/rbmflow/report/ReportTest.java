package org.rbmflow.report;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rbmflow.aggregate.AggregateResult.Fit;
import org.rbmflow.aggregate.AggregateResult.Mean;
import org.rbmflow.aggregate.AggregateResult.Optimal;
import org.rbmflow.aggregate.PowerLawFit;
import org.rbmflow.report.ReportData.FlowRow;
import org.rbmflow.report.ReportData.PatternRow;
import org.rbmflow.report.ReportData.PointRef;
import org.rbmflow.report.ReportData.SpectrumRow;
import org.rbmflow.report.ReportData.StatusCounts;

/** The report package on synthetic data, without Spark: every figure drawn, valid and non-blank, and indexed. */
class ReportTest {
  private static final int[] N_TEMPS = {5, 10, 20};

  @Test
  void drawsEveryFigureAndIndexesIt(@TempDir Path tmp) throws Exception {
    ReportData data = synthetic();
    Report.Result r = Report.write(data, 6, List.of(heatMap(data)), tmp);

    List<Figure.Image> images = r.sections().stream().flatMap(s -> s.figures().stream())
        .filter(f -> f instanceof Figure.Image).map(f -> (Figure.Image) f).toList();
    List<Figure> missing = r.sections().stream().flatMap(s -> s.figures().stream())
        .filter(f -> f instanceof Figure.Missing).toList();
    assertEquals(List.of(), missing, "every figure has data");
    Set<String> expected = new TreeSet<>();
    for (String lattice : List.of("d1_nv20", "d2_nv16", "d2_nv36")) {
      for (String kind : List.of("flow_", "fixed_point_", "spectrum_", "patterns_")) {
        expected.add(kind + lattice + ".png");
      }
    }
    expected.addAll(List.of("minimal_energy_d1.png", "minimal_energy_d2.png", "random_fraction_d1.png",
        "random_fraction_d2.png", "heat_map_d1_nv20.png", "training_temperature_d2_nv16_nt5.png",
        "training_energy_d2_nv16_nt5.png", "training_eigenvalue_d2_nv16_nt5.png"));
    assertEquals(expected, new TreeSet<>(r.images()));
    List<String> csv = Files.readAllLines(tmp.resolve("specific_heat_d1_nv20.csv"));
    assertEquals(1 + 6 * 4, csv.size(), "one row per (T, H) cell");
    for (Figure.Image i : images) {
      ReportImages.assertDrawn(tmp.resolve(i.file()), i.width(), i.height());
      assertFalse(i.caption().isBlank(), i.file());
    }
    assertEquals(new ArrayList<>(r.images()), ReportImages.imageSources(r.index()), "index shows every PNG written");
    try (Stream<Path> files = Files.list(tmp)) {
      Set<String> pngs = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png"))
          .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(expected, pngs, "no PNG beyond the indexed ones");
    }

    String html = Files.readString(r.index(), StandardCharsets.UTF_8);
    assertTrue(html.contains("synthetic"), "sweep name");
    assertTrue(html.contains("<td>24</td><td>20</td><td>3</td><td>1</td>"), "status counts");
    assertTrue(html.contains("0.400 ± 0.020") && html.contains("0.100 ± 0.010"), "fit parameters with errors");
    assertTrue(html.contains("fewer than 3 N_temp"), "NO_FIT reason");
    assertTrue(html.contains("No fitted curve for N_v = 36"), "the caption says which lattice has no curve");
  }

  @Test
  void figuresWithoutDataBecomeSentences(@TempDir Path tmp) throws Exception {
    ReportData empty = new ReportData("empty", new StatusCounts(0, 0, 2), List.of(), List.of(), List.of(),
        Selection.of(List.of()), List.of(), List.of(), List.of());
    Report.Result r = Report.write(empty, 4, tmp);
    assertEquals(List.of(), r.images());
    try (Stream<Path> files = Files.list(tmp)) {
      assertEquals(List.of("index.html"), files.map(p -> p.getFileName().toString()).toList());
    }
    assertEquals(8, r.sections().size());
    for (Section s : r.sections()) {
      assertFalse(s.figures().isEmpty(), s.heading());
      for (Figure f : s.figures()) {
        assertTrue(f instanceof Figure.Missing m && m.reason().endsWith("."), s.heading() + ": " + f);
      }
    }
    String html = Files.readString(r.index(), StandardCharsets.UTF_8);
    assertEquals(List.of(), ReportImages.imageSources(r.index()));
    assertTrue(html.contains("aggregate/fits has no rows"), html);
  }

  @Test
  void valuesWithErrorsShareTheirDecimalPlace() {
    assertEquals("2.11 ± 0.21", ChartStyle.pm(2.105, 0.2105));
    assertEquals("-0.048 ± 0.015", ChartStyle.pm(-0.04845, 0.01484));
    assertEquals("1.5", ChartStyle.pm(1.5, Double.NaN));
  }

  @Test
  void selectionTakesTheLowestNonFailedSeedAndTheLargestNTemp() {
    List<PointRef> candidates = List.of(
        ref("a", 2, 4, 4, 5, 1, "OK"), ref("b", 2, 4, 4, 5, 0, "FAILED"), ref("c", 2, 4, 9, 10, 3, "NOT_CONVERGED"),
        ref("d", 2, 4, 9, 10, 2, "OK"), ref("e", 1, 20, 2, 10, 0, "OK"));
    Selection s = Selection.of(candidates);
    assertEquals(List.of("e", "a", "d"), s.best().stream().map(PointRef::pointId).toList());
    assertEquals(List.of("e", "d"), s.representatives().stream().map(PointRef::pointId).toList());
  }

  @Test
  void patternsShownAreTheNonRandomOnesThenTheLowestRanks() {
    List<PatternRow> all = new ArrayList<>();
    for (int r = 0; r < 10; r++) {
      all.add(new PatternRow("p", r, 10 - r, 0, 0.5, r == 7 || r == 8, new float[4], 5));
    }
    assertEquals(List.of(0, 1, 7, 8), PatternFigure.shown(all, 4).stream().map(PatternRow::rank).toList());
    assertEquals(List.of(7), PatternFigure.shown(all, 1).stream().map(PatternRow::rank).toList());
  }

  @Test
  void reportPackageIsPureJava() {
    noClasses().that().resideInAPackage("org.rbmflow.report..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "org.apache.hadoop..",
            "org.apache.parquet..", "scala..", "org.rbmflow.spark..", "org.rbmflow.cli..")
        .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.rbmflow.report"));
  }

  private static PointRef ref(String id, int dim, int l, int nh, int nTemp, long seed, String status) {
    return PointRef.builder().pointId(id).dim(dim).l(l).nV(dim == 2 ? l * l : l).nH(nh).nTemp(nTemp).seed(seed)
        .status(org.rbmflow.common.PointStatus.valueOf(status)).nNonrandomPatterns(1).nPatternsTested(nh).build();
  }

  /** Two 2D lattices and a 1D ring, three N_temp, a few N_h, smooth made-up numbers. */
  static ReportData synthetic() {
    List<LatticeKey> lattices = List.of(new LatticeKey(2, 4, 16), new LatticeKey(2, 6, 36), new LatticeKey(1, 20, 20));
    List<Mean> means = new ArrayList<>();
    List<Optimal> optimal = new ArrayList<>();
    List<PointRef> candidates = new ArrayList<>();
    List<FlowRow> flows = new ArrayList<>();
    List<SpectrumRow> spectra = new ArrayList<>();
    List<PatternRow> patterns = new ArrayList<>();
    for (LatticeKey k : lattices) {
      double e0 = -k.dim();
      for (int nTemp : N_TEMPS) {
        int best = 0;
        double bestE = Double.POSITIVE_INFINITY;
        for (int nh : new int[] {1, 4, 9}) {
          double x = nh / (double) k.nV();
          double e = e0 + 0.4 * Math.pow(16.0 / k.nV(), 0.3) * Math.pow(nTemp, 0.1) + 0.8 * (x - 0.25) * (x - 0.25);
          means.add(Mean.builder().dim(k.dim()).l(k.l()).nV(k.nV()).nH(nh).nTemp(nTemp).nSeeds(2).energy(e)
              .energyErr(0.01 + 0.002 * nh).temperature(2.2 + x).temperatureErr(0.05)
              .randomFraction(0.5 / Math.sqrt(k.nV()) + 0.01 * nTemp / 20.0).randomFractionErr(0.01).variant("")
              .build());
          if (e < bestE) {
            bestE = e;
            best = nh;
          }
        }
        optimal.add(Optimal.builder().dim(k.dim()).l(k.l()).nV(k.nV()).nTemp(nTemp).bestNH(best).energy(bestE)
            .energyErr(0.01).temperature(2.2).temperatureErr(0.05).nSeeds(2).candidates("squares").variant("")
            .build());
        for (long seed = 0; seed < 2; seed++) {
          String id = k.tag() + "_t" + nTemp + "_h" + best + "_s" + seed;
          candidates.add(PointRef.builder().pointId(id).dim(k.dim()).l(k.l()).nV(k.nV()).nH(best).nTemp(nTemp)
              .seed(seed).status(org.rbmflow.common.PointStatus.OK).nNonrandomPatterns(3).nPatternsTested(best).build());
          if (seed == 0) {
            double[] ev = new double[k.nV()];
            for (int r = 0; r < best; r++) {
              ev[r] = 10 * Math.exp(-r * 1.5) / nTemp;
            }
            spectra.add(new SpectrumRow(id, ev));
            for (String start : List.of("T=min", "T=max")) {
              double from = start.equals("T=min") ? -2 : -0.5;
              for (int step = 0; step <= 200; step++) {
                double e = -1.5 + (from + 1.5) * Math.exp(-step / 30.0);
                flows.add(new FlowRow(id, start, step, e, 2.27 - (e + 1.5), step % 10 == 0 ? 2.3 - (e + 1.5) : Double.NaN));
              }
            }
            for (int r = 0; r < best; r++) {
              float[] v = new float[k.nV()];
              for (int j = 0; j < v.length; j++) {
                int x = j % k.l();
                int y = k.dim() == 2 ? j / k.l() : 0;
                v[j] = (float) Math.cos(2 * Math.PI * (r + 1) * (x + y) / k.l());
              }
              patterns.add(new PatternRow(id, r, ev[r], r < 2 ? 0.6 : 0.01, r < 2 ? 0.002 : 0.4, r < 2, v,
                  (ev[1] + ev[2]) / 2));
            }
          }
        }
      }
    }
    List<Fit> fits = List.of(
        new Fit(2, 4, 16, -2, 5, 3, new PowerLawFit(-2, 0.4, 0.02, 0.1, 0.01, 1.2, 1, 3, true, 0), null, ""),
        new Fit(2, 6, 36, -2, 100, 0, null, "fewer than 3 N_temp ≥ n_temp_min = 100", ""),
        new Fit(1, 20, 20, -1, 5, 3, new PowerLawFit(-1, 0.36, 0.03, 0.1, 0.02, 0.8, 1, 3, true, 0), null, ""));
    // two trainings of the 4×4 torus at N_temp = 5 evaluated at checkpoints 10 and 100 and at their end, 1000
    List<ReportData.TrainingRow> training = new java.util.ArrayList<>();
    for (int nh : new int[] {4, 9}) {
      for (int epochs : new int[] {10, 100, 1000}) {
        double t = 3.0 - 0.25 * Math.log10(epochs) - 0.05 * nh;
        training.add(ReportData.TrainingRow.builder().training("train-nh" + nh).dim(2).l(4).nV(16).nH(nh).nTemp(5)
            .seed(1).epochs(epochs).status(org.rbmflow.common.PointStatus.OK).fpEnergy(-2 + t / 4).fpTemperature(t)
            .topEigenvalue(5 * Math.pow(epochs, 0.3) * nh).build());
      }
    }
    return new ReportData("synthetic", new StatusCounts(20, 3, 1), means, optimal, fits, Selection.of(candidates),
        flows, spectra, patterns, training);
  }

  /**
   * A synthetic (T, H) map for the 1D lattice: C peaked along a ridge T = 1 + H, and two flows that run onto it.
   */
  private static HeatMap heatMap(ReportData data) {
    ReportData.PointRef p = data.selection().representatives().stream().filter(x -> x.dim() == 1).findFirst()
        .orElseThrow();
    List<org.rbmflow.analysis.SpecificHeatMap.Cell> cells = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j < 4; j++) {
        double t = 0.5 * i;
        double h = 0.5 * j;
        double c = t == 0 ? 0 : 0.6 * Math.exp(-(t - 1 - h) * (t - 1 - h));
        cells.add(new org.rbmflow.analysis.SpecificHeatMap.Cell(t, h, c, 0.02, -1 + 0.1 * t));
      }
    }
    java.util.Map<String, List<double[]>> flows = new java.util.LinkedHashMap<>();
    flows.put("T=0.0", List.of(new double[] {0, 0.2, 1.4}, new double[] {10, 1.5, 0.9}, new double[] {20, 1.9, 0.9}));
    flows.put("T=2.5", List.of(new double[] {0, 2.4, 0.3}, new double[] {10, 2.1, 0.9}, new double[] {20, 2.0, 1.0}));
    return new HeatMap(p.lattice(), p, 0.5, 0.5, cells, flows);
  }
}
