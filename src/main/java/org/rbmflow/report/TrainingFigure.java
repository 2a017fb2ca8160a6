package org.rbmflow.report;

import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.rbmflow.report.ReportData.TrainingRow;

/**
 * The fixed point along training, for sweeps with {@code training.checkpoints}: the fixed-point temperature (energy
 * inversion), the fixed-point energy and the largest eigenvalue of WWᵀ against epochs (log scale), one line per
 * training (N_h, seed); one figure of each per (lattice, N_temp). Sweeps without checkpoints get one sentence.
 */
final class TrainingFigure implements FigureKind {
  private record Quantity(String name, String tag, String axis, boolean logY, ToDoubleFunction<TrainingRow> value) {}

  private static final List<Quantity> QUANTITIES = List.of(
      new Quantity("Fixed-point temperature", "temperature", ChartStyle.TEMPERATURE + " by energy inversion", false,
          TrainingRow::fpTemperature),
      new Quantity("Fixed-point energy", "energy", ChartStyle.ENERGY, false, TrainingRow::fpEnergy),
      new Quantity("Largest eigenvalue of WWᵀ", "eigenvalue", "largest eigenvalue of WWᵀ (log scale)", true,
          TrainingRow::topEigenvalue));

  /** Ticks at the powers of ten, written as plain numbers (10, 100, 1000), not as 10^1.2. */
  private static LogAxis decades(LogAxis a) {
    a.setTickUnit(new NumberTickUnit(1), false, true);
    a.setNumberFormatOverride(new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)));
    return a;
  }

  @Override
  public Section draw(ReportData data, Path dir) throws IOException {
    // (lattice, n_temp) → training id → its rows by epochs
    Map<LatticeKey, Map<Integer, Map<String, List<TrainingRow>>>> groups = new TreeMap<>();
    for (TrainingRow r : data.training()) {
      groups.computeIfAbsent(r.lattice(), k -> new TreeMap<>()).computeIfAbsent(r.nTemp(), k -> new TreeMap<>())
          .computeIfAbsent(r.training(), k -> new ArrayList<>()).add(r);
    }
    List<Figure> figures = new ArrayList<>();
    for (var lattice : groups.entrySet()) {
      for (var nTemp : lattice.getValue().entrySet()) {
        for (Quantity q : QUANTITIES) {
          figures.add(draw(dir, lattice.getKey(), nTemp.getKey(), nTemp.getValue(), q));
        }
      }
    }
    if (figures.isEmpty()) {
      figures.add(new Figure.Missing("Fixed point along training", "No point was evaluated at checkpoints of its "
          + "training (set training.checkpoints in the spec, or point --checkpoints)."));
    }
    return new Section("Fixed point along training", figures);
  }

  private static Figure draw(Path dir, LatticeKey lattice, int nTemp, Map<String, List<TrainingRow>> trainings,
      Quantity q) throws IOException {
    String title = q.name() + " along training, " + lattice.label() + ", N_temp = " + nTemp;
    XYSeriesCollection series = new XYSeriesCollection();
    XYLineAndShapeRenderer r = ChartStyle.lines();
    List<List<TrainingRow>> ordered = new ArrayList<>(trainings.values());
    ordered.sort(Comparator.comparing((List<TrainingRow> t) -> t.get(0).variant())
        .thenComparingInt(t -> t.get(0).nH()).thenComparingLong(t -> t.get(0).seed()));
    for (List<TrainingRow> rows : ordered) {
      TrainingRow first = rows.get(0);
      XYSeries s = new XYSeries(first.label());
      rows.stream().sorted(Comparator.comparingInt(TrainingRow::epochs)).forEach(x -> {
        double y = q.value().applyAsDouble(x);
        if (Double.isFinite(y) && (!q.logY() || y > 0)) {
          s.add(x.epochs(), y);
        }
      });
      if (s.getItemCount() == 0) {
        continue;
      }
      int n = series.getSeriesCount();
      r.setSeriesPaint(n, ChartStyle.color(n));
      r.setSeriesStroke(n, ChartStyle.solid());
      r.setSeriesShape(n, new Ellipse2D.Double(-3, -3, 6, 6));
      series.addSeries(s);
    }
    if (series.getSeriesCount() == 0) {
      return new Figure.Missing(title, "No finite value at any checkpoint (every evaluation FAILED).");
    }
    LogAxis x = decades(ChartStyle.font(new LogAxis("epochs (log scale)")));
    ValueAxis y = q.logY() ? decades(ChartStyle.font(new LogAxis(q.axis()))) : ChartStyle.axis(q.axis());
    XYPlot plot = ChartStyle.plot(x, y);
    plot.setDataset(series);
    plot.setRenderer(r);
    if (q.tag().equals("temperature") && lattice.dim() == 2) {
      plot.addRangeMarker(ChartStyle.marker(ChartStyle.TC_2D, "T_c (infinite lattice)"));
    }
    String file = "training_" + q.tag() + "_" + lattice.tag() + "_nt" + nTemp + ".png";
    ChartStyle.save(ChartStyle.chart(title, "one line per training (protocol, N_h, seed), a point per checkpoint", plot, true),
        dir.resolve(file), ChartStyle.WIDTH, ChartStyle.HEIGHT);
    return new Figure.Image(title, file, ChartStyle.WIDTH, ChartStyle.HEIGHT, q.name() + " of the RBM flow's fixed "
        + "point against the epochs of training (log scale) for " + lattice.label() + " at N_temp = " + nTemp
        + ": each line is one training (the listed parameters' values, N_h, seed) evaluated at the checkpoints of training.checkpoints and at its end; "
        + "each point equals the result of a separate run trained to that many epochs.");
  }
}
