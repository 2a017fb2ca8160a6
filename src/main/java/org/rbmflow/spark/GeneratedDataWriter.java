package org.rbmflow.spark;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.rbmflow.ising.IsingDataset;
import org.rbmflow.ising.ObservableSummary;
import org.rbmflow.ising.SampleSet;

/**
 * Writes the output of {@code rbmflow generate}: Parquet tables {@code configurations/} (one row per
 * configuration; {@code spins} bit-packed, site j = bit (j mod 8) of byte ⌊j/8⌋, 1 = up, sites row-major)
 * and {@code observables/} (one row per (T, H)). Streams rows; holds no copy of the data.
 */
public final class GeneratedDataWriter {
  public static final MessageType CONFIGURATIONS = MessageTypeParser.parseMessageType("""
      message configurations {
        required int32 dim; required int32 l; required int32 n_v; required int64 seed;
        required double t; required double h; required int32 index; required binary spins;
      }""");

  public static final MessageType OBSERVABLES = MessageTypeParser.parseMessageType("""
      message observables {
        required int32 dim; required int32 l; required int32 n_v; required int64 seed;
        required double t; required double h; required int32 configs;
        required double energy; required double energy_err; required double magnetization;
        required double magnetization_err; required double abs_magnetization; required double abs_magnetization_err;
        required double specific_heat; required double specific_heat_err; required double acceptance;
        required double tau_int; required int32 decor_sweeps; required double random_fraction;
      }""");

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

  private static ParquetWriter<Group> writer(OutputLocation out, Path file, MessageType schema) throws IOException {
    return ParquetFiles.open(file, schema, out.conf());
  }

  private static void writeConfigurations(OutputLocation out, Path file, IsingDataset data) throws IOException {
    SimpleGroupFactory f = new SimpleGroupFactory(CONFIGURATIONS);
    try (ParquetWriter<Group> w = writer(out, file, CONFIGURATIONS)) {
      for (SampleSet s : data.sets()) {
        for (int i = 0; i < s.count(); i++) {
          Group g = f.newGroup();
          common(g, data, s.temperature(), s.field());
          g.add("index", i);
          g.add("spins", Binary.fromConstantByteArray(s.spins().toBytes(i)));
          w.write(g);
        }
      }
    }
  }

  private static void writeObservables(OutputLocation out, Path file, IsingDataset data, List<ObservableSummary> rows)
      throws IOException {
    SimpleGroupFactory f = new SimpleGroupFactory(OBSERVABLES);
    try (ParquetWriter<Group> w = writer(out, file, OBSERVABLES)) {
      for (ObservableSummary r : rows) {
        Group g = f.newGroup();
        common(g, data, r.temperature(), r.field());
        g.add("configs", r.configs());
        g.add("energy", r.energy());
        g.add("energy_err", r.energyErr());
        g.add("magnetization", r.magnetization());
        g.add("magnetization_err", r.magnetizationErr());
        g.add("abs_magnetization", r.absMagnetization());
        g.add("abs_magnetization_err", r.absMagnetizationErr());
        g.add("specific_heat", r.specificHeat());
        g.add("specific_heat_err", r.specificHeatErr());
        g.add("acceptance", r.acceptance());
        g.add("tau_int", r.tauInt());
        g.add("decor_sweeps", r.decorSweeps());
        g.add("random_fraction", r.randomFraction());
        w.write(g);
      }
    }
  }

  private static void common(Group g, IsingDataset data, double t, double h) {
    g.add("dim", data.lattice().dim());
    g.add("l", data.lattice().l());
    g.add("n_v", data.lattice().sites());
    g.add("seed", data.seed());
    g.add("t", t);
    g.add("h", h);
  }
}
