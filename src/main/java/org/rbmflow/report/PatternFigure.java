package org.rbmflow.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;
import org.rbmflow.report.ReportData.PatternRow;
import org.rbmflow.report.ReportData.PointRef;

/**
 * Eigenvectors of WWᵀ of each representative point drawn on the lattice (L×L in 2D, a 1×N_v strip in 1D; site
 * j = x + l·y, x to the right, y down), in a diverging colour map (blue &lt; 0 &lt; red, each pattern scaled to its
 * largest |component|: an eigenvector's sign is arbitrary). Non-random patterns (eigenvalue above the permutation
 * null of the weights, DESIGN §2) get a red frame and a red caption; every caption gives the eigenvalue's edge and
 * the pattern's Moran's I and p-value (its spatial order, not the decision). At most {@code maxPatterns} per point:
 * the non-random ones first, then the lowest ranks; shown in rank order.
 */
final class PatternFigure implements FigureKind {
  static final int HEADER = 64;
  private static final Color NEGATIVE = new Color(33, 102, 172);
  private static final Color POSITIVE = new Color(178, 24, 43);
  private static final Color FRAME = new Color(220, 0, 0);

  private final int maxPatterns;

  /** @param maxPatterns patterns drawn per point, ≥ 1 */
  PatternFigure(int maxPatterns) {
    if (maxPatterns < 1) {
      throw new IllegalArgumentException("maxPatterns = " + maxPatterns + "; expected ≥ 1");
    }
    this.maxPatterns = maxPatterns;
  }

  @Override
  public Section draw(ReportData data, Path dir) throws IOException {
    List<Figure> figures = new ArrayList<>();
    for (PointRef p : data.selection().representatives()) {
      String title = "Eigenvector patterns, " + p.lattice().label();
      List<PatternRow> all = data.patterns().stream().filter(x -> x.pointId().equals(p.pointId())).toList();
      if (all.isEmpty()) {
        figures.add(new Figure.Missing(title, "The representative point " + p.pointId() + " (" + p.label()
            + ") has no rows in the patterns table."));
        continue;
      }
      List<PatternRow> shown = shown(all, maxPatterns);
      Grid grid = Grid.of(p.dim(), shown.size());
      String file = "patterns_" + p.lattice().tag() + ".png";
      ImageIO.write(render(p, shown, grid), "png", dir.resolve(file).toFile());
      long nonrandomShown = shown.stream().filter(PatternRow::nonrandom).count();
      figures.add(new Figure.Image(title, file, grid.width(), grid.height(), "Eigenvectors of WWᵀ of the "
          + "representative point of " + p.lattice().label() + " (" + p.label() + ", point " + p.pointId()
          + ") reshaped to the " + (p.dim() == 2 ? p.l() + "×" + p.l() + " lattice" : "1×" + p.nV() + " ring")
          + " (site j = x + l·y; x to the right, y down), rank and eigenvalue above each. Blue negative, white zero, "
          + "red positive, each pattern scaled to its largest |component|. Red frame and red caption: non-random "
          + "pattern (its eigenvalue λ above the edge of the permutation null of the weights, and so every larger "
          + "one); the caption also gives the pattern's nearest-neighbour Moran's I and its permutation p-value, "
          + "a measure of spatial order that does not decide. " + p.nNonrandomPatterns()
          + " of " + p.nPatternsTested() + " tested patterns are non-random. Shown: " + shown.size() + " ("
          + nonrandomShown + " non-random), the non-random ones first, then the lowest ranks (--max-patterns "
          + maxPatterns + ")."));
    }
    if (figures.isEmpty()) {
      figures.add(new Figure.Missing("Eigenvector patterns", "No representative point (aggregate/optimal has no "
          + "rows with a matching non-failed point)."));
    }
    return new Section("Eigenvector patterns", figures);
  }

  /** The non-random patterns first, then the lowest ranks, at most {@code max}, in rank order. */
  static List<PatternRow> shown(List<PatternRow> all, int max) {
    Comparator<PatternRow> byRank = Comparator.comparingInt(PatternRow::rank);
    List<PatternRow> pick = new ArrayList<>(all.stream().filter(PatternRow::nonrandom).sorted(byRank).limit(max).toList());
    all.stream().filter(x -> !x.nonrandom()).sorted(byRank).limit(max - pick.size()).forEach(pick::add);
    pick.sort(byRank);
    return pick;
  }

  /** Panel layout: 4 columns of 225×255 px in 2D, one column of 900×120 px strips in 1D, under a header. */
  record Grid(int columns, int rows, int cellWidth, int cellHeight) {
    static Grid of(int dim, int n) {
      int columns = dim == 2 ? Math.min(4, n) : 1;
      int width = dim == 2 ? 225 : 900;
      return new Grid(columns, (n + columns - 1) / columns, width, dim == 2 ? 255 : 120);
    }

    int width() {
      return Math.max(ChartStyle.WIDTH, columns * cellWidth);
    }

    int height() {
      return HEADER + rows * cellHeight;
    }
  }

  private static BufferedImage render(PointRef p, List<PatternRow> shown, Grid grid) {
    BufferedImage img = new BufferedImage(grid.width(), grid.height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setPaint(Color.WHITE);
      g.fillRect(0, 0, grid.width(), grid.height());
      header(g, p, shown, grid.width());
      for (int i = 0; i < shown.size(); i++) {
        double x = (i % grid.columns()) * grid.cellWidth();
        double y = HEADER + (i / grid.columns()) * grid.cellHeight();
        panel(p, shown.get(i)).draw(g, new Rectangle2D.Double(x + 4, y + 4, grid.cellWidth() - 8, grid.cellHeight() - 8));
      }
    } finally {
      g.dispose();
    }
    return img;
  }

  private static void header(Graphics2D g, PointRef p, List<PatternRow> shown, int width) {
    g.setPaint(Color.BLACK);
    g.setFont(ChartStyle.TITLE);
    g.drawString("Eigenvector patterns of WWᵀ, " + p.lattice().label(), 12, 26);
    g.setFont(ChartStyle.SUBTITLE);
    g.setPaint(Color.DARK_GRAY);
    g.drawString(p.label() + "; " + p.nNonrandomPatterns() + " of " + p.nPatternsTested()
        + " non-random (red frame); " + shown.size() + " shown", 12, 48);
    int barX = width - 230;
    int barW = 200;
    g.setPaint(new GradientPaint(barX, 0, NEGATIVE, barX + barW / 2f, 0, Color.WHITE));
    g.fillRect(barX, 16, barW / 2, 14);
    g.setPaint(new GradientPaint(barX + barW / 2f, 0, Color.WHITE, barX + barW, 0, POSITIVE));
    g.fillRect(barX + barW / 2, 16, barW / 2, 14);
    g.setPaint(Color.GRAY);
    g.drawRect(barX, 16, barW, 14);
    g.setPaint(Color.DARK_GRAY);
    g.setFont(ChartStyle.TICK);
    g.drawString("−max|v|", barX - 4, 46);
    g.drawString("0", barX + barW / 2 - 3, 46);
    g.drawString("+max|v|", barX + barW - 40, 46);
  }

  private static JFreeChart panel(PointRef p, PatternRow row) {
    int w = p.dim() == 2 ? p.l() : p.nV();
    int h = p.dim() == 2 ? p.l() : 1;
    float[] v = row.pattern();
    double[][] xyz = new double[3][v.length];
    double max = 0;
    for (int j = 0; j < v.length; j++) {
      xyz[0][j] = j % w;
      xyz[1][j] = j / w;
      xyz[2][j] = v[j];
      max = Math.max(max, Math.abs(v[j]));
    }
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries("rank " + row.rank(), xyz);
    XYBlockRenderer r = new XYBlockRenderer();
    r.setBlockAnchor(RectangleAnchor.CENTER);
    r.setPaintScale(new Diverging(max > 0 ? max : 1));
    NumberAxis x = new NumberAxis();
    x.setRange(-0.5, w - 0.5);
    x.setVisible(false);
    NumberAxis y = new NumberAxis();
    y.setRange(-0.5, h - 0.5);
    y.setInverted(true);
    y.setVisible(false);
    XYPlot plot = new XYPlot(data, x, y, r);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    plot.setOutlinePaint(Color.GRAY);
    plot.setInsets(new RectangleInsets(2, 2, 2, 2));
    JFreeChart c = new JFreeChart("rank " + row.rank() + ", λ = " + ChartStyle.num(row.eigenvalue()),
        new Font(Font.SANS_SERIF, Font.BOLD, 13), plot, false);
    c.setBackgroundPaint(Color.WHITE);
    c.setAntiAlias(true);
    c.setTextAntiAlias(true);
    String edge = Double.isNaN(row.nullEdge()) ? "" : (row.nonrandom() ? "> " : "≤ ") + "edge "
        + ChartStyle.num(row.nullEdge()) + "; ";
    String stats = edge + "I = " + ChartStyle.num(row.moranI()) + ", p = " + ChartStyle.num(row.pValue());
    TextTitle caption = new TextTitle(row.nonrandom() ? "non-random, " + stats : stats,
        new Font(Font.SANS_SERIF, row.nonrandom() ? Font.BOLD : Font.PLAIN, 11));
    caption.setPaint(row.nonrandom() ? FRAME : Color.DARK_GRAY);
    c.addSubtitle(caption);
    c.setBorderVisible(true);
    c.setBorderPaint(row.nonrandom() ? FRAME : new Color(0xcccccc));
    c.setBorderStroke(new BasicStroke(row.nonrandom() ? 5f : 1f));
    c.setPadding(new RectangleInsets(4, 4, 4, 4));
    return c;
  }

  /** Blue (−max) → white (0) → red (+max), linear in each half. */
  private record Diverging(double max) implements PaintScale {
    @Override
    public double getLowerBound() {
      return -max;
    }

    @Override
    public double getUpperBound() {
      return max;
    }

    @Override
    public Paint getPaint(double value) {
      double t = Math.max(-1, Math.min(1, value / max));
      Color end = t < 0 ? NEGATIVE : POSITIVE;
      double a = Math.abs(t);
      return new Color(mix(255, end.getRed(), a), mix(255, end.getGreen(), a), mix(255, end.getBlue(), a));
    }

    private static int mix(int from, int to, double a) {
      return (int) Math.round(from + (to - from) * a);
    }
  }
}
