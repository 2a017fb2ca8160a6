package org.rbmflow.service;

import java.io.IOException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rbmflow.common.PointStatus;
import org.rbmflow.spark.CommittedPoints;
import org.rbmflow.spark.OutputLock;
import org.rbmflow.spark.Ownership;
import org.rbmflow.spark.PointFooters;
import org.rbmflow.spark.SweepOutput;
import org.rbmflow.sweep.CostModel;
import org.rbmflow.sweep.GridPoint;
import org.rbmflow.sweep.RecordedSpec;
import org.rbmflow.sweep.SpecException;

/**
 * Where a sweep's output stands, read without Spark and without writing or locking anything (so it works while a
 * sweep runs on it): the grid of the spec recorded in the output, the committed points as checked by
 * {@link CommittedPoints#verify}, their timings from the {@code points} footers ({@link PointFooters}), the cost
 * model's estimate for the rest, and the lock's holder.
 */
public final class StatusService {
  private StatusService() {}

  /**
   * The status of the sweep output at {@code location}.
   *
   * @throws InputException naming OUT when it is not a readable output directory of {@code rbmflow sweep}
   */
  public static SweepStatus read(String location) {
    SweepOutput output = sweepOutput(location);
    try {
      RecordedSpec spec = recordedSpec(output, location);
      CommittedPoints.Verified verified = CommittedPoints.verify(output.root(), output.conf());
      Map<String, PointFooters.Footer> footers = PointFooters.read(output.root(), output.conf());
      Map<PointStatus, Integer> committed = new EnumMap<>(PointStatus.class);
      for (PointStatus s : PointStatus.values()) {
        committed.put(s, 0);
      }
      for (GridPoint p : spec.grid()) {
        PointStatus s = verified.status().get(p.pointId());
        if (s != null) {
          committed.merge(s, 1, Integer::sum);
        }
      }
      Set<String> whole = verified.status().keySet();
      List<GridPoint> remaining = spec.grid().stream().filter(p -> !whole.contains(p.pointId())).toList();
      double spent = 0;
      long last = 0;
      for (String id : whole) {
        PointFooters.Footer f = footers.get(id);
        if (f != null) {
          spent += f.coreSeconds();
          last = Math.max(last, f.finishedAtMillis());
        }
      }
      double estimate = 0;
      if (!remaining.isEmpty()) {
        CostModel cost = CostModel.calibrated();
        estimate = remaining.stream().mapToDouble(cost::seconds).sum();
      }
      return new SweepStatus(location, spec.name(), spec.grid().size(), committed, remaining.size(),
          verified.damaged(), verified.foreign().size(), spent / 3600, estimate / 3600,
          last > 0 ? Instant.ofEpochMilli(last) : null, lock(output));
    } catch (IOException e) {
      throw new InputException("OUT: '" + location + "' cannot be read: " + RunFailure.reason(e));
    }
  }

  /** The output at {@code location}, which must be an existing directory that {@code rbmflow sweep} wrote. */
  private static SweepOutput sweepOutput(String location) {
    SweepOutput output;
    try {
      output = SweepOutput.at(location);
    } catch (IllegalArgumentException e) {
      throw new InputException("OUT: " + e.getMessage());
    }
    Ownership.State s;
    try {
      s = Ownership.inspect(output.root(), output.conf());
    } catch (IOException | RuntimeException e) {
      throw new InputException("OUT: '" + location + "' cannot be read: " + RunFailure.reason(e));
    }
    if (!s.exists()) {
      throw new InputException("OUT: '" + location + "' does not exist; expected the output directory of a sweep");
    }
    if (s.owner() != Ownership.Kind.SWEEP) {
      throw new InputException("OUT: '" + location + "' is not an output of `rbmflow sweep`" + (s.owner() == null
          ? " (no rbmflow marker)" : " (it holds the output of `rbmflow " + s.owner().command() + "`)")
          + "; expected the output directory of a sweep");
    }
    return output;
  }

  private static RecordedSpec recordedSpec(SweepOutput output, String location) throws IOException {
    String text = output.recordedSpec();
    if (text == null) {
      throw new InputException("OUT: '" + location + "' has no " + SweepOutput.SPEC + " (a sweep that is only "
          + "starting, or one that died before recording its spec); expected the output directory of a sweep");
    }
    try {
      return RecordedSpec.parse(text, location + "/" + SweepOutput.SPEC);
    } catch (SpecException e) {
      throw new InputException("OUT: '" + location + "/" + SweepOutput.SPEC + "' is not a spec this version reads: "
          + String.join("; ", e.problems()));
    }
  }

  private static SweepStatus.Lock lock(SweepOutput output) throws IOException {
    Optional<OutputLock.State> l = OutputLock.inspect(output.root(), output.conf());
    if (l.isEmpty()) {
      return null;
    }
    OutputLock.Holder h = l.get().holder();
    return new SweepStatus.Lock(h.host(), h.pid(), h.command(), h.started(), l.get().heartbeatSeconds(),
        l.get().stale());
  }
}
