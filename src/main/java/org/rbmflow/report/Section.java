package org.rbmflow.report;

import java.util.List;

/** A heading of the report and the figures under it, in order. */
public record Section(String heading, List<Figure> figures) {
  public Section {
    figures = List.copyOf(figures);
  }
}
