package org.rbmflow.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.McSettings;
import org.rbmflow.ising.MonteCarlo;
import org.rbmflow.ising.ObservableSummary;
import org.rbmflow.ising.Observables;

/** {@code rbmflow generate} through {@link Main#run}: bad input, CSV/table output, and the --out directory protocol. */
class GenerateCommandTest {

  static final String HEADER = "t,h,configs,energy,energy_err,magnetization,magnetization_err,abs_magnetization,"
      + "specific_heat,specific_heat_err,acceptance,tau_int,decor_sweeps,random_fraction";

  /** A cheap valid invocation; each case overrides some options. */
  private static final Map<String, String> BASE = baseOptions();

  private static Map<String, String> baseOptions() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("--dim", "2");
    m.put("--l", "4");
    m.put("--temps", "1,2");
    m.put("--configs", "64");
    m.put("--therm-sweeps", "20");
    m.put("--probe-sweeps", "100");
    m.put("--max-decor-sweeps", "20");
    m.put("--threads", "1");
    return m;
  }

  /** What the --out argument of a bad-input case points at. */
  enum Target { FRESH, EXISTING_FILE, NON_EMPTY_DIR }



  /** "generate" + BASE with overrides (value null removes the option) + extra raw arguments. */
  static List<String> generate(Map<String, String> overrides, String... extra) {
    Map<String, String> m = new LinkedHashMap<>(BASE);
    overrides.forEach((k, v) -> {
      if (v == null) {
        m.remove(k);
      } else {
        m.put(k, v);
      }
    });
    List<String> args = new ArrayList<>();
    args.add("generate");
    m.forEach((k, v) -> {
      args.add(k);
      args.add(v);
    });
    args.addAll(Arrays.asList(extra));
    return args;
  }

  private static Map<String, String> opt(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static Arguments bad(String name, Map<String, String> overrides, String option, String allowed) {
    return Arguments.of(name, overrides, new String[0], Target.FRESH, option, allowed);
  }

  // ------------------------------------------------------------------------------------------ bad input

  static Stream<Arguments> badInput() {
    return Stream.of(
        bad("negative T", opt("--temps", "-1"), "--temps", "0 ≤ T ≤ 1000"),
        bad("negative T in a list", opt("--temps", "0,-0.5,2"), "--temps", "expected temperatures"),
        bad("negative T from a range", opt("--temps", "-1:2:0.5"), "--temps", "expected temperatures"),
        bad("T > 1000", opt("--temps", "1000.5"), "--temps", "≤ 1000"),
        bad("T not a number", opt("--temps", "abc"), "--temps", "expected numbers"),
        bad("T NaN", opt("--temps", "NaN"), "--temps", "expected numbers"),
        bad("T Infinity", opt("--temps", "Infinity"), "--temps", "expected numbers"),
        bad("empty list", opt("--temps", ""), "--temps", "expected numbers"),
        bad("empty list item", opt("--temps", "1,,2"), "--temps", "expected numbers"),
        bad("trailing comma", opt("--temps", "1,2,"), "--temps", "expected numbers"),
        bad("range without step", opt("--temps", "0:6"), "--temps", "start:end:step"),
        bad("range with four parts", opt("--temps", "0:6:0.5:1"), "--temps", "start:end:step"),
        bad("range with zero step", opt("--temps", "0:6:0"), "--temps", "must be > 0"),
        bad("range with negative step", opt("--temps", "0:6:-0.5"), "--temps", "must be > 0"),
        bad("range end < start", opt("--temps", "6:0:0.5"), "--temps", "expected start ≤ end"),
        bad("range too long", opt("--temps", "0:1000:0.001"), "--temps", "more than 100000"),
        bad("duplicate temperatures", opt("--temps", "1,2,1"), "--temps", "expected distinct"),
        bad("duplicate after rounding", opt("--temps", "0.3,0.1:0.3:0.1"), "--temps", "expected distinct"),
        bad("duplicate inside range overlap", opt("--temps", "0:6:0.25,3"), "--temps", "expected distinct"),
        bad("l = 1", opt("--l", "1"), "--l", "[2, 128]"),
        bad("l = 200 in 2D", opt("--l", "200"), "--l", "[2, 128]"),
        bad("l = 1 in 1D", opt("--dim", "1", "--l", "1"), "--l", "[2, 16384]"),
        bad("l = 20000 in 1D", opt("--dim", "1", "--l", "20000"), "--l", "[2, 16384]"),
        bad("dim 3", opt("--dim", "3"), "--dim", "1 (ring) or 2"),
        bad("dim 0", opt("--dim", "0"), "--dim", "1 (ring) or 2"),
        bad("dim not an integer", opt("--dim", "x"), "--dim", "int"),
        bad("configs 0", opt("--configs", "0"), "--configs", "[1, 1000000]"),
        bad("configs negative", opt("--configs", "-5"), "--configs", "[1, 1000000]"),
        bad("configs too many", opt("--configs", "1000001"), "--configs", "[1, 1000000]"),
        bad("more spins than the heap", opt("--l", "128", "--configs", "1000000", "--temps", "0:100:1"),
            "--configs", "half the heap"),
        bad("fields 1000", opt("--fields", "1000"), "--fields", "≤ 100"),
        bad("fields below -100", opt("--fields", "-100.5"), "--fields", "≤ 100"),
        bad("fields duplicate", opt("--fields", "0,0.5,0"), "--fields", "expected distinct"),
        bad("fields malformed range", opt("--fields", "0:1"), "--fields", "start:end:step"),
        bad("decor-sweeps 0", opt("--decor-sweeps", "0"), "--decor-sweeps", "'auto' or an integer"),
        bad("decor-sweeps x", opt("--decor-sweeps", "x"), "--decor-sweeps", "'auto' or an integer"),
        bad("decor-sweeps negative", opt("--decor-sweeps", "-3"), "--decor-sweeps", "'auto' or an integer"),
        bad("probe-sweeps 10 with auto spacing", opt("--probe-sweeps", "10"), "--probe-sweeps", "≥ 100"),
        bad("therm-sweeps negative", opt("--therm-sweeps", "-1"), "--therm-sweeps", "[0, 10000000]"),
        bad("max-decor-sweeps 0", opt("--max-decor-sweeps", "0"), "--max-decor-sweeps", "[1, 10000000]"),
        bad("threads 0", opt("--threads", "0"), "--threads", "[1, 4096]"),
        bad("threads 5000", opt("--threads", "5000"), "--threads", "[1, 4096]"),
        bad("seed not a number", opt("--seed", "abc"), "--seed", "long"),
        bad("format xml", opt("--format", "xml"), "--format", "expected one of [table, csv]"),
        Arguments.of("unknown option", opt(), new String[] {"--bogus", "3"}, Target.FRESH, "--bogus", "--help"),
        Arguments.of("out is a regular file", opt(), new String[0], Target.EXISTING_FILE, "--out",
            "expected a directory"),
        Arguments.of("out is a non-empty directory", opt(), new String[0], Target.NON_EMPTY_DIR, "--out",
            "did not write"),
        Arguments.of("out holds user files, with --overwrite", opt(), new String[] {"--overwrite"},
            Target.NON_EMPTY_DIR, "--out", "did not write"));
  }

  @ParameterizedTest(name = "{0}: {1} {2}")
  @MethodSource("badInput")
  void badInputExitsWithTwoAndWritesNothing(String name, Map<String, String> overrides, String[] extra, Target target,
      String option, String allowed, @TempDir Path tmp) throws IOException {
    Path out = switch (target) {
      case FRESH -> tmp.resolve("out");
      case EXISTING_FILE -> Files.writeString(tmp.resolve("out"), "not a directory");
      case NON_EMPTY_DIR -> {
        Path d = Files.createDirectory(tmp.resolve("out"));
        Files.writeString(d.resolve("keep.txt"), "old result");
        yield d;
      }
    };
    Map<String, String> before = snapshot(tmp);
    List<String> args = generate(overrides, extra);
    args.add("--out");
    args.add(out.toString());

    CliRun r = CliRun.run(args);

    assertAll(name,
        () -> assertEquals(2, r.code(), "exit code; stderr:\n" + r.err()),
        () -> assertTrue(r.err().contains(option), "stderr should name " + option + ":\n" + r.err()),
        () -> assertTrue(r.err().contains(allowed), "stderr should say what is allowed (" + allowed + "):\n" + r.err()),
        () -> assertEquals("", r.out(), "nothing on stdout"),
        () -> assertEquals(before, snapshot(tmp), "nothing written under " + tmp),
        () -> assertEquals(target != Target.FRESH, Files.exists(out), "--out must not be created"));
  }

  @Test
  void everyProblemIsReportedOnItsOwnLine(@TempDir Path tmp) {
    CliRun r = CliRun.run(generate(opt("--l", "1", "--configs", "0", "--temps", "-1", "--threads", "0"),
        "--out", tmp.resolve("out").toString()));
    assertEquals(2, r.code(), r.err());
    List<String> lines = r.err().lines().collect(Collectors.toList());
    for (String option : List.of("--l", "--configs", "--temps", "--threads")) {
      assertEquals(1, lines.stream().filter(l -> l.contains(option + ":") && l.contains("expected")).count(),
          option + " in:\n" + r.err());
    }
    assertFalse(Files.exists(tmp.resolve("out")));
  }

  /** Every file and directory under root, relative, with the content of regular files. */
  private static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        m.put(root.relativize(p).toString(), Files.isRegularFile(p) ? Files.readString(p) : "<dir>");
      }
    }
    return m;
  }

  // ------------------------------------------------------------------------------------------ output

  static Stream<Arguments> csvCases() {
    return Stream.of(
        Arguments.of(2, 4, "0,1.5,3", "0,0.5"),
        Arguments.of(1, 20, "0:1:0.5", "-0.25,0"));
  }

  @ParameterizedTest(name = "dim={0} l={1} temps={2} fields={3}")
  @MethodSource("csvCases")
  void csvIsExactlyHeaderAndOneRowPerPoint(int dim, int l, String temps, String fields) {
    PrintStream stdout = System.out;
    ByteArrayOutputStream stray = new ByteArrayOutputStream();
    CliRun r;
    try {
      System.setOut(new PrintStream(stray, true, StandardCharsets.UTF_8));
      r = CliRun.run(generate(opt("--dim", "" + dim, "--l", "" + l, "--temps", temps, "--fields", fields, "--threads", "2",
          "--seed", "5", "--format", "csv")));
    } finally {
      System.setOut(stdout);
    }
    assertEquals(0, r.code(), r.err());
    assertEquals("", stray.toString(StandardCharsets.UTF_8), "nothing may bypass the command's stdout");

    double[] ts = NumberList.parse(temps);
    double[] hs = NumberList.parse(fields);
    List<double[]> rows = parseCsv(r.out());
    assertEquals(ts.length * hs.length, rows.size());
    Lattice lattice = new Lattice(dim, l);
    McSettings settings = new McSettings(20, 100, 0, 20);
    int k = 0;
    for (double t : ts) {
      for (double h : hs) {
        double[] row = rows.get(k++);
        assertEquals(MonteCarlo.canonical(t), row[0], 0.0, "t of row " + k);
        assertEquals(MonteCarlo.canonical(h), row[1], 0.0, "h of row " + k);
        assertEquals(64, row[2], 0.0, "configs");
        for (int c = 0; c < row.length; c++) {
          assertTrue(Double.isFinite(row[c]), GenerateCommandTest.HEADER.split(",")[c] + " of row " + k);
        }
        assertTrue(row[3] >= -dim - Math.abs(h) - 1e-12 && row[3] <= dim + Math.abs(h), "energy per spin " + row[3]);
        assertTrue(Math.abs(row[5]) <= 1 && row[7] >= Math.abs(row[5]) - 1e-12 && row[7] <= 1, "magnetizations");
        assertTrue(row[13] >= 0 && row[13] <= 1, "random_fraction");
        // the CLI reports what the library computes for the same (lattice, T, H, seed)
        ObservableSummary s = Observables.summarise(MonteCarlo.generate(lattice, t, h, 5L, 64, settings));
        assertArrayEquals(new double[] {s.temperature(), s.field(), s.configs(), s.energy(), s.energyErr(),
            s.magnetization(), s.magnetizationErr(), s.absMagnetization(), s.specificHeat(), s.specificHeatErr(),
            s.acceptance(), s.tauInt(), s.decorSweeps(), s.randomFraction()}, row, "row " + k);
      }
    }
  }

  /** Checks the header and returns the rows as numbers (rows must have exactly the header's 14 columns). */
  static List<double[]> parseCsv(String text) {
    List<String> lines = text.lines().collect(Collectors.toList());
    assertFalse(lines.isEmpty(), "no output");
    assertEquals(HEADER, lines.get(0));
    assertTrue(text.endsWith("\n"), "last line terminated");
    List<double[]> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      assertEquals(14, cells.length, "columns in '" + line + "'");
      double[] v = new double[cells.length];
      for (int c = 0; c < cells.length; c++) {
        v[c] = Double.parseDouble(cells[c]);
      }
      assertEquals(Math.rint(v[2]), v[2], "configs is an integer: " + line);
      assertEquals(Math.rint(v[12]), v[12], "decor_sweeps is an integer: " + line);
      rows.add(v);
    }
    return rows;
  }

  @Test
  void csvOfAShorterTemperatureRangeIsAPrefixOfTheLongerOne() {
    CliRun shortRun = CliRun.run(generate(opt("--temps", "0:0.4:0.1", "--fields", "0,0.3", "--format", "csv")));
    CliRun longRun = CliRun.run(generate(opt("--temps", "0:0.9:0.1", "--fields", "0,0.3", "--format", "csv",
        "--threads", "2")));
    assertEquals(0, shortRun.code(), shortRun.err());
    assertEquals(0, longRun.code(), longRun.err());
    List<String> a = shortRun.out().lines().collect(Collectors.toList());
    List<String> b = longRun.out().lines().collect(Collectors.toList());
    assertEquals(1 + 5 * 2, a.size());
    assertEquals(1 + 10 * 2, b.size());
    assertEquals(a, b.subList(0, a.size()));
  }

  @Test
  void rangesAreComputedNotAccumulated() {
    double[] n700 = NumberList.parse("0:69.9:0.1");
    double[] n1000 = NumberList.parse("0:99.9:0.1");
    assertEquals(700, n700.length);
    assertEquals(1000, n1000.length);
    assertArrayEquals(n700, Arrays.copyOf(n1000, 700));
    assertEquals(25, NumberList.parse("0:6:0.25").length);
    assertArrayEquals(new double[] {0, 0.5, 2.269}, NumberList.parse("0,0.5,2.269"));
    assertArrayEquals(new double[] {1, 0, 0.5, 1}, NumberList.parse(" 1 , 0:1:0.5"));
  }

  @Test
  void tableShowsEveryColumnNameAndOneLinePerPoint() {
    CliRun r = CliRun.run(generate(opt("--temps", "0.5,2", "--fields", "0,0.1,0.2", "--format", "table")));
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().collect(Collectors.toList());
    assertEquals(1 + 2 * 3, lines.size(), r.out());
    assertFalse(r.out().contains(HEADER), "table format is not CSV");
    List<String> header = List.of(lines.get(0).trim().split("\\s+"));
    assertEquals(GenerateCommand.COLUMNS, header, "table header:\n" + lines.get(0));
    for (String line : lines.subList(1, lines.size())) {
      assertEquals(14, line.trim().split("\\s+").length, line);
    }
  }

  // ------------------------------------------------------------------------------------------ --out

  /** Where --out may point: (label, how to build the argument from a fresh temp dir). */
  static Stream<Arguments> outTargets() {
    return Stream.of(
        Arguments.of("absent nested directory", (OutArg) tmp -> tmp.resolve("runs/first").toString()),
        Arguments.of("absent directory with trailing slash", (OutArg) tmp -> tmp.resolve("out") + "/"),
        Arguments.of("existing empty directory",
            (OutArg) tmp -> Files.createDirectory(tmp.resolve("out")).toString()),
        Arguments.of("file: URI", (OutArg) tmp -> tmp.resolve("out").toUri().toString().replaceAll("/$", "")),
        Arguments.of("file: URI with trailing slash", (OutArg) tmp -> tmp.resolve("out").toUri() + "/"));
  }

  interface OutArg {
    String make(Path tmp) throws IOException;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outTargets")
  void outCommitsBothTablesWithSuccessMarker(String label, OutArg target, @TempDir Path tmp) throws IOException {
    String arg = target.make(tmp);
    CliRun r = CliRun.run(generate(opt(), "--out", arg));
    assertEquals(0, r.code(), label + " (--out " + arg + "): " + r.err());
    Path out = arg.startsWith("file:") ? Path.of(java.net.URI.create(arg)) : Path.of(arg);
    assertCommitted(out);
  }

  @Test
  void rerunWithoutOverwriteIsRefusedAndLeavesTheOutputAlone(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("out");
    CliRun first = CliRun.run(generate(opt("--seed", "1"), "--out", out.toString()));
    assertEquals(0, first.code(), first.err());
    Map<String, String> committed = listing(out);

    CliRun again = CliRun.run(generate(opt("--seed", "2"), "--out", out.toString()));
    assertEquals(2, again.code(), again.err());
    assertTrue(again.err().contains("--out") && again.err().contains("--overwrite"), again.err());
    assertEquals("", again.out());
    assertEquals(committed, listing(out));
    assertNoStaging(out);
  }

  @Test
  void rerunWithOverwriteReplacesTheOutput(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("out");
    CliRun first = CliRun.run(generate(opt("--seed", "1"), "--out", out.toString()));
    assertEquals(0, first.code(), first.err());
    Map<String, String> committed = listing(out);

    CliRun replaced = CliRun.run(generate(opt("--seed", "2"), "--out", out.toString(), "--overwrite"));
    if (replaced.code() != 0) {
      Map<String, String> now = listing(out);
      fail("--overwrite failed with exit " + replaced.code() + ": " + replaced.err().strip() + "\nold output "
          + (now.equals(committed) ? "kept" : "LOST, the directory now holds " + now.keySet()));
    }
    assertCommitted(out);
    assertEquals(committed.keySet(), listing(out).keySet());
    assertFalse(committed.equals(listing(out)), "--overwrite must replace the data (seed 1 -> seed 2)");
  }

  private static void assertCommitted(Path out) throws IOException {
    assertTrue(Files.isDirectory(out.resolve("configurations")), "configurations/");
    assertTrue(Files.isDirectory(out.resolve("observables")), "observables/");
    for (String table : List.of("configurations", "observables")) {
      try (Stream<Path> s = Files.list(out.resolve(table))) {
        assertTrue(s.anyMatch(p -> p.getFileName().toString().endsWith(".parquet")), table + " has a Parquet file");
      }
    }
    boolean marker = Files.exists(out.resolve("_SUCCESS"))
        || (Files.exists(out.resolve("configurations/_SUCCESS")) && Files.exists(out.resolve("observables/_SUCCESS")));
    assertTrue(marker, "_SUCCESS marker in " + listing(out).keySet());
    assertNoStaging(out);
  }

  private static void assertNoStaging(Path out) throws IOException {
    for (Path dir : List.of(out.getParent(), out)) {
      try (Stream<Path> s = Files.list(dir)) {
        List<String> hidden = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("."))
            .collect(Collectors.toList());
        assertEquals(List.of(), hidden, "hidden leftovers in " + dir);
      }
    }
  }

  /** Relative path → size and content hash of every regular file under dir. */
  private static Map<String, String> listing(Path dir) throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
        m.put(dir.relativize(p).toString(), Files.size(p) + ":" + Arrays.hashCode(Files.readAllBytes(p)));
      }
    }
    return m;
  }
}
