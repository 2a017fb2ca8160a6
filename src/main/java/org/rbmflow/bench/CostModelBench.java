package org.rbmflow.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.rbmflow.linalg.Linalg;
import org.rbmflow.sweep.CostModel;
import org.rbmflow.sweep.ExecutorContext;
import org.rbmflow.sweep.GridPoint;
import org.rbmflow.sweep.PointResult;
import org.rbmflow.sweep.PointRunner;
import org.rbmflow.sweep.SweepSpec;

/**
 * The cost model against the clock: a sample of a spec's grid points run one at a time on this thread, as an
 * executor's task would (checkpoints included), each with nothing shared (a fresh {@link ExecutorContext}), against
 * the calibrated model's estimate of that task alone. Seconds.
 */
public final class CostModelBench {
  /**
   * One point.
   *
   * @param pointId   the point
   * @param estimated the model's seconds of its task alone ({@link CostModel#taskSeconds})
   * @param actual    the task's wall seconds
   * @param stages    estimated/actual of Monte Carlo, training and flows (with thermometers, spectrum), as text
   */
  public record Sample(String pointId, double estimated, double actual, String stages) {
    public double ratio() {
      return actual / estimated;
    }

    public String line() {
      return String.format(Locale.ROOT, "costmodel-point point=%s estimated=%.3f actual=%.3f ratio=%.3f %s", pointId,
          estimated, actual, ratio(), stages);
    }
  }

  private final SweepSpec spec;
  private final double budgetSeconds;

  /** {@code budgetSeconds}: the estimated seconds the sample may take in all (at least one point is run). */
  public CostModelBench(SweepSpec spec, double budgetSeconds) {
    this.spec = spec;
    this.budgetSeconds = budgetSeconds;
  }

  /** Points in a sample at most. */
  static final int MAX_POINTS = 9;

  /**
   * The sample: the grid sorted by estimate, then m points evenly spaced in that order (the cheapest and the dearest
   * included when m ≥ 2), m the largest (at most {@value #MAX_POINTS}) whose estimates fit in the budget.
   */
  static List<Integer> sample(double[] estimates, double budget) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < estimates.length; i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble((Integer i) -> estimates[i]).thenComparing(i -> i));
    List<Integer> best = List.of(order.get(0));
    for (int m = 2; m <= Math.min(MAX_POINTS, order.size()); m++) {
      List<Integer> picked = new ArrayList<>();
      double sum = 0;
      for (int j = 0; j < m; j++) {
        int i = order.get((int) Math.round(j * (order.size() - 1) / (double) (m - 1)));
        if (!picked.contains(i)) {
          picked.add(i);
          sum += estimates[i];
        }
      }
      if (sum <= budget) {
        best = picked;
      }
    }
    return best;
  }

  /** Runs the sample, reporting each point to {@code each} as it finishes. */
  public List<Sample> run(CostModel cost, Consumer<Sample> each) {
    List<GridPoint> grid = spec.grid();
    List<Integer> checkpoints = spec.checkpoints();
    double[] estimates = new double[grid.size()];
    for (int i = 0; i < grid.size(); i++) {
      estimates[i] = cost.taskSeconds(grid.get(i), checkpoints);
    }
    int[] epochs = checkpoints.stream().mapToInt(Integer::intValue).toArray();
    List<Sample> out = new ArrayList<>();
    for (int i : sample(estimates, budgetSeconds)) {
      GridPoint p = grid.get(i);
      ExecutorContext alone = new ExecutorContext(ExecutorContext.Budget.fromSystem());
      long t0 = System.nanoTime();
      List<PointResult> rows = new PointRunner(Linalg.best(), 1, alone).runAll(p, java.util.Arrays.stream(epochs)
          .filter(e -> e < p.training().epochs()).toArray());
      double actual = (System.nanoTime() - t0) / 1e9;
      PointResult.PointRow last = rows.get(rows.size() - 1).point();
      CostModel.Estimate e = cost.estimate(p);
      double flowsEach = e.flows() + e.spectrum();
      double flowsAll = e.calibration() + e.classifier() + rows.size() * flowsEach;
      double flowActual = rows.stream().mapToDouble(r -> r.point().flowSeconds()).sum();
      String stages = String.format(Locale.ROOT, "status=%s mc=%.3f/%.3f train=%.3f/%.3f flow=%.3f/%.3f",
          last.status(), e.monteCarlo(), last.mcSeconds(), e.training(), last.trainSeconds(), flowsAll, flowActual);
      Sample s = new Sample(p.pointId(), estimates[i], actual, stages);
      out.add(s);
      each.accept(s);
    }
    return out;
  }
}
