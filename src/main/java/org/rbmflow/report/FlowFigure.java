package org.rbmflow.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.rbmflow.report.ReportData.FlowRow;
import org.rbmflow.report.ReportData.PointRef;

/**
 * Flow trajectories of each representative point: temperature (top; energy thermometer solid, classifier dashed)
 * and ensemble energy per spin (bottom) against the flow step, one colour per start. 2D lattices also show the
 * infinite-lattice T_c and E(T_c)/N = −√2.
 */
final class FlowFigure implements FigureKind {
  @Override
  public Section draw(ReportData data, Path dir) throws IOException {
    List<Figure> figures = new ArrayList<>();
    for (PointRef p : data.selection().representatives()) {
      String title = "RBM flow, " + p.lattice().label();
      Map<String, List<FlowRow>> byStart = new LinkedHashMap<>();
      data.flows().stream().filter(f -> f.pointId().equals(p.pointId()))
          .sorted(Comparator.comparing(FlowRow::start).thenComparingInt(FlowRow::step))
          .forEach(f -> byStart.computeIfAbsent(f.start(), k -> new ArrayList<>()).add(f));
      if (byStart.isEmpty()) {
        figures.add(new Figure.Missing(title, "The representative point " + p.pointId() + " (" + p.label()
            + ") has no rows in the flows table, so there is no trajectory to draw."));
        continue;
      }
      String file = "flow_" + p.lattice().tag() + ".png";
      ChartStyle.save(ChartStyle.chart(title, p.label() + " (optimal N_h at the largest N_temp)", plot(p, byStart), true),
          dir.resolve(file), ChartStyle.WIDTH, ChartStyle.HEIGHT);
      figures.add(new Figure.Image(title, file, ChartStyle.WIDTH, ChartStyle.HEIGHT, "Flow trajectories of "
          + p.lattice().label() + ", " + p.label() + " (point " + p.pointId() + "), one colour per start ("
          + String.join(", ", byStart.keySet()) + "). Top: temperature of the flowing ensemble from the energy "
          + "thermometer (solid) and the classifier (dashed); bottom: its energy per spin, against the flow step."
          + (p.dim() == 2 ? " Dotted lines: T_c and E(T_c)/N = −√2 of the infinite lattice." : "")));
    }
    if (figures.isEmpty()) {
      figures.add(new Figure.Missing("RBM flow", "No representative point: aggregate/optimal has no rows with a "
          + "matching non-failed point."));
    }
    return new Section("Flow trajectories", figures);
  }

  private static CombinedDomainXYPlot plot(PointRef p, Map<String, List<FlowRow>> byStart) {
    XYSeriesCollection temperatures = new XYSeriesCollection();
    XYSeriesCollection energies = new XYSeriesCollection();
    XYLineAndShapeRenderer tr = ChartStyle.lines();
    XYLineAndShapeRenderer er = ChartStyle.lines();
    int i = 0;
    for (Map.Entry<String, List<FlowRow>> e : byStart.entrySet()) {
      XYSeries thermo = new XYSeries("start " + e.getKey() + ": T from energy", false, true);
      XYSeries classifier = new XYSeries("start " + e.getKey() + ": T from classifier", false, true);
      XYSeries energy = new XYSeries("start " + e.getKey(), false, true);
      for (FlowRow f : e.getValue()) {
        finite(thermo, f.step(), f.temperature());
        finite(classifier, f.step(), f.temperatureClassifier());
        finite(energy, f.step(), f.energy());
      }
      tr.setSeriesPaint(temperatures.getSeriesCount(), ChartStyle.color(i));
      tr.setSeriesStroke(temperatures.getSeriesCount(), ChartStyle.solid());
      temperatures.addSeries(thermo);
      if (classifier.getItemCount() > 0) {
        tr.setSeriesPaint(temperatures.getSeriesCount(), ChartStyle.color(i));
        tr.setSeriesStroke(temperatures.getSeriesCount(), ChartStyle.dashed());
        temperatures.addSeries(classifier);
      }
      er.setSeriesPaint(i, ChartStyle.color(i));
      er.setSeriesStroke(i, ChartStyle.solid());
      energies.addSeries(energy);
      i++;
    }
    er.setDefaultSeriesVisibleInLegend(false);
    XYPlot top = ChartStyle.plot(null, ChartStyle.axis(ChartStyle.TEMPERATURE));
    top.setDataset(temperatures);
    top.setRenderer(tr);
    XYPlot bottom = ChartStyle.plot(null, ChartStyle.axis(ChartStyle.ENERGY));
    bottom.setDataset(energies);
    bottom.setRenderer(er);
    if (p.dim() == 2) {
      top.addRangeMarker(ChartStyle.marker(ChartStyle.TC_2D, "T_c ≈ 2.269"));
      bottom.addRangeMarker(ChartStyle.marker(ChartStyle.E_TC_2D, "E(T_c)/N = −√2"));
    }
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(ChartStyle.integerAxis("flow step (v → h → v′ reconstructions)"));
    plot.setGap(12);
    plot.add(top, 1);
    plot.add(bottom, 1);
    return plot;
  }

  private static void finite(XYSeries s, double x, double y) {
    if (Double.isFinite(y)) {
      s.add(x, y);
    }
  }
}
