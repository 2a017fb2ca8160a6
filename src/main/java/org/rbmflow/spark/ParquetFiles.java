package org.rbmflow.spark;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;

/** How every rbmflow table file is written: Parquet through the Hadoop file system, Snappy, overwrite. */
final class ParquetFiles {
  private ParquetFiles() {}

  static ParquetWriter<Group> open(Path file, MessageType schema, Configuration conf) throws IOException {
    return ExampleParquetWriter.builder(HadoopOutputFile.fromPath(file, conf))
        .withConf(conf)
        .withType(schema)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .build();
  }
}
