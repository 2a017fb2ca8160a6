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
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.rbmflow.aggregate.AggregateResult.Fit;
import org.rbmflow.aggregate.AggregateResult.Optimal;

/**
 * Minimal fixed-point energy over N_h against N_temp, one line per N_v (and variant of the listed parameters) with 1σ error bars ({@code aggregate/optimal}),
 * and the fitted curve e0 + a·N_temp^b of each lattice whose fit is OK ({@code aggregate/fits}), dashed over
 * N_temp ≥ n_temp_min; one figure per dimension.
 */
final class MinimalEnergyFigure implements FigureKind {
  private static final int CURVE_POINTS = 200;

  @Override
  public Section draw(ReportData data, Path dir) throws IOException {
    Map<Integer, Map<LatticeKey, List<Optimal>>> byDim = new TreeMap<>();
    for (Optimal o : data.optimal()) {
      if (Double.isFinite(o.energy())) {
        byDim.computeIfAbsent(o.dim(), k -> new TreeMap<>()).computeIfAbsent(LatticeKey.of(o), k -> new ArrayList<>()).add(o);
      }
    }
    List<Figure> figures = new ArrayList<>();
    for (Map.Entry<Integer, Map<LatticeKey, List<Optimal>>> d : byDim.entrySet()) {
      figures.add(figure(d.getKey(), d.getValue(), data.fits(), dir));
    }
    if (figures.isEmpty()) {
      figures.add(new Figure.Missing("Minimal fixed-point energy vs N_temp", "aggregate/optimal has no rows (no "
          + "(N_v, N_temp) with an OK point), so there is no minimal energy to draw or fit."));
    }
    return new Section("Minimal fixed-point energy vs N_temp and its fit", figures);
  }

  private static Figure figure(int dim, Map<LatticeKey, List<Optimal>> lattices, List<Fit> fits, Path dir)
      throws IOException {
    String title = "Minimal fixed-point energy vs N_temp, " + dim + "D";
    String file = "minimal_energy_d" + dim + ".png";
    YIntervalSeriesCollection points = new YIntervalSeriesCollection();
    XYSeriesCollection curves = new XYSeriesCollection();
    XYErrorRenderer pr = ChartStyle.errorBars();
    XYLineAndShapeRenderer cr = ChartStyle.lines();
    List<String> notFitted = new ArrayList<>();
    int i = 0;
    for (Map.Entry<LatticeKey, List<Optimal>> e : lattices.entrySet()) {
      LatticeKey lattice = e.getKey();
      List<Optimal> rows = e.getValue().stream().sorted(Comparator.comparingInt(Optimal::nTemp)).toList();
      YIntervalSeries s = new YIntervalSeries(lattice.seriesLabel() + " (best N_h)");
      for (Optimal o : rows) {
        double dy = ChartStyle.err(o.energyErr());
        s.add(o.nTemp(), o.energy(), o.energy() - dy, o.energy() + dy);
      }
      pr.setSeriesPaint(i, ChartStyle.color(i));
      points.addSeries(s);
      Fit fit = fits.stream().filter(f -> LatticeKey.of(f).equals(lattice)).findFirst().orElse(null);
      if (fit != null && fit.ok()) {
        XYSeries c = new XYSeries("fit " + lattice.seriesLabel() + ": a = " + ChartStyle.pm(fit.fit().a(), fit.fit().aErr())
            + ", b = " + ChartStyle.pm(fit.fit().b(), fit.fit().bErr()), false, true);
        double from = fit.nTempMin();
        double to = Math.max(from, rows.get(rows.size() - 1).nTemp());
        for (int k = 0; k <= CURVE_POINTS; k++) {
          double n = from + (to - from) * k / CURVE_POINTS;
          c.add(n, fit.fit().at(n));
        }
        cr.setSeriesPaint(curves.getSeriesCount(), ChartStyle.color(i));
        cr.setSeriesStroke(curves.getSeriesCount(), ChartStyle.dashed());
        curves.addSeries(c);
      } else {
        notFitted.add(lattice.seriesLabel() + ": " + (fit == null ? "no row in aggregate/fits"
            : java.util.Objects.requireNonNullElse(fit.reason(), "NO_FIT")));
      }
      i++;
    }
    XYPlot plot = ChartStyle.plot(ChartStyle.integerAxis("N_temp (number of training temperatures)"),
        ChartStyle.axis("minimal fixed-point " + ChartStyle.ENERGY));
    plot.setDataset(0, points);
    plot.setRenderer(0, pr);
    plot.setDataset(1, curves);
    plot.setRenderer(1, cr);
    String subtitle = "points: min over N_h of the seed-mean fixed-point energy ± standard error; dashed: fit e0 + a·N_temp^b";
    ChartStyle.save(ChartStyle.chart(title, subtitle, plot, true), dir.resolve(file), ChartStyle.WIDTH, ChartStyle.HEIGHT);
    String caption = "Minimal fixed-point energy per spin over N_h (the optimal N_h, aggregate/optimal) against N_temp, "
        + "one colour per N_v, with 1σ standard-error bars over seeds; dashed: the fit Energy = e0 + a·N_temp^b "
        + "(aggregate/fits, status OK) drawn over N_temp ≥ n_temp_min, with a and b ± their standard errors in the "
        + "legend." + (notFitted.isEmpty() ? "" : " No fitted curve for " + String.join("; ", notFitted) + ".");
    return new Figure.Image(title, file, ChartStyle.WIDTH, ChartStyle.HEIGHT, caption);
  }
}
