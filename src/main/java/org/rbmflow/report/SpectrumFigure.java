package org.rbmflow.report;

import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.rbmflow.report.ReportData.PointRef;
import org.rbmflow.report.ReportData.SpectrumRow;

/**
 * Eigenvalues of WWᵀ against their rank on a log scale, one line per N_temp at the optimal N_h (the representative
 * point thick); one figure per lattice. Eigenvalues below 1e-12 of the largest are numerical zeros (WWᵀ has rank
 * ≤ N_h) and are left out.
 */
final class SpectrumFigure implements FigureKind {
  static final double ZERO = 1e-12;

  @Override
  public Section draw(ReportData data, Path dir) throws IOException {
    Map<LatticeKey, List<PointRef>> lattices = new TreeMap<>();
    data.selection().best().forEach(p -> lattices.computeIfAbsent(p.lattice(), k -> new ArrayList<>()).add(p));
    List<Figure> figures = new ArrayList<>();
    for (Map.Entry<LatticeKey, List<PointRef>> e : lattices.entrySet()) {
      LatticeKey lattice = e.getKey();
      String title = "Spectrum of WWᵀ, " + lattice.label();
      String rep = data.selection().representatives().stream().filter(p -> p.lattice().equals(lattice))
          .map(PointRef::pointId).findFirst().orElse("");
      XYSeriesCollection series = new XYSeriesCollection();
      XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
      r.setDrawSeriesLineAsPath(true);
      r.setAutoPopulateSeriesStroke(false);
      double smallest = Double.POSITIVE_INFINITY;
      double largest = 0;
      int i = 0;
      for (PointRef p : e.getValue()) {
        Optional<SpectrumRow> spectrum = data.spectra().stream().filter(s -> s.pointId().equals(p.pointId())).findFirst();
        if (spectrum.isEmpty()) {
          continue;
        }
        double[] ev = spectrum.get().eigenvalues();
        double max = ev.length == 0 ? 0 : Arrays.stream(ev).max().getAsDouble();
        boolean representative = p.pointId().equals(rep);
        XYSeries s = new XYSeries(p.label() + (representative ? " (representative)" : ""), false, true);
        for (int k = 0; k < ev.length; k++) {
          if (ev[k] > max * ZERO && ev[k] > 0) {
            s.add(k, ev[k]);
            smallest = Math.min(smallest, ev[k]);
            largest = Math.max(largest, ev[k]);
          }
        }
        if (s.getItemCount() == 0) {
          continue;
        }
        int n = series.getSeriesCount();
        r.setSeriesPaint(n, ChartStyle.color(i++));
        r.setSeriesStroke(n, representative ? ChartStyle.thick() : ChartStyle.solid());
        r.setSeriesShape(n, new Ellipse2D.Double(-3, -3, 6, 6));
        series.addSeries(s);
      }
      if (series.getSeriesCount() == 0) {
        figures.add(new Figure.Missing(title, "None of the chosen points of " + lattice.label()
            + " has a spectra row with a positive eigenvalue."));
        continue;
      }
      LogAxis y = ChartStyle.font(new LogAxis("eigenvalue of WWᵀ (log scale)"));
      y.setSmallestValue(smallest / 2);
      y.setNumberFormatOverride(new DecimalFormat("0.##E0", DecimalFormatSymbols.getInstance(Locale.ROOT)));
      if (Math.log10(largest / smallest) >= 2) {
        y.setTickUnit(new NumberTickUnit(1), false, true);
      }
      XYPlot plot = ChartStyle.plot(ChartStyle.integerAxis("rank (0 = largest eigenvalue)"), y);
      plot.setDataset(series);
      plot.setRenderer(r);
      String file = "spectrum_" + lattice.tag() + ".png";
      ChartStyle.save(ChartStyle.chart(title, "one line per N_temp at its optimal N_h (lowest seed)", plot, true),
          dir.resolve(file), ChartStyle.WIDTH, ChartStyle.HEIGHT);
      figures.add(new Figure.Image(title, file, ChartStyle.WIDTH, ChartStyle.HEIGHT, "Eigenvalues of WWᵀ (N_v×N_v) "
          + "against rank on a log scale for " + lattice.label() + ": one line per N_temp at its optimal N_h "
          + "(lowest seed), the representative point drawn thick. A few dominant eigenvalues mean few learned "
          + "patterns; a flat spectrum means many. Eigenvalues below 1e-12 of the largest (numerical zeros: the rank "
          + "of WWᵀ is at most N_h) are left out."));
    }
    if (figures.isEmpty()) {
      figures.add(new Figure.Missing("Spectrum of WWᵀ", "No point was chosen (aggregate/optimal has no rows with "
          + "a matching non-failed point)."));
    }
    return new Section("Eigenvalue spectra of WWᵀ", figures);
  }
}
