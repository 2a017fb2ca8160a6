package org.rbmflow.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.rbmflow.aggregate.AggregateResult.Mean;

/**
 * Fixed-point energy per spin (top) and temperature (bottom, energy thermometer) against N_h/N_v, one line per
 * N_temp, seed means with 1σ standard-error bars ({@code aggregate/means}); one figure per lattice.
 */
final class FixedPointFigure implements FigureKind {
  @Override
  public Section draw(ReportData data, Path dir) throws IOException {
    Map<LatticeKey, Map<Integer, List<Mean>>> groups = new TreeMap<>();
    for (Mean m : data.means()) {
      if (m.nSeeds() > 0) {
        groups.computeIfAbsent(LatticeKey.of(m), k -> new TreeMap<>()).computeIfAbsent(m.nTemp(), k -> new ArrayList<>()).add(m);
      }
    }
    List<Figure> figures = new ArrayList<>();
    for (Map.Entry<LatticeKey, Map<Integer, List<Mean>>> g : groups.entrySet()) {
      LatticeKey lattice = g.getKey();
      String title = "Fixed point vs N_h/N_v, " + lattice.label();
      String file = "fixed_point_" + lattice.tag() + ".png";
      CombinedDomainXYPlot plot = new CombinedDomainXYPlot(ChartStyle.axis("N_h / N_v (hidden units per visible unit)"));
      plot.setGap(12);
      plot.add(panel(g.getValue(), ChartStyle.ENERGY, Mean::energy, Mean::energyErr, true), 1);
      plot.add(panel(g.getValue(), ChartStyle.TEMPERATURE, Mean::temperature, Mean::temperatureErr, false), 1);
      ChartStyle.save(ChartStyle.chart(title, "mean over seeds of OK points ± standard error", plot, true),
          dir.resolve(file), ChartStyle.WIDTH, ChartStyle.HEIGHT);
      figures.add(new Figure.Image(title, file, ChartStyle.WIDTH, ChartStyle.HEIGHT, "Fixed-point energy per spin "
          + "(top) and temperature from the energy thermometer (bottom) against N_h/N_v for " + lattice.label()
          + ", one line per N_temp (" + g.getValue().keySet() + "); points are means over seeds with 1σ standard-error "
          + "bars (aggregate/means)."));
    }
    if (figures.isEmpty()) {
      figures.add(new Figure.Missing("Fixed point vs N_h/N_v", "aggregate/means has no row with an OK point "
          + "(n_seeds > 0), so there is no fixed point to draw."));
    }
    return new Section("Fixed-point energy and temperature vs N_h/N_v", figures);
  }

  private static XYPlot panel(Map<Integer, List<Mean>> byNTemp, String label, ToDoubleFunction<Mean> value,
      ToDoubleFunction<Mean> err, boolean legend) {
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    XYErrorRenderer r = ChartStyle.errorBars();
    int i = 0;
    for (Map.Entry<Integer, List<Mean>> e : byNTemp.entrySet()) {
      YIntervalSeries s = new YIntervalSeries("N_temp = " + e.getKey());
      e.getValue().stream().sorted(Comparator.comparingDouble(Mean::nHOverNV)).forEach(m -> {
        double y = value.applyAsDouble(m);
        double dy = ChartStyle.err(err.applyAsDouble(m));
        if (Double.isFinite(y)) {
          s.add(m.nHOverNV(), y, y - dy, y + dy);
        }
      });
      r.setSeriesPaint(i, ChartStyle.color(i));
      data.addSeries(s);
      i++;
    }
    r.setDefaultSeriesVisibleInLegend(legend);
    XYPlot p = ChartStyle.plot(null, ChartStyle.axis(label));
    p.setDataset(data);
    p.setRenderer(r);
    return p;
  }
}
