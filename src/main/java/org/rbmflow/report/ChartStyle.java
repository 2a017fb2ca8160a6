package org.rbmflow.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Stroke;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;

/** The report's look: sizes, fonts, colours, strokes and axis labels shared by every chart, and PNG output. */
final class ChartStyle {
  static final int WIDTH = 900;
  static final int HEIGHT = 600;

  static final String ENERGY = "energy per spin E/N_v (J = 1)";
  static final String TEMPERATURE = "temperature T (J/k_B)";
  /** Infinite-lattice critical temperature of the 2D Ising model, 2/ln(1+√2), and E/N there (−√2). */
  static final double TC_2D = 2 / Math.log(1 + Math.sqrt(2));
  static final double E_TC_2D = -Math.sqrt(2);

  static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
  static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
  static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

  private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
      new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
      new Color(0xbcbd22), new Color(0x17becf)};
  private static final Color GRID = new Color(0xdddddd);

  private ChartStyle() {}

  static Paint color(int i) {
    return PALETTE[Math.floorMod(i, PALETTE.length)];
  }

  static Stroke solid() {
    return new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  }

  static Stroke thick() {
    return new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  }

  static Stroke dashed() {
    return new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 5f}, 0f);
  }

  static NumberAxis axis(String label) {
    NumberAxis a = new NumberAxis(label);
    a.setAutoRangeIncludesZero(false);
    return font(a);
  }

  /** An axis of whole numbers (ranks, steps, counts): integer ticks only. */
  static NumberAxis integerAxis(String label) {
    NumberAxis a = axis(label);
    a.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    return a;
  }

  static <A extends ValueAxis> A font(A a) {
    a.setLabelFont(LABEL);
    a.setTickLabelFont(TICK);
    return a;
  }

  /** A plot on a white background with light grid lines; the domain axis may be null (combined plots share one). */
  static XYPlot plot(ValueAxis x, ValueAxis y) {
    XYPlot p = new XYPlot(null, x, y, null);
    p.setBackgroundPaint(Color.WHITE);
    p.setDomainGridlinePaint(GRID);
    p.setRangeGridlinePaint(GRID);
    p.setDomainGridlinesVisible(true);
    p.setRangeGridlinesVisible(true);
    p.setOutlinePaint(Color.GRAY);
    p.setAxisOffset(RectangleInsets.ZERO_INSETS);
    return p;
  }

  /** Lines through the points, each with a 1σ vertical error bar, in series colours. */
  static XYErrorRenderer errorBars() {
    XYErrorRenderer r = new XYErrorRenderer();
    r.setDrawXError(false);
    r.setDrawYError(true);
    r.setDefaultLinesVisible(true);
    r.setDefaultShapesVisible(true);
    r.setCapLength(6);
    r.setErrorStroke(new BasicStroke(1.2f));
    r.setAutoPopulateSeriesStroke(false);
    r.setDefaultStroke(solid());
    return r;
  }

  /** Lines only. */
  static XYLineAndShapeRenderer lines() {
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    r.setDrawSeriesLineAsPath(true);
    r.setAutoPopulateSeriesStroke(false);
    r.setDefaultStroke(solid());
    return r;
  }

  /** A horizontal reference line with a label at the right end. */
  static ValueMarker marker(double y, String label) {
    ValueMarker m = new ValueMarker(y, Color.DARK_GRAY, new BasicStroke(1f, BasicStroke.CAP_BUTT,
        BasicStroke.JOIN_ROUND, 10f, new float[] {2f, 3f}, 0f));
    m.setLabel(label);
    m.setLabelFont(TICK);
    m.setLabelPaint(Color.DARK_GRAY);
    m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
    m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
    return m;
  }

  /** A chart with title (and optional subtitle) on white, anti-aliased, legend at the bottom when asked. */
  static JFreeChart chart(String title, String subtitle, Plot plot, boolean legend) {
    JFreeChart c = new JFreeChart(title, TITLE, plot, legend);
    c.setBackgroundPaint(Color.WHITE);
    c.setAntiAlias(true);
    c.setTextAntiAlias(true);
    c.setPadding(new RectangleInsets(8, 8, 8, 16));
    if (subtitle != null) {
      TextTitle t = new TextTitle(subtitle, SUBTITLE);
      t.setPaint(Color.DARK_GRAY);
      c.addSubtitle(t);
    }
    LegendTitle l = c.getLegend();
    if (l != null) {
      l.setItemFont(LEGEND);
      l.setPosition(RectangleEdge.BOTTOM);
      l.setBackgroundPaint(Color.WHITE);
      l.setFrame(BlockBorder.NONE);
    }
    return c;
  }

  static void save(JFreeChart chart, Path file, int width, int height) throws IOException {
    ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
  }

  /** A number with 3 significant digits (plain for moderate magnitudes). */
  static String num(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    double a = Math.abs(v);
    return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.3g", v)
        : String.format(Locale.ROOT, "%.4g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
  }

  /** "v ± e" with e to two significant digits and v to the same decimal place, or just v when e is not finite. */
  static String pm(double v, double e) {
    if (!Double.isFinite(e)) {
      return num(v);
    }
    int decimals = e > 0 ? (int) Math.max(0, 1 - Math.floor(Math.log10(e))) : 3;
    if (decimals > 6 || Math.abs(v) >= 1e5 || e >= 1e5) {
      return num(v) + " ± " + num(e);
    }
    String f = "%." + decimals + "f";
    return String.format(Locale.ROOT, f, v) + " ± " + String.format(Locale.ROOT, f, e);
  }

  /** A finite value, or 0 (no error bar) for NaN errors. */
  static double err(double e) {
    return Double.isFinite(e) ? e : 0;
  }
}
