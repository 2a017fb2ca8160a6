package org.rbmflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.McSettings;
import org.rbmflow.ising.MonteCarlo;
import org.rbmflow.ising.Observables;
import org.rbmflow.ising.SampleSet;
import org.rbmflow.spark.GeneratedDataWriter;

/**
 * Reads the Parquet written by {@code rbmflow generate --out} back with Spark (local mode) and checks it
 * against the library: row counts, schema, the bit layout of {@code spins}, and observables equal to the
 * CSV printed by the same run.
 */
class GeneratedParquetTest {
  /** The schedule the runs below ask for on the command line. */
  private static final McSettings SETTINGS = new McSettings(20, 100, 0, 20);

  /** One generate run: lattice, lists, seed, configs. 2D 5×5 (25 sites: not a whole number of bytes) and a 1D ring of 13. */
  record Run(String name, int dim, int l, String temps, String fields, long seed, int configs) {
    Lattice lattice() {
      return new Lattice(dim, l);
    }

    double[] ts() {
      return NumberList.parse(temps);
    }

    double[] hs() {
      return NumberList.parse(fields);
    }
  }

  private static final Run[] RUNS = {
      new Run("square5", 2, 5, "0,1.5,3", "0,0.5", 9L, 70),
      new Run("ring13", 1, 13, "0.1:0.3:0.1", "-0.3", -4L, 40)};

  @TempDir
  static Path tmp;

  private static SparkSession spark;
  private static final Map<String, String> CSV = new java.util.HashMap<>();

  @BeforeAll
  static void generateAndStartSpark() {
    for (Run r : RUNS) {
      CliRun res = CliRun.run(List.of("generate", "--dim", "" + r.dim(), "--l", "" + r.l(),
          "--temps", r.temps(), "--fields", r.fields(), "--configs", "" + r.configs(), "--seed", "" + r.seed(),
          "--therm-sweeps", "20", "--probe-sweeps", "100", "--max-decor-sweeps", "20", "--threads", "2",
          "--format", "csv", "--out", tmp.resolve(r.name()).toString()));
      assertEquals(0, res.code(), res.err());
      CSV.put(r.name(), res.out());
    }
    spark = SparkSession.builder().master("local[1]").appName("test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.sql.codegen.wholeStage", "false")
        .config("spark.sql.adaptive.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    if (spark != null) {
      spark.stop();
    }
  }

  static Stream<Arguments> runs() {
    return Stream.of(RUNS).map(Arguments::of);
  }

  private static final Map<String, List<Row>> ROWS = new java.util.HashMap<>();

  /** All rows of a run's configurations table, read once (the tables are small). */
  private static List<Row> rows(Run r) {
    return ROWS.computeIfAbsent(r.name(), k -> table(r, "configurations").collectAsList());
  }

  private static Dataset<Row> table(Run r, String name) {
    return spark.read().parquet(tmp.resolve(r.name()).resolve(name).toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runs")
  void configurationsHaveTheSchemaAndOneRowPerConfiguration(Run r) {
    Dataset<Row> df = table(r, "configurations");
    StructType schema = df.schema();
    Map<String, DataType> expected = Map.of("dim", DataTypes.IntegerType, "l", DataTypes.IntegerType,
        "n_v", DataTypes.IntegerType, "seed", DataTypes.LongType, "t", DataTypes.DoubleType, "h", DataTypes.DoubleType,
        "index", DataTypes.IntegerType, "spins", DataTypes.BinaryType);
    for (var f : org.rbmflow.table.Tables.CONFIGURATIONS.columns()) {
      assertTrue(expected.containsKey(f.name()), "test knows column " + f.name());
    }
    expected.forEach((column, type) ->
        assertEquals(type, schema.apply(column).dataType(), "type of " + column));

    int points = r.ts().length * r.hs().length;
    // every (t, h) of the run, stored canonical, holds indices 0 … configs−1 exactly once, with the run's lattice and seed
    Map<String, java.util.BitSet> indices = new java.util.HashMap<>();
    for (double t : r.ts()) {
      for (double h : r.hs()) {
        indices.put(MonteCarlo.canonical(t) + "/" + MonteCarlo.canonical(h), new java.util.BitSet());
      }
    }
    List<Row> rows = rows(r);
    assertEquals((long) points * r.configs(), rows.size());
    for (Row row : rows) {
      assertEquals(r.dim(), (int) row.getAs("dim"));
      assertEquals(r.l(), (int) row.getAs("l"));
      assertEquals(r.lattice().sites(), (int) row.getAs("n_v"));
      assertEquals(r.seed(), (long) row.getAs("seed"));
      String key = (double) row.getAs("t") + "/" + (double) row.getAs("h");
      java.util.BitSet seen = indices.get(key);
      assertTrue(seen != null, "unexpected (t, h) " + key);
      int index = row.getAs("index");
      assertTrue(index >= 0 && index < r.configs(), "index " + index);
      assertTrue(!seen.get(index), "index " + index + " twice at " + key);
      seen.set(index);
    }
    indices.forEach((key, seen) -> assertEquals(r.configs(), seen.cardinality(), "indices at " + key));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runs")
  void spinsAreTheLibrarysBitsInTheDocumentedLayout(Run r) {
    Lattice lattice = r.lattice();
    int n = lattice.sites();
    int[] indices = {0, 1, 17, r.configs() - 1, Math.min(64, r.configs() - 1)};
    int checked = 0;
    for (double t : r.ts()) {
      for (double h : r.hs()) {
        SampleSet set = MonteCarlo.generate(lattice, t, h, r.seed(), r.configs(), SETTINGS);
        Map<Integer, byte[]> byIndex = new java.util.HashMap<>();
        for (Row row : rows(r)) {
          if ((double) row.getAs("t") == MonteCarlo.canonical(t) && (double) row.getAs("h") == MonteCarlo.canonical(h)) {
            byIndex.put(row.getAs("index"), row.getAs("spins"));
          }
        }
        for (int i : indices) {
          byte[] spins = byIndex.get(i);
          assertArrayEquals(set.spins().toBytes(i), spins, "T=" + t + " H=" + h + " index " + i);
          assertEquals((n + 7) / 8, spins.length);
          // decode as a notebook would: site j = bit (j mod 8) of byte j/8, 1 = up; unused high bits 0
          int[] s = new int[n];
          for (int j = 0; j < n; j++) {
            s[j] = ((spins[j >>> 3] >>> (j & 7)) & 1) != 0 ? 1 : -1;
            assertEquals(set.spins().spin(i, j), s[j], "site " + j);
          }
          for (int j = n; j < 8 * spins.length; j++) {
            assertEquals(0, (spins[j >>> 3] >>> (j & 7)) & 1, "padding bit " + j);
          }
          assertEquals(set.energy()[i], energyPerSpin(lattice, s, set.field()), 1e-12, "energy of index " + i);
          checked++;
        }
      }
    }
    assertTrue(checked >= 10);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runs")
  void observablesHaveOneRowPerPointMatchingTheCsv(Run r) {
    Dataset<Row> obs = table(r, "observables");
    for (var f : org.rbmflow.table.Tables.OBSERVABLES.columns()) {
      assertTrue(List.of(obs.columns()).contains(f.name()), "observables column " + f.name());
    }
    for (String c : GenerateCommand.COLUMNS) {
      assertTrue(List.of(obs.columns()).contains(c), "observables has the CSV column " + c);
    }
    List<double[]> csv = GenerateCommandTest.parseCsv(CSV.get(r.name()));
    List<Row> rows = obs.select("t", "h", "configs", "energy", "magnetization", "specific_heat").collectAsList();
    assertEquals(r.ts().length * r.hs().length, rows.size());
    assertEquals(csv.size(), rows.size());
    List<String> seen = new ArrayList<>();
    for (double[] line : csv) {
      Row match = rows.stream().filter(row -> row.getDouble(0) == line[0] && row.getDouble(1) == line[1]).findFirst()
          .orElseThrow(() -> new AssertionError("no observables row for t=" + line[0] + " h=" + line[1]));
      assertEquals((int) line[2], match.getInt(2), "configs");
      assertEquals(line[3], match.getDouble(3), 0.0, "energy at t=" + line[0] + " h=" + line[1]);
      assertEquals(line[5], match.getDouble(4), 0.0, "magnetization");
      assertEquals(line[8], match.getDouble(5), 0.0, "specific_heat");
      seen.add(line[0] + "/" + line[1]);
    }
    assertEquals(seen.size(), seen.stream().distinct().count(), "one row per (T, H)");
    // and the energy is the library's summary of the same data
    SampleSet first = MonteCarlo.generate(r.lattice(), r.ts()[0], r.hs()[0], r.seed(), r.configs(), SETTINGS);
    assertEquals(Observables.summarise(first).energy(), csv.get(0)[3], 0.0);
  }

  private static double energyPerSpin(Lattice lattice, int[] s, double h) {
    int[] nb = lattice.neighbourTable();
    int z = lattice.coordination();
    double e = 0;
    for (int j = 0; j < s.length; j++) {
      e -= s[j] * s[nb[j * z]]; // right neighbour: each horizontal (or ring) bond once
      if (z == 4) {
        e -= s[j] * s[nb[j * z + 2]]; // down neighbour: each vertical bond once
      }
      e -= h * s[j];
    }
    return e / s.length;
  }
}
