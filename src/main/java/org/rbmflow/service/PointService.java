package org.rbmflow.service;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import org.rbmflow.linalg.Linalg;
import org.rbmflow.spark.OutputLocation;
import org.rbmflow.spark.Ownership;
import org.rbmflow.sweep.CostModel;
import org.rbmflow.sweep.ExecutorContext;
import org.rbmflow.sweep.GridPoint;
import org.rbmflow.sweep.PointResult;
import org.rbmflow.sweep.PointRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One grid point without Spark: run on this JVM's {@link ExecutorContext} with the best matrix backend, and, when an
 * output is given, its tables written there in one commit (nothing partial visible).
 */
public final class PointService {
  private static final Logger LOG = LoggerFactory.getLogger(PointService.class);

  private PointService() {}

  /**
   * What to run.
   *
   * @param point       the point
   * @param checkpoints epochs at which its training is also evaluated (increasing, each below its epochs)
   * @param threads     Monte Carlo threads (the results do not depend on them)
   * @param out         where to write the tables (path or URI), or null for none
   * @param overwrite   replace an earlier output of this command there
   */
  public record Request(GridPoint point, int[] checkpoints, int threads, String out, boolean overwrite) {
    public Request {
      checkpoints = checkpoints.clone();
    }
  }

  /** Why {@code out} cannot receive a point's tables ({@code --out: …}), or null when it can; creates nothing. */
  public static String outputProblem(String out, boolean overwrite) {
    try {
      OutputLocation.checkWritable(out, overwrite, Ownership.Kind.POINT);
      return null;
    } catch (IllegalArgumentException e) {
      return "--out: " + e.getMessage();
    }
  }

  /**
   * The results of the checkpoints, then of the point itself (last), written under {@code out} when given.
   *
   * @throws InputException when {@code out} cannot receive them (nothing run)
   */
  public static List<PointResult> run(Request r) throws IOException {
    OutputLocation location = null;
    if (r.out() != null) {
      try {
        location = OutputLocation.checkWritable(r.out(), r.overwrite(), Ownership.Kind.POINT);
      } catch (IllegalArgumentException e) {
        throw new InputException("--out: " + e.getMessage());
      }
    }
    LOG.info("running {}", r.point());
    ExecutorContext context = ExecutorContext.jvm();
    CostModel cost = CostModel.calibrated();
    GridPoint p = r.point();
    int evaluations = 1 + (int) java.util.Arrays.stream(r.checkpoints()).filter(e -> e < p.training().epochs()).count();
    PrintWriter progress = new PrintWriter(System.err, true);
    PointEta eta = new PointEta(p, cost.estimate(p), evaluations, progress, System::nanoTime);
    progress.printf(java.util.Locale.ROOT, "point: estimated %.0f s on one core%n",
        cost.taskSeconds(p, java.util.Arrays.stream(r.checkpoints()).boxed().toList()));
    LOG.info("estimate by stage: {}; {}", cost.estimate(p), cost);
    List<PointResult> results = new PointRunner(Linalg.best(), r.threads(), context)
        .withEstimates(q -> cost.estimate(q).total()).withProgress(eta).runAll(p, r.checkpoints());
    context.logSummary();
    if (location != null) {
      location.writePoints(results);
      LOG.info("wrote the tables under {}", location.uri());
    }
    return results;
  }
}
