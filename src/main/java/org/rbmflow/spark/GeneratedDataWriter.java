package org.rbmflow.spark;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.rbmflow.ising.IsingDataset;
import org.rbmflow.ising.Lattice;
import org.rbmflow.ising.ObservableSummary;
import org.rbmflow.ising.SampleSet;
import org.rbmflow.table.ConfigurationRow;
import org.rbmflow.table.ObservableRow;
import org.rbmflow.table.Table;
import org.rbmflow.table.Tables;

/**
 * Writes the output of {@code rbmflow generate}: Parquet tables {@code configurations/} (one row per
 * configuration) and {@code observables/} (one row per (T, H)); columns in {@link Tables#CONFIGURATIONS} and
 * {@link Tables#OBSERVABLES}. Streams rows; holds no copy of the data.
 */
public final class GeneratedDataWriter {
  private GeneratedDataWriter() {}

  public static void write(OutputLocation out, IsingDataset data, List<ObservableSummary> rows) throws IOException {
    Path staging = out.begin();
    try {
      writeConfigurations(out, new Path(staging, "configurations/part-00000.parquet"), data);
      writeObservables(out, new Path(staging, "observables/part-00000.parquet"), data, rows);
      out.commit(staging);
    } catch (IOException | RuntimeException e) {
      out.abort(staging);
      throw e;
    }
  }

  private static void writeConfigurations(OutputLocation out, Path file, IsingDataset data) throws IOException {
    Lattice lattice = data.lattice();
    try (Rows<ConfigurationRow> w = new Rows<>(out, file, Tables.CONFIGURATIONS)) {
      for (SampleSet s : data.sets()) {
        for (int i = 0; i < s.count(); i++) {
          w.write(new ConfigurationRow(lattice.dim(), lattice.l(), lattice.sites(), data.seed(), s.temperature(),
              s.field(), i, s.spins().toBytes(i)));
        }
      }
    }
  }

  private static void writeObservables(OutputLocation out, Path file, IsingDataset data, List<ObservableSummary> rows)
      throws IOException {
    Lattice lattice = data.lattice();
    try (Rows<ObservableRow> w = new Rows<>(out, file, Tables.OBSERVABLES)) {
      for (ObservableSummary r : rows) {
        w.write(new ObservableRow(lattice.dim(), lattice.l(), lattice.sites(), data.seed(), r));
      }
    }
  }

  /** A Parquet file of one table, written row by row by column name. */
  private static final class Rows<R> implements AutoCloseable {
    private final Table<R> table;
    private final SimpleGroupFactory groups;
    private final ParquetWriter<Group> writer;

    Rows(OutputLocation out, Path file, Table<R> table) throws IOException {
      this.table = table;
      MessageType schema = TableFormats.parquet(table);
      this.groups = new SimpleGroupFactory(schema);
      this.writer = ParquetFiles.open(file, schema, out.conf());
    }

    void write(R row) throws IOException {
      Group g = groups.newGroup();
      TableFormats.fill(g, table, row);
      writer.write(g);
    }

    @Override
    public void close() throws IOException {
      writer.close();
    }
  }
}
