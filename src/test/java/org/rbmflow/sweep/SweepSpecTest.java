package org.rbmflow.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.McSettings;
import org.rbmflow.random.SplitMix64;
import org.rbmflow.rbm.FlowStart;
import org.rbmflow.rbm.TrainingConfig;

class SweepSpecTest {

  static Path resource(String name) {
    try {
      return Path.of(SweepSpecTest.class.getResource("/specs/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static String text(String name) throws IOException {
    return Files.readString(resource(name), StandardCharsets.UTF_8);
  }

  static SweepSpec spec(String name) throws IOException, SpecException {
    return SweepSpec.read(resource(name));
  }

  static SpecException problems(String yaml) {
    return assertThrows(SpecException.class, () -> SweepSpec.parse(yaml, "inline.yaml"));
  }

  /** The YAML path of a problem line: everything before the first ": ". */
  static String path(String problem) {
    return problem.substring(0, problem.indexOf(": "));
  }

  /**
   * Every fixture in specs/bad/ names on its first line ({@code # expect: <yaml path>}) the path one of its problems
   * must start with; every problem must read "<path>: <what>; expected <allowed>".
   */
  @TestFactory
  Stream<DynamicTest> badSpecsNameTheirYamlPath() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(resource("bad"))) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertTrue(files.size() >= 15, "at least 15 malformed fixtures, found " + files.size());
    return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
      String yaml = Files.readString(f, StandardCharsets.UTF_8);
      String first = yaml.lines().findFirst().orElseThrow();
      assertTrue(first.startsWith("# expect: "), f + ": first line must be '# expect: <yaml path>'");
      String expected = first.substring("# expect: ".length()).strip();
      SpecException e = assertThrows(SpecException.class, () -> SweepSpec.read(f));
      assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(expected + ": ")),
          f.getFileName() + ": expected a problem at " + expected + ", got " + e.problems());
      for (String p : e.problems()) {
        assertTrue(p.contains(": ") && p.contains("; expected "), "problem format: " + p);
      }
      assertTrue(e.getMessage().contains(f.toString()), "message names the source");
    }));
  }

  @Test
  void fullSpecExpandsToTheGridInTheDocumentedOrder() throws Exception {
    SweepSpec s = spec("good/full.yaml");
    assertEquals("quickstart", s.name());
    assertEquals(List.of(Lattice.square(8), Lattice.square(10)), s.lattices());
    assertEquals(List.of(10, 25), s.nTemps());
    assertEquals(2, s.seeds().size());
    assertEquals("out/quickstart", s.output());
    List<GridPoint> grid = s.grid();
    assertEquals(2 * 3 * 2 * 2, grid.size());
    assertEquals(grid.size(), s.size());
    // lattice, n_temp, seed, n_h ascending (n_h fastest)
    List<String> coords = new ArrayList<>();
    for (GridPoint p : grid) {
      coords.add(p.lattice().l() + "/" + p.nTemp() + "/" + s.seeds().indexOf(p.seed()) + "/" + p.nh());
    }
    List<String> expected = new ArrayList<>();
    for (int l : new int[] {8, 10}) {
      for (int nt : new int[] {10, 25}) {
        for (int k = 0; k < 2; k++) {
          for (int nh : new int[] {4, 9, 16}) {
            expected.add(l + "/" + nt + "/" + k + "/" + nh);
          }
        }
      }
    }
    assertEquals(expected, coords);
    assertEquals(grid.size(), new HashSet<>(grid.stream().map(GridPoint::pointId).toList()).size(), "unique ids");
    for (GridPoint p : grid) {
      assertEquals("quickstart", p.sweep());
      assertEquals(200, p.configsPerTemp());
      assertEquals(0.25, p.tStep());
      assertArrayEquals(new double[] {0}, p.fields());
    }
    assertEquals(grid, s.grid(), "grid() is stable");
  }

  @Test
  void flowStartsTMinAndTMaxResolvePerNTemp() throws Exception {
    SweepSpec s = spec("good/full.yaml");
    assertEquals(List.of("T=min", "T=max"), s.flowStarts());
    for (GridPoint p : s.grid()) {
      List<FlowStart> starts = p.flow().starts();
      assertEquals(new FlowStart(FlowStart.Kind.TEMPERATURE, 0.0), starts.get(0));
      double tMax = p.nTemp() == 10 ? 2.25 : 6.0;
      assertEquals(new FlowStart(FlowStart.Kind.TEMPERATURE, tMax), starts.get(1), p.toString());
    }
    SweepSpec sq = spec("good/squares.yaml");
    assertEquals(List.of("T=min", "T=max", "T=1.5", "data", "random"), sq.flowStarts());
    assertEquals(List.of("T=0.0", "T=2.25", "T=1.5", "data", "random"),
        sq.grid().get(0).flow().starts().stream().map(FlowStart::label).toList());
  }

  @Test
  void minimalSpecTakesThePointCommandDefaults() throws Exception {
    SweepSpec s = spec("good/minimal.yaml");
    assertEquals(2, s.dim());
    assertEquals(List.of(Lattice.square(10)), s.lattices());
    assertEquals(List.of(16), s.nh().values(100));
    assertEquals(List.of(25), s.nTemps());
    assertEquals(List.of(SplitMix64.derive(1, SplitMix64.tag("seed"), 0)), s.seeds());
    assertEquals(1, s.masterSeed());
    assertEquals(0.25, s.tStep());
    assertArrayEquals(new double[] {0}, s.fields());
    assertEquals(500, s.configsPerTemp());
    assertEquals(new McSettings(1000, 1000, 0, 10_000), s.mc());
    assertEquals(new TrainingConfig(200, 0.01, 100, 1, 0, 0, false, 0.01, 0), s.training());
    assertEquals(List.of("T=min", "T=max"), s.flowStarts());
    assertEquals(1000, s.flow().ensemble());
    assertEquals(2000, s.flow().maxSteps());
    assertEquals(50, s.flow().window());
    assertEquals(0.002, s.flow().tolerance());
    assertEquals(AnalysisSettings.DEFAULT, s.analysis());
    assertNull(s.output());
    assertEquals(1, s.grid().size());
  }

  @Test
  void squaresRuleExpandsPerLattice() throws Exception {
    SweepSpec s = spec("good/squares.yaml");
    assertEquals(new SweepSpec.NhAxis.SquaresUpTo(0.5), s.nh());
    assertEquals(List.of(1, 4, 9, 16, 25, 36, 49), s.nh().values(100));
    assertEquals(List.of(1, 4, 9, 16, 25, 36, 49, 64, 81, 100, 121, 144, 169, 196), s.nh().values(400));
    assertEquals(7 + 14, s.grid().size());
    assertEquals(List.of(42L), s.seeds());
    assertEquals(List.of(1, 4, 9, 16, 25, 36, 49, 64, 81, 100), new SweepSpec.NhAxis.SquaresUpTo(1).values(100));
  }

  @Test
  void cappedListAndFieldRangesOnTheRing() throws Exception {
    SweepSpec s = spec("good/ring.yaml");
    assertEquals(1, s.dim());
    assertEquals(List.of(Lattice.ring(16), Lattice.ring(32)), s.lattices());
    assertEquals(List.of(2, 4, 8), s.nh().values(16));
    assertEquals(List.of(2, 4, 8, 16), s.nh().values(32));
    assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1, -0.5}, s.fields(), "spec order kept");
    assertEquals((3 + 4) * 3, s.grid().size());
    assertEquals(List.of("T=0.0", "T=3.0", "T=6.0"),
        s.grid().get(0).flow().starts().stream().map(FlowStart::label).toList());
  }

  @Test
  void seedsAreDerivedDeterministicallyFromTheMasterSeed() throws Exception {
    SweepSpec s = spec("good/ring.yaml");
    assertEquals(5, s.masterSeed());
    List<Long> expected = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      expected.add(SplitMix64.derive(5, SplitMix64.tag("seed"), k));
    }
    assertEquals(expected, s.seeds());
    assertEquals(s.seeds(), spec("good/ring.yaml").seeds(), "same spec, same seeds");
    SweepSpec other = SweepSpec.parse(text("good/ring.yaml").replace("master_seed: 5", "master_seed: 6"), "x");
    assertTrue(other.seeds().stream().noneMatch(s.seeds()::contains), "another master seed, other seeds");
    assertNotEquals(s.fingerprint(), other.fingerprint());
    assertEquals(List.of(1L, 3L, 7L), SweepSpec.parse("name: x\ngrid: {seeds: [7, 1, 3]}\n", "x").seeds());
  }

  @Test
  void fingerprintIgnoresLayoutCommentsAndOutputButNotResults() throws Exception {
    SweepSpec a = spec("good/full.yaml");
    SweepSpec b = spec("good/full-reordered.yaml");
    assertEquals(a.canonicalText(), b.canonicalText());
    assertEquals(a.fingerprint(), b.fingerprint());
    assertEquals(64, a.fingerprint().length());
    assertTrue(a.fingerprint().matches("[0-9a-f]{64}"));
    assertEquals(a.grid().stream().map(GridPoint::pointId).toList(), b.grid().stream().map(GridPoint::pointId).toList());
    assertNotEquals(a.output(), b.output());

    String full = text("good/full.yaml");
    SweepSpec epochs = SweepSpec.parse(full.replace("epochs: 200", "epochs: 201"), "x");
    assertNotEquals(a.fingerprint(), epochs.fingerprint());
    SweepSpec renamed = SweepSpec.parse(full.replace("name: quickstart", "name: quickstart2"), "x");
    assertNotEquals(a.fingerprint(), renamed.fingerprint(), "the name is part of the results (sweep column)");
    SweepSpec fields = SweepSpec.parse(full.replace("fields: [0]", "fields: [0, 0.5]"), "x");
    assertNotEquals(a.fingerprint(), fields.fingerprint());
    assertEquals(a.fingerprint(), SweepSpec.parse(full, "again").fingerprint(), "stable across parses");
    assertNotEquals(a, b, "equal fingerprints, but another output location");
  }

  @Test
  void everyProblemIsReportedNotJustTheFirst() {
    SpecException e = problems("""
        name: "bad name"
        dim: 2
        grid:
          n_v: [100, 50]
          n_h: [4, 200]
          n_temp: []
          seeds: [1, 1]
        t_step: -1
        training: {epochs: 10.5, learning_rate: fast, cd_k: 0}
        flow: {starts: [T=min, warm], max_steps: 10, window: 50}
        analysis: {alpha: 2}
        monte_carlo: {thermsweeps: 5}
        """);
    List<String> paths = e.problems().stream().map(SweepSpecTest::path).toList();
    for (String p : List.of("name", "grid.n_v[1]", "grid.n_h[1]", "grid.n_temp", "grid.seeds[1]", "t_step",
        "training.epochs", "training.learning_rate", "training.cd_k", "flow.starts[1]", "flow.max_steps",
        "analysis.alpha", "monte_carlo.thermsweeps")) {
      assertTrue(paths.contains(p), p + " missing from " + e.problems());
    }
  }

  @Test
  void messagesNameValueAndAllowedRange() {
    assertEquals(List.of("grid.n_h[2]: 200 exceeds the cap n_v = 100 of grid.l[0] = 10; expected n_h ≤ n_v for every "
        + "lattice (or {list: [...], max_fraction: 1.0} to keep per lattice only the values that fit)"),
        problems("name: x\ngrid: {l: [10], n_h: [4, 9, 200]}\n").problems());
    assertEquals(List.of("training.learning_rate: \"fast\" is not a number; expected a number in (0, 100]"),
        problems("name: x\ngrid: {}\ntraining: {learning_rate: \"fast\"}\n").problems());
    assertEquals(List.of("monte_carlo.thermsweeps: unknown key (did you mean therm_sweeps?); expected one of "
        + "therm_sweeps, probe_sweeps, decor_sweeps, max_decor_sweeps"),
        problems("name: x\ngrid: {}\nmonte_carlo: {thermsweeps: 5}\n").problems());
    assertEquals(List.of("flow.max_steps: 60 is out of range; expected an integer in [2·flow.window = 100, 10000000]"),
        problems("name: x\ngrid: {}\nflow: {max_steps: 60}\n").problems());
    String malformed = problems("name: x\ngrid: {l: [10]\nt_step: 1\n").problems().get(0);
    assertTrue(malformed.matches("\\(document\\): line \\d+, column \\d+: malformed YAML .*"), malformed);
  }

  @Test
  void valuesAreCheckedAgainstEachOtherNotAgainstTheDefaults() throws Exception {
    // 60 < 2·50 (the default window) but ≥ 2·10
    SweepSpec s = SweepSpec.parse("name: x\ngrid: {}\nflow: {max_steps: 60, window: 10}\n", "x");
    assertEquals(60, s.flow().maxSteps());
    assertEquals(10, s.flow().window());
    assertEquals(List.of("flow.max_steps: 60 is out of range; expected an integer in [2·flow.window = 200, 10000000]"),
        problems("name: x\ngrid: {}\nflow: {max_steps: 60, window: 100}\n").problems());
    // the window alone is fine, the default max_steps is not: reported as a combination
    assertEquals(List.of("flow.max_steps: 2000 (default) is not allowed with the other values; expected an integer in "
        + "[2·flow.window = 4000, 10000000]"), problems("name: x\ngrid: {}\nflow: {window: 2000}\n").problems());
    // auto decorrelation needs probe_sweeps ≥ 100, a fixed spacing does not
    assertEquals(50, SweepSpec.parse("name: x\ngrid: {}\nmonte_carlo: {probe_sweeps: 50, decor_sweeps: 5}\n", "x")
        .mc().probeSweeps());
    assertEquals("monte_carlo.probe_sweeps", path(problems("name: x\ngrid: {}\nmonte_carlo: {probe_sweeps: 50}\n")
        .problems().get(0)));
  }

  @Test
  void cappedRuleKeepsPerLatticeOnlyTheValuesThatFit() throws Exception {
    SweepSpec s = SweepSpec.parse("name: x\ngrid: {l: [4, 10], n_h: {list: [1, 4, 16, 64, 100]}}\n", "x");
    assertEquals(List.of(1, 4, 16), s.nh().values(16));
    assertEquals(List.of(1, 4, 16, 64, 100), s.nh().values(100));
    assertEquals(8, s.grid().size());
    // the plain list form refuses 100 > n_v = 16 instead
    assertEquals("grid.n_h[3]", path(problems("name: x\ngrid: {l: [4, 10], n_h: [1, 4, 16, 64, 100]}\n")
        .problems().get(0)));
  }

  @Test
  void aliasesReadAsTheValuesOfTheirAnchors() throws Exception {
    // the cases: a string alias (output) and a number alias in a list (seeds); also a list alias
    SweepSpec aliased = SweepSpec.parse("""
        name: &nm tiny
        configs_per_temp: &s 200
        grid: {l: &sides [4, 6], n_h: *sides, seeds: [*s, 5]}
        output: *nm
        """, "x");
    SweepSpec written = SweepSpec.parse("""
        name: tiny
        configs_per_temp: 200
        grid: {l: [4, 6], n_h: [4, 6], seeds: [200, 5]}
        output: tiny
        """, "y");
    assertEquals("tiny", aliased.output());
    assertEquals(List.of(5L, 200L), aliased.seeds());
    assertEquals(written, aliased);
    assertEquals(written.fingerprint(), aliased.fingerprint());
    // an alias keeps the anchor's type: a quoted number is a string, so not a seed
    assertEquals(List.of("grid.seeds[0]: \"7\" is not an integer; expected an integer"),
        problems("name: &n \"7\"\ngrid: {seeds: [*n]}\n").problems());
  }

  @Test
  void mergeKeysFillInASectionsUnsetKeys() throws Exception {
    SweepSpec merged = SweepSpec.parse("""
        name: m
        grid: {}
        training: {<<: [{epochs: 3, batch_size: 50}, {epochs: 4, cd_k: 2}], batch_size: 20}
        """, "x");
    assertEquals(3, merged.training().epochs());
    assertEquals(20, merged.training().batchSize());
    assertEquals(2, merged.training().cdK());
    assertEquals(List.of("training.<<: \"m\" cannot be merged; expected a mapping or a list of mappings (usually "
        + "aliases: <<: *defaults or <<: [*a, *b])"),
        problems("name: &n m\ngrid: {}\ntraining: {<<: *n}\n").problems());
  }

  @Test
  void unresolvableAliasesNameTheirPlace() {
    assertEquals(List.of("(document): line 3, column 9: the alias *nm has no anchor &nm before it; expected an alias "
        + "to an anchor defined earlier in the file"), problems("name: x\ngrid: {}\noutput: *nm\n").problems());
    String tooLong = problems("name: x\ngrid: {}\n# " + "x".repeat(SpecParser.MAX_CODE_POINTS) + "\n")
        .problems().get(0);
    assertEquals("(document): longer than 1048576 characters; expected a spec of at most 1048576 characters",
        tooLong);
  }

  @Test
  void readReportsTheFileAndParsesLikeParse() throws Exception {
    Path f = resource("good/full.yaml");
    assertEquals(SweepSpec.parse(Files.readString(f), "other"), SweepSpec.read(f));
  }

  @Test
  void constructorRejectsACanonicalTextThatDoesNotMatch() throws Exception {
    SweepSpec s = spec("good/full.yaml");
    assertThrows(IllegalArgumentException.class, () -> new SweepSpec(s.name(), s.dim(), s.lattices(), s.nh(), s.nTemps(),
        s.seeds(), s.masterSeed(), s.fields(), s.settings(), s.checkpoints(), s.flowStarts(), s.output(), s.aggregate(), s.limits(),
        "{}"));
    SweepSpec copy = new SweepSpec(s.name(), s.dim(), s.lattices(), s.nh(), s.nTemps(), s.seeds(), s.masterSeed(),
        s.fields(), s.settings(), s.checkpoints(), s.flowStarts(), s.output(), s.aggregate(), s.limits(), null);
    assertEquals(s, copy);
    assertEquals(s.fingerprint(), copy.fingerprint());
  }

  private static final String MINIMAL = """
      name: t
      grid: {l: [4], n_h: [4], n_temp: [5], seeds: 1}
      t_step: 0.5
      """;

  /** limits.point_timeout: seconds or a multiple of the estimate; it bounds the run, so it is not in the identity. */
  @Test
  void limitsBoundTheRunWithoutChangingTheIdentity() throws Exception {
    SweepSpec none = SweepSpec.parse(MINIMAL, "t");
    SweepSpec seconds = SweepSpec.parse(MINIMAL + "limits: {point_timeout: 600}\n", "t");
    SweepSpec factor = SweepSpec.parse(MINIMAL + "limits: {point_timeout: 2.5x}\n", "t");
    assertEquals(Limits.NONE, none.limits());
    assertEquals(600, seconds.limits().secondsFor(1), 0);
    assertEquals(25, factor.limits().secondsFor(10), 1e-12);
    assertEquals(Double.POSITIVE_INFINITY, none.limits().secondsFor(10));
    for (SweepSpec s : List.of(seconds, factor)) {
      assertEquals(none.fingerprint(), s.fingerprint(), "a limit changes no result");
      assertEquals(none.grid().get(0).pointId(), s.grid().get(0).pointId());
      assertEquals(s, SweepSpec.parse(s.document(), "document"), "document round trip keeps the limit");
      assertNotEquals(none, s);
    }
    for (String bad : List.of("0", "-5", "1e8", "abc", "0x", "2000x", "[600]", "x3")) {
      SpecException e = problems(MINIMAL + "limits: {point_timeout: " + bad + "}\n");
      assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("limits.point_timeout: ")
          && p.contains("expected seconds in (0, 10000000], or a multiple of the point's estimate")), bad + ": "
          + e.problems());
    }
    assertTrue(problems(MINIMAL + "limits: {timeout: 5}\n").problems().stream()
        .anyMatch(p -> p.startsWith("limits.timeout")));
  }

  /** batch_size: full and training.checkpoints survive the canonical form; absent, they leave it as it was. */
  @Test
  void fullBatchAndCheckpointsRoundTrip() throws Exception {
    SweepSpec plain = SweepSpec.parse(MINIMAL, "a.yaml");
    assertFalse(plain.canonicalText().contains("checkpoints"), "no checkpoints: the canonical form is unchanged");
    SweepSpec s = SweepSpec.parse(MINIMAL + "training: {epochs: 50, batch_size: full, checkpoints: [5, 20]}\n",
        "b.yaml");
    assertTrue(s.training().fullBatch());
    assertEquals(List.of(5, 20), s.checkpoints());
    assertTrue(s.canonicalText().contains("\"batch_size\":\"full\"") && s.canonicalText().contains("\"checkpoints\""),
        s.canonicalText());
    assertEquals(0, s.grid().get(0).training().batchSize());
    SweepSpec again = SweepSpec.parse(MINIMAL + "training: {checkpoints: [5, 20], batch_size: full, epochs: 50}\n",
        "c.yaml");
    assertEquals(s.fingerprint(), again.fingerprint());
    assertNotEquals(plain.fingerprint(), s.fingerprint());
  }

  @Test
  void badCheckpointsAndBatchSizesAreNamedByTheirPath() {
    for (String[] c : new String[][] {
        {"training: {epochs: 10, checkpoints: [5, 3]}", "training.checkpoints[1]", "increasing integers in [1, training.epochs − 1 = 9]"},
        {"training: {epochs: 10, checkpoints: [10]}", "training.checkpoints[0]", "= 9]"},
        {"training: {epochs: 10, checkpoints: [0]}", "training.checkpoints[0]", "= 9]"},
        {"training: {batch_size: fill}", "training.batch_size", "full (one update per epoch) or an integer in [1, 100000]"},
        {"training: {batch_size: 0}", "training.batch_size", "full"},
        {"training: {batch_size: full, persistent: true}", "training.persistent", "batch_size full"}}) {
      SpecException e = problems(MINIMAL + c[0] + "\n");
      assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(c[1] + ": ") && p.contains(c[2])),
          c[0] + " → " + e.problems());
    }
  }
}
