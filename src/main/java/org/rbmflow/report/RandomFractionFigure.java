package org.rbmflow.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.rbmflow.aggregate.AggregateResult.Mean;

/**
 * Fraction of "random" training configurations (energy within ±1σ of the infinite-temperature distribution)
 * against N_v, one line per N_temp, with 1σ error bars over seeds; one figure per dimension. The fraction depends
 * on the data (n_v, n_temp, seed) only, so one n_h (the smallest with OK points) stands for each (n_v, n_temp).
 */
final class RandomFractionFigure implements FigureKind {
  @Override
  public Section draw(ReportData data, Path dir) throws IOException {
    Map<Integer, Map<Integer, Map<Integer, Mean>>> byDim = new TreeMap<>();
    data.means().stream().filter(m -> m.nSeeds() > 0 && Double.isFinite(m.randomFraction()))
        .sorted(Comparator.comparingInt(Mean::nH))
        .forEach(m -> byDim.computeIfAbsent(m.dim(), k -> new TreeMap<>()).computeIfAbsent(m.nTemp(), k -> new TreeMap<>())
            .putIfAbsent(m.nV(), m));
    List<Figure> figures = new ArrayList<>();
    for (Map.Entry<Integer, Map<Integer, Map<Integer, Mean>>> d : byDim.entrySet()) {
      String title = "Random configurations in the training data, " + d.getKey() + "D";
      String file = "random_fraction_d" + d.getKey() + ".png";
      YIntervalSeriesCollection series = new YIntervalSeriesCollection();
      XYErrorRenderer r = ChartStyle.errorBars();
      int i = 0;
      for (Map.Entry<Integer, Map<Integer, Mean>> e : d.getValue().entrySet()) {
        YIntervalSeries s = new YIntervalSeries("N_temp = " + e.getKey());
        for (Mean m : e.getValue().values()) {
          double dy = ChartStyle.err(m.randomFractionErr());
          s.add(m.nV(), m.randomFraction(), m.randomFraction() - dy, m.randomFraction() + dy);
        }
        r.setSeriesPaint(i, ChartStyle.color(i++));
        series.addSeries(s);
      }
      XYPlot plot = ChartStyle.plot(ChartStyle.integerAxis("N_v (visible units = lattice sites)"),
          ChartStyle.axis("fraction of random configurations"));
      plot.setDataset(series);
      plot.setRenderer(r);
      ChartStyle.save(ChartStyle.chart(title, "energy per spin within ±1σ of the T = ∞ distribution; mean over seeds "
          + "± standard error", plot, true), dir.resolve(file), ChartStyle.WIDTH, ChartStyle.HEIGHT);
      figures.add(new Figure.Image(title, file, ChartStyle.WIDTH, ChartStyle.HEIGHT, "Fraction of training "
          + "configurations whose energy per spin lies within ±1σ of the infinite-temperature distribution "
          + "(σ = √bonds / N_v), against N_v, one line per N_temp, with 1σ standard-error bars over seeds "
          + "(aggregate/means; the data do not depend on N_h, so one N_h per (N_v, N_temp) is shown)."));
    }
    if (figures.isEmpty()) {
      figures.add(new Figure.Missing("Random configurations in the training data", "aggregate/means has no row with "
          + "an OK point and a finite random_fraction."));
    }
    return new Section("Random-configuration fraction vs N_v", figures);
  }
}
