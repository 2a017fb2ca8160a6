package org.rbmflow.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws the report of a sweep into a local directory: the PNG figures of every {@link FigureKind} (flows, fixed
 * point vs N_h/N_v, minimal energy and its fit, spectra, patterns, random fraction) and {@code index.html}. Runs
 * headless.
 */
public final class Report {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  /**
   * What was written.
   *
   * @param index    the {@code index.html}
   * @param sections the figures per section, drawn or replaced by a sentence
   */
  public record Result(Path index, List<Section> sections) {
    /** File names of the PNGs written. */
    public List<String> images() {
      return sections.stream().flatMap(s -> s.figures().stream())
          .filter(f -> f instanceof Figure.Image).map(f -> ((Figure.Image) f).file()).toList();
    }
  }

  private Report() {}

  /**
   * Writes the figures and {@code index.html} into {@code dir} (created if absent).
   *
   * @param maxPatterns eigenvector patterns drawn per representative point, ≥ 1
   */
  public static Result write(ReportData data, int maxPatterns, Path dir) throws IOException {
    return write(data, maxPatterns, List.of(), dir);
  }

  /** As {@link #write(ReportData, int, Path)}, with the (T, H) maps of lattices trained at several fields. */
  public static Result write(ReportData data, int maxPatterns, List<HeatMap> heatMaps, Path dir) throws IOException {
    Files.createDirectories(dir);
    List<FigureKind> kinds = List.of(new FlowFigure(), new FixedPointFigure(), new MinimalEnergyFigure(),
        new SpectrumFigure(), new PatternFigure(maxPatterns), new RandomFractionFigure(), new HeatMapFigure(heatMaps),
        new TrainingFigure());
    List<Section> sections = new ArrayList<>();
    for (FigureKind k : kinds) {
      sections.add(k.draw(data, dir));
    }
    return new Result(HtmlIndex.write(dir, data, sections), sections);
  }
}
