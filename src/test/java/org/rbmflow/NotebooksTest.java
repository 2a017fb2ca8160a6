package org.rbmflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.rbmflow.table.Table;
import org.rbmflow.table.Tables;

/**
 * The Jupyter notebooks under {@code notebooks/}: well-formed nbformat 4, valid Python, and reading only tables and
 * columns that the code writes.
 *
 * <p><b>Convention the notebooks follow, and extraction rule this test applies</b> (the extractor is
 * {@code src/test/resources/org/rbmflow/notebook_refs.py}, run with {@code python3}; it walks the Python AST of every
 * code cell, so comments and free text in strings never count):
 *
 * <ul>
 *   <li><b>Tables</b> are read only through {@code load("name", ...)} from {@code notebooks/rbmflow_tables.py}, with a
 *       string literal name. Every such name must be one of {@code points, flows, spectra, patterns, means, optimal,
 *       fits}. A {@code load} call without a literal name, and calls of pandas' {@code read_*}, Spark's
 *       {@code .parquet}, {@code .query} or {@code .eval} (which would hide table or column names), are violations.
 *   <li><b>Columns</b> are the string literals (single or double quotes, alone or in a list/tuple literal) found
 *       <ol>
 *         <li>as a subscript: {@code df["c"]}, {@code df[["a", "b"]]}, {@code row["c"]}, {@code df.loc[:, "c"]} —
 *             every string literal subscript is a column name, so notebooks do not subscript dicts or
 *             {@code rcParams} with string literals;
 *         <li>as a positional argument of {@code .groupby}, {@code .sort_values}, {@code .set_index}, {@code .pivot},
 *             {@code .pivot_table}, {@code .drop_duplicates}, {@code .nlargest}, {@code .nsmallest},
 *             {@code .explode};
 *         <li>as the value of a keyword argument {@code x, y, xerr, yerr, by, on, left_on, right_on, columns, values,
 *             index, subset, hue} of any call.
 *       </ol>
 *       A subscript assigned to ({@code df["c"] = ...}) defines a derived column {@code c} and is not checked.
 *       Column names built at run time (f-strings, variables) are not checked; the notebooks do not use them.
 * </ul>
 *
 * <p>Every column of a notebook must exist in at least one of the tables that notebook loads (or be defined by it):
 * every table's columns are those of the table registry ({@link Tables#SWEEP}).
 *
 * <p>{@code python3} must be on the PATH (CI installs it in {@code .ci/run}): without it these tests fail. The
 * nbformat validation also needs Debian's {@code python3-nbformat} (installed by {@code .ci/run}); outside CI it is
 * skipped when no interpreter can import {@code nbformat}. {@link NotebooksRunIT} executes the notebooks.
 */
class NotebooksTest {
  static final Path DIR = Path.of("notebooks");
  static final List<String> NOTEBOOKS = List.of("01_flows.ipynb", "02_fixed_point_vs_nh.ipynb",
      "03_power_law_fit.ipynb", "04_spectra_and_patterns.ipynb", "05_random_fraction.ipynb");
  static final String OUT_LINE = "OUT = os.environ.get(\"RBMFLOW_OUT\", \"out/quickstart\")";
  static final ObjectMapper JSON = new ObjectMapper();

  /** Table name → the columns the code writes, from the schemas in {@code org.rbmflow.spark}. */
  static Map<String, Set<String>> schemas() {
    Map<String, Set<String>> m = new LinkedHashMap<>();
    for (Table<?> t : Tables.SWEEP) {
      m.put(t.name(), new LinkedHashSet<>(t.names()));
    }
    return m;
  }

  @Test
  void everyTableHasASchema() {
    assertEquals(Set.copyOf(Tables.VIEWS), schemas().keySet());
  }

  @Test
  void theFiveNotebooksAndTheLoaderArePresent() throws IOException {
    Set<String> found = notebooks().stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    assertTrue(found.containsAll(NOTEBOOKS), "notebooks/ holds " + found);
    assertTrue(Files.isRegularFile(DIR.resolve("rbmflow_tables.py")));
  }

  @Test
  void everyNotebookIsNbformat4WithEmptyOutputs() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Path nb : notebooks()) {
      String name = nb.getFileName().toString();
      JsonNode root = JSON.readTree(nb.toFile());
      if (root.path("nbformat").asInt(-1) != 4 || !root.path("nbformat").isInt()) {
        problems.add(name + ": nbformat is " + root.get("nbformat") + ", not 4");
      }
      if (!root.path("nbformat_minor").isInt()) {
        problems.add(name + ": nbformat_minor is not an integer");
      }
      JsonNode ks = root.path("metadata").path("kernelspec");
      if (!"python3".equals(ks.path("name").asText()) || !ks.path("display_name").isTextual()
          || !"python".equals(ks.path("language").asText())) {
        problems.add(name + ": metadata.kernelspec is " + ks + ", not the python3 kernel");
      }
      JsonNode cells = root.path("cells");
      if (!cells.isArray() || cells.isEmpty()) {
        problems.add(name + ": no cells");
        continue;
      }
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < cells.size(); i++) {
        JsonNode c = cells.get(i);
        String where = name + " cell " + i;
        String type = c.path("cell_type").asText();
        if (!type.equals("markdown") && !type.equals("code")) {
          problems.add(where + ": cell_type " + c.get("cell_type"));
        }
        if (!c.path("metadata").isObject()) {
          problems.add(where + ": no metadata object");
        }
        JsonNode src = c.get("source");
        boolean sourceOk = src != null && (src.isTextual() || src.isArray() && allText(src));
        if (!sourceOk) {
          problems.add(where + ": source is neither a string nor a list of strings");
        }
        if (root.path("nbformat_minor").asInt() >= 5 && !(c.path("id").isTextual() && ids.add(c.path("id").asText()))) {
          problems.add(where + ": missing or duplicate cell id (required from nbformat 4.5)");
        }
        if (type.equals("code")) {
          if (!c.path("outputs").isArray() || !c.path("outputs").isEmpty()) {
            problems.add(where + ": outputs must be an empty list (commit notebooks without outputs)");
          }
          if (!c.has("execution_count") || !c.get("execution_count").isNull()) {
            problems.add(where + ": execution_count must be null");
          }
        } else if (c.has("outputs") || c.has("execution_count")) {
          problems.add(where + ": a markdown cell with outputs or execution_count");
        }
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void everyNotebookStartsWithOutAndReadsThroughTheLoader() throws IOException {
    for (Path nb : notebooks()) {
      List<String> code = codeCells(nb);
      assertFalse(code.isEmpty(), nb + " has no code cell");
      assertTrue(code.get(0).contains(OUT_LINE), nb + ": the first code cell must set " + OUT_LINE);
      assertTrue(code.stream().anyMatch(c -> c.contains("from rbmflow_tables import load")),
          nb + ": tables are read with rbmflow_tables.load");
    }
  }

  @Test
  void codeIsPythonAndReadsOnlyTablesAndColumnsTheCodeWrites() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Path nb : notebooks()) {
      References r = extract(codeCells(nb));
      if (r.tables().isEmpty()) {
        problems.add(nb.getFileName() + ": loads no table");
      }
      problems.addAll(problems(nb.getFileName().toString(), r));
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  /** The checker itself: each extraction form is seen, and bogus tables, columns and code are reported. */
  @Test
  void extractorReportsBogusColumnsTablesAndCode() {
    String snippet = """
        import os
        df = load("flows", OUT)
        plt.plot(df["step"], df["bogus_subscript"])
        df[["energy", "bogus_list"]].mean()
        df.groupby("bogus_groupby")["temperature"].mean()
        df.sort_values(["start", "bogus_sort"])
        df.plot(x="bogus_kw", y='magnetization')
        df.merge(df, on=["point_id", "bogus_on"])
        df["derived"] = df["energy"] * 2
        df["derived"].max()
        df["best_n_h"]  # a column of optimal, which this snippet does not load
        plt.title("df['not_a_column'] in a string")  # df["nor_in_a_comment"]
        """;
    References r = extract(List.of(snippet));
    assertEquals(Set.of("flows"), r.tables());
    List<String> p = problems("snippet", r);
    for (String bogus : List.of("bogus_subscript", "bogus_list", "bogus_groupby", "bogus_sort", "bogus_kw",
        "bogus_on", "best_n_h")) {
      assertTrue(p.stream().anyMatch(s -> s.contains("\"" + bogus + "\"")), bogus + " not reported: " + p);
    }
    for (String fine : List.of("step", "energy", "temperature", "start", "magnetization", "point_id", "derived",
        "not_a_column", "nor_in_a_comment")) {
      assertTrue(p.stream().noneMatch(s -> s.contains("\"" + fine + "\"")), fine + " reported: " + p);
    }
    assertEquals(7, p.size(), String.join("\n", p));

    List<String> more = problems("snippet", extract(List.of(
        "t = load(\"nope\")\nu = load(name)\nv = pd.read_parquet(f\"{OUT}/points\")\nt.query(\"energy < 0\")",
        "for x in range(3)\n    pass")));
    assertTrue(more.stream().anyMatch(s -> s.contains("unknown table \"nope\"")), String.join("\n", more));
    assertTrue(more.stream().anyMatch(s -> s.contains("load() without a string literal")), String.join("\n", more));
    assertTrue(more.stream().anyMatch(s -> s.contains(".read_parquet()")), String.join("\n", more));
    assertTrue(more.stream().anyMatch(s -> s.contains(".query()")), String.join("\n", more));
    assertTrue(more.stream().anyMatch(s -> s.contains("not Python: cell 1, line 1")), String.join("\n", more));
  }

  /** rbmflow_tables.py knows the same seven tables and puts the aggregates under aggregate/. */
  @Test
  void loaderModuleMapsEveryTable() {
    String script = """
        import sys
        sys.path.insert(0, "notebooks")
        import rbmflow_tables as t
        print(",".join(t.TABLES))
        for n in t.TABLES:
            print(n, t.table_path(n, "/o"))
        for out in ("file:/o", "file:///o", "/o/"):
            print("points", t.table_path("points", out))
        """;
    Result r = python("python3", "", "-B", "-c", script);
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(String.join(",", Tables.VIEWS), lines.get(0));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(" ");
      String expected = "/o/" + Tables.named(f[0]).dir();
      assertEquals(expected, f[1], line);
    }
  }

  /**
   * Without pyarrow the loader turns the JSON rows of {@code rbmflow sql} into a DataFrame: numbers, Spark's quoted
   * NaN and infinities, booleans, strings, timestamps and arrays keep their types, and the all-null row of an empty
   * table leaves its columns and no row. Needs a Python with pandas.
   */
  @Test
  void loaderTypesTheRowsOfTheSqlReader() {
    String py = Stream.of("python3", "/usr/bin/python3").filter(p -> python(p, "", "-c", "import pandas").code() == 0)
        .findFirst().orElse(null);
    if (py == null) {
      Prerequisites.missing("NotebooksTest", "no python3 on this machine can import pandas "
          + "(apt-get install python3-pandas)");
    }
    String script = """
        import math, sys
        sys.path.insert(0, "notebooks")
        import rbmflow_tables as t
        df = t._frame([
            {"i": 1, "x": 0.5, "e": "NaN", "b": True, "s": "OK", "ts": "2026-01-02T03:04:05.123Z",
             "a": [1.0, "NaN", "-Infinity"], "m": None},
            {"i": 2, "x": "Infinity", "e": "NaN", "b": False, "s": "NaN", "ts": "2026-01-02T03:04:06Z",
             "a": [2.0], "m": 3}])
        print(" ".join(f"{c}:{d}" for c, d in df.dtypes.items()))
        a = df["a"][0]
        print(a[0], math.isnan(a[1]), a[2], df["x"][1], df["s"][1], df["ts"][0].isoformat())
        empty = t._frame([{"p": None, "q": None}])
        print(list(empty.columns), len(empty))
        """;
    Result r = python(py, "", "-B", "-c", script);
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of(
        "i:int64 x:float64 e:float64 b:bool s:object ts:datetime64[ns, UTC] a:object m:float64",
        "1.0 True -inf inf NaN 2026-01-02T03:04:05.123000+00:00",
        "['p', 'q'] 0"), r.out().lines().toList());
  }

  /** nbformat's own JSON-schema validation, with Debian's python3-nbformat (installed by .ci/run). */
  @Test
  void nbformatValidates() throws IOException {
    String py = Stream.of("python3", "/usr/bin/python3").filter(p -> python(p, "", "-c", "import nbformat").code() == 0)
        .findFirst().orElse(null);
    if (py == null) {
      String msg = "no python3 on this machine can import nbformat (apt-get install python3-nbformat)";
      if (System.getenv("CI") != null) {
        fail(msg);
      }
      Assumptions.abort(msg);
    }
    String script = """
        import sys, nbformat
        bad = 0
        for p in sys.argv[1:]:
            try:
                nb = nbformat.read(p, as_version=nbformat.NO_CONVERT)
                nbformat.validate(nb)
            except Exception as e:
                print(f"{p}: {e}")
                bad += 1
        sys.exit(1 if bad else 0)
        """;
    List<String> args = new ArrayList<>(List.of("-c", script));
    notebooks().forEach(p -> args.add(p.toString()));
    Result r = python(py, "", args.toArray(String[]::new));
    assertEquals(0, r.code(), r.out() + r.err());
  }

  // ---------------------------------------------------------------------------------------------- helpers

  record References(List<String> syntaxErrors, Set<String> tables, List<String[]> columns, Set<String> defined,
      List<String> violations) {}

  record Result(int code, String out, String err) {}

  /** Problems of one notebook's references against {@link #schemas()}; each names the table or column quoted. */
  static List<String> problems(String notebook, References r) {
    Map<String, Set<String>> schemas = schemas();
    List<String> p = new ArrayList<>();
    r.syntaxErrors().forEach(e -> p.add(notebook + ": not Python: " + e));
    r.violations().forEach(v -> p.add(notebook + ": " + v));
    Set<String> known = new HashSet<>(r.defined());
    for (String t : r.tables()) {
      if (schemas.containsKey(t)) {
        known.addAll(schemas.get(t));
      } else {
        p.add(notebook + ": unknown table \"" + t + "\" (the tables are " + schemas.keySet() + ")");
      }
    }
    for (String[] c : r.columns()) {
      if (!known.contains(c[0])) {
        p.add(notebook + ", " + c[1] + ": column \"" + c[0] + "\" is in none of the tables it loads " + r.tables());
      }
    }
    return p;
  }

  /** Runs notebook_refs.py over the code cells. */
  static References extract(List<String> codeCells) {
    ObjectNode in = JSON.createObjectNode();
    codeCells.forEach(in.putArray("cells")::add);
    Result r = python("python3", in.toString(), "-c", resource("notebook_refs.py"));
    assertEquals(0, r.code(), "notebook_refs.py failed: " + r.err());
    try {
      JsonNode j = JSON.readTree(r.out());
      List<String> syntax = new ArrayList<>();
      j.get("syntax_errors").forEach(e -> syntax.add(e.asText()));
      Set<String> tables = new LinkedHashSet<>();
      j.get("tables").forEach(e -> tables.add(e.get(0).asText()));
      List<String[]> columns = new ArrayList<>();
      j.get("columns").forEach(e -> columns.add(new String[] {e.get(0).asText(), e.get(1).asText()}));
      Set<String> defined = new HashSet<>();
      j.get("defined").forEach(e -> defined.add(e.asText()));
      List<String> violations = new ArrayList<>();
      j.get("violations").forEach(e -> violations.add(e.get(1).asText() + ": " + e.get(0).asText()));
      return new References(syntax, tables, columns, defined, violations);
    } catch (IOException e) {
      throw new AssertionError("notebook_refs.py printed no JSON: " + r.out(), e);
    }
  }

  static List<Path> notebooks() throws IOException {
    try (Stream<Path> s = Files.list(DIR)) {
      return s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
    }
  }

  static List<String> codeCells(Path nb) throws IOException {
    List<String> code = new ArrayList<>();
    for (JsonNode c : JSON.readTree(nb.toFile()).path("cells")) {
      if ("code".equals(c.path("cell_type").asText())) {
        JsonNode src = c.path("source");
        if (src.isTextual()) {
          code.add(src.asText());
        } else {
          StringBuilder b = new StringBuilder();
          src.forEach(line -> b.append(line.asText()));
          code.add(b.toString());
        }
      }
    }
    return code;
  }

  private static boolean allText(JsonNode array) {
    for (JsonNode e : array) {
      if (!e.isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static String resource(String name) {
    try (InputStream in = NotebooksTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new AssertionError("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Runs a Python interpreter; a missing {@code python3} fails the test (CI installs it), it never skips. A missing
   * other interpreter (e.g. {@code /usr/bin/python3}) returns exit code 127.
   */
  static Result python(String exe, String stdin, String... args) {
    List<String> cmd = new ArrayList<>(List.of(exe));
    cmd.addAll(List.of(args));
    Process p;
    try {
      p = new ProcessBuilder(cmd).start();
    } catch (IOException e) {
      if (exe.equals("python3")) {
        throw new AssertionError("python3 is not on the PATH; the notebook checks need it (.ci/run installs it)", e);
      }
      return new Result(127, "", e.toString());
    }
    try {
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
      try (OutputStream o = p.getOutputStream()) {
        o.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(cmd.get(0) + " did not finish in 120 s");
      }
      return new Result(p.exitValue(), out.join(), err.join());
    } catch (IOException | InterruptedException e) {
      p.destroyForcibly();
      throw new AssertionError(e);
    }
  }

  private static String readAll(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
