package org.rbmflow.service;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import org.rbmflow.spark.Compaction;
import org.rbmflow.spark.OutputLock;
import org.rbmflow.spark.SweepOutput;

/**
 * Compaction of a sweep's output ({@link Compaction}) with the output locked, and its one-paragraph summary: the
 * per-point files of each table merged into few files, or nothing written when there is nothing to merge.
 */
public final class CompactService {
  private CompactService() {}

  /**
   * Compacts the output at {@code location} and prints what was done to {@code out}.
   *
   * @throws InputException when {@code location} is not an output of rbmflow with committed points, or is locked
   */
  public static void run(String location, PrintWriter out) throws IOException {
    SweepOutput output = SweepDirectory.existing("OUT", location);
    Compaction.Result r;
    try (OutputLock lock = SweepDirectory.lock("OUT", output, "compact")) {
      r = Compaction.run(output.root(), output.conf());
    }
    print(out, r);
    out.flush();
  }

  /** The summary of a compaction: points merged, files per table before and after, damaged batches. */
  static void print(PrintWriter out, Compaction.Result r) {
    if (r.batches() == 0) {
      out.print("compact: nothing to compact");
    } else {
      out.printf(Locale.ROOT, "compact: merged %d point(s) into %d batch(es)", r.points(), r.batches());
    }
    if (r.leftoversRemoved() > 0) {
      out.printf(Locale.ROOT, "; removed %d per-point file(s) of points compacted earlier", r.leftoversRemoved());
    }
    StringBuilder files = new StringBuilder();
    for (Map.Entry<String, Integer> e : r.filesAfter().entrySet()) {
      files.append(files.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
          .append(r.filesBefore().get(e.getKey())).append(" -> ").append(e.getValue());
    }
    out.println("; files: " + files);
    r.damagedBatches().forEach((b, why) -> out.printf("  damaged compacted batch %s (%s): left as it is; rerun the "
        + "sweep to recompute its points%n", b, why));
  }
}
