package org.rbmflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code rbmflow sql} is read-only: hostile statements (writes in every position, commands, file-path relations,
 * Java-calling and file-reading functions, several statements, scripts, deep nesting, oversized input) exit 2 with
 * one line naming QUERY or --file, and leave the output, a victim directory they aim at and everything else under
 * the test's directory as it was; a secret file they try to read never shows up. Ordinary queries, joins, CTEs,
 * VALUES, DESCRIBE, SHOW and EXPLAIN still work, also from --file and standard input.
 */
class SqlGuardCommandTest {
  /** The CLI tests' tiny spec cut to one point: the guard needs a real output, not a big one. */
  static final String SPEC = SweepCommandTest.SPEC.replace("n_h: [2, 4]", "n_h: [2]").replace("seeds: 2", "seeds: 1");
  static final String SECRET = "TOP-SECRET-LINE";
  static final String KEPT = "precious user file";

  @TempDir
  static Path tmp;
  static Path out;
  static Path victim;
  static Path queries;
  static Map<String, String> before;

  @BeforeAll
  static void sweep() throws Exception {
    System.setProperty("spark.master", "local[1]");
    System.setProperty("spark.ui.enabled", "false");
    System.setProperty("spark.sql.warehouse.dir", tmp.resolve("warehouse").toString());
    Path job = tmp.resolve("job.yaml");
    Files.writeString(job, SPEC);
    out = tmp.resolve("out");
    CliRun sweep = CliRun.run("sweep", job.toString(), "--out", out.toString(), "--no-aggregate");
    assertEquals(0, sweep.code(), sweep.err());
    victim = Files.createDirectories(tmp.resolve("victim"));
    Files.writeString(victim.resolve("keep.txt"), KEPT);
    Files.writeString(tmp.resolve("secret.txt"), SECRET + "\n");
    queries = Files.createDirectories(tmp.resolve("queries"));
    before = listing(tmp);
  }

  @AfterAll
  static void clear() {
    System.clearProperty("spark.master");
    System.clearProperty("spark.ui.enabled");
    System.clearProperty("spark.sql.warehouse.dir");
  }

  /** Every file and directory under {@code root} but the query files, with size and modification time. */
  private static Map<String, String> listing(Path root) throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(p -> !p.startsWith(queries) && !p.startsWith(root.resolve("warehouse"))).toList()) {
        m.put(root.relativize(p).toString(), Files.isDirectory(p) ? "dir"
            : Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis());
      }
    }
    return m;
  }

  static Stream<Arguments> hostile() {
    String deep = "SELECT " + "(".repeat(3000) + "1" + ")".repeat(3000);
    String notChain = "SELECT " + "NOT ".repeat(20_000) + "true";
    String huge = "SELECT 1 AS x" + " ".repeat(300 * 1024);
    String mega = "SELECT '" + "x".repeat(1 << 20) + "' AS x";
    return Stream.of(
        // writes, at the top, after WITH, after FROM, in a subquery or CTE
        row("write at top level", "INSERT OVERWRITE DIRECTORY '$V' USING csv SELECT * FROM points"),
        row("write after WITH", "WITH t AS (SELECT 1 AS x) INSERT OVERWRITE DIRECTORY '$V' USING csv SELECT * FROM t"),
        row("write after FROM", "FROM points INSERT OVERWRITE DIRECTORY '$V' USING csv SELECT point_id"),
        row("write in a subquery", "SELECT * FROM (INSERT OVERWRITE DIRECTORY '$V' USING csv SELECT 1)"),
        row("write in a CTE", "WITH w AS (INSERT INTO points SELECT * FROM points) SELECT 1"),
        row("INSERT INTO a view", "INSERT INTO points SELECT * FROM points"),
        row("CREATE TABLE AS SELECT", "CREATE TABLE t USING csv LOCATION '$V/t' AS SELECT 1 AS x"),
        row("CREATE VIEW", "CREATE OR REPLACE TEMP VIEW points AS SELECT 1 AS x"),
        row("CACHE TABLE", "CACHE TABLE points"),
        row("CACHE TABLE AS SELECT a file", "CACHE TABLE c AS SELECT * FROM text.`$S`"),
        row("UNCACHE", "UNCACHE TABLE points"),
        row("SET", "SET spark.sql.runSQLOnFiles=true"),
        row("RESET", "RESET"),
        row("ADD JAR", "ADD JAR $V/x.jar"),
        row("ADD FILE", "ADD FILE $S"),
        row("DROP VIEW", "DROP VIEW points"),
        row("REFRESH", "REFRESH TABLE points"),
        row("MSCK", "MSCK REPAIR TABLE points"),
        row("LOAD DATA", "LOAD DATA LOCAL INPATH '$S' INTO TABLE points"),
        row("TRANSFORM runs a program", "SELECT TRANSFORM(point_id) USING 'touch $V/ran' FROM points"),
        row("EXECUTE IMMEDIATE", "EXECUTE IMMEDIATE 'DROP VIEW points'"),
        row("DECLARE VARIABLE", "DECLARE VARIABLE v INT"),
        row("EXPLAIN of a write", "EXPLAIN INSERT OVERWRITE DIRECTORY '$V' USING csv SELECT 1"),
        // file-path, catalog and computed relations, in every position
        row("file relation in FROM", "SELECT * FROM text.`$S`"),
        row("file relation inside OUT", "SELECT * FROM parquet.`$O/points`"),
        row("file relation in JOIN", "SELECT p.point_id FROM points p JOIN csv.`$S` c ON true"),
        row("file relation in a CTE", "WITH s AS (SELECT * FROM json.`$S`) SELECT * FROM s"),
        row("file relation in IN (subquery)", "SELECT * FROM points WHERE status IN (SELECT value FROM text.`$S`)"),
        row("file relation in a scalar subquery", "SELECT (SELECT max(value) FROM text.`$S`) AS x"),
        row("file relation in EXISTS", "SELECT 1 WHERE EXISTS (SELECT 1 FROM binaryFile.`$T`)"),
        row("orc file relation", "SELECT * FROM orc.`$S`"),
        row("file relation by IDENTIFIER", "SELECT * FROM IDENTIFIER('text.`$S`')"),
        row("computed IDENTIFIER", "SELECT * FROM IDENTIFIER('poi' || 'nts')"),
        row("catalog relation", "SELECT * FROM spark_catalog.default.points"),
        row("relation options", "SELECT * FROM points WITH ('path' = '$T')"),
        row("time travel", "SELECT * FROM points VERSION AS OF 1"),
        row("DESCRIBE a file", "DESCRIBE text.`$S`"),
        row("SHOW TABLES elsewhere", "SHOW TABLES IN global_temp"),
        // functions that call Java or read files, table functions that read
        row("reflect in the select list", "SELECT reflect('java.lang.System', 'getProperty', 'user.home')"),
        row("java_method in WHERE", "SELECT * FROM points WHERE java_method('java.lang.Math', 'abs', -1) = 1"),
        row("try_reflect in ORDER BY", "SELECT point_id FROM points ORDER BY try_reflect('java.lang.Math', 'random')"),
        row("reflect in a lambda", "SELECT transform(array(1), x -> reflect('java.lang.Math', 'abs', x)) AS y"),
        row("reflect in a subquery",
            "SELECT * FROM points WHERE n_v = (SELECT max(ReFlEcT('java.lang.Math', 'abs', 1)))"),
        row("qualified java_method", "SELECT system.builtin.java_method('java.lang.Math', 'abs', -1)"),
        row("function by computed IDENTIFIER", "SELECT IDENTIFIER('ref' || 'lect')('java.lang.Math', 'abs', -1)"),
        row("EXPLAIN folds reflect", "EXPLAIN SELECT reflect('java.lang.System', 'getProperty', 'user.home')"),
        row("from_xml reads an XSD", "SELECT from_xml('<a>1</a>', 'a INT', map('rowValidationXSDPath', '$S'))"),
        row("table function reading logs", "SELECT * FROM python_worker_logs()"),
        row("unknown table function", "SELECT * FROM read_files('$S')"),
        // several statements, scripts
        row("two statements", "SELECT 1; DROP VIEW points"),
        row("two queries", "SELECT 1; SELECT 2"),
        row("script", "BEGIN SELECT 1; DROP VIEW points; END"),
        // limits and empty input
        row("3000 nested parentheses", deep),
        row("20000 NOTs", notChain),
        row("300 KiB argument", huge),
        row("empty", ""),
        row("blank", "  \n "),
        row("only a comment", "/* SELECT * FROM points */"),
        Arguments.of("1 MiB via --file", mega, true),
        Arguments.of("write via --file", "INSERT OVERWRITE DIRECTORY '$V' USING csv SELECT 1", true));
  }

  private static Arguments row(String name, String query) {
    return Arguments.of(name, query, false);
  }

  private static String bind(String query) {
    return query.replace("$V", victim.toString()).replace("$S", tmp.resolve("secret.txt").toString())
        .replace("$O", out.toString()).replace("$T", tmp.toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  void hostileInputIsRefusedAndChangesNothing(String name, String query, boolean viaFile) throws Exception {
    CliRun r;
    if (viaFile) {
      Path q = queries.resolve(name.replaceAll("\\W+", "-") + ".sql");
      Files.writeString(q, bind(query));
      r = CliRun.run("sql", "--file", q.toString(), "--in", out.toString());
    } else {
      r = CliRun.run("sql", bind(query), "--in", out.toString());
    }
    assertRefused(r, viaFile && query.length() > 1 << 20 ? "--file" : "QUERY");
    assertFalse(r.out().contains(SECRET) || r.err().contains(SECRET), "the secret file was read");
    assertEquals(KEPT, Files.readString(victim.resolve("keep.txt")));
    assertEquals(before, listing(tmp), "nothing under the test directory changed");
  }

  /** Exit 2; one line naming {@code subject}, then only the usual "Nothing was written" line; no trace. */
  private static void assertRefused(CliRun r, String subject) {
    assertEquals(2, r.code(), r.err());
    List<String> lines = r.err().lines().toList();
    assertEquals(2, lines.size(), r.err());
    assertTrue(lines.get(0).startsWith("rbmflow sql: " + subject + ": "), r.err());
    assertTrue(lines.get(1).startsWith("Nothing was written."), r.err());
    assertFalse(r.err().contains("\tat ") || r.err().contains("Exception:") || r.err().contains("Error:"), r.err());
  }

  @Test
  void refusalsNameTheConstructAndWhatIsAllowed() {
    String write = sqlErr("WITH t AS (SELECT 1 AS x) INSERT OVERWRITE DIRECTORY '/nowhere' USING csv SELECT * FROM t");
    assertTrue(write.contains("INSERT OVERWRITE DIRECTORY '/nowhere'") && write.contains("allowed: one query"), write);
    String file = sqlErr("SELECT * FROM text.`/etc/passwd`");
    assertTrue(file.contains("text.`/etc/passwd`") && file.contains("file path"), file);
    String reflect = sqlErr("SELECT 1 AS x ORDER BY reflect('a', 'b')");
    assertTrue(reflect.contains("function reflect calls a Java method"), reflect);
    assertTrue(sqlErr("SELECT 1; DROP VIEW points").contains("more than one statement"));
    assertTrue(sqlErr("SELECT " + "(".repeat(201) + "1" + ")".repeat(201)).contains("nested more than 200"));
  }

  private static String sqlErr(String query) {
    CliRun r = CliRun.run("sql", query, "--in", out.toString());
    assertRefused(r, "QUERY");
    return r.err().lines().findFirst().orElseThrow();
  }

  private static List<String> sql(String... args) {
    List<String> all = new ArrayList<>(List.of("sql"));
    all.addAll(List.of(args));
    all.addAll(List.of("--in", out.toString()));
    CliRun r = CliRun.run(all);
    assertEquals(0, r.code(), all + "\n" + r.err());
    return r.out().lines().toList();
  }

  @Test
  void readOnlyQueriesStillWork() {
    List<String> joined = sql("""
        WITH ok AS (SELECT * FROM points WHERE status IS NOT NULL)
        SELECT count(*) > 0 AS some, (SELECT count(*) FROM fits) AS fits
        FROM ok JOIN flows f ON ok.point_id = f.point_id WHERE ok.point_id IN (SELECT point_id FROM spectra)""");
    assertEquals(List.of("some,fits", "true,0"), joined, "a CTE, a join, subqueries and an empty view");
    assertEquals(List.of("a,b,id", "1,x,1", "2,y,2"),
        sql("SELECT * FROM VALUES (1, 'x'), (2, 'y') AS v(a, b) JOIN range(3) r ON r.id = v.a ORDER BY a"));
    String parens = "(".repeat(150) + "1" + ")".repeat(150);
    assertEquals(List.of("s,x", ";((,1"), sql("SELECT ';((' AS s, " + parens + " AS x FROM points; -- ; and ("));
    assertTrue(sql("DESCRIBE points").size() > 30);
    assertTrue(sql("SHOW TABLES").containsAll(List.of("namespace,tableName,isTemporary", ",points,true")));
    assertTrue(sql("SHOW COLUMNS IN points").contains("point_id"));
    assertTrue(String.join("\n", sql("EXPLAIN SELECT * FROM points")).contains("Physical Plan"));
  }

  @Test
  void aQueryFromAFileOrStandardInput() throws Exception {
    Path q = queries.resolve("count.sql");
    Files.writeString(q, "-- how many points\nSELECT count(*) AS n\nFROM points;\n");
    assertEquals(List.of("n", "1"), sql("--file", q.toString()));
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream("SELECT 'ü' AS u".getBytes(StandardCharsets.UTF_8)));
      assertEquals(List.of("u", "ü"), sql("--file", "-"));
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void badQuerySourcesExitTwo() throws Exception {
    Path latin1 = queries.resolve("latin1.sql");
    Files.write(latin1, "SELECT 'caf\u00e9' AS x".getBytes(StandardCharsets.ISO_8859_1));
    CliRun r = CliRun.run("sql", "--file", latin1.toString(), "--in", out.toString());
    assertRefused(r, "--file");
    assertTrue(r.err().contains("not UTF-8") && r.err().contains("offset 11"), r.err());
    String none = queries.resolve("none.sql").toString();
    assertRefused(CliRun.run("sql", "--file", none, "--in", out.toString()), "--file");
    assertRefused(CliRun.run("sql", "SELECT 1", "--file", latin1.toString(), "--in", out.toString()), "QUERY");
    assertRefused(CliRun.run("sql", "--in", out.toString()), "QUERY");
  }
}
