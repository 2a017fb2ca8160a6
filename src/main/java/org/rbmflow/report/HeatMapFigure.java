package org.rbmflow.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.rbmflow.analysis.SpecificHeatMap;

/**
 * The 2020 paper's figure: the specific heat C(T, H) of the training data as a colour map, the ridge of maximal C
 * along T at each H, and the RBM flows of the representative point tracked in the (T, H) plane by the supervised
 * thermometer (start marked by a circle, end by a square). Also writes the map as
 * {@code specific_heat_<lattice>.csv} ({@code t,h,specific_heat,specific_heat_err,energy}).
 */
final class HeatMapFigure implements FigureKind {
  static final String SECTION = "Flows in the (T, H) plane over the specific heat";

  private final List<HeatMap> maps;

  HeatMapFigure(List<HeatMap> maps) {
    this.maps = List.copyOf(maps);
  }

  @Override
  public Section draw(ReportData data, Path dir) throws IOException {
    List<Figure> figures = new ArrayList<>();
    for (HeatMap m : maps) {
      String title = "RBM flow over C(T, H), " + m.lattice().label();
      String file = "heat_map_" + m.lattice().tag() + ".png";
      writeCsv(m, dir.resolve("specific_heat_" + m.lattice().tag() + ".csv"));
      SpecificHeatMap.Cell max = SpecificHeatMap.maximum(m.cells());
      ChartStyle.save(chart(m, title, max), dir.resolve(file), ChartStyle.WIDTH, ChartStyle.HEIGHT);
      figures.add(new Figure.Image(title, file, ChartStyle.WIDTH, ChartStyle.HEIGHT, String.format(Locale.ROOT,
          "Specific heat per spin C(T, H) of the Monte Carlo training data of %s (colour), the temperature of maximal C "
              + "at each field (white dashes; the grid maximum C = %.3f at T = %.2f, H = %.2f is the white cross), and "
              + "the RBM flows of %s from each start (%s) as (T, H) estimated by the supervised thermometer: circle at "
              + "the start, square at the end. The map is also in specific_heat_%s.csv.",
          m.lattice().label(), max == null ? Double.NaN : max.specificHeat(),
          max == null ? Double.NaN : max.temperature(), max == null ? Double.NaN : max.field(), m.point().label(),
          String.join(", ", new TreeMap<>(m.trajectories()).keySet()), m.lattice().tag())));
    }
    if (figures.isEmpty()) {
      figures.add(new Figure.Missing("RBM flow over C(T, H)", "Every lattice of this sweep was trained at a single "
          + "field H, so there is no (T, H) plane to draw; the 2020 presets (jobs/funai-giataganas2020-*.yaml) "
          + "train over a grid of fields."));
    }
    return new Section(SECTION, figures);
  }

  private static void writeCsv(HeatMap m, Path file) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("t,h,specific_heat,specific_heat_err,energy\n");
      for (SpecificHeatMap.Cell c : m.cells()) {
        w.write(c.temperature() + "," + c.field() + "," + c.specificHeat() + "," + c.specificHeatErr() + ","
            + c.energy() + "\n");
      }
    }
  }

  private static JFreeChart chart(HeatMap m, String title, SpecificHeatMap.Cell max) {
    double[][] xyz = new double[3][m.cells().size()];
    double top = 0;
    for (int i = 0; i < m.cells().size(); i++) {
      SpecificHeatMap.Cell c = m.cells().get(i);
      xyz[0][i] = c.temperature();
      xyz[1][i] = c.field();
      xyz[2][i] = Double.isFinite(c.specificHeat()) ? c.specificHeat() : 0;
      top = Math.max(top, xyz[2][i]);
    }
    DefaultXYZDataset grid = new DefaultXYZDataset();
    grid.addSeries("C", xyz);
    Scale scale = new Scale(top > 0 ? top : 1);
    XYBlockRenderer blocks = new XYBlockRenderer();
    blocks.setBlockWidth(m.tStep());
    blocks.setBlockHeight(m.hStep());
    blocks.setPaintScale(scale);

    NumberAxis x = ChartStyle.axis(ChartStyle.TEMPERATURE);
    NumberAxis y = ChartStyle.axis("field H (J)");
    XYPlot plot = ChartStyle.plot(x, y);
    plot.setDataset(0, grid);
    plot.setRenderer(0, blocks);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);

    XYSeriesCollection overlay = new XYSeriesCollection();
    XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
    lines.setDrawSeriesLineAsPath(true);
    lines.setAutoPopulateSeriesStroke(false);
    // the ridge: T of maximal C at each H (T > 0)
    Map<Double, SpecificHeatMap.Cell> ridge = new TreeMap<>();
    for (SpecificHeatMap.Cell c : m.cells()) {
      SpecificHeatMap.Cell r = ridge.get(c.field());
      if (c.temperature() > 0 && Double.isFinite(c.specificHeat()) && (r == null || c.specificHeat() > r.specificHeat())) {
        ridge.put(c.field(), c);
      }
    }
    XYSeries ridgeSeries = new XYSeries("T of maximal C at each H", false, true);
    ridge.values().forEach(c -> ridgeSeries.add(c.temperature(), c.field()));
    int s = 0;
    overlay.addSeries(ridgeSeries);
    lines.setSeriesPaint(s, Color.WHITE);
    lines.setSeriesStroke(s, new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
        new float[] {6f, 5f}, 0f));
    s++;
    if (max != null) {
      XYSeries cross = new XYSeries(String.format(Locale.ROOT, "grid maximum of C (T = %.2f, H = %.2f)",
          max.temperature(), max.field()), false, true);
      cross.add(max.temperature(), max.field());
      overlay.addSeries(cross);
      lines.setSeriesLinesVisible(s, false);
      lines.setSeriesShapesVisible(s, true);
      lines.setSeriesShape(s, org.jfree.chart.util.ShapeUtils.createDiagonalCross(7f, 2f));
      lines.setSeriesPaint(s, Color.WHITE);
      s++;
    }
    int i = 0;
    for (Map.Entry<String, List<double[]>> e : new TreeMap<>(m.trajectories()).entrySet()) {
      XYSeries path = new XYSeries("flow from " + e.getKey(), false, true);
      XYSeries ends = new XYSeries("flow from " + e.getKey() + ": start, end", false, true);
      List<double[]> finite = e.getValue().stream()
          .filter(r -> Double.isFinite(r[1]) && Double.isFinite(r[2])).toList();
      finite.forEach(r -> path.add(r[1], r[2]));
      if (finite.isEmpty()) {
        continue;
      }
      Paint colour = ChartStyle.color(i + 2);
      overlay.addSeries(path);
      lines.setSeriesPaint(s, colour);
      lines.setSeriesStroke(s, ChartStyle.solid());
      s++;
      double[] first = finite.get(0);
      double[] last = finite.get(finite.size() - 1);
      ends.add(first[1], first[2]);
      ends.add(last[1], last[2]);
      overlay.addSeries(ends);
      lines.setSeriesLinesVisible(s, false);
      lines.setSeriesShapesVisible(s, true);
      lines.setSeriesPaint(s, colour);
      lines.setSeriesVisibleInLegend(s, false);
      // circle at the start, square at the end
      lines.setSeriesShape(s, new Ellipse2D.Double(-6, -6, 12, 12));
      s++;
      XYSeries endOnly = new XYSeries("flow from " + e.getKey() + ": end", false, true);
      endOnly.add(last[1], last[2]);
      overlay.addSeries(endOnly);
      lines.setSeriesLinesVisible(s, false);
      lines.setSeriesShapesVisible(s, true);
      lines.setSeriesPaint(s, colour);
      lines.setSeriesVisibleInLegend(s, false);
      lines.setSeriesShape(s, new Rectangle2D.Double(-7, -7, 14, 14));
      s++;
      i++;
    }
    plot.setDataset(1, overlay);
    plot.setRenderer(1, lines);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);

    JFreeChart chart = ChartStyle.chart(title, m.point().label() + "; flows by the supervised thermometer (T̂, Ĥ)",
        plot, true);
    NumberAxis cAxis = ChartStyle.axis("C per spin");
    cAxis.setRange(0, scale.getUpperBound());
    PaintScaleLegend legend = new PaintScaleLegend(scale, cAxis);
    legend.setPosition(RectangleEdge.RIGHT);
    legend.setStripWidth(14);
    legend.setMargin(4, 8, 4, 4);
    legend.setBackgroundPaint(Color.WHITE);
    chart.addSubtitle(legend);
    return chart;
  }

  /** A perceptually ordered dark-blue → teal → yellow scale from 0 to the largest C. */
  private record Scale(double upper) implements PaintScale {
    private static final Color[] STOPS = {new Color(0x30123b), new Color(0x3b528b), new Color(0x21918c),
        new Color(0x5ec962), new Color(0xfde725)};

    @Override
    public double getLowerBound() {
      return 0;
    }

    @Override
    public double getUpperBound() {
      return upper;
    }

    @Override
    public Paint getPaint(double value) {
      double u = Math.max(0, Math.min(1, value / upper)) * (STOPS.length - 1);
      int k = Math.min(STOPS.length - 2, (int) Math.floor(u));
      double f = u - k;
      Color a = STOPS[k];
      Color b = STOPS[k + 1];
      return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
          (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
          (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }
  }
}
