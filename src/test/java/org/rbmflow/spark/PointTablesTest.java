package org.rbmflow.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rbmflow.common.PointStatus;
import org.rbmflow.sweep.PointResult;
import org.rbmflow.sweep.PointResult.FlowRow;
import org.rbmflow.sweep.PointResult.PatternRow;
import org.rbmflow.sweep.PointResult.PointRow;
import org.rbmflow.sweep.PointResult.SpectrumRow;

/** A point's commit: the local (java.nio) and Hadoop paths write the same bytes, and a retry rewrites them. */
class PointTablesTest {

  /** The local file system with the rename of most Hadoop file systems: it does not replace an existing file. */
  public static final class NoReplaceFileSystem extends RawLocalFileSystem {
    static final AtomicInteger REFUSED = new AtomicInteger();

    @Override
    public boolean rename(org.apache.hadoop.fs.Path src, org.apache.hadoop.fs.Path dst) throws IOException {
      if (exists(dst)) {
        REFUSED.incrementAndGet();
        return false;
      }
      return super.rename(src, dst);
    }
  }

  static Configuration noReplaceConf() {
    Configuration conf = OutputLocation.hadoopConf();
    conf.set("fs.file.impl", NoReplaceFileSystem.class.getName());
    return conf;
  }

  static PointResult point(String id) {
    PointRow p = PointRow.builder().pointId(id).sweep("unit").dim(2).l(4).nV(16).nH(4).nTemp(5).tStep(0.5)
        .hValues(new double[] {0.0}).configsPerTemp(64).seed(42L).epochs(4).learningRate(0.02).cdK(1).batchSize(32)
        .status(PointStatus.OK).fpEnergy(-1.9).fpEnergyErr(0.01).fpTemperature(2.3)
        .fpTemperatureClassifier(2.31).fpFieldClassifier(0.0).fpMagnetization(0.4).convergedAtStep(37)
        .fpBracketGap(0.02).randomFraction(0.25).nNonrandomPatterns(3).nPatternsTested(4).reconError(0.1)
        .pseudoLogLikelihood(-9.5).mcSeconds(0.5).trainSeconds(0.25).flowSeconds(0.125).backend("java")
        .codeVersion("test").finishedAt(1_700_000_000_000L).build();
    List<FlowRow> flows = new ArrayList<>();
    for (String start : List.of("T=min", "T=max")) {
      for (int step = 0; step < 300; step++) {
        flows.add(new FlowRow(id, start, step, -2 + step * 1e-3, 1e-3 / (step + 1), Math.sqrt(step) / 20,
            1 + step * 0.004, 1.1 + step * 0.004, 0.0));
      }
    }
    double[] eigen = new double[16];
    for (int i = 0; i < eigen.length; i++) {
      eigen[i] = 16.0 / (i + 1);
    }
    List<PatternRow> patterns = new ArrayList<>();
    for (int rank = 0; rank < 4; rank++) {
      float[] pattern = new float[16];
      for (int j = 0; j < pattern.length; j++) {
        pattern[j] = (float) Math.sin(rank + j * 0.7);
      }
      patterns.add(new PatternRow(id, rank, eigen[rank], 0.3 - rank * 0.1, 0.01 * (rank + 1), rank < 2, pattern,
          0.5 / (rank + 1), 7.0 / (rank + 1)));
    }
    return new PointResult(p, List.of(), flows, new SpectrumRow(id, 16, 4, 5, 42L, eigen), patterns);
  }

  /** Every file under {@code root}, by relative path, with its bytes. */
  static Map<String, byte[]> files(Path root) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(f).toString(), Files.readAllBytes(f));
      }
    }
    return files;
  }

  static void assertSameFiles(Map<String, byte[]> expected, Map<String, byte[]> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    for (String name : expected.keySet()) {
      assertArrayEquals(expected.get(name), actual.get(name), name);
    }
  }

  @Test
  void localAndHadoopPathsWriteTheSameFiles(@TempDir Path tmp) throws IOException {
    assertTrue(AtomicFiles.localPath(new org.apache.hadoop.fs.Path(tmp.toUri()), OutputLocation.hadoopConf()) != null);
    assertTrue(AtomicFiles.localPath(new org.apache.hadoop.fs.Path(tmp.toUri()), noReplaceConf()) == null);
    PointResult r = point("p1");
    PointTables.write(new org.apache.hadoop.fs.Path(tmp.resolve("local").toUri()), r, OutputLocation.hadoopConf());
    PointTables.write(new org.apache.hadoop.fs.Path(tmp.resolve("hadoop").toUri()), r, noReplaceConf());
    Map<String, byte[]> local = files(tmp.resolve("local"));
    assertEquals(List.of("flows/p1.parquet", "patterns/p1.parquet", "points/n_v=16/p1.parquet", "spectra/p1.parquet"),
        List.copyOf(local.keySet()), "the four files, no temporary ones");
    assertSameFiles(local, files(tmp.resolve("hadoop")));
  }

  @Test
  void aRetryRewritesTheSameBytesOnBothPaths(@TempDir Path tmp) throws IOException {
    PointResult r = point("p2");
    for (Configuration conf : List.of(OutputLocation.hadoopConf(), noReplaceConf())) {
      Path root = tmp.resolve(conf.get("fs.file.impl"));
      org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path(root.toUri());
      PointTables.write(out, r, conf);
      Map<String, byte[]> first = files(root);
      PointTables.write(out, r, conf);
      assertSameFiles(first, files(root));
    }
  }
}
