package org.rbmflow.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rbmflow.sweep.SpecParams.Param;

/**
 * The parameter schema drives the spec: for every scalar parameter, a value round-trips YAML → spec → document →
 * spec unchanged, a list of values makes it a grid axis (count, ids, columns, variant), a bad value is named by its
 * YAML path with the allowed range, and the fingerprint and the point id agree on what changes results.
 */
class SpecParamsTest {
  /** A small grid: 2 n_h values on one lattice. */
  private static final String GRID = "name: axes\ngrid: {l: [4], n_h: [2, 4], n_temp: [5], seeds: [7]}\n";

  /** A valid value other than the default, for every parameter. */
  static Object other(Param q) {
    return switch (q.path()) {
      case "dim" -> 1;
      case "master_seed" -> 5L;
      case "training.momentum", "training.weight_decay" -> 0.5;
      case "training.batch_size" -> 0;   // full
      case "monte_carlo.decor_sweeps" -> 7;
      case "analysis.classifier_step" -> 0.0;   // no classifier
      default -> switch (q.kind()) {
        case INT -> (Integer) q.defaultValue() + 1;
        case LONG -> (Long) q.defaultValue() + 1;
        case DOUBLE -> (Double) q.defaultValue() * 1.5;
        case BOOL -> !(Boolean) q.defaultValue();
        case INT_OR_AUTO, INT_OR_FULL -> 3;
      };
    };
  }

  /** A value of the right type that the parameter's record refuses, as YAML. */
  static String bad(Param q) {
    return switch (q.kind()) {
      case INT, LONG -> "-5";
      case DOUBLE -> "-1.5";
      case BOOL -> "sometimes";
      case INT_OR_AUTO, INT_OR_FULL -> "-3";
    };
  }

  /** The YAML of one parameter set to {@code value} (a YAML scalar or flow list) on top of {@link #GRID}. */
  static String with(Param q, String value) {
    String spec = GRID;
    if (q.path().equals("dim")) {
      spec = spec.replace("l: [4]", "l: [8]");   // 8 sites on a ring, n_h ≤ n_v still holds
    }
    if (q.path().equals("master_seed")) {
      spec = spec.replace("seeds: [7]", "seeds: 2");
    }
    return spec + (q.section().isEmpty() ? q.key() + ": " + value + "\n" : q.section() + ":\n  " + q.key() + ": " + value
        + "\n");
  }

  static String yaml(Param q, Object v) {
    Object c = q.canonical(v);
    return c instanceof java.math.BigDecimal d ? d.toPlainString() : String.valueOf(c);
  }

  static Stream<Param> params() {
    return SpecParams.ALL.stream();
  }

  static Stream<Param> axes() {
    return SpecParams.AXES.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("params")
  void everyParameterRoundTripsThroughTheSpecDocument(Param q) throws Exception {
    Object v = other(q);
    SweepSpec s = SweepSpec.parse(with(q, yaml(q, v)), "t");
    assertEquals(List.of(v), s.settings().of(q), q.path());
    SweepSpec back = SweepSpec.parse(s.document(), "document");
    assertEquals(s, back, q.path() + ":\n" + s.document());
    assertEquals(s.canonicalText(), back.canonicalText());
    assertEquals(s.grid(), back.grid());
    if (q.identity() && !q.path().equals("master_seed") && !q.path().equals("dim")) {
      assertNotEquals(SweepSpec.parse(GRID, "t").fingerprint(), s.fingerprint(), q.path() + " is in the fingerprint");
    }
  }

  @Test
  void theDefaultSpecRoundTripsToo() throws Exception {
    SweepSpec s = SweepSpec.parse(GRID, "t");
    assertEquals(s, SweepSpec.parse(s.document(), "document"));
    for (Param q : SpecParams.ALL) {
      assertEquals(List.of(q.defaultValue()), s.settings().of(q), q.path());
    }
  }

  /** The point id (parameterHash) and the fingerprint agree: a parameter changes both or neither. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("axes")
  void aParameterChangesThePointIdExactlyWhenItChangesTheFingerprint(Param q) throws Exception {
    SweepSpec base = SweepSpec.parse(GRID, "t");
    SweepSpec changed = SweepSpec.parse(with(q, yaml(q, other(q))), "t");
    boolean idChanged = !base.grid().get(0).pointId().equals(changed.grid().get(0).pointId());
    boolean fingerprintChanged = !base.fingerprint().equals(changed.fingerprint());
    assertEquals(q.identity(), idChanged, q.path() + " in the point id");
    assertEquals(q.identity(), fingerprintChanged, q.path() + " in the fingerprint");
  }

  @Test
  void monitorEveryChangesNoResultAndIsNoAxis() {
    Param m = SpecParams.byPath("training.monitor_every");
    assertFalse(m.identity());
    assertFalse(m.axis());
    SpecException e = assertThrows(SpecException.class,
        () -> SweepSpec.parse(GRID + "training: {monitor_every: [0, 5]}\n", "t"));
    assertTrue(e.problems().get(0).startsWith("training.monitor_every: a list; expected one value"), e.problems().toString());
  }

  /** A list on any axis parameter multiplies the grid; ids stay unique; the values reach the points and columns. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("axes")
  void aListOnAnyParameterExpandsTheGrid(Param q) throws Exception {
    Object a = q.defaultValue();
    Object b = other(q);
    SweepSpec s = SweepSpec.parse(with(q, "[" + yaml(q, a) + ", " + yaml(q, b) + "]"), "t");
    assertEquals(List.of(q), s.settings().varied());
    assertEquals(List.of(a, b), s.settings().of(q));
    List<GridPoint> grid = s.grid();
    assertEquals(4, grid.size(), "2 n_h × 2 values");
    assertEquals(4L, s.size());
    Set<String> ids = new HashSet<>();
    grid.forEach(p -> ids.add(p.pointId()));
    assertEquals(4, ids.size(), "unique ids");
    // n_h varies before the listed values: each n_h is followed by its variants
    assertEquals(List.of(a, b, a, b), grid.stream().map(q::of).toList());
    assertEquals(q.path() + "=" + q.text(b), s.variantOf(grid.get(1)));
    if (q.column() != null) {
      assertEquals(b, PointResult.settingsOf(grid.get(1)).get(q.column()), "the points column " + q.column());
    }
    // the same points as the two single-valued specs
    SweepSpec one = SweepSpec.parse(with(q, yaml(q, b)), "t");
    assertEquals(Set.copyOf(one.grid().stream().map(GridPoint::pointId).toList()),
        Set.of(grid.get(1).pointId(), grid.get(3).pointId()));
    assertEquals(s, SweepSpec.parse(s.document(), "document"), "a list round-trips too");
  }

  @Test
  void listsOfSeveralParametersMultiplyAndAreNamedInTheDryRunOrder() throws Exception {
    SweepSpec s = SweepSpec.parse(GRID + "training: {learning_rate: [0.1, 0.01], batch_size: [100, 1000, full]}\n"
        + "t_step: [0.25, 0.5]\n", "t");
    assertEquals(2 * 2 * 2 * 3, s.grid().size());
    assertEquals(List.of("t_step", "training.learning_rate", "training.batch_size"),
        s.settings().varied().stream().map(Param::path).toList());
    assertEquals("t_step=0.5, training.learning_rate=0.01, training.batch_size=full",
        s.variantOf(s.grid().get(s.grid().size() - 1)));
  }

  /** A bad value, alone or inside a list, is named by its YAML path (with the index) and the allowed range. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("axes")
  void aBadValueIsNamedByItsPathWithTheAllowedRange(Param q) {
    SpecException alone = assertThrows(SpecException.class, () -> SweepSpec.parse(with(q, bad(q)), "t"), q.path());
    assertEquals(1, alone.problems().size(), alone.problems().toString());
    String p = alone.problems().get(0);
    assertTrue(p.startsWith(q.path() + ": "), p);
    assertTrue(p.contains("expected"), p);
    SpecException listed = assertThrows(SpecException.class,
        () -> SweepSpec.parse(with(q, "[" + yaml(q, q.defaultValue()) + ", " + bad(q) + "]"), "t"), q.path());
    assertTrue(listed.problems().get(0).startsWith(q.path() + "[1]: "), listed.problems().toString());
    SpecException repeated = assertThrows(SpecException.class,
        () -> SweepSpec.parse(with(q, "[" + yaml(q, other(q)) + ", " + yaml(q, other(q)) + "]"), "t"), q.path());
    assertTrue(repeated.problems().get(0).contains("repeats " + q.path() + "[0]"), repeated.problems().toString());
    SpecException empty = assertThrows(SpecException.class, () -> SweepSpec.parse(with(q, "[]"), "t"));
    assertTrue(empty.problems().get(0).startsWith(q.path() + ": empty list"), empty.problems().toString());
  }

  @Test
  void combinationsOfListedValuesAreCheckedTogether() {
    // window 100 needs max_steps ≥ 200: the combination (max_steps 150, window 100) is refused, naming both
    SpecException e = assertThrows(SpecException.class,
        () -> SweepSpec.parse(GRID + "flow: {max_steps: [150, 400], window: [50, 100]}\n", "t"));
    assertEquals(List.of("flow.max_steps[0]: 150 is not allowed with the other values (window = 100); expected an "
        + "integer in [2·flow.window = 200, 10000000]"), e.problems());
    SpecException pcd = assertThrows(SpecException.class,
        () -> SweepSpec.parse(GRID + "training: {batch_size: [100, full], persistent: [false, true]}\n", "t"));
    assertTrue(pcd.problems().get(0).startsWith("training.persistent[1]: true is not allowed with the other values "
        + "(batch_size = full)"), pcd.problems().toString());
  }

  @Test
  void checkpointsMustBeBelowEveryListedEpochs() {
    SpecException e = assertThrows(SpecException.class,
        () -> SweepSpec.parse(GRID + "training: {epochs: [50, 20], checkpoints: [10, 30]}\n", "t"));
    assertTrue(e.problems().get(0).startsWith("training.checkpoints[1]: 30 is not allowed; expected increasing "
        + "integers in [1, training.epochs − 1 = 19]"), e.problems().toString());
  }

  @Test
  void aTStepListIsCheckedAgainstEveryNTempAndStart() {
    SpecException e = assertThrows(SpecException.class,
        () -> SweepSpec.parse("name: x\ngrid: {l: [4], n_temp: [5]}\nt_step: [0.25, 0.3]\nflow: {starts: [T=0.5]}\n",
            "t"));
    assertTrue(e.problems().get(0).contains("T=0.5 is not a training temperature"), e.problems().toString());
  }

  @Test
  void settingsRefuseWhatTheParserWould() {
    assertThrows(IllegalArgumentException.class,
        () -> new SpecParams.Settings(Map.of("training.epochs", List.of(5, 5))));
    assertThrows(IllegalArgumentException.class, () -> new SpecParams.Settings(Map.of("dim", List.of(1, 2))));
    assertEquals(6, new SpecParams.Settings(Map.of("training.epochs", List.of(1, 2, 3), "t_step", List.of(0.5, 1.0)))
        .combinations());
  }
}
