package org.rbmflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rbmflow.common.PointStatus;
import org.rbmflow.sweep.PointResult;

/**
 * The commit record in a point's {@code points} footer is enough to check the point and to account its time: the
 * other files' lengths, the stage seconds; read without the footer's column chunks ({@link ParquetFiles#facts}).
 */
class CommitRecordTest {
  @Test
  void theFooterFactsAreParquetsOwn(@TempDir Path tmp) throws IOException {
    PointResult r = PointTablesTest.point("nv16-nh4-nt5-s42-00000000000000aa");
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(tmp.toUri());
    Configuration conf = OutputLocation.hadoopConf();
    PointTables.write(root, r, conf);
    Path points = tmp.resolve("points/n_v=16/nv16-nh4-nt5-s42-00000000000000aa.parquet");
    ParquetFiles.FileFacts facts = ParquetFiles.facts(new LocalInputFile(points));
    try (ParquetFileReader p = ParquetFileReader.open(new LocalInputFile(points))) {
      assertEquals(p.getRecordCount(), facts.rows());
      assertEquals(p.getFileMetaData().getKeyValueMetaData(), facts.keyValues());
    }
    Map<String, String> kv = facts.keyValues();
    assertEquals("OK", kv.get(PointTables.META_STATUS));
    for (String t : new String[] {"flows", "spectra", "patterns"}) {
      assertEquals(Long.toString(Files.size(tmp.resolve(t + "/nv16-nh4-nt5-s42-00000000000000aa.parquet"))),
          kv.get(PointTables.META_BYTES + t), t);
    }
    assertEquals("0.5 0.25 0.125 1700000000000 false", kv.get(PointTables.META_TIMES));
    // status reads the times from the record
    PointFooters.Footer f = PointFooters.read(root, conf).get("nv16-nh4-nt5-s42-00000000000000aa");
    assertEquals(new PointFooters.Footer(PointStatus.OK, 0.5, 0.25, 0.125, 1_700_000_000_000L, false), f);
    assertEquals(0.875, f.coreSeconds(), 1e-12);
  }

  @Test
  void aFileCutShortHasNoFacts(@TempDir Path tmp) throws IOException {
    PointTables.write(new org.apache.hadoop.fs.Path(tmp.toUri()), PointTablesTest.point("p"), OutputLocation.hadoopConf());
    Path points = tmp.resolve("points/n_v=16/p.parquet");
    byte[] bytes = Files.readAllBytes(points);
    Files.write(points, Arrays.copyOf(bytes, bytes.length - 3));
    IOException e = assertThrows(IOException.class, () -> ParquetFiles.facts(new LocalInputFile(points)));
    assertTrue(e.getMessage().contains("no magic"), e.getMessage());
    Files.write(points, Arrays.copyOf(bytes, 7));
    assertThrows(IOException.class, () -> ParquetFiles.facts(new LocalInputFile(points)));
    // the footer's length field pointing before the start of the file
    byte[] bad = bytes.clone();
    bad[bad.length - 8] = (byte) 0xff;
    bad[bad.length - 7] = (byte) 0xff;
    Files.write(points, bad);
    assertThrows(IOException.class, () -> ParquetFiles.facts(new LocalInputFile(points)));
  }
}
