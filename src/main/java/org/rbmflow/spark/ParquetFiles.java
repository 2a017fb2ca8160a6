package org.rbmflow.spark;

import java.io.IOException;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/**
 * How every rbmflow table file is written: Parquet, Snappy, overwrite; through the Hadoop file system or to any
 * Parquet {@link OutputFile} (e.g. a {@link org.apache.parquet.io.LocalOutputFile}: java.nio, no Hadoop). The bytes
 * do not depend on the kind of output file for files far smaller than a file-system block: a Hadoop output file may
 * pad a row group that would start within 8 MB of a block boundary ({@code parquet.writer.max-padding}), a local
 * one never pads.
 */
final class ParquetFiles {
  /**
   * Page size of the per-point files ({@link #openPointFile}). Parquet's default is 1 MiB, and every writer
   * allocates its compressor's output buffer at the page size when it opens, so a point's four files of 1–30 kB
   * cost 4 MiB of zeroed memory each time. A point's column chunks are far below 64 KiB (a flows column: at most
   * 2 starts × 1000 steps × 8 bytes = 16 kB; the pattern column at N_v = 100 with 25 kept eigenvectors: 10 kB), so
   * each is one page, as with 1 MiB pages; a larger chunk (big lattices) is split into 64 KiB pages.
   */
  static final int POINT_FILE_PAGE_SIZE = 64 * 1024;

  private ParquetFiles() {}

  /**
   * The options of every read of one pass, made once from {@code conf}. Parquet's own shortcuts
   * ({@code ParquetFileReader.open(file)}, {@code ParquetReader.builder(support, path)}) build a new Hadoop
   * configuration for each file and parse its XML resources: about 10 ms a file, minutes over 10⁵ points.
   */
  static ParquetReadOptions readOptions(Configuration conf) {
    return HadoopReadOptions.builder(conf).build();
  }

  /** What a file's footer says of it as a whole: its rows and its key-value metadata. */
  record FileFacts(long rows, java.util.Map<String, String> keyValues) {}

  /**
   * The rows and key-value metadata of {@code file} from its footer, without its schema's column chunks: the footer
   * is read whole ({@code … | footer | footer length, 4 bytes little-endian | PAR1}) and parsed skipping the row
   * groups, a fraction of the work of {@link ParquetFileReader#open} for a file of many columns, which resume does
   * for every committed point.
   *
   * @throws IOException when the file is not a whole Parquet file (too short, no magic, a footer that does not parse)
   */
  static FileFacts facts(InputFile file) throws IOException {
    long length = file.getLength();
    if (length < 12) {
      throw new IOException("not a Parquet file: " + length + " bytes");
    }
    try (org.apache.parquet.io.SeekableInputStream in = file.newStream()) {
      byte[] tail = new byte[8];
      in.seek(length - 8);
      in.readFully(tail);
      if (tail[4] != 'P' || tail[5] != 'A' || tail[6] != 'R' || tail[7] != '1') {
        throw new IOException("not a Parquet file: no magic at its end");
      }
      long footerLength = java.nio.ByteBuffer.wrap(tail, 0, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt()
          & 0xffffffffL;
      if (footerLength > length - 12) {
        throw new IOException("not a Parquet file: a footer of " + footerLength + " bytes in " + length);
      }
      byte[] footer = new byte[(int) footerLength];
      in.seek(length - 8 - footerLength);
      in.readFully(footer);
      org.apache.parquet.format.FileMetaData meta =
          org.apache.parquet.format.Util.readFileMetaData(new java.io.ByteArrayInputStream(footer), true);
      java.util.Map<String, String> kv = new java.util.HashMap<>();
      if (meta.getKey_value_metadata() != null) {
        meta.getKey_value_metadata().forEach(e -> kv.put(e.getKey(), e.getValue()));
      }
      return new FileFacts(meta.getNum_rows(), kv);
    }
  }

  /** Passes every row of {@code file}, in file order, to {@code sink}; returns how many. */
  static long forEachRow(InputFile file, ParquetReadOptions options, Consumer<Group> sink) throws IOException {
    try (ParquetFileReader r = ParquetFileReader.open(file, options)) {
      MessageType schema = r.getFileMetaData().getSchema();
      MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
      long n = 0;
      for (PageReadStore rowGroup = r.readNextRowGroup(); rowGroup != null; rowGroup = r.readNextRowGroup()) {
        RecordReader<Group> rows = io.getRecordReader(rowGroup, new GroupRecordConverter(schema));
        for (long i = 0; i < rowGroup.getRowCount(); i++) {
          sink.accept(rows.read());
          n++;
        }
      }
      return n;
    }
  }

  /** A writer through the Hadoop file system of {@code file} (which creates missing parent directories). */
  static ParquetWriter<Group> open(Path file, MessageType schema, Configuration conf) throws IOException {
    return builder(HadoopOutputFile.fromPath(file, conf), schema, conf).build();
  }

  /**
   * A writer for the small files of one grid point ({@link PointTables}): pages of {@link #POINT_FILE_PAGE_SIZE},
   * and no dictionary encoding. A point's columns are either nearly all distinct (energies, temperatures, steps,
   * pattern elements: the dictionary writer encodes them, finds no gain and falls back to plain, having done the
   * work twice) or one repeated value ({@code point_id}, {@code start}: Snappy compresses the plain repetition), so
   * a dictionary saves ≈ 1.5 % of the bytes at ≈ 20 % of the writing CPU time.
   */
  static ParquetWriter<Group> openPointFile(OutputFile file, MessageType schema, Configuration conf,
      java.util.Map<String, String> footer) throws IOException {
    return builder(file, schema, conf)
        .withExtraMetaData(footer)
        .withPageSize(POINT_FILE_PAGE_SIZE)
        .withDictionaryEncoding(false)
        .withPageWriteChecksumEnabled(false)
        .withSizeStatisticsEnabled(false)
        .build();
  }

  /**
   * A writer for a compacted file ({@link Compaction}): Parquet's default page and row-group sizes and dictionary
   * encoding, which suit a file of thousands of points; {@code footer} goes into the footer.
   */
  static ParquetWriter<Group> openCompacted(OutputFile file, MessageType schema, Configuration conf,
      java.util.Map<String, String> footer) throws IOException {
    return builder(file, schema, conf).withExtraMetaData(footer).build();
  }

  /**
   * The output file of {@code file}: on the local file system ({@code file:} paths with
   * {@link OutputLocation#hadoopConf()}'s raw local file system) a java.nio one, its directory created, not Hadoop's:
   * Hadoop's local file system sets the permissions of every file it creates by forking {@code chmod} unless its
   * native library is loaded (it is not, here), which cost ≈ 7 ms a file, most of a point's commit. java.nio creates
   * files with the process umask applied (mode 0644 under the usual umask 022, what Hadoop's default umask gives).
   */
  static OutputFile output(Path file, Configuration conf) throws IOException {
    java.nio.file.Path local = AtomicFiles.localPath(file, conf);
    if (local != null) {
      java.nio.file.Files.createDirectories(local.getParent());
      return new org.apache.parquet.io.LocalOutputFile(local);
    }
    return HadoopOutputFile.fromPath(file, conf);
  }

  private static ExampleParquetWriter.Builder builder(OutputFile file, MessageType schema, Configuration conf) {
    return ExampleParquetWriter.builder(file)
        .withConf(conf)
        .withType(schema)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE);
  }
}
