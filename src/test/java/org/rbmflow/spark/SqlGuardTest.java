package org.rbmflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SqlGuard} on its own: the query syntax people use passes (an allowlist that is too tight would break
 * {@code rbmflow sql}), the lexical limits count only what Spark's lexer counts, and the analyzed-plan check
 * accepts the sweep's own Parquet tables (also under a path with a space and a %) but not a file elsewhere, a
 * sibling directory whose name starts like the output's, or a Java call.
 * The hostile inputs end to end are in {@code SqlGuardCommandTest}.
 */
class SqlGuardTest {
  @TempDir
  static Path tmp;
  static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder().master("local[1]").appName("SqlGuardTest").config("spark.ui.enabled", "false")
        .config("spark.sql.warehouse.dir", tmp.resolve("warehouse").toString()).getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT * FROM points",
      "select p.point_id from POINTS p join `flows` f using (point_id) where f.step > 0 order by 1 limit 5 offset 1",
      "TABLE points",
      "FROM points SELECT point_id",
      "VALUES (1, 'a'), (2, 'b')",
      "SELECT * FROM VALUES (1) AS v(x)",
      "WITH a AS (SELECT * FROM points), b AS (SELECT * FROM a) SELECT * FROM b",
      "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT * FROM r",
      "SELECT n_v, n_h, count(*) FROM points GROUP BY GROUPING SETS ((n_v), (n_h)) HAVING count(*) > 0",
      "SELECT n_v, count(*) FROM points GROUP BY CUBE(n_v, n_h)",
      "SELECT point_id, rank() OVER w FROM points WINDOW w AS (PARTITION BY n_v ORDER BY fp_energy)",
      "SELECT point_id FROM points QUALIFY row_number() OVER (PARTITION BY n_v ORDER BY seed) = 1",
      "SELECT * FROM spectra LATERAL VIEW OUTER posexplode(eigenvalues) e AS i, v",
      "SELECT * FROM points p, LATERAL (SELECT max(step) FROM flows f WHERE f.point_id = p.point_id)",
      "SELECT * FROM (SELECT n_v, n_h FROM points) PIVOT (count(*) FOR n_h IN (1, 2))",
      "SELECT * FROM means UNPIVOT (v FOR k IN (energy, temperature))",
      "SELECT * FROM points TABLESAMPLE (50 PERCENT) DISTRIBUTE BY n_v SORT BY seed",
      "SELECT /*+ BROADCAST(f), REPARTITION(2) */ * FROM points p JOIN flows f USING (point_id) CLUSTER BY n_v",
      "SELECT 1 INTERSECT SELECT 1 EXCEPT SELECT 2 UNION ALL SELECT 3",
      "SELECT * FROM points WHERE EXISTS (SELECT 1 FROM flows) AND n_v IN (SELECT n_v FROM fits)",
      "SELECT (SELECT max(energy) FROM optimal) AS e, transform(array(1, 2), x -> x + 1) AS t",
      "SELECT * FROM range(3) JOIN explode(array(1, 2)) JOIN stack(2, 1, 2) JOIN json_tuple('{}', 'a')",
      "SELECT * FROM inline(array(struct(1, 'a'))) AS t(a, b)",
      "FROM points |> WHERE status = 'OK' |> EXTEND n_v * 2 AS m |> AGGREGATE count(*) GROUP BY m |> ORDER BY 1",
      "SELECT * EXCEPT (error) FROM points",
      "SELECT point_id FROM points WHERE status = 'it''s; (' -- a comment with ; and (\n",
      "SELECT 1;",
      "SELECT get_json_object('{\"a\": 1}', '$.a'), xpath_string('<a>b</a>', 'a'), input_file_name() FROM points",
  })
  void queriesPeopleWritePass(String query) throws Exception {
    assertEquals(SqlGuard.Kind.QUERY, SqlGuard.check(query));
  }

  @ParameterizedTest
  @ValueSource(strings = {"DESCRIBE points", "DESC TABLE EXTENDED fits", "DESCRIBE points n_v", "SHOW TABLES",
      "SHOW TABLES LIKE 'p*'", "SHOW VIEWS", "SHOW COLUMNS IN points", "EXPLAIN SELECT * FROM points",
      "EXPLAIN FORMATTED WITH t AS (SELECT 1) SELECT * FROM t"})
  void readOnlyCommandsPass(String command) throws Exception {
    assertEquals(SqlGuard.Kind.COMMAND, SqlGuard.check(command));
  }

  @Test
  void limitsCountOnlyWhatTheLexerCounts() throws Exception {
    String ok = "(".repeat(SqlGuard.MAX_NESTING) + "1" + ")".repeat(SqlGuard.MAX_NESTING);
    assertEquals(SqlGuard.Kind.QUERY, SqlGuard.check("SELECT " + ok));
    assertRefused("SELECT (" + ok + ")", "nested more than 200");
    String inert = "'((((' AS `((((`, r'\\' AS c, \"[[[[\" /* (((( /* nested (( */ (( */ AS d, -- ((((\n";
    assertEquals(SqlGuard.Kind.QUERY, SqlGuard.check("SELECT " + inert.repeat(100) + ok + " AS x"));
    assertRefused("SELECT '\\'' AS a; SELECT 2", "more than one statement");
    assertRefused("SELECT 1 ;; -- one\n ; /* two */ SELECT 2", "line 1, column 10");
    assertRefused("SELECT '" + "x".repeat(SqlGuard.MAX_BYTES) + "'", "262153 bytes");
    assertRefused("/* only */ -- comments", "only comments");
  }

  @Test
  void aLongFlatConditionIsNotTooDeep() throws Exception {
    String or = "n_v = 1" + " OR n_v = 1".repeat(2000);
    assertEquals(SqlGuard.Kind.QUERY, SqlGuard.check("SELECT * FROM points WHERE " + or));
  }

  private static void assertRefused(String text, String reason) {
    SqlRefusedException e = assertThrows(SqlRefusedException.class, () -> SqlGuard.check(text));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }

  @Test
  void theAnalyzedPlanMayReadOnlyTheSweepsTables() throws Exception {
    Path root = tmp.resolve("out dir%41");
    spark.range(3).write().parquet(root.resolve("points").toString());
    spark.range(3).write().parquet(tmp.resolve("out dir%41-other/points").toString());
    Files.writeString(tmp.resolve("secret.txt"), "secret\n");
    org.apache.hadoop.fs.Path rootPath = new org.apache.hadoop.fs.Path(root.toString());
    Configuration conf = new Configuration();
    spark.read().parquet(root.resolve("points").toString()).createOrReplaceTempView("points");

    SqlGuard.checkAnalyzed(analyzed("SELECT * FROM points p JOIN range(2) r ON p.id = r.id"), rootPath, conf);
    SqlGuard.checkAnalyzed(analyzed("WITH t AS (SELECT * FROM points) SELECT * FROM t, VALUES (1)"), rootPath, conf);
    assertAnalyzedRefused(spark.read().parquet(tmp.resolve("out dir%41-other/points").toString()).queryExecution()
        .analyzed(), rootPath, conf, "not one of the sweep's tables");
    assertAnalyzedRefused(spark.read().text(tmp.resolve("secret.txt").toString()).queryExecution().analyzed(),
        rootPath, conf, "not one of the sweep's tables");
    assertAnalyzedRefused(analyzed("SELECT * FROM points WHERE id = (SELECT count(*) FROM text.`" + tmp
        + "/secret.txt`)"), rootPath, conf, "not one of the sweep's tables");
    assertAnalyzedRefused(analyzed("SELECT reflect('java.lang.Math', 'abs', -1)"), rootPath, conf,
        "CallMethodViaReflection");
  }

  private static LogicalPlan analyzed(String query) {
    return spark.sql(query).queryExecution().analyzed();
  }

  private static void assertAnalyzedRefused(LogicalPlan plan, org.apache.hadoop.fs.Path root, Configuration conf,
      String reason) {
    SqlRefusedException e = assertThrows(SqlRefusedException.class, () -> SqlGuard.checkAnalyzed(plan, root, conf));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }
}
