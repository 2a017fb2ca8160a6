package org.rbmflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code rbmflow point}: bad input table, CSV output, and the tables written by --out. */
class PointCommandTest {

  /** A cheap valid point. */
  static final List<String> BASE = List.of("point", "--l", "4", "--n-h", "4", "--n-temp", "5", "--t-step", "0.5",
      "--configs", "64", "--therm-sweeps", "50", "--probe-sweeps", "100", "--epochs", "3", "--flow-ensemble", "32",
      "--flow-steps", "40", "--flow-window", "10", "--calibration-step", "0.5", "--calibration-max-t", "3",
      "--calibration-configs", "20", "--classifier-step", "0", "--permutations", "49", "--threads", "1");



  static List<String> with(String... extra) {
    List<String> a = new ArrayList<>(BASE);
    a.addAll(Arrays.asList(extra));
    return a;
  }

  static Stream<Arguments> badInvocations() {
    return Stream.of(
        Arguments.of("l below 2", "--l", List.of("--l", "1")),
        Arguments.of("zero hidden units", "--n-h", List.of("--n-h", "0")),
        Arguments.of("zero temperatures", "--n-temp", List.of("--n-temp", "0")),
        Arguments.of("negative dT", "--t-step", List.of("--t-step", "-0.1")),
        Arguments.of("zero configs", "--configs", List.of("--configs", "0")),
        Arguments.of("zero epochs", "--epochs", List.of("--epochs", "0")),
        Arguments.of("negative learning rate", "--lr", List.of("--lr", "-1")),
        Arguments.of("cd-k zero", "--cd-k", List.of("--cd-k", "0")),
        Arguments.of("batch zero", "--batch", List.of("--batch", "0")),
        Arguments.of("momentum one", "--momentum", List.of("--momentum", "1")),
        Arguments.of("unknown flow start", "--flow-starts", List.of("--flow-starts", "T=0,sideways")),
        Arguments.of("flow start off the grid", "--flow-starts", List.of("--flow-starts", "T=0.3")),
        Arguments.of("duplicate flow starts", "--flow-starts", List.of("--flow-starts", "data,data")),
        Arguments.of("steps shorter than two windows", "--flow-steps", List.of("--flow-steps", "15")),
        Arguments.of("ensemble of one", "--flow-ensemble", List.of("--flow-ensemble", "1")),
        Arguments.of("malformed fields", "--fields", List.of("--fields", "0:1")),
        Arguments.of("alpha above 0.5", "--alpha", List.of("--alpha", "0.9")),
        Arguments.of("dim 3", "--dim", List.of("--dim", "3")),
        Arguments.of("unknown option", "--bogus", List.of("--bogus", "1")),
        Arguments.of("non-number", "--n-h", List.of("--n-h", "many")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInvocations")
  void badInputExitsTwoNamingTheOptionAndWritesNothing(String what, String option, List<String> extra, @TempDir Path tmp) {
    Path out = tmp.resolve("out");
    List<String> args = with(extra.toArray(String[]::new));
    args.addAll(List.of("--out", out.toString()));
    CliRun r = CliRun.run(args);
    assertEquals(2, r.code(), what + ": " + r.err());
    assertTrue(r.err().contains(option), what + ": message names " + option + ": " + r.err());
    assertTrue(r.err().contains("expected") || r.err().contains("Allowed") || r.err().contains("not an int"),
        what + ": says what is allowed: " + r.err());
    assertFalse(Files.exists(out), what + ": nothing written");
    assertEquals("", r.out(), what + ": nothing on stdout");
  }

  @Test
  void csvHoldsOneFixedPointPerStart(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("tables");
    CliRun r = CliRun.run(with("--flow-starts", "T=min,T=max,random", "--format", "csv", "--out", out.toString()));
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals("start,energy,energy_err,temperature,temperature_classifier,magnetization,converged_at_step,status,"
        + "epochs", lines.get(0));
    assertEquals(4, lines.size(), r.out());
    assertTrue(lines.get(1).startsWith("T=0.0,"), lines.get(1));
    assertTrue(lines.get(2).startsWith("T=2.0,"), lines.get(2));
    assertTrue(lines.get(3).startsWith("random,"), lines.get(3));
    for (String line : lines.subList(1, 4)) {
      String[] f = line.split(",");
      assertEquals(9, f.length, line);
      assertTrue(Double.parseDouble(f[1]) >= -2 && Double.parseDouble(f[1]) <= 2, line);
      assertTrue(f[7].equals("OK") || f[7].equals("NOT_CONVERGED"), line);
    }
    for (String table : List.of("points", "flows", "spectra", "patterns")) {
      assertTrue(Files.isDirectory(out.resolve(table)), table);
    }
    try (Stream<Path> files = Files.walk(out.resolve("points"))) {
      assertEquals(1, files.filter(p -> p.toString().endsWith(".parquet")).count());
    }
    assertTrue(Files.exists(out.resolve("points/n_v=16")), "points partitioned by n_v");
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
  }

  @Test
  void summaryNamesEveryPart() {
    CliRun r = CliRun.run(with());
    assertEquals(0, r.code(), r.err());
    for (String part : List.of("flow fixed points", "T=0.0", "T=2.0", "top eigenvalues", "non-random patterns", "training:")) {
      assertTrue(r.out().contains(part), "summary shows " + part + ":\n" + r.out());
    }
    assertTrue(r.out().matches("(?s).*non-random patterns: \\d+ of \\d+ \\(eigenvalues of WW\\^T above the permutation "
        + "null of the weights.*"), "the count is the spectrum null's:\n" + r.out());
  }

  /** --batch full --checkpoints: one fixed-point row per start and checkpoint, the epochs column says which. */
  @Test
  void checkpointsGiveOneRowPerStartAndEpoch(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("tables");
    CliRun r = CliRun.run(with("--flow-starts", "T=min,T=max", "--format", "csv", "--batch", "full", "--epochs", "6",
        "--checkpoints", "2,4", "--out", out.toString()));
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(7, lines.size(), r.out());
    List<String> epochs = lines.subList(1, 7).stream().map(l -> l.substring(l.lastIndexOf(',') + 1)).toList();
    assertEquals(List.of("2", "2", "4", "4", "6", "6"), epochs);
    try (var s = Files.list(out.resolve("points/n_v=16"))) {
      assertEquals(3, s.count(), "a points file per checkpoint and the point itself");
    }
    for (String[] bad : new String[][] {{"--checkpoints", "4,2"}, {"--checkpoints", "6"}, {"--checkpoints", "x"},
        {"--batch", "0"}, {"--batch", "fool"}}) {
      CliRun b = CliRun.run(with("--epochs", "6", bad[0], bad[1]));
      assertEquals(2, b.code(), String.join(" ", bad) + ": " + b.err());
      assertTrue(b.err().contains(bad[0] + ": ") && b.err().contains("expected"), b.err());
    }
  }
}
