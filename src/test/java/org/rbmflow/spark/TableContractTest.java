package org.rbmflow.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rbmflow.aggregate.AggregateResult.Fit;
import org.rbmflow.aggregate.AggregateResult.Mean;
import org.rbmflow.aggregate.AggregateResult.Optimal;
import org.rbmflow.aggregate.PowerLawFit;
import org.rbmflow.common.PointStatus;
import org.rbmflow.ising.ObservableSummary;
import org.rbmflow.sweep.PointResult;
import org.rbmflow.sweep.PointResult.FlowRow;
import org.rbmflow.sweep.PointResult.PatternRow;
import org.rbmflow.sweep.PointResult.PointRow;
import org.rbmflow.sweep.PointResult.SpectrumRow;
import org.rbmflow.sweep.SweepSpec;
import org.rbmflow.table.Column;
import org.rbmflow.table.ConfigurationRow;
import org.rbmflow.table.ObservableRow;
import org.rbmflow.table.Table;
import org.rbmflow.table.TableDocs;
import org.rbmflow.table.Tables;

/**
 * The table registry is the one contract: every table's writer and by-name reader round-trip a row through Parquet
 * and Spark unchanged, the file schemas are exactly those earlier versions wrote (old outputs resume and read, a
 * retried point rewrites the same bytes), and {@code docs/TABLES.md} is the registry's rendering.
 */
class TableContractTest {
  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = SparkSession.builder().master("local[1]").appName("table-contract")
        .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false").getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  /** A points row with a value in every column, its settings those of a real grid point. */
  static PointRow pointRow() throws Exception {
    var p = grid().get(0);
    return PointRow.builder().pointId(p.pointId()).sweep("contract").dim(2).l(4).nV(16).nH(4).nTemp(5).tStep(0.5)
        .hValues(new double[] {0.0, 0.5}).configsPerTemp(64).seed(3L).epochs(4).learningRate(0.02).cdK(1)
        .batchSize(32).status(PointStatus.NOT_CONVERGED).error("flows apart").fpEnergy(-1.9)
        .fpEnergyErr(0.01).fpTemperature(2.3).fpTemperatureClassifier(Double.NaN).fpFieldClassifier(0.25)
        .fpMagnetization(0.4).convergedAtStep(-1).fpBracketGap(0.02).randomFraction(0.25).nNonrandomPatterns(3)
        .nPatternsTested(4).reconError(0.1).pseudoLogLikelihood(-9.5).mcSeconds(0.5).trainSeconds(0.25)
        .flowSeconds(0.125).backend("java").codeVersion("test").finishedAt(1_700_000_000_123L)
        .checkpointOf("nv16-final").settings(PointResult.settingsOf(p)).build();
  }

  private static List<org.rbmflow.sweep.GridPoint> grid() throws Exception {
    return SweepSpec.parse("name: contract\ngrid: {l: [4], n_h: [4, 2], n_temp: [5], seeds: [3]}\n", "t").grid();
  }

  static Map<Table<?>, List<?>> samples() throws Exception {
    Map<Table<?>, List<?>> m = new LinkedHashMap<>();
    PointRow p = pointRow();
    m.put(Tables.POINTS, List.of(p, p.toBuilder().pointId(grid().get(1).pointId()).error(null).checkpointOf(null)
        .status(PointStatus.OK).settings(Map.of()).build()));
    m.put(Tables.FLOWS, List.of(new FlowRow("a", "T=min", 0, -2.0, 0.01, 1.0, 0.1, Double.NaN, Double.NaN),
        new FlowRow("a", "random", 7, -0.5, 0.02, 0.1, 4.5, 4.4, 0.5)));
    m.put(Tables.SPECTRA, List.of(new SpectrumRow("a", 16, 4, 5, 3L, new double[] {9.5, 2.25, 0.0})));
    m.put(Tables.PATTERNS, List.of(new PatternRow("a", 1, 2.25, 0.3, 0.004, true, new float[] {0.5f, -0.25f}, 0.125, 1.5),
        new PatternRow("a", 2, 0.5, 0.1, 0.2, false, new float[] {0.25f, 0.5f}, Double.NaN, Double.NaN)));
    m.put(Tables.MEANS, List.of(Mean.builder().dim(2).l(4).nV(16).nH(4).nTemp(5).nSeeds(2).nExcluded(1)
        .energy(-1.9).energyErr(0.01).temperature(2.3).temperatureErr(0.02).temperatureClassifier(2.2)
        .temperatureClassifierErr(Double.NaN).magnetization(0.4).magnetizationErr(0.03).randomFraction(0.25)
        .randomFractionErr(0.01).nNonrandomPatterns(3.5).nNonrandomPatternsErr(0.5).nPatternsTested(4)
        .fpBracketGap(0.02).reconError(0.1).variant("training.batch_size=full").build()));
    m.put(Tables.OPTIMAL, List.of(Optimal.builder().dim(2).l(4).nV(16).nTemp(5).bestNH(4).energy(-1.9)
        .energyErr(0.01).temperature(2.3).temperatureErr(0.02).nSeeds(2).nCandidates(3).candidates("squares")
        .variant("").build()));
    m.put(Tables.FITS, List.of(
        new Fit(2, 4, 16, -2.0, 100, 4, new PowerLawFit(-2.0, 0.1, 0.01, 0.45, 0.02, 3.5, 2, 4, true, 0), null, ""),
        new Fit(2, 6, 36, -2.0, 100, 1, null, "need at least 3 points, have 1", "")));
    m.put(Tables.CONFIGURATIONS, List.of(new ConfigurationRow(2, 4, 16, 3L, 2.5, 0.0, 7, new byte[] {5, -1})));
    m.put(Tables.OBSERVABLES, List.of(new ObservableRow(2, 4, 16, 3L,
        ObservableSummary.builder().temperature(2.5).field(0.0).configs(64).energy(-1.2).energyErr(0.01)
            .magnetization(0.1).magnetizationErr(0.02).absMagnetization(0.5).absMagnetizationErr(0.01)
            .specificHeat(1.4).specificHeatErr(0.2).acceptance(0.45).tauInt(3.5).decorSweeps(7).randomFraction(0.125)
            .build())));
    return m;
  }

  @Test
  void everyTableHasASample() throws Exception {
    assertEquals(Tables.ALL, List.copyOf(samples().keySet()));
  }

  /** Per-point and generate tables are written by {@link TableFormats#fill}; aggregates by Spark from rows. */
  @Test
  void everyTableRoundTripsARowByName(@TempDir Path tmp) throws Exception {
    for (Map.Entry<Table<?>, List<?>> e : samples().entrySet()) {
      roundTrip(e.getKey(), e.getValue(), tmp.resolve(e.getKey().name()));
    }
  }

  private static <R> void roundTrip(Table<R> table, List<?> sample, Path dir) throws Exception {
    @SuppressWarnings("unchecked")
    List<R> rows = (List<R>) sample;
    List<Row> back;
    if (Tables.isAggregate(table.name())) {
      spark.createDataFrame(rows.stream().map(r -> TableFormats.sparkRow(table, r)).toList(), TableFormats.spark(table))
          .coalesce(1).write().parquet(dir.toString());
      back = spark.read().parquet(dir.toString()).collectAsList();
    } else if (table == Tables.POINTS) {
      org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(dir.toUri());
      for (R r : rows) {
        PointTables.write(root, new PointResult((PointRow) r, List.of(), List.of(), null, List.of()),
            OutputLocation.hadoopConf());
      }
      back = new ResultTables(spark, root, OutputLocation.hadoopConf()).read("points").collectAsList();
    } else {
      MessageType schema = TableFormats.parquet(table);
      Path file = dir.resolve("part-00000.parquet");
      try (ParquetWriter<Group> w = ParquetFiles.open(new org.apache.hadoop.fs.Path(file.toUri()), schema,
          OutputLocation.hadoopConf())) {
        for (R r : rows) {
          Group g = new SimpleGroupFactory(schema).newGroup();
          TableFormats.fill(g, table, r);
          w.write(g);
        }
      }
      back = spark.read().parquet(file.toString()).collectAsList();
    }
    assertEquals(rows.size(), back.size(), table.name());
    assertEquals(table.names(), Arrays.asList(back.get(0).schema().fieldNames()), table.name() + " column order");
    List<Map<String, Object>> expected = new ArrayList<>();
    rows.forEach(r -> expected.add(table.values(r)));
    List<Map<String, Object>> actual = new ArrayList<>();
    for (Row r : back) {
      actual.add(table.values(table.read(TableFormats.named(table, r))));
    }
    for (Map<String, Object> want : expected) {
      assertTrue(actual.stream().anyMatch(got -> sameValues(want, got)),
          table.name() + ": row " + want + " not read back; read " + actual);
    }
  }

  private static boolean sameValues(Map<String, Object> a, Map<String, Object> b) {
    return a.keySet().equals(b.keySet())
        && a.keySet().stream().allMatch(k -> Arrays.deepEquals(new Object[] {a.get(k)}, new Object[] {b.get(k)}));
  }

  @Test
  void aPointWithoutSettingsColumnsReadsAsNulls() throws Exception {
    PointRow bare = pointRow().toBuilder().settings(Map.of()).build();
    for (var q : Tables.SETTING_COLUMNS) {
      assertEquals(null, Tables.POINTS.column(q.column()).of(bare), q.column());
    }
  }

  @Test
  void aRequiredColumnWithoutValueIsRefused() {
    PointRow noStatus = PointRow.builder().pointId("x").build();
    assertThrows(IllegalStateException.class, () -> Tables.POINTS.values(noStatus));
  }

  /** The schemas the files had before the registry: files stay byte-identical, old outputs read and resume. */
  @Test
  void fileSchemasAreThoseEarlierVersionsWrote() {
    assertEquals(legacy("""
        message flows {
          required binary point_id (STRING); required binary start (STRING); required int32 step;
          required double energy; required double energy_err; required double magnetization;
          required double temperature; required double temperature_classifier; required double field;
        }"""), TableFormats.parquet(Tables.FLOWS));
    assertEquals(legacy("""
        message spectra {
          required binary point_id (STRING); required int32 n_v; required int32 n_h; required int32 n_temp;
          required int64 seed; required group eigenvalues (LIST) { repeated group list { required double element; } }
        }"""), TableFormats.parquet(Tables.SPECTRA));
    MessageType patterns = TableFormats.parquet(Tables.PATTERNS);
    MessageType patternsBefore = legacy("""
        message patterns {
          required binary point_id (STRING); required int32 rank; required double eigenvalue; required double moran_i;
          required double p_value; required boolean nonrandom;
          required group pattern (LIST) { repeated group list { required float element; } }
        }""");
    assertEquals(patternsBefore.getFields(), patterns.getFields().subList(0, patternsBefore.getFieldCount()));
    // added since: the spectrum null's noise variance and edge, nullable, so that the tables above still read
    assertEquals(legacy("message patterns { optional double noise_variance; optional double null_edge; }").getFields(),
        patterns.getFields().subList(patternsBefore.getFieldCount(), patterns.getFieldCount()));
    assertEquals(legacy("""
        message configurations {
          required int32 dim; required int32 l; required int32 n_v; required int64 seed;
          required double t; required double h; required int32 index; required binary spins;
        }"""), TableFormats.parquet(Tables.CONFIGURATIONS));
    MessageType points = TableFormats.parquet(Tables.POINTS);
    MessageType fixed = legacy("""
        message points {
          required binary point_id (STRING); required binary sweep (STRING); required int32 dim; required int32 l;
          required int32 n_h; required int32 n_temp; required double t_step;
          required group h_values (LIST) { repeated group list { required double element; } }
          required int32 configs_per_temp; required int64 seed; required int32 epochs; required double learning_rate;
          required int32 cd_k; required int32 batch_size; required binary status (STRING); optional binary error (STRING);
          required double fp_energy; required double fp_energy_err; required double fp_temperature;
          required double fp_temperature_classifier; required double fp_field_classifier;
          required double fp_magnetization; required int32 converged_at_step;
          required double fp_bracket_gap; required double random_fraction; required int32 n_nonrandom_patterns;
          required int32 n_patterns_tested; required double recon_error; required double pseudo_log_likelihood;
          required double mc_seconds; required double train_seconds; required double flow_seconds;
          required binary backend (STRING); required binary code_version (STRING);
          required int64 finished_at (TIMESTAMP(MILLIS,true)); optional binary checkpoint_of (STRING);
        }""");
    assertEquals(fixed.getFields(), points.getFields().subList(0, fixed.getFieldCount()));
    // added since: estimated_seconds, nullable, so that the tables above still read
    assertEquals(legacy("message points { optional double estimated_seconds; }").getFields(),
        points.getFields().subList(fixed.getFieldCount(), fixed.getFieldCount() + 1));
    assertEquals(fixed.getFieldCount() + 1 + Tables.SETTING_COLUMNS.size(), points.getFieldCount());
    assertEquals(List.of("dim", "l", "n_v", "e0", "a", "a_err", "b", "b_err", "n_temp_min", "n_points", "chi2", "dof",
        "weighted", "status", "reason", "variant"), Tables.FITS.names());
  }

  private static MessageType legacy(String text) {
    return MessageTypeParser.parseMessageType(text);
  }

  @Test
  void theSchemaDocsAreTheRegistry() throws Exception {
    Path doc = Path.of("docs/TABLES.md");
    String want = TableDocs.markdown();
    if (Boolean.getBoolean("rbmflow.writeDocs")) {
      Files.writeString(doc, want);
    }
    assertEquals(want, Files.readString(doc),
        "docs/TABLES.md differs from the table registry: mvn test -Dtest=TableContractTest -Drbmflow.writeDocs=true");
    for (Table<?> t : Tables.ALL) {
      for (Column<?> c : t.columns()) {
        assertTrue(!c.doc().isBlank(), t.name() + "." + c.name() + " has a doc line");
      }
    }
  }

  @Test
  void readersTakeColumnsByNameInAnyOrder() throws Exception {
    Map<String, Object> values = new LinkedHashMap<>(Tables.SPECTRA.values(
        new SpectrumRow("a", 16, 4, 5, 3L, new double[] {1.0})));
    Map<String, Object> reversed = new LinkedHashMap<>();
    List<String> keys = new ArrayList<>(values.keySet());
    java.util.Collections.reverse(keys);
    keys.forEach(k -> reversed.put(k, values.get(k)));
    SpectrumRow r = Tables.SPECTRA.read(org.rbmflow.table.NamedRow.of(reversed));
    assertEquals("a", r.pointId());
    assertArrayEquals(new double[] {1.0}, r.eigenvalues());
  }
}
