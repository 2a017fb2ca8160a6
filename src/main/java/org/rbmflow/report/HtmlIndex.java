package org.rbmflow.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.rbmflow.aggregate.AggregateResult.Fit;
import org.rbmflow.aggregate.PowerLawFit;
import org.rbmflow.report.ReportData.StatusCounts;

/**
 * The report's {@code index.html}: title, sweep name, point counts per status, the {@code fits} table, then each
 * section's figures as {@code <img>} with a caption, or the sentence that replaces a figure without data.
 * Self-contained (inline CSS), with relative links to the PNGs beside it.
 */
public final class HtmlIndex {
  public static final String FILE = "index.html";

  private HtmlIndex() {}

  /** Writes {@code dir/index.html} and returns its path. */
  public static Path write(Path dir, ReportData data, List<Section> sections) throws IOException {
    StringBuilder h = new StringBuilder();
    String title = "rbmflow report: " + data.sweep();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(esc(title))
        .append("</title>\n<style>\n")
        .append("body{font-family:sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}\n")
        .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;")
        .append("text-align:right}th{background:#f3f3f3}td.text{text-align:left}\n")
        .append("figure{margin:2em 0}img{max-width:100%;height:auto;border:1px solid #eee}\n")
        .append("figcaption{font-size:.95em;color:#333}p.missing{color:#8a4b00}\n</style>\n</head>\n<body>\n");
    h.append("<h1>").append(esc(title)).append("</h1>\n");
    h.append("<p>Sweep <b>").append(esc(data.sweep())).append("</b>. Energies are per spin (J = 1); temperatures ")
        .append("in units of J/k<sub>B</sub>; error bars are one standard error over seeds.</p>\n");
    counts(h, data.counts());
    fits(h, data.fits());
    for (Section s : sections) {
      h.append("<h2>").append(esc(s.heading())).append("</h2>\n");
      for (Figure f : s.figures()) {
        if (f instanceof Figure.Image i) {
          h.append("<figure>\n<img src=\"").append(esc(i.file())).append("\" width=\"").append(i.width())
              .append("\" height=\"").append(i.height()).append("\" alt=\"").append(esc(i.title()))
              .append("\">\n<figcaption><b>").append(esc(i.title())).append(".</b> ").append(esc(i.caption()))
              .append("</figcaption>\n</figure>\n");
        } else if (f instanceof Figure.Missing m) {
          h.append("<p class=\"missing\"><b>").append(esc(m.title())).append(":</b> ").append(esc(m.reason()))
              .append("</p>\n");
        }
      }
    }
    h.append("</body>\n</html>\n");
    Path index = dir.resolve(FILE);
    Files.writeString(index, h, StandardCharsets.UTF_8);
    return index;
  }

  private static void counts(StringBuilder h, StatusCounts c) {
    h.append("<h2>Points</h2>\n<table>\n<tr><th>all</th><th>OK</th><th>NOT_CONVERGED</th><th>FAILED</th></tr>\n")
        .append("<tr><td>").append(c.total()).append("</td><td>").append(c.ok()).append("</td><td>")
        .append(c.notConverged()).append("</td><td>").append(c.failed()).append("</td></tr>\n</table>\n");
  }

  private static void fits(StringBuilder h, List<Fit> fits) {
    h.append("<h2>Fits: minimal energy = e0 + a·N<sub>temp</sub><sup>b</sup></h2>\n");
    if (fits.isEmpty()) {
      h.append("<p class=\"missing\">aggregate/fits has no rows.</p>\n");
      return;
    }
    h.append("<table>\n<tr><th>dim</th><th>L</th><th>N<sub>v</sub></th><th>e0</th><th>a</th><th>b</th>")
        .append("<th>N<sub>temp</sub> ≥</th><th>points</th><th>χ²</th><th>dof</th><th>weighted</th>")
        .append("<th>status</th><th>reason</th></tr>\n");
    fits.stream().sorted(Comparator.comparing(LatticeKey::of)).forEach(f -> {
      PowerLawFit p = f.fit();
      h.append("<tr><td>").append(f.dim()).append("</td><td>").append(f.l()).append("</td><td>").append(f.nV())
          .append("</td><td>").append(esc(ChartStyle.num(f.e0()))).append("</td><td>")
          .append(p == null ? "–" : esc(ChartStyle.pm(p.a(), p.aErr()))).append("</td><td>")
          .append(p == null ? "–" : esc(ChartStyle.pm(p.b(), p.bErr()))).append("</td><td>").append(f.nTempMin())
          .append("</td><td>").append(f.nPoints()).append("</td><td>").append(p == null ? "–" : esc(ChartStyle.num(p.chi2())))
          .append("</td><td>").append(p == null ? 0 : p.dof()).append("</td><td>")
          .append(p != null && p.weighted() ? "yes" : "no").append("</td><td class=\"text\">")
          .append(f.ok() ? "OK" : "NO_FIT").append("</td><td class=\"text\">")
          .append(f.reason() == null ? "" : esc(f.reason())).append("</td></tr>\n");
    });
    h.append("</table>\n");
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
